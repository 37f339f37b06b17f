"""Every page's HTML through an allowlist sanitiser (nh3, the Python binding of ammonia).

The escaping in prose.py and the templates keeps data from becoming markup; this is the
second wall, on the output itself, whatever path a value took to get there: the content of
every page (the record pages, the docs pages and their macro calls, the briefing pack that
`make pdf` prints) is parsed and written again with only the tags and attributes that the
templates and the Markdown extensions of mkdocs.yml produce, links only to http, https,
mailto or relative addresses, and no control character. tests/site/test_sanitise.py
checks that the default briefing's pages lose nothing to it.
"""

from __future__ import annotations

import nh3

from ..facts import controls

#: The tags of the pages' content (templates/, Markdown and its extensions in mkdocs.yml).
TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "code", "col",
    "colgroup", "data", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "li", "nav", "ol", "p", "pre", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "ul",
    # the drawings: the timeline overview (templates/overview.html) and figure charts (chart.html)
    "circle", "desc", "g", "line", "path", "rect", "svg", "text", "title",
}  # fmt: skip
#: Attributes any of those tags may carry, and those only some may.
ATTRIBUTES = {
    "*": {"class", "id", "role", "title", "lang", "dir", "tabindex", "hidden"},
    "a": {"href", "rel", "type", "xlink:href"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2"},
    "path": {"d"},
    "rect": {"x", "y", "width", "height", "rx"},
    "svg": {"xmlns", "viewBox", "width", "height"},
    "text": {"x", "y", "text-anchor"},
    "button": {"type"},
    "data": {"value"},
    "details": {"open"},
    "li": {"value"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
}
#: ``aria-*`` for accessibility, ``data-*`` for the timeline's filters (assets/timeline.js).
PREFIXES = {"aria-", "data-"}
SCHEMES = {"http", "https", "mailto"}

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes=PREFIXES,
    url_schemes=SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags={"script", "style"},
)


def clean(html: str) -> str:
    """``html`` with nothing outside the allowlist."""
    return _CLEANER.clean(controls.strip(html))
