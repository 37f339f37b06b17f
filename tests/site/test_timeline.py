"""The timeline's shape: eras, and the parts of a timeline too long for one page."""

from __future__ import annotations

import pytest

from macros.facts.load import Entry, Lines
from macros.facts.model import Era, Event
from macros.site.timeline import PAGE_ITEMS, Item, TimelinePart, by_era, parts


def era(era_id: str, start: str, end: str) -> Era:
    fields = {"id": era_id, "name": era_id.capitalize(), "start": start, "end": end}
    return Era.model_validate(fields | {"summary": "s"})


ERAS = [era("early", "1950", "1989"), era("late", "1990", "2025")]


def item(number: int, date: str) -> Item:
    fields = {"date": date, "title": "t", "kind": "other", "summary": "s", "sources": ["x"]}
    entry = Entry(
        "events", f"e{number}", f"events/e{number}.yml", Event.model_validate(fields), Lines()
    )
    return Item(entry, "other", "other", (), ())


def timeline(*dates: str) -> list[Item]:
    return [item(number, date) for number, date in enumerate(dates)]


def ids(part: TimelinePart) -> list[str]:
    return [i.entry.id for i in part.items]


def shape(found: list[TimelinePart]) -> list[tuple[str, str, int]]:
    return [(p.slug, p.label, len(p.items)) for p in found]


def test_a_timeline_that_fits_on_one_page_has_no_parts() -> None:
    found = timeline("1960", "1970", "2000")
    assert parts(ERAS, found, page_items=3) == []
    assert parts(ERAS, found) == []
    assert PAGE_ITEMS == 300


def test_a_longer_timeline_gets_a_part_per_era_when_each_era_fits() -> None:
    found = timeline("1960", "1970", "2000", "2010")
    assert shape(parts(ERAS, found, page_items=3)) == [("early", "", 2), ("late", "", 2)]


def test_a_long_era_is_cut_between_years_into_runs_that_fit() -> None:
    found = timeline("1990", "1991", "1991", "1992", "1993", "1993", "1993")
    assert shape(parts(ERAS, found, page_items=3)) == [
        ("late-1990-to-1991", "1990–1991", 3),
        ("late-1992", "1992", 1),
        ("late-1993", "1993", 3),
    ]


def test_a_year_with_more_than_a_page_is_cut_between_months_then_into_numbered_parts() -> None:
    found = timeline(*["2024-01"] * 2, *["2024-02"] * 5, "2024-03", "2024-04-02", "2024-04-03")
    assert shape(parts(ERAS, found, page_items=3)) == [
        ("late-2024-01", "January 2024", 2),
        ("late-2024-02-part-1", "February 2024, part 1 of 2", 3),
        ("late-2024-02-part-2", "February 2024, part 2 of 2", 2),
        ("late-2024-03-to-2024-04", "March 2024–April 2024", 3),
    ]


@pytest.mark.parametrize("page_items", [1, 2, 3, 5, 8])
def test_the_parts_hold_every_entry_once_in_order_and_none_is_over_the_budget(
    page_items: int,
) -> None:
    found = timeline(
        "1950", "1955-03", "1955-03-02", "1955-03-02", "1961~", "1989", "1990",
        "1990-01-01/1990-01-03", *["2024-06-19"] * 7, "2024-07",
    )  # fmt: skip
    cut = parts(ERAS, found, page_items)
    assert [i for p in cut for i in ids(p)] == [i.entry.id for i in found]
    assert all(0 < len(p.items) <= page_items for p in cut)
    assert len({p.slug for p in cut}) == len(cut)
    assert len({p.source for p in cut}) == len(cut)


def test_a_part_is_a_page_in_the_timeline_folder_titled_by_era_and_years() -> None:
    found = timeline("1960", "1970", "1971", "2000")
    first = parts(ERAS, found, page_items=1)[0]
    assert first.source == "timeline/early-1960.md"
    assert first.title == "Early, 1960"
    assert parts(ERAS, found, page_items=3)[1].title == "Late"


def test_by_era_leaves_out_an_era_with_nothing_in_it() -> None:
    assert [era.id for era, _ in by_era(ERAS, timeline("2000"))] == ["late"]
