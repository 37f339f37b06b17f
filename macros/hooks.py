"""The mkdocs hooks file: loads the ``macros`` package through entry.py and adds its pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("macros_entry", Path(__file__).with_name("entry.py"))
assert _spec and _spec.loader  # noqa: S101 — entry.py sits beside this file
_entry = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_entry)

on_files = _entry.on_files
