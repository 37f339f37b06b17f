"""Two builds of the same pages, compared page by page: which differ, and where first.

    python bench/same_pages.py SITE_A SITE_B [--content]

Without ``--content``: every file of either site, byte for byte (a build before a change
against one after it). With ``--content``: what the Markdown of a page makes, in every HTML
page of both, namely its ``<title>``, its article and its table of contents, and the search
index's entries (our build against the plain build of the same Markdown, bench/dump.py,
whose heads and footers differ by design: no JSON-LD, no briefing footer). Prints one line
per difference and a count; exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

#: What Python-Markdown's output and the table of contents built from it become in a page.
CONTENT = ("title", "article.md-content__inner", "nav.md-nav--secondary")
SEARCH_INDEX = Path("search/search_index.json")


def files(site: Path, suffix: str = "") -> set[Path]:
    return {p.relative_to(site) for p in site.rglob(f"*{suffix}") if p.is_file()}


def content(path: Path) -> list[str]:
    """The page's title, article and table of contents, as written, one piece a line."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [str(found) for selector in CONTENT for found in soup.select(selector)]


def search_entries(site: Path) -> list[str]:
    """The search index's entries, in order of their address: the order of the pages is
    MkDocs' order of the files, and generated files come after docs/'s own."""
    if not (site / SEARCH_INDEX).exists():
        return []
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    return sorted(json.dumps(doc, sort_keys=True, ensure_ascii=False) for doc in index["docs"])


def first_difference(a: list[str], b: list[str]) -> str:
    """The first line that differs, shortened, as ``-a / +b``."""
    for line in difflib.unified_diff(a, b, lineterm="", n=0):
        if line[:1] in "-+" and not line.startswith(("---", "+++")):
            return line[:160]
    return "(the same lines in another order)"


def differences(a: Path, b: Path, only_content: bool = False) -> Iterator[str]:
    """One line per page (or file) that differs between the sites ``a`` and ``b``."""
    suffix = ".html" if only_content else ""
    left, right = files(a, suffix), files(b, suffix)
    for missing in sorted(left ^ right):
        yield f"{missing}: only in {a if missing in left else b}"
    for path in sorted(left & right):
        if only_content:
            got, other = "\n".join(content(a / path)), "\n".join(content(b / path))
        elif (a / path).read_bytes() != (b / path).read_bytes():
            got = (a / path).read_text(encoding="utf-8", errors="replace")
            other = (b / path).read_text(encoding="utf-8", errors="replace")
        else:
            continue
        if got != other:
            yield f"{path}: {first_difference(got.splitlines(), other.splitlines())}"
    # Material's index, where both have one with pages in it: our build's holds none, since
    # Pagefind serves its search (macros/site/search.py), except in a build to read from disk.
    entries, others = (search_entries(a), search_entries(b)) if only_content else ([], [])
    if entries and others and entries != others:
        yield f"{SEARCH_INDEX}: {first_difference(entries, others)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--content", action="store_true", help="title, article, TOC, search")
    args = parser.parse_args(argv)
    found = list(differences(args.a, args.b, args.content))
    print("\n".join(found))
    what = "pages' content" if args.content else "files"
    print(f"{len(found)} difference(s) in the {what} of {args.a} and {args.b}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
