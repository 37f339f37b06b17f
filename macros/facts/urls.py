"""The one place that decides where a record lives, and how one page links to another.

A fact of the published briefing, shared by the pages and the exports (which give every
record's address), so it lives with the domain and knows nothing of MkDocs.

Pages are named by their source path inside docs/ (``events/summit-2019.md``); with
MkDocs' directory URLs that page is served at ``events/summit-2019/``. Every link is
relative to the page it appears on, so the site works from any folder, and on GitHub Pages.
"""

from __future__ import annotations

import posixpath


def record_page(collection: str, record_id: str) -> str:
    """The source path of a record's page."""
    return f"{collection}/{record_id}.md"


def collection_page(collection: str) -> str:
    """The source path of a collection's index page."""
    return f"{collection}/index.md"


def served_at(page: str) -> str:
    """The site-relative folder a page is served from: ``index.md`` → ``''``."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one page to another (or to a place on the same page)."""
    fragment = f"#{anchor}" if anchor else ""
    if from_page == to_page and fragment:
        return fragment
    path = relative(served_at(to_page), served_at(from_page))
    return ("./" if path == "." else path + "/") + fragment


def relative(there: str, here: str) -> str:
    """The relative path from one site folder to another, such as ``events/x/`` (``''`` is
    the site's root). Both are made absolute first, so ``posixpath.relpath`` works them
    out from the names alone, without asking for the working folder."""
    return posixpath.relpath("/" + there, "/" + here)


def asset(from_page: str, path: str) -> str:
    """A relative link from a page to a file of the site, such as ``assets/timeline.js``."""
    return relative(path, served_at(from_page))
