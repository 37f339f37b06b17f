"""The wiring: the one module that knows MkDocs and mkdocs-macros, through their public APIs.

mkdocs-macros calls ``define_env`` (the data checked, the macros registered, the data files
made), ``on_pre_page_macros`` and ``on_post_page_macros`` around every page, and
``on_post_build`` (the data files written into site/data/, the web editor into site/admin/;
the search index in site/pagefind/ waited for).
MkDocs calls, through the hooks file ``macros/hooks.py``, ``on_config`` (the theme's
polyfills served from the site; Pagefind's search unless Material's is on), ``on_startup``
(which command runs), ``on_files`` (a page for every record, the worker that renders
them ahead of MkDocs, site/ahead.py; the search index started), ``on_env`` (the theme's
compiled templates kept between builds; the worker stopped and the search index written
while the pages are), ``on_page_content`` (a
generated page's HTML put back after Python-Markdown, which saw only its headings,
site/passthrough.py; then every page's HTML through the sanitiser, site/sanitise.py; and
each page handed to the search index, site/search.py and site/pagefind.py) and
``on_page_context`` (a page's description, a record page's JSON-LD and edit link), and
``on_build_error`` (the worker and the search index of a build that stopped, stopped).
All the work happens in the sub-packages; this module only connects them to MkDocs.

A build of data with problems fails with every problem listed. Under ``mkdocs serve`` it
does not: the site is built without the record pages, and every page (the 404 page too)
shows the problems in a banner, until a save fixes them.

One environment variable: ``BRIEFING_PAGE_ITEMS`` (default 300) is the most entries a list
shows on one page before the timeline is cut into parts (site/timeline.py).
"""

from __future__ import annotations

import gc
import html
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import cms, settings
from .export import history, publish, text
from .facts import load, urls
from .facts.catalog import Catalog
from .facts.checking import check
from .facts.model import COLLECTIONS
from .facts.problems import summary
from .site import ahead, jsonld, meta, offline, pages, passthrough, sanitise, search, timeline
from .site.editing import Editing
from .site.pagefind import Indexer, SearchError
from .site.pages import Generated
from .site.render import COMPILED, Page, Renderer
from .site.views import MACROS, MacroError, Views

#: The most entries a list shows on one page (site/timeline.PAGE_ITEMS unless this says).
PAGE_ITEMS = "BRIEFING_PAGE_ITEMS"
#: The page variable that tells mkdocs-macros to leave a page's text as it is.
RENDER_MACROS = "render_macros"
#: Where the theme finds the problems to show in its banner (site/theme/main.html).
PROBLEMS = "briefing_problems"
#: Our copy of the iframe-worker shim (site/theme/assets/javascripts/, pinned in its header).
SHIM = "assets/javascripts/iframe-worker-shim.js"
#: The inline scripts a page's policy allows, by hash (site/offline.py, theme/main.html).
CSP_SCRIPTS = "briefing_csp_scripts"
#: Where the theme's footer finds the publisher, authors and licence (partials/copyright.html).
IDENTITY = "briefing_identity"
#: Where the theme finds our search worker (site/search.py), set when Pagefind serves the
#: search: in every build but one to read from disk, which keeps Material's own search.
SEARCH = "briefing_search"
#: Our search worker, which speaks Material's worker protocol and asks Pagefind.
SEARCH_WORKER = "assets/javascripts/search.js"
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
    #: The briefing's own logo and favicon: where the site serves each, and its file.
    images: dict[str, Path] = field(default_factory=dict)
    #: The Pagefind index being made, page by page, when Pagefind serves the search.
    indexer: Indexer | None = None
    #: The worker process rendering the generated pages ahead of MkDocs (site/ahead.py).
    ahead: ahead.Ahead[tuple[passthrough.Held, list[str]]] | None = None


#: MkDocs' logger for plugins, so that the messages carry the plugin's name.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")
#: The command MkDocs runs ("build", "gh-deploy" or "serve"), from ``on_startup``.
_command = ["build"]
_build = Build()


def on_config(config: Any) -> Any:
    """Serve the theme's polyfills from the site itself: the offline build's iframe-worker
    shim (for search read from disk) is our pinned copy, not a request to unpkg.com."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        SHIM if "iframe-worker" in str(script) else script for script in polyfills
    ]
    material_search = config.plugins.get("material/search")
    if material_search is None or not material_search.config.enabled:
        config.extra[SEARCH] = SEARCH_WORKER
    return config


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: only ``serve`` shows data problems in pages instead of failing."""
    _command[0] = command


def data_folder(config: Any) -> Path:
    """The briefing's data folder: ``BRIEFING_DATA``, else ``extra.data_dir`` of mkdocs.yml,
    beside that file (settings.py, which the commands share)."""
    root = Path(config.config_file_path or ".").parent
    return settings.choose_data_dir(config.extra.get("data_dir"), root)


def define_env(env: Any) -> None:
    """Check the data (every problem, or no build), then register every macro.

    What is made here lasts the whole build (the checked briefing, the renderer, the data
    files, and the imports before it): it is frozen out of the cyclic garbage collector's
    reach (``gc.freeze``), so that the collections the pages' work sets off do not walk it
    again and again (a tenth of a second at 1,000 records). ``on_post_build`` freezes what
    the build made too; the next build of the process (``mkdocs serve``) unfreezes all of
    it here, first, so that the collector frees what that build no longer holds.
    """
    global _build
    _stop_workers()  # those of a build that failed, before ``_build`` is replaced
    gc.unfreeze()
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
    editing = _editing(env.conf, built, folder)
    renderer = Renderer(built, directory_urls=env.conf["use_directory_urls"], editing=editing)
    # The data files are made here, before any page, so the Data page can give their sizes.
    dated = history.read(folder, built)
    for notice in dated.notices:
        # INFO, not WARNING: a strict build fails on a warning, and this one would fail
        # every build for as long as the commit is in the history.
        log.info(notice)
    downloads = publish.downloads(built, dated)
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
        images=_images(env.conf, folder, views),
    )
    _build.macros = {name: _macro(views, name) for name in MACROS}
    for name, call in _build.macros.items():
        env.macro(call, name)
    gc.freeze()


def _editing(config: Any, built: Catalog, folder: Path) -> Editing | None:
    """The briefing's edit links (site/editing.py), and Material's edit action on the
    hand-written pages (edit_uri), when the briefing has a GitHub repository."""
    if built.briefing is None:
        return None
    root = Path(config.config_file_path or ".").parent.resolve()
    try:
        data_path = folder.resolve().relative_to(root).as_posix()
        docs_path = Path(config["docs_dir"]).resolve().relative_to(root).as_posix()
    except ValueError:  # a briefing outside the repository: its files are not there to edit
        return None
    editing = Editing.of(built.briefing, data_path, docs_path)
    if editing is not None and not config["edit_uri"]:
        config["edit_uri"] = editing.docs()
    return editing


def _images(config: Any, folder: Path, views: Views) -> dict[str, Path]:
    """The logo and favicon briefing.yml names, in place of the neutral mark of mkdocs.yml:
    each is served as assets/briefing/<logo|favicon>.<svg|png>, and the theme pointed at it."""
    found = {}
    for name in ("logo", "favicon"):
        image = getattr(views.briefing, name)
        if image:
            served = f"assets/briefing/{name}{Path(image).suffix}"
            config["theme"][name] = served
            found[served] = folder / image
    return found


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
    if source in _build.generated:
        made = _build.ahead.get(source) if _build.ahead else render_generated(source)
        _build.held[source], _build.errors = made
        env.markdown = made[0].text
        env.page.meta[RENDER_MACROS] = False


def render_generated(source: str) -> tuple[passthrough.Held, list[str]]:
    """A generated page: its one macro call and the sources it cited, with the HTML held
    out of Python-Markdown (site/passthrough.py), and any wrong macro call. Made in this
    process, or ahead of MkDocs in a worker forked from it (site/ahead.py)."""
    renderer = _build.renderer
    assert renderer is not None  # noqa: S101 — only called once the data is checked
    page = _build.page = renderer.page(source)
    _build.errors = []
    generated = _build.generated[source]
    markdown = _build.macros[generated.macro](*generated.args, **generated.kwargs)
    if page.cited:
        markdown = markdown.rstrip() + "\n\n" + renderer.macro("sources", "cited", page)
    return passthrough.hold(markdown), _build.errors


def on_post_page_macros(env: Any) -> None:
    """End a written page with the sources it cited (a generated page has them already);
    stop the build on a wrong macro call."""
    if _build.renderer is None:
        env.page.meta.pop(RENDER_MACROS, None)
        return
    if _build.errors:
        raise PluginError("\n".join(_build.errors))
    if env.page.file.src_uri in _build.generated:
        env.page.meta.pop(RENDER_MACROS, None)
        return
    page = _build.page
    if page is not None and page.cited:
        env.markdown = (
            env.markdown.rstrip() + "\n\n" + _build.renderer.macro("sources", "cited", page)
        )


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Put a generated page's HTML back where Python-Markdown saw only its marks, then pass
    every page's content, made from data or not, through the allowlist sanitiser."""
    held = _build.held.pop(page.file.src_uri, None)
    cleaned = sanitise.clean(held.restore(html) if held is not None else html)
    if _build.indexer and _build.renderer and not search.excluded(page.meta):
        found = search.document(
            _build.renderer, page.file.src_uri, _title(page), cleaned, config.theme["language"]
        )
        _build.indexer.add("/" + page.url, found)
    return cleaned


def _title(page: Any) -> str:
    """A page's title as text: MkDocs keeps it with HTML's escapes."""
    return html.unescape(page.title or "")


def page_markdown(source: str, markdown: str) -> str:
    """A page's Markdown as MkDocs is given it, with any HTML held aside put back in: the
    text a plain MkDocs build would have to convert (the build benchmark's yardstick)."""
    held = _build.held.get(source)
    return held.markdown() if held is not None and held.text == markdown else markdown


def on_files(files: Files, config: Any) -> Files:
    """Add a page for every record and collection that docs/ does not already have; start
    the worker that renders them ahead of MkDocs (site/ahead.py), then the search index,
    which each page joins as it is made (``on_page_content``)."""
    _build.generated = {}
    _build.held = {}
    _stop_workers()  # a build that failed before it was done with them
    if _build.catalog is None:  # serve, with data problems: the nav's indexes say so too
        for collection in COLLECTIONS:
            path = urls.collection_page(collection)
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=NOT_BUILT))
        return files
    for served, image in _build.images.items():
        files.append(File.generated(config, served, abs_src_path=str(image)))
    for page in pages.generated(_build.catalog, _build.parts):
        if files.get_file_from_path(page.path) is None:
            files.append(File.generated(config, page.path, content=page.markdown))
            _build.generated[page.path] = page
    # The fork first: the search index starts threads, and a process with threads may not
    # fork. Not under `mkdocs serve`, whose server would be forked too.
    if _command[0] != "serve":
        _build.ahead = ahead.Ahead.start(render_generated, list(_build.generated))
        if _build.ahead is not None:
            log.debug(
                "the %d generated pages are rendered ahead in a worker", len(_build.generated)
            )
    if config.extra.get(SEARCH):
        try:
            _build.indexer = Indexer(config.theme["language"])
        except SearchError as error:
            raise PluginError(f"the search index could not be made: {error}") from error
    return files


def on_build_error(error: Exception) -> None:
    """A build that stops early stops its worker and its search index with it."""
    _stop_workers()


def _stop_workers() -> None:
    _stop_ahead()
    if _build.indexer is not None:
        _build.indexer.close()
        _build.indexer = None


def _stop_ahead() -> None:
    if _build.ahead is not None:
        _build.ahead.close()
        _build.ahead = None


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Let the theme's Jinja environment keep its compiled templates from build to build
    (``site.render.COMPILED``): under ``mkdocs serve`` every rebuild makes a new one.

    MkDocs has converted every page by now: the search index is made and written while the
    theme writes the pages, and ``on_post_build`` waits for it (site/pagefind.py)."""
    env.bytecode_cache = COMPILED
    _stop_ahead()  # every generated page is rendered
    if _build.indexer is not None:
        _build.indexer.start_writing(Path(config.site_dir))
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Give every page its description (site/meta.py) and a record page its schema.org
    JSON-LD (site/jsonld.py), for the theme's ``<head>``.

    The description is a record's summary, or the page's first paragraph; Material writes
    ``page.meta.description`` unescaped, so it is escaped here, like site_name; the theme's
    Open Graph and Twitter tags (site/theme/main.html) escape ``briefing_meta`` themselves.
    The JSON-LD is not in the content: Material's instant navigation re-creates every script
    element in the content from its text alone, so a JSON-LD block there would be run as
    JavaScript (and refused by the Content-Security-Policy).
    """
    if SHIM in config.extra.get("polyfills", []):  # a build to read from disk
        worker = _search_worker(config)
        if worker is not None:
            href = urls.asset(page.file.src_uri, worker, directory_urls=False)
            context[CSP_SCRIPTS] = [offline.worker_script_hash(href)]
    built, renderer = _build.catalog, _build.renderer
    if built is None or renderer is None:
        return context
    source = page.file.src_uri
    entry = built.get(source.rpartition("/")[2].removesuffix(".md"))
    if entry is None or urls.record_page(entry.collection, entry.id) != source:
        entry = None
    said = page.meta.get("description") or ""  # a hand-written page's own, in its front matter
    if not said:
        title = html.unescape(page.title or "") if not page.is_homepage else ""
        said = meta.record_description(built, entry) if entry else ""
        said = said or meta.page_description(title, page.content or "")
    page.meta["description"] = html.escape(said)
    context["briefing_meta"] = {"description": said, "type": "article" if entry else "website"}
    if entry is not None:
        if renderer.editing is not None:  # Material's edit action: the record's own file
            page.edit_url = renderer.editing.edit(entry)
        graph = jsonld.graph(built, entry)
        context["briefing_jsonld"] = renderer.macro(
            "jsonld", "script", renderer.page(source), graph
        )
    return context


def _search_worker(config: Any) -> str | None:
    """The site path of Material's search worker, found in the theme's own files."""
    for folder in config.theme.dirs:
        found = sorted(Path(folder).glob("assets/javascripts/workers/search.*.min.js"))
        if found:
            return found[0].relative_to(folder).as_posix()
    return None


def on_post_build(env: Any) -> None:
    """Write the data files (briefing.json, the CSVs, the calendar, the feed) into site/data/,
    and robots.txt (site/meta.py) beside the sitemap.

    mkdocs-macros calls this after MkDocs has written every page; it is the one place the
    files are written in a build (``python -m macros export`` writes the same bytes
    elsewhere). A serve build of data with problems writes none.

    Then everything the build still holds is frozen (``gc.freeze``): a ``mkdocs build`` ends
    here, and the interpreter's last collections, on the way out, walked all of it again
    (0.1–0.3 s at 1,000 records); ``define_env`` unfreezes it when another build starts.
    """
    if env.conf["extra"].get(SEARCH):
        indexer, _build.indexer = _build.indexer, None
        try:
            search.publish(Path(env.conf["site_dir"]), indexer)
        except SearchError as error:
            raise PluginError(f"the search index could not be written:\n{error}") from error
    if _build.catalog is not None:
        site = Path(env.conf["site_dir"])
        publish.write(site / publish.FOLDER, _build.downloads)
        if _build.catalog.briefing is not None:
            (site / "robots.txt").write_text(meta.robots(_build.catalog.briefing), "utf-8")
        _write_web_editor(env.conf)
    gc.freeze()


def _write_web_editor(config: Any) -> None:
    """The web editor into site/admin/, its configuration made from the models (cms/), when
    briefing.yml names a repository on GitHub, which it edits; without one, no editor."""
    briefing = _build.catalog.briefing if _build.catalog else None
    if briefing is None or not cms.config.github_repo(briefing.repository):
        return
    root = Path(config.config_file_path or ".").parent.resolve()
    folder = data_folder(config).resolve()
    data_path = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else folder.name
    configuration = cms.text(data_path, briefing.repository, briefing.sign_in)
    cms.write_admin(Path(config["site_dir"]), configuration)
