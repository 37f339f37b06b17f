"""The wiring: the one module that knows MkDocs and mkdocs-macros, through their public APIs.

mkdocs-macros calls ``define_env`` (the data checked, the macros registered, the data files
made), ``on_pre_page_macros`` and ``on_post_page_macros`` around every page, and
``on_post_build`` (the data files written into site/data/). MkDocs calls, through the hooks
file ``macros/hooks.py``, ``on_startup`` (which command runs), ``on_files`` (a page for
every record), ``on_env`` (the theme's compiled templates kept between builds) and
``on_page_content`` (a generated page's HTML put back after Python-Markdown, which saw only
its headings: site/passthrough.py) and ``on_page_context`` (a record page's JSON-LD, for the
theme's head). All the work happens in the sub-packages; this module only connects them to
MkDocs.

A build of data with problems fails with every problem listed. Under ``mkdocs serve`` it
does not: the site is built without the record pages, and every page (the 404 page too)
shows the problems in a banner, until a save fixes them.

One environment variable: ``BRIEFING_PAGE_ITEMS`` (default 300) is the most entries a list
shows on one page before the timeline is cut into parts (site/timeline.py).
"""

from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import settings
from .export import history, publish, text
from .facts import load, urls
from .facts.catalog import Catalog
from .facts.checking import check
from .facts.model import COLLECTIONS
from .facts.problems import summary
from .site import jsonld, pages, passthrough, timeline
from .site.pages import Generated
from .site.render import COMPILED, Page, Renderer
from .site.views import MACROS, MacroError, Views

#: The most entries a list shows on one page (site/timeline.PAGE_ITEMS unless this says).
PAGE_ITEMS = "BRIEFING_PAGE_ITEMS"
#: The page variable that tells mkdocs-macros to leave a page's text as it is.
RENDER_MACROS = "render_macros"
#: Where the theme finds the problems to show in its banner (site/theme/main.html).
PROBLEMS = "briefing_problems"
#: Where the theme's footer finds the publisher, authors and licence (partials/copyright.html).
IDENTITY = "briefing_identity"
#: What a page says, under ``mkdocs serve``, while the data has problems.
NOT_BUILT = (
    "This page is built again as soon as the data has no problems: fix those listed above and save."
)


@dataclass
class Build:
    """What one build knows: the checked briefing and what each page is rendering."""

    catalog: Catalog | None = None
    renderer: Renderer | None = None
    downloads: list[publish.Download] = field(default_factory=list)
    parts: list[timeline.TimelinePart] = field(default_factory=list)
    macros: dict[str, Any] = field(default_factory=dict)
    generated: dict[str, Generated] = field(default_factory=dict)
    #: The HTML of each generated page, held out of Python-Markdown (site/passthrough.py)
    #: from the end of its macros until its content is converted.
    held: dict[str, passthrough.Held] = field(default_factory=dict)
    page: Page | None = None
    errors: list[str] = field(default_factory=list)


#: MkDocs' logger for plugins, so that the messages carry the plugin's name.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")
#: The command MkDocs runs ("build", "gh-deploy" or "serve"), from ``on_startup``.
_command = ["build"]
_build = Build()


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: only ``serve`` shows data problems in pages instead of failing."""
    _command[0] = command


def data_folder(config: Any) -> Path:
    """The briefing's data folder: ``BRIEFING_DATA``, else ``extra.data_dir`` of mkdocs.yml,
    beside that file (settings.py, which the commands share)."""
    root = Path(config.config_file_path or ".").parent
    return settings.choose_data_dir(config.extra.get("data_dir"), root)


def define_env(env: Any) -> None:
    """Check the data (every problem, or no build), then register every macro."""
    global _build
    folder = data_folder(env.conf)
    # `mkdocs serve` watches config.watch: add the data folder, which may lie anywhere.
    if folder.resolve() not in {Path(p).resolve() for p in env.conf["watch"]}:
        env.conf["watch"].append(str(folder))
    # SITE_URL, not config.site_url, which `mkdocs serve` sets to its own address
    checked = check(folder, settings.site_url())
    if not checked.ok or checked.catalog is None:
        report = "\n".join(map(str, checked.problems))
        counted = summary(checked.problems, load.display(folder))
        message = f"the briefing's data has problems:\n{report}\n{counted}"
        if _command[0] != "serve":
            raise PluginError(message)
        log.warning(message)  # in the terminal too, as every page shows it
        _build = Build()
        env.conf["extra"][PROBLEMS] = {
            "lines": [str(problem) for problem in checked.problems],
            "summary": counted,
        }
        return
    built = checked.catalog
    renderer = Renderer(built)
    # The data files are made here, before any page, so the Data page can give their sizes.
    downloads = publish.downloads(built, history.read(folder, built))
    views = Views(built, renderer, downloads, _page_items())
    # Material prints site_name unescaped in several places: it comes from data, so escape it.
    env.conf["site_name"] = html.escape(views.briefing.title)
    env.conf["site_description"] = html.escape(views.briefing.subtitle)
    env.conf["extra"][IDENTITY] = views.briefing.model_dump(
        include={"publisher", "authors", "license", "repository"}
    )
    # The address from briefing.yml when SITE_URL gives none: the sitemap lists every page,
    # and every page has its canonical link.
    if views.briefing.url and not env.conf["site_url"]:
        env.conf["site_url"] = text.base_url(views.briefing)
    _build = Build(
        catalog=built,
        renderer=renderer,
        downloads=downloads,
        parts=list(views.timeline_parts),
    )
    _build.macros = {name: _macro(views, name) for name in MACROS}
    for name, call in _build.macros.items():
        env.macro(call, name)


def _page_items() -> int:
    value = os.environ.get(PAGE_ITEMS, str(timeline.PAGE_ITEMS))
    if not value.isdigit() or int(value) < 1:
        raise PluginError(f"{PAGE_ITEMS} must be a whole number, at least 1 (got {value!r})")
    return int(value)


def _macro(views: Views, name: str) -> Any:
    method = getattr(views, name)

    def call(*args: Any, **kwargs: Any) -> str:
        page = _build.page
        assert page is not None  # noqa: S101 — set by on_pre_page_macros before any call
        try:
            return str(method(page, *args, **kwargs))
        except MacroError as error:
            _build.errors.append(f"{page.source}: {error}")
            return ""

    call.__doc__ = method.__doc__
    return call


def on_pre_page_macros(env: Any) -> None:
    """Start a page; a generated page's one macro call is made here, directly.

    A generated page is a single call (site/pages.py). Calling it here, and marking the page
    ``render_macros: false`` for mkdocs-macros, saves compiling each of thousands of pages
    as a Jinja template only to make that one call; the mark is taken off again after.
    """
    if _build.renderer is None:  # serve, with data problems: the banner says what they are
        env.markdown = NOT_BUILT
        env.page.meta[RENDER_MACROS] = False
        return
    source = env.page.file.src_uri
    _build.page = _build.renderer.page(source)
    _build.errors = []
    generated = _build.generated.get(source)
    if generated is not None:
        call = _build.macros[generated.macro]
        env.markdown = call(*generated.args, **generated.kwargs)
        env.page.meta[RENDER_MACROS] = False


def on_post_page_macros(env: Any) -> None:
    """End every page with the sources it cited; stop the build on a wrong macro call."""
    if _build.renderer is None:
        env.page.meta.pop(RENDER_MACROS, None)
        return
    if _build.errors:
        raise PluginError("\n".join(_build.errors))
    if env.page.file.src_uri in _build.generated:
        env.page.meta.pop(RENDER_MACROS, None)
    page = _build.page
    if page is not None and page.cited:
        env.markdown = (
            env.markdown.rstrip() + "\n\n" + _build.renderer.macro("sources", "cited", page)
        )
    source = env.page.file.src_uri
    if source in _build.generated:
        held = _build.held[source] = passthrough.hold(env.markdown)
        env.markdown = held.text


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Put a generated page's HTML back where Python-Markdown saw only its marks."""
    held = _build.held.pop(page.file.src_uri, None)
    return held.restore(html) if held is not None else html


def page_markdown(source: str, markdown: str) -> str:
    """A page's Markdown as MkDocs is given it, with any HTML held aside put back in: the
    text a plain MkDocs build would have to convert (the build benchmark's yardstick)."""
    held = _build.held.get(source)
    return held.markdown() if held is not None and held.text == markdown else markdown


def on_files(files: Files, config: Any) -> Files:
    """Add a page for every record and collection that docs/ does not already have."""
    _build.generated = {}
    _build.held = {}
    if _build.catalog is None:  # serve, with data problems: the nav's indexes say so too
        for collection in COLLECTIONS:
            path = urls.collection_page(collection)
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=NOT_BUILT))
        return files
    for page in pages.generated(_build.catalog, _build.parts):
        if files.get_file_from_path(page.path) is None:
            files.append(File.generated(config, page.path, content=page.markdown))
            _build.generated[page.path] = page
    return files


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Let the theme's Jinja environment keep its compiled templates from build to build
    (``site.render.COMPILED``): under ``mkdocs serve`` every rebuild makes a new one."""
    env.bytecode_cache = COMPILED
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Give a record page's template its schema.org JSON-LD (site/jsonld.py) for ``<head>``.

    Not in the content: Material's instant navigation re-creates every script element in
    the content from its text alone, so a JSON-LD block there would be run as JavaScript
    (and refused by the Content-Security-Policy). site/theme/main.html puts it in the head.
    """
    built, renderer = _build.catalog, _build.renderer
    if built is None or renderer is None:
        return context
    source = page.file.src_uri
    entry = built.get(source.rpartition("/")[2].removesuffix(".md"))
    if entry is not None and urls.record_page(entry.collection, entry.id) == source:
        graph = jsonld.graph(built, entry)
        context["briefing_jsonld"] = renderer.macro(
            "jsonld", "script", renderer.page(source), graph
        )
    return context


def on_post_build(env: Any) -> None:
    """Write the data files (briefing.json, the CSVs, the calendar, the feed) into site/data/.

    mkdocs-macros calls this after MkDocs has written every page; it is the one place the
    files are written in a build (``python -m macros export`` writes the same bytes
    elsewhere). A serve build of data with problems writes none.
    """
    if _build.catalog is not None:
        publish.write(Path(env.conf["site_dir"]) / publish.FOLDER, _build.downloads)
