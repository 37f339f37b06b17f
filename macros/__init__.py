"""The briefing generator: YAML fact files in, a cross-linked static site out.

The sub-packages are its rooms (README.md, "Layout"): ``facts`` (the domain: dates, models,
loading, problems, the catalog and its rules), ``site`` (the pages, through Jinja),
``export`` (the open data), ``diff`` (two versions compared), ``cli`` (the commands) and
``wiring`` (the one module that knows MkDocs).

mkdocs-macros loads this package (``module_name: macros`` in mkdocs.yml) and looks up the
four functions it calls by name. They live in ``wiring`` and are imported only when asked
for, so that ``python -m macros check`` never imports MkDocs.
"""

from __future__ import annotations

from typing import Any

#: What mkdocs-macros calls, all found in ``macros.wiring``.
MKDOCS_MACROS_HOOKS = ("define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build")


def __getattr__(name: str) -> Any:
    if name in MKDOCS_MACROS_HOOKS:
        from . import wiring

        return getattr(wiring, name)
    raise AttributeError(f"module 'macros' has no attribute {name!r}")
