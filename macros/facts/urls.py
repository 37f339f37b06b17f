"""The one place that decides where a record lives, and how one page links to another.

A fact of the published briefing, shared by the pages and the exports (which give every
record's address), so it lives with the domain and knows nothing of MkDocs.

Pages are named by their source path inside docs/ (``events/summit-2019.md``); with
MkDocs' directory URLs that page is served at ``events/summit-2019/``. Every link is
relative to the page it appears on, so the site works from any folder, and on GitHub Pages.
A site built to be read from disk (Material's offline plugin turns directory URLs off) has
the page at ``events/summit-2019.html``: the links between pages take ``directory_urls``
to follow it. What is published, and the data files' addresses, always use directory URLs.
"""

from __future__ import annotations

import posixpath
import re


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


def href(from_page: str, to_page: str, anchor: str = "", directory_urls: bool = True) -> str:
    """A relative link from one page to another (or to a place on the same page)."""
    fragment = f"#{anchor}" if anchor else ""
    if from_page == to_page and fragment:
        return fragment
    if not directory_urls:
        here = posixpath.dirname(from_page)
        return posixpath.relpath("/" + _file(to_page), "/" + here) + fragment
    path = relative(served_at(to_page), served_at(from_page))
    return ("./" if path == "." else path + "/") + fragment


def _file(page: str) -> str:
    """The file a page is written to without directory URLs: ``events/x.md`` → ``.html``."""
    return page.removesuffix(".md") + ".html"


def relative(there: str, here: str) -> str:
    """The relative path from one site folder to another, such as ``events/x/`` (``''`` is
    the site's root): what ``posixpath.relpath`` gives for the two made absolute, worked out
    from the names alone. A build asks this for every link of every page, so the common case,
    names without ``.`` or ``..`` parts, is done here by comparing the parts."""
    target = [part for part in there.split("/") if part]
    start = [part for part in here.split("/") if part]
    if _DOTS.intersection(target) or _DOTS.intersection(start):
        return posixpath.relpath("/" + there, "/" + here)
    shared = 0
    for mine, theirs in zip(start, target, strict=False):
        if mine != theirs:
            break
        shared += 1
    return "/".join([".."] * (len(start) - shared) + target[shared:]) or "."


#: Path parts that name a folder by where it stands (left to ``posixpath``).
_DOTS = frozenset((".", ".."))


def asset(from_page: str, path: str, directory_urls: bool = True) -> str:
    """A relative link from a page to a file of the site, such as ``assets/timeline.js``."""
    here = served_at(from_page) if directory_urls else posixpath.dirname(from_page)
    return relative(path, here)


#: A repository's address on GitHub: ``https://github.com/owner/name``, perhaps ``.git``.
_GITHUB = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?")


def github_repository(address: str | None) -> str | None:
    """``owner/name`` of a repository address on github.com, else None: the one reading of
    briefing.yml's ``repository`` for the edit links (site/editing.py) and the web editor
    (cms/config.py), which exist only for a repository on GitHub."""
    found = _GITHUB.fullmatch(address or "")
    return found.group(1) if found else None
