"""On a phone, 375 pixels wide: no page scrolls sideways, and the two widest things on the
site, the timeline and the comparison table, stay readable (whole lines at a legible size,
the table as one card per agreement rather than columns squeezed to a word each).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sites import DESKTOP, PAGE_TYPES, PAGES, PHONE, Reader, Readers, sideways_scroll

#: Narrower than this, a column of text holds two or three words a line.
READABLE_WIDTH = 250
LEGIBLE_PX = 12


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_page_scrolls_sideways_on_a_phone(reader: Reader, kind: str) -> None:
    reader.reset(PHONE)
    reader.open(PAGE_TYPES[kind])
    assert sideways_scroll(reader.page) == 0


@pytest.mark.parametrize("kind", sorted(PAGES["second"]))
def test_no_page_of_the_second_briefing_scrolls_sideways_on_a_phone(
    readers: Readers, kind: str
) -> None:
    reader = readers.get("second")
    reader.reset(PHONE)
    reader.open(PAGES["second"][kind])
    assert sideways_scroll(reader.page) == 0


def test_a_page_that_is_too_wide_is_caught(reader: Reader) -> None:
    reader.reset(PHONE)
    reader.open("about/")
    reader.evaluate(
        """() => {
            const wide = document.createElement('p');
            wide.textContent = 'x'.repeat(200);
            wide.style.whiteSpace = 'nowrap';  // CSSOM, which the site's policy allows
            document.querySelector('article.md-content__inner').append(wide);
        }"""
    )
    assert sideways_scroll(reader.page) > 0


_BOXES = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.checkVisibility())
    .map(e => {
        const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, width: r.width,
                font: parseFloat(getComputedStyle(e).fontSize),
                text: e.textContent.trim().slice(0, 40)};
    })"""


def _readable(reader: Reader, selector: str) -> list[str]:
    """The elements matching ``selector`` that stick out of the window, are too narrow to read
    or are set too small."""
    width = PHONE["width"]
    boxes = reader.evaluate(_BOXES, selector)
    assert boxes, f"nothing matches {selector}"
    return [
        f"{b['text']!r}: {b['left']:.0f}–{b['right']:.0f} px, {b['font']} px"
        for b in boxes
        if b["left"] < 0
        or b["right"] > width
        or b["width"] < READABLE_WIDTH
        or b["font"] < LEGIBLE_PX
    ]


def test_the_timeline_stays_readable_on_a_phone(reader: Reader) -> None:
    reader.reset(PHONE)
    reader.open("timeline/")
    assert _readable(reader, ".brief-item > *") == []
    assert _readable(reader, ".brief-item > p:not([class])") == []
    assert _readable(reader, "[data-brief-filters]") == []


def test_the_comparison_becomes_cards_that_stay_readable_on_a_phone(reader: Reader) -> None:
    reader.reset(PHONE)
    reader.open("compare/")
    table = reader.page.locator("table.brief-compare").first
    expect(table.locator("thead")).to_be_hidden()
    cells = table.locator("td[data-label]")
    label = cells.first.evaluate("td => getComputedStyle(td, '::before').content")
    assert str(cells.first.get_attribute("data-label")) in label  # each cell names its treaty
    assert _readable(reader, "table.brief-compare td") == []
    assert _readable(reader, "table.brief-compare th[scope=row]") == []
    assert reader.evaluate(
        "() => [...document.querySelectorAll('.brief-compare-wrap')]"
        ".every(w => w.scrollWidth <= w.clientWidth)"
    )


def test_on_a_desktop_the_comparison_is_a_table_of_narrower_columns(reader: Reader) -> None:
    """The twin: the same check finds the desktop table's columns narrower than a card."""
    reader.open("compare/")
    expect(reader.page.locator("table.brief-compare thead").first).to_be_visible()
    assert _readable(reader, "table.brief-compare td") != []


#: WCAG 2.2, 2.5.8 (target size, minimum): a pointer target is at least 24 × 24 CSS pixels.
TARGET_PX = 24
_TARGETS = """selector => [...document.querySelectorAll(selector)]
    .filter(e => e.checkVisibility())
    .map(e => { const r = e.getBoundingClientRect();
                return {width: r.width, height: r.height, text: e.textContent}; })"""


@pytest.mark.parametrize("path", ["compare/", "timeline/", "agreements/russia-dprk-treaty-2024/"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_citation_is_a_target_of_24_pixels(reader: Reader, path: str, width: str) -> None:
    reader.reset(PHONE if width == "phone" else DESKTOP)
    reader.open(path)
    targets = reader.evaluate(_TARGETS, "a.brief-cite")
    assert len(targets) > 5
    small = [t for t in targets if t["width"] < TARGET_PX or t["height"] < TARGET_PX]
    assert small == []
    # The negative control: the same check finds a link set in a line of text smaller.
    others = reader.evaluate(_TARGETS, ".md-typeset p a:not(.brief-cite)")
    assert any(t["height"] < TARGET_PX for t in others), "a plain link in a line is smaller"
