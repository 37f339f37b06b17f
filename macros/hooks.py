"""The mkdocs hooks file: loads the ``macros`` package through entry.py and adds its pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

_spec = importlib.util.spec_from_file_location("macros_entry", Path(__file__).with_name("entry.py"))
if _spec is None or _spec.loader is None:
    raise ImportError("macros/entry.py must sit beside macros/hooks.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))


def on_files(files: Any, config: Any) -> Any:
    """Look the package up at call time: mkdocs-macros may have reloaded it since this file
    was loaded (entry.py reloads it when a module changed), and the catalog lives there."""
    return sys.modules["macros"].on_files(files, config)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The theme's environment, kept from one build to the next (looked up at call time)."""
    return sys.modules["macros"].on_env(env, config, files)


def on_post_page(output: str, page: Any, config: Any) -> Any:
    """A record page's schema.org JSON-LD, put in its head (looked up at call time, too)."""
    return sys.modules["macros"].on_post_page(output, page, config)
