"""The search index (Pagefind's, site/search.py and pagefind.py) keeps the words of a page apart.

Material's search plugin, which the build to read from disk still uses, strips every tag but a
few (p, li, code, sup …) from a page and adds no space where it strips one, so
``<dt>Date</dt><dd>19 June 2024</dd>`` would be indexed, and shown in the results, as
"Date19 June 2024". The templates put whitespace between such elements, which a grid, a flex
box or a table row does not show; Pagefind, which serves the search everywhere else, spaces
block elements itself. Both are checked here: the page's HTML, and Pagefind's text.

The sites are the session's builds from tests/sites.py, so no module builds its own.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.site.pagefind import Indexed, read_index
from sites import Sites
from test_site import BRIEFINGS

#: Elements that stay inside a line of text; leaving one does not end a word.
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}  # fmt: skip
#: Tags Material keeps in the indexed text, so they separate words there by themselves.
_KEPT = {"p", "li", "ol", "ul", "pre", "code", "sub", "sup"}


class _Glue(HTMLParser):
    """Text on either side of a block boundary (``</dt><dd>``, ``</td><td>``, ``<br>``)
    with no whitespace between: the words the search index would run together."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._before = " "
        self._boundary = False
        self._in_script = 0

    def _tag(self, tag: str) -> None:
        if tag in _KEPT:
            self._before = " "
        elif tag not in _INLINE:
            self._boundary = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script += tag in ("script", "style")
        self._tag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_script -= tag in ("script", "style")
        self._tag(tag)

    def handle_data(self, data: str) -> None:
        if self._in_script or not data:
            return
        if self._boundary and not self._before[-1:].isspace() and not data[0].isspace():
            self.found.append(f"{self._before[-20:]}|{data[:20]}")
        self._boundary = False
        self._before = data


def glued(html: str) -> list[str]:
    """Each place in ``html`` where two words meet across a block boundary, as 'left|right'."""
    parser = _Glue()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def site(request: pytest.FixtureRequest, sites: Sites) -> Path:
    """The briefing built once for the session (tests/sites.py), shared with the browser tests."""
    return sites.get(str(request.param)).root


def indexed(root: Path) -> dict[str, str]:
    """Location → indexed text, from the site's search index."""
    return {location: page.text for location, page in read_index(root).items()}


def test_glued_finds_words_run_together_across_a_block_boundary() -> None:
    assert glued("<dl><dt>Date</dt><dd>19 June 2024</dd></dl>") == ["Date|19 June 2024"]
    assert glued("<tr><td>person</td><td>Minister</td></tr>") == ["person|Minister"]
    assert glued('<a href="x">Treaty</a><br><span>1953</span>') == ["Treaty|1953"]


def test_glued_lets_whitespace_inline_elements_and_kept_tags_be() -> None:
    """Negative controls: a space or a newline between, an inline element, or a tag that
    Material keeps in the index (li, p) is not glue."""
    assert glued("<dl>\n<dt>Date</dt> <dd>19 June 2024</dd>\n</dl>") == []
    assert glued("<dt>Date</dt>\n<dd>19 June 2024</dd>") == []
    assert glued('<p>In <a href="x">force</a><sup>[1]</sup>, <time>1961</time></p>') == []
    assert glued("<ul><li>One</li><li>Two</li></ul><p>A</p><p>B</p>") == []


def test_no_page_runs_words_together_at_a_block_boundary(site: Path) -> None:
    found = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        start, end = html.find('<article class="md-content__inner'), html.rfind("</article>")
        if start != -1 and (glue := glued(html[start:end])):
            found[page.relative_to(site).as_posix()] = glue[:3]
    assert found == {}


@pytest.mark.parametrize(
    ("location", "separated", "run_together"),
    [
        ("events/inf-signing/", "Date 8 December 1987 Kind signing Place Washington", "Date8"),
        (
            "agreements/inf-treaty/",
            "Signed 8 December 1987, Washington In force 1 June 1988 Ended 2 August 2019",
            "Signed8",
        ),
        (
            "figures/missiles-eliminated/",
            "Stated by US Department of State Stated on 2019",
            "Stated on2019",
        ),
        ("events/", "Date Event Kind 8 December 1987. The INF Treaty is signed", "DateEvent"),
    ],
)
def test_a_record_page_is_indexed_with_its_words_apart(
    sites: Sites, location: str, separated: str, run_together: str
) -> None:
    text = indexed(sites.get("second").root)[location]
    assert separated in text
    assert run_together not in text


def test_the_timeline_filters_are_not_indexed(sites: Sites) -> None:
    """The filter bar is controls, not content: a search for an actor finds the events, not
    the button that filters by them."""
    root = sites.get("second").root
    page = (root / "timeline" / "index.html").read_text("utf-8")
    assert "Filter the timeline" in page  # the bar is on the page …
    text = indexed(root)["timeline/"]
    assert "Filter the timeline" not in text  # … and not in the index
    assert "Show everything" not in text
    assert "The INF Treaty is signed" in text  # while the entries are


def test_a_page_is_indexed_with_its_title_and_collection(sites: Sites) -> None:
    """The results show a record's title and collection; a hand-written page has none."""
    pages = read_index(sites.get("second").root)
    assert pages["events/inf-signing/"].title == "The INF Treaty is signed"
    assert pages["events/inf-signing/"].collection == "Events"
    assert pages["agreements/"].collection == "Agreements"  # a collection's index
    assert pages["timeline/"].collection == ""
    assert isinstance(pages["timeline/"], Indexed)


def test_the_article_is_indexed_and_not_the_navigation(sites: Sites) -> None:
    text = indexed(sites.get("second").root)["events/inf-signing/"]
    assert "8 December 1987" in text  # the article …
    assert "Skip to content" not in text  # … and not Material's header, navigation or footer
    assert "Briefing pack" not in text  # a page of the navigation
