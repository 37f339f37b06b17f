"""The MkDocs hooks file (``hooks:`` in mkdocs.yml): the MkDocs events of ``macros.wiring``.

MkDocs loads this file by its path, not as part of the package, so the folder that holds
``macros/`` is put on ``sys.path`` first, as mkdocs-macros does for ``module_name``. Both
then share the one ``macros`` package, and so one build's state.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.wiring import (  # noqa: E402
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_startup",
]
