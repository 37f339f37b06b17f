"""What a page says about itself to search engines and link previews, as plain text: its
description (its record's summary, or its own first paragraph), at most ``LIMIT`` characters,
and the site's robots.txt. The theme (theme/main.html) writes the tags, escaping each value.
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..export.text import base_url, description
from ..facts.catalog import Catalog
from ..facts.load import Entry
from ..facts.model import Briefing
from ..facts.names import name_of

#: The longest description search engines show whole.
LIMIT = 160


def shortened(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut at the last word that fits, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–—-")
    return cut + "…"


#: A first paragraph shorter than this says too little alone ("10 records."): the page's
#: title goes before it.
TERSE = 50
#: How much of a page's content the parser is given at a time (``page_description``).
_PIECE = 4096


def record_description(catalog: Catalog, entry: Entry) -> str:
    """A record's page: its summary; a record without one (a source, an actor) is named, with
    its kind, publisher and whom it belongs to, before its note, measure or role."""
    record = entry.record
    said = description(catalog, entry)
    if getattr(record, "summary", None):
        return shortened(said)
    owner = catalog.get(getattr(record, "belongs_to", None) or "")
    facts = [
        str(getattr(record, "kind", "") or "").replace("-", " "),
        str(getattr(record, "publisher", "") or ""),
        f"part of {name_of(owner)}" if owner else "",
    ]
    named = f"{name_of(entry)} ({', '.join(f for f in facts if f)})"
    return shortened(f"{named}: {said}" if said else named)


def page_description(title: str, content: str) -> str:
    """A page without a record: the first paragraph of its content (its introduction),
    after the page's title when that paragraph is terse."""
    parser = _FirstParagraph()
    # A timeline part or an index runs to hundreds of kilobytes, and the first paragraph is
    # near its top: read a piece at a time, and stop once that paragraph is whole.
    for start in range(0, len(content), _PIECE):
        parser.feed(content[start : start + _PIECE])
        if parser.done:
            break
    parser.close()
    said = " ".join("".join(parser.words).split())
    if len(said) < TERSE and title and title not in said:
        said = f"{title}: {said}" if said else title
    return shortened(said)


class _FirstParagraph(HTMLParser):
    """The text of the first ``<p>`` of a page's content that has any, outside any
    ``<table>``, ``<figure>`` or ``<nav>``."""

    _AROUND = ("table", "figure", "nav", "aside", "details")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside an element of _AROUND
        self.inside = False
        self.words: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._AROUND:
            self.depth += 1
        elif tag == "p" and not self.depth and not self.done:
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self._AROUND:
            self.depth = max(0, self.depth - 1)
        elif tag == "p" and self.inside:
            self.inside = False
            self.done = bool(" ".join(self.words).strip())

    def handle_data(self, data: str) -> None:
        if self.inside and not self.done:
            self.words.append(data)


def robots(briefing: Briefing) -> str:
    """robots.txt: every page may be read; the sitemap, where the site has an address (a
    sitemap is named by its absolute address, and without one MkDocs writes it empty)."""
    lines = ["User-agent: *", "Allow: /"]
    if briefing.url:
        lines.append(f"Sitemap: {base_url(briefing)}sitemap.xml")
    return "\n".join(lines) + "\n"
