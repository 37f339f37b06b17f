"""The file mkdocs and mkdocs-macros load by path: it (re)loads the ``macros`` package.

Both load this file again on every rebuild under ``mkdocs serve``, but Python keeps an
imported package for the life of the process. So when any module or template of the
package changed since it was imported, drop it and import it afresh: an edit to
``macros/`` takes effect at the next rebuild, as an edit to ``data/`` does.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE.parent) not in sys.path:
    sys.path.insert(0, str(_HERE.parent))


def _newest_change() -> float:
    return max(p.stat().st_mtime for p in _HERE.rglob("*") if p.suffix in {".py", ".html"})


_loaded = sys.modules.get("macros")
if _loaded is not None and getattr(_loaded, "_imported_at", 0.0) < _newest_change():
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
macros = importlib.import_module("macros")
if not hasattr(macros, "_imported_at"):
    macros._imported_at = _newest_change()  # type: ignore[attr-defined]

define_env = macros.define_env
on_pre_page_macros = macros.on_pre_page_macros
on_post_page_macros = macros.on_post_page_macros
on_post_build = macros.on_post_build
on_files = macros.on_files
