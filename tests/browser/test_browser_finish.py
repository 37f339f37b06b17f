"""A finished look, as the browser renders it: comparison tables ruled, with columns of
equal width and the row labels kept in view as they scroll; a treaty's exact words as a
quotation with its source, never a note box; headings in the text's full colour."""

from __future__ import annotations

import pytest

from sites import Reader, Readers, Scheme

_CELLS = """() => {
    const table = document.querySelector('table.brief-compare');
    const heads = [...table.querySelectorAll('thead th')]
        .map(th => th.getBoundingClientRect().width);
    const cell = table.querySelector('tbody td');
    const label = table.querySelector('tbody th[scope=row]');
    const caption = table.querySelector('caption').getBoundingClientRect();
    return {heads, border: parseFloat(getComputedStyle(cell).borderTopWidth),
            sticky: getComputedStyle(label).position, caption: [caption.width, caption.height]};
}"""


def test_the_comparison_is_ruled_with_even_columns_and_sticky_row_labels(reader: Reader) -> None:
    reader.open("compare/")
    found = reader.evaluate(_CELLS)
    assert found["border"] > 0
    assert max(found["heads"]) - min(found["heads"]) < 1.5  # balanced columns
    assert found["sticky"] == "sticky"
    assert found["caption"] == [1, 1]  # the heading says it; screen readers still hear it
    name = reader.page.locator("table.brief-compare").first.evaluate(
        "t => t.querySelector('caption').textContent"
    )
    assert name.startswith("What each agreement says on")


def test_the_row_labels_stay_in_view_when_the_table_scrolls(reader: Reader) -> None:
    reader.open("compare/")
    wrap = reader.page.locator(".brief-compare-wrap").first
    wrap.evaluate("w => { w.style.width = '400px'; }")  # CSSOM, which the policy allows
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table scrolls in 400 px"
    before = wrap.evaluate("w => w.querySelector('tbody th').getBoundingClientRect().left")
    wrap.evaluate("w => { w.scrollLeft = 200; }")
    after = wrap.evaluate("w => w.querySelector('tbody th').getBoundingClientRect().left")
    cell = wrap.evaluate("w => w.querySelector('tbody td').getBoundingClientRect().left")
    assert after == pytest.approx(before, abs=1)
    assert cell < before  # the twin: a cell that is not a row label did scroll away


def test_exact_text_is_a_quotation_with_its_source_not_a_note_box(reader: Reader) -> None:
    reader.open("agreements/russia-dprk-treaty-2024/")
    texts = reader.page.locator(".brief-article .brief-text")
    assert texts.count() > 0
    assert reader.page.locator(".brief-article details.brief-text").count() == 0
    first = texts.first
    assert first.locator("figure.brief-quote blockquote").count() == 1
    assert first.locator("figure.brief-quote figcaption a").count() >= 1  # its source
    box = first.evaluate("e => getComputedStyle(e).boxShadow + getComputedStyle(e).borderTopWidth")
    assert box in {"none0px"}


def test_in_a_comparison_the_exact_text_opens_without_a_pencil(reader: Reader) -> None:
    reader.open("compare/")
    summary = reader.page.locator("table.brief-compare details.brief-text > summary").first
    icon = summary.evaluate("s => getComputedStyle(s, '::before').display")
    assert icon == "none"
    summary.click()
    assert summary.evaluate("s => s.parentElement.open")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_headings_take_the_texts_full_colour(readers: Readers, scheme: Scheme) -> None:
    reader = readers.get("default", scheme)
    reader.open("timeline/")
    colours = reader.evaluate(
        """() => ['h1', 'h2', 'p'].map(s =>
            getComputedStyle(document.querySelector('article.md-typeset ' + s)).color)"""
    )
    assert colours[0] == colours[1] == colours[2]
