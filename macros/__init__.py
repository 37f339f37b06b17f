"""The mkdocs wiring, and the only module that knows mkdocs.

mkdocs-macros calls ``define_env`` (data checked, macros registered, data files made), the
page hooks, and ``on_post_build`` (the data files written into site/data/); mkdocs calls
``on_files`` (a page for every record), ``on_env`` (the theme's templates kept from build to
build) and ``on_post_page`` (each record page's schema.org JSON-LD in its head) through
``macros/hooks.py`` and ``macros/entry.py``.
All the work happens in the modules below; this file only connects them to mkdocs.

Two environment variables: ``BRIEFING_PAGE_ITEMS`` (default 300) is the most entries a list
shows on one page before the timeline is cut into parts (chronology.py); and
``BRIEFING_DUMP_MARKDOWN=DIR`` writes every page's final Markdown into DIR, for the build
benchmark (bench/build.py). Under ``mkdocs serve --dirty`` (``make serve``), ``on_files``
marks which pages an edit changed (incremental.py).
"""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

# mkdocs, Jinja and the renderer are imported inside the hooks, so that the editor's
# command `python -m macros check`, which imports this package first, stays quick.
if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .catalog import Catalog
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
    from . import export, export_history, load
    from .problems import summary
    from .render import Renderer
    from .views import MACROS, Views

    folder = data_folder(env.conf)
    built, problems = catalogs.build(load.load(folder))
    if problems or built is None:
        report = "\n".join(map(str, problems))
        raise PluginError(f"the briefing's data has problems:\n{report}\n{summary(problems)}")
    renderer = Renderer(built)
    # The data files are made here, before any page, so the Data page can give their sizes.
    downloads = export.downloads(built, export_history.read(folder, built))
    views = Views(built, renderer, downloads, _page_items())
    # Material prints site_name unescaped in several places: it comes from data, so escape it.
    env.conf["site_name"] = html.escape(views.briefing.title)
    env.conf["site_description"] = html.escape(views.briefing.subtitle)
    _build.update(catalog=built, renderer=renderer, page=None, errors=[], downloads=downloads)
    _build["parts"] = views.timeline_parts
    # `mkdocs serve` watches config.watch once the first build is done; mkdocs.yml names
    # data/, so add the folder BRIEFING_DATA chose, which may lie anywhere.
    if folder.resolve() not in {Path(p).resolve() for p in env.conf["watch"]}:
        env.conf["watch"].append(str(folder))
    _build["macros"] = {name: _macro(views, name) for name in MACROS}
    for name, call in _build["macros"].items():
        env.macro(call, name)


#: The most entries a list shows on one page (chronology.PAGE_ITEMS unless this says).
PAGE_ITEMS = "BRIEFING_PAGE_ITEMS"


def _page_items() -> int:
    from mkdocs.exceptions import PluginError

    from .chronology import PAGE_ITEMS as DEFAULT

    value = os.environ.get(PAGE_ITEMS, str(DEFAULT))
    if not value.isdigit() or int(value) < 1:
        raise PluginError(f"{PAGE_ITEMS} must be a whole number, at least 1 (got {value!r})")
    return int(value)


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
    """Start a page; a generated page's one macro call is made here, directly.

    A generated page is a single call (pages.py). Calling it here, and marking the page
    ``render_macros: false`` for mkdocs-macros, saves compiling each of thousands of pages
    as a Jinja template only to make that one call; the mark is taken off again after.
    """
    source = env.page.file.src_uri
    _build["page"] = _build["renderer"].page(source)
    _build["errors"] = []
    generated = _build.get("generated", {}).get(source)
    if generated is not None:
        call = _build["macros"][generated.macro]
        env.markdown = call(*generated.args, **generated.kwargs)
        env.page.meta[_RENDER_MACROS] = False


def on_post_page_macros(env: Any) -> None:
    """End every page with the sources it cited; stop the build on a wrong macro call."""
    from mkdocs.exceptions import PluginError

    if _build["errors"]:
        raise PluginError("\n".join(_build["errors"]))
    if env.page.file.src_uri in _build.get("generated", {}):
        env.page.meta.pop(_RENDER_MACROS, None)
    page: Page = _build["page"]
    if page.cited:
        env.markdown = (
            env.markdown.rstrip() + "\n\n" + _build["renderer"].macro("sources", "cited", page)
        )
    dump = os.environ.get(DUMP_MARKDOWN)
    if dump:
        dump_markdown(Path(dump), env.page.file.src_uri, env.page.meta, env.markdown)


#: The page variable that tells mkdocs-macros to leave a page's text as it is.
_RENDER_MACROS = "render_macros"
#: Names a folder to write every page's final Markdown into (bench/build.py sets it).
DUMP_MARKDOWN = "BRIEFING_DUMP_MARKDOWN"


def dump_markdown(folder: Path, src_uri: str, meta: dict[str, Any], markdown: str) -> None:
    """Write a page as plain Markdown, macros rendered and sources appended, to
    ``folder/<src_uri>``, with its front matter: plain mkdocs-material can then build the
    same pages without this package, the benchmark's yardstick for our overhead."""
    import yaml

    front = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False) if meta else ""
    target = folder / src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((f"---\n{front}---\n\n" if front else "") + markdown, encoding="utf-8")


def on_files(files: Files, config: Any) -> Files:
    """Add a page for every record and collection that docs/ does not already have."""
    from mkdocs.structure.files import File

    from . import pages

    _build["generated"] = {}
    for page in pages.generated(_build["catalog"], _build["parts"]):
        if files.get_file_from_path(page.path) is None:
            files.append(File.generated(config, page.path, content=page.markdown))
            _build["generated"][page.path] = page
    _mark_rebuilt(files, config)
    return files


def _mark_rebuilt(files: Files, config: Any) -> None:
    """Tell a dirty build (`make serve`) which pages an edit changed (incremental.py).

    Only ``mkdocs build --dirty`` and ``mkdocs serve --dirty`` ask ``is_modified()``; a
    full build builds every page whatever it says. The snapshot becomes the next build's
    "before" only once this build has finished, so a failed build is followed by a full one.
    """
    from . import incremental

    now = incremental.snapshot(
        _build["catalog"], Path(config.docs_dir), Path(config.config_file_path or "mkdocs.yml")
    )
    wanted = incremental.rebuild(_build.pop("previous", None), now)
    for file in files.documentation_pages():
        page = _build["generated"].get(file.src_uri)
        again = incremental.again(page, wanted, _build["catalog"], _build["parts"])
        # mkdocs asks the File; an instance's own answer replaces its modification time.
        file.is_modified = functools.partial(bool, again)  # type: ignore[method-assign]
    search = config.plugins.get("material/search")
    before = getattr(search, "search_index_prev", None)
    _build["snapshot"] = now
    _build["search"] = (search, before.entries) if before is not None else None


def on_post_build(env: Any) -> None:
    """Write the data files (briefing.json, the CSVs, the calendar, the feed) into site/data/.

    mkdocs-macros calls this module-level hook after mkdocs has written every page; it is
    the one place the files are written in a build (``python -m macros export`` writes the
    same bytes elsewhere).
    """
    from . import export, incremental

    export.write(Path(env.conf["site_dir"]) / export.FOLDER, _build["downloads"])
    if _build.get("search"):
        search, before = _build.pop("search")
        index = Path(env.conf["site_dir"]) / "search" / "search_index.json"
        index.write_text(incremental.search_index(search, before), encoding="utf-8")
    _build["previous"] = _build.pop("snapshot", None)


#: The theme's Jinja environment of the last build, by theme folders and language.
_themes: dict[tuple[tuple[str, ...], str], Any] = {}


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Keep the theme's environment, and so its compiled templates, from build to build.

    ``mkdocs serve`` loads mkdocs.yml again before each build, and with it a new theme whose
    environment compiles Material's templates afresh: about a third of a second each time.
    The environment holds only the theme's templates and mkdocs' filters; the
    configuration, the nav and the page reach the templates in each render's context. The
    templates do not change under a running server: Material's are installed, and an edit
    to ours in macros/theme/ reloads this package, which forgets the kept environment.
    When another plugin handles ``on_env`` too (Material's blog, tags or privacy plugins
    do), nothing is kept: it may change the environment for each build.
    """
    if len(config.plugins.events["env"]) > 1:  # another plugin may change it for each build
        _themes.clear()
        return env
    key = (tuple(str(d) for d in config.theme.dirs), str(config.theme.locale))
    kept = _themes.get(key)
    if kept is None:
        _themes.clear()
        kept = _themes[key] = env
    return kept


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put a record page's schema.org JSON-LD (jsonld.py) at the end of its ``<head>``.

    Not in the content: Material's instant navigation re-creates every script element in
    the content from its text alone, so a JSON-LD block there would be run as JavaScript
    (and refused by the Content-Security-Policy). Nothing from data can contain
    ``</head>`` unescaped, so the first one is the head's own.
    """
    from . import jsonld, urls

    built: Catalog | None = _build.get("catalog")
    source = page.file.src_uri
    entry = built.get(source.rpartition("/")[2].removesuffix(".md")) if built else None
    if built is None or entry is None or urls.record_page(entry.collection, entry.id) != source:
        return output
    renderer = _build["renderer"]
    script = renderer.macro("jsonld", "script", renderer.page(source), jsonld.graph(built, entry))
    return output.replace("</head>", script + "</head>", 1)
