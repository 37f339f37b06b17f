"""The mkdocs wiring, and the only module that knows mkdocs.

mkdocs-macros calls ``define_env`` (data checked, macros registered) and the page hooks;
mkdocs calls ``on_files`` through ``macros/entry.py`` to add a page for every record.
All the work happens in the modules below; this file only connects them to mkdocs.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

# mkdocs, Jinja and the renderer are imported inside the hooks, so that the editor's
# command `python -m macros check`, which imports this package first, stays quick.
if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .render import Page

_build: dict[str, Any] = {}


def data_folder(config: Any) -> Path:
    """The briefing's data folder: ``extra.data_dir`` of mkdocs.yml, beside that file."""
    root = Path(config.config_file_path or ".").parent
    return root / str(config.extra.get("data_dir") or "data")


def define_env(env: Any) -> None:
    """Check the data (every problem, or no build), then register every macro."""
    from mkdocs.exceptions import PluginError

    from . import catalog as catalogs
    from . import load
    from .problems import summary
    from .render import Renderer
    from .views import MACROS, Views

    folder = data_folder(env.conf)
    built, problems = catalogs.build(load.load(folder))
    if problems or built is None:
        report = "\n".join(map(str, problems))
        raise PluginError(f"the briefing's data has problems:\n{report}\n{summary(problems)}")
    renderer = Renderer(built)
    views = Views(built, renderer)
    # Material prints site_name unescaped in several places: it comes from data, so escape it.
    env.conf["site_name"] = html.escape(views.briefing.title)
    env.conf["site_description"] = html.escape(views.briefing.subtitle)
    _build.update(catalog=built, renderer=renderer, page=None, errors=[])
    for name in MACROS:
        env.macro(_macro(views, name), name)


def _macro(views: Any, name: str) -> Any:
    from .views import MacroError

    method = getattr(views, name)

    def call(*args: Any, **kwargs: Any) -> str:
        page: Page = _build["page"]
        try:
            return str(method(page, *args, **kwargs))
        except MacroError as error:
            _build["errors"].append(f"{page.source}: {error}")
            return ""

    call.__doc__ = method.__doc__
    return call


def on_pre_page_macros(env: Any) -> None:
    _build["page"] = _build["renderer"].page(env.page.file.src_uri)
    _build["errors"] = []


def on_post_page_macros(env: Any) -> None:
    """End every page with the sources it cited; stop the build on a wrong macro call."""
    from mkdocs.exceptions import PluginError

    if _build["errors"]:
        raise PluginError("\n".join(_build["errors"]))
    page: Page = _build["page"]
    if page.cited:
        env.markdown = (
            env.markdown.rstrip() + "\n\n" + _build["renderer"].macro("sources", "cited", page)
        )


def on_files(files: Files, config: Any) -> Files:
    """Add a page for every record and collection that docs/ does not already have."""
    from mkdocs.structure.files import File

    from . import pages

    for path, content in pages.generated(_build["catalog"]):
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    return files
