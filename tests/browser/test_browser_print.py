"""Briefings on paper: with print media the navigation and search are gone, every citation and
every source's address is printed, and an agreement and the comparison of clauses fit the
page without a cut-off table.

Two views of the same thing. The page laid out for print at the printable width of A4 (the
15 mm margins are the site's own ``@page`` rule) is measured element by element; and the
PDF Chromium prints is read back with poppler's pdftotext: every word inside the margins,
the text printed at its own size (Chromium shrinks a page that is too wide to fit, which a
check of positions alone would miss), and the addresses of sources in the text.
"""

from __future__ import annotations

import html
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from sites import PHONE, Reader, run_tool

AGREEMENT = "agreements/russia-dprk-treaty-2024/"
COMPARE = "compare/"
MM = 96 / 25.4  # CSS pixels in a millimetre
A4_WIDTH_MM, MARGIN_MM = 210, 15
PRINTABLE: ViewportSize = {"width": int((A4_WIDTH_MM - 2 * MARGIN_MM) * MM), "height": 1100}
#: What a reader sees on screen and never on paper.
SCREEN_ONLY = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "site navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "skip link": ".md-skip",
    "back to top": ".md-top",
    "footer": ".md-footer",
}
PLANT_WIDE = """() => {
    const wide = document.createElement('p');
    wide.textContent = 'W'.repeat(30) + ' ' + 'x '.repeat(20);
    wide.style.width = '300mm';  // CSSOM, which the site's policy allows
    document.querySelector('article.md-content__inner').prepend(wide);
}"""


def _print_view(reader: Reader, path: str) -> None:
    reader.reset(PRINTABLE)
    reader.open(path)
    reader.page.emulate_media(media="print")


def _visible(reader: Reader, selector: str) -> bool:
    return bool(
        reader.evaluate(
            "s => [...document.querySelectorAll(s)].some(e => e.checkVisibility())", selector
        )
    )


def test_print_hides_the_navigation_and_search(reader: Reader) -> None:
    _print_view(reader, AGREEMENT)
    assert [name for name, s in SCREEN_ONLY.items() if _visible(reader, s)] == []
    assert _visible(reader, "article.md-content__inner h1")


def test_on_screen_the_same_parts_are_there(reader: Reader) -> None:
    """The twin: the check above would see these parts if print did not hide them."""
    reader.open(AGREEMENT)
    reader.page.keyboard.press("Tab")  # the skip link shows once it has the focus
    assert [name for name, s in SCREEN_ONLY.items() if not _visible(reader, s)] == []


#: Whether the first element inside each entry of the pack's lists is drawn, counting one
#: that content-visibility: auto skips (far off screen) as not drawn.
_PACK_DRAWN = """() => [...document.querySelectorAll(
    '.brief-judgments > li, .brief-timeline > li, .brief-sources > li')]
    .map(li => li.firstElementChild.checkVisibility({contentVisibilityAuto: true}))"""


def test_on_screen_the_pack_draws_what_is_near_and_on_paper_everything(reader: Reader) -> None:
    """The pack is one long page (assets/pack.css): on screen its parts far below, the
    timeline's eras among them, are skipped until they come near, which keeps Material's
    restyles at start short; a link to an entry brings it in; print draws every entry."""
    reader.reset(PHONE)
    reader.open("pack/")
    drawn = reader.evaluate(_PACK_DRAWN)
    assert len(drawn) > 100 and drawn[0] and not all(drawn), drawn
    last = reader.evaluate("() => [...document.querySelectorAll('.brief-timeline > li')].pop().id")
    reader.evaluate("id => { location.hash = '#' + id; }", last)
    reader.page.wait_for_function(
        "id => document.getElementById(id).firstElementChild"
        ".checkVisibility({contentVisibilityAuto: true})",
        arg=last,
    )
    reader.page.emulate_media(media="print")
    # laid out anew for paper within moments (polled: no animation frames in print media)
    reader.page.wait_for_function(f"() => ({_PACK_DRAWN})().every(Boolean)", polling=100)
    reader.page.emulate_media(media="null")


def test_print_shows_every_citation_and_the_address_of_every_source(reader: Reader) -> None:
    _print_view(reader, AGREEMENT)
    citations = reader.page.locator("a.brief-cite")
    assert citations.count() > 10
    assert all(c.is_visible() for c in citations.all())
    addresses = reader.page.locator("ol.brief-sources .brief-url").all()
    assert len(addresses) > 5
    for address in addresses:
        assert address.is_visible()
        assert address.inner_text().strip() == address.get_attribute("href")


_OVERFLOW = """() => {
    const article = document.querySelector('article.md-content__inner').getBoundingClientRect();
    const out = [];
    for (const e of document.querySelectorAll('article.md-content__inner *')) {
        if (!e.checkVisibility()) continue;
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        const name = e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
        if (r.right > article.right + 1 || r.left < article.left - 1) {
            out.push(`${name} sticks out: ${Math.round(r.left)}–${Math.round(r.right)} px`);
        } else if (style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) {
            out.push(`${name} cuts off ${e.scrollWidth - e.clientWidth} px`);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("path", [AGREEMENT, COMPARE])
def test_nothing_is_cut_off_or_sticks_out_at_the_printable_width(reader: Reader, path: str) -> None:
    _print_view(reader, path)
    if path == COMPARE:
        assert _visible(reader, "table.brief-compare thead")  # a table, not phone cards
    assert reader.evaluate(_OVERFLOW) == []


def test_something_too_wide_for_the_page_is_caught(reader: Reader) -> None:
    _print_view(reader, AGREEMENT)
    reader.evaluate(PLANT_WIDE)
    assert any("sticks out" in problem for problem in reader.evaluate(_OVERFLOW))


# --- The PDF -------------------------------------------------------------------------------


@dataclass
class Printed:
    """What pdftotext reads in a PDF: each word with its box (in points), and its pages."""

    words: list[tuple[str, float, float, float, float]]
    page_width: float
    pages: int

    @property
    def text(self) -> str:
        return "".join(word for word, *_ in self.words)


def _read_pdf(pdf: bytes, folder: Path) -> Printed:
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    xml = run_tool("pdftotext", "-bbox", str(path), "-").stdout
    pages = re.findall(r'<page width="([\d.]+)"', xml)
    words = [
        (html.unescape(word), float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            xml,
        )
    ]
    return Printed(words, float(pages[0]), len(pages))


def _print(reader: Reader, path: str, folder: Path, plant: str | None = None) -> Printed:
    reader.open(path)
    if plant:
        reader.evaluate(plant)
    return _read_pdf(reader.page.pdf(format="A4"), folder)


def _body_size_pt(reader: Reader) -> float:
    """The size the article's text is set in for print, in points."""
    reader.page.emulate_media(media="print")
    size = reader.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.md-content__inner')).fontSize)"
    )
    reader.page.emulate_media(media="null")
    return float(size) * 0.75


def _scale(printed: Printed, body_pt: float) -> float:
    """The height of the typical word over the size its text is set in: about 1.15 for the
    fonts Chromium uses; less when Chromium had to shrink the page to fit the paper."""
    return statistics.median(y1 - y0 for _, _, y0, _, y1 in printed.words) / body_pt


def _outside_margins(printed: Printed) -> list[str]:
    margin = MARGIN_MM * 72 / 25.4 - 0.5
    right = printed.page_width - margin
    return [w for w, x0, _, x1, _ in printed.words if x0 < margin or x1 > right]


@pytest.mark.parametrize("path", [AGREEMENT, COMPARE])
def test_the_pdf_keeps_words_inside_the_margins_at_full_size(
    reader: Reader, tmp_path: Path, path: str
) -> None:
    printed = _print(reader, path, tmp_path)
    assert printed.pages > 1 and len(printed.words) > 500
    assert _outside_margins(printed) == []
    assert _scale(printed, _body_size_pt(reader)) > 1.0


def test_the_pdf_holds_the_exact_texts_that_are_a_click_away_on_screen(
    reader: Reader, tmp_path: Path
) -> None:
    """Words found only in the closed "Exact text" boxes of the comparison are in the PDF.
    (A table is read back column after column on the same line, so whole sentences cannot
    be matched; words that occur nowhere else on the page can.)"""
    printed = _print(reader, COMPARE, tmp_path)
    elsewhere = set(
        reader.evaluate(
            """() => {
                const article = document.querySelector('article.md-content__inner').cloneNode(true);
                article.querySelectorAll('details:not([open]) > :not(summary)')
                    .forEach(e => e.remove());
                return article.textContent.split(/\\s+/);
            }"""
        )
    )
    quotes = reader.page.locator("table.brief-compare details.brief-text:not([open]) blockquote")
    assert quotes.count() >= 2
    in_pdf = {word for word, *_ in printed.words}
    for quote in quotes.all():
        only_here = set(str(quote.text_content()).split()) - elsewhere
        assert only_here, "each quote has words of its own"
        assert only_here - in_pdf == set()


def test_the_pdf_of_a_page_too_wide_for_the_paper_is_caught(reader: Reader, tmp_path: Path) -> None:
    reader.open(AGREEMENT)
    body = _body_size_pt(reader)
    printed = _print(reader, AGREEMENT, tmp_path, plant=PLANT_WIDE)
    assert _scale(printed, body) < 0.9  # shrunk to fit: small print


def test_the_pdf_holds_the_citations_and_every_source_address(
    reader: Reader, tmp_path: Path
) -> None:
    printed = _print(reader, AGREEMENT, tmp_path)
    addresses = [
        str(a.get_attribute("href"))
        for a in reader.page.locator("ol.brief-sources .brief-url").all()
    ]
    assert len(addresses) > 5
    text = printed.text  # words without spaces: an address broken across lines reads whole
    assert [a for a in addresses if a not in text] == []
    assert "[1]" in text and f"[{len(addresses)}]" in text
    on_screen = "".join(str(reader.evaluate("() => document.body.textContent")).split())
    for screen_only in ("Skiptocontent", "Tableofcontents", "Typetostartsearching"):
        assert screen_only in on_screen and screen_only not in text
