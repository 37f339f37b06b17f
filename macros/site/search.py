"""Search for readers: a Pagefind index of every page's article, made while the site builds.

Material's search sends its whole index to every reader who opens the search box (20 MB at
10,000 records). Pagefind writes a chunked index into ``site/pagefind/``: a query loads only
the chunks and results it needs. The site keeps Material's search box and results; its
worker is ours (theme/assets/javascripts/search.js), which speaks Material's worker protocol
and asks Pagefind. Pagefind's service, and the index read back, are pagefind.py.

What is indexed is a page's article only, wrapped with its title and collection as Pagefind
metadata (templates/search.html), never the navigation around it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..facts import urls
from ..facts.catalog import Catalog
from ..facts.model import COLLECTIONS
from .pagefind import Indexer
from .render import Renderer

#: Material's search box fetches search/search_index.json at every page load, before its
#: worker says it is ready. Our worker needs none of it, so the file is this much: the
#: word separator Material's ``?h=`` highlighting reads, and no documents.
STUB = {"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}


def stub() -> str:
    """The text of search/search_index.json when Pagefind serves the search."""
    return json.dumps(STUB, separators=(",", ":"))


def publish(site: Path, indexer: Indexer | None) -> None:
    """The index into site/pagefind/ (none from a serve build of data with problems), and the
    few bytes of search/search_index.json that Material's search box still fetches."""
    (site / "search").mkdir(exist_ok=True)
    (site / "search" / "search_index.json").write_text(stub(), "utf-8")
    if indexer is not None:
        indexer.write(site)


def excluded(meta: dict[str, Any]) -> bool:
    """Whether a page asks to be left out of search, in its front matter as Material reads
    it (``search: {exclude: true}``, the briefing pack)."""
    said = meta.get("search")
    return isinstance(said, dict) and bool(said.get("exclude"))


def collection(catalog: Catalog, source: str) -> str:
    """The collection a page belongs to, as the search results name it ("Events"): a
    record's, or a collection index's own; none for a hand-written page."""
    folder, _, name = source.rpartition("/")
    entry = catalog.get(name.removesuffix(".md"))
    if entry is not None and urls.record_page(entry.collection, entry.id) == source:
        return entry.collection.capitalize()
    if folder in COLLECTIONS and urls.collection_page(folder) == source:
        return folder.capitalize()
    return ""


def document(renderer: Renderer, source: str, title: str, content: str, language: str) -> str:
    """The HTML Pagefind is given for a page: its article, title and collection."""
    page = renderer.page(source)
    found = collection(renderer.catalog, source)
    return renderer.macro("search", "document", page, language, title, found, Markup(content))  # noqa: S704 — the page's HTML, sanitised (site/sanitise.py)
