"""The timeline at a glance: one mark per entry, none overlapping, dates drawn as wide as
they are known, the densest stretch drawn again closer, the same bytes every time."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.facts import checking, load
from macros.facts.catalog import Catalog
from macros.facts.load import Entry, Lines
from macros.facts.model import Era, Event, Reaction
from macros.site.overview import MAX_LANES, Mark, Overview, overview
from macros.site.render import Renderer
from macros.site.views import NARROW, WIDE, Views

ROOT = Path(__file__).parents[2]


def era(era_id: str, start: str, end: str) -> Era:
    fields = {"id": era_id, "name": era_id.capitalize(), "start": start, "end": end}
    return Era.model_validate(fields | {"summary": "s"})


def event(number: int, date: str) -> Entry:
    fields = {"date": date, "title": f"t{number}", "kind": "other", "summary": "s"}
    fields["sources"] = ["x"]  # type: ignore[assignment]  # a list among strings
    return Entry("events", f"e{number}", "", Event.model_validate(fields), Lines())


ERAS = [era("early", "1950", "1989"), era("late", "1990", "2025")]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    built, found = checking.build(load.load(ROOT / "data"))
    assert built is not None and not found
    return built


def overlapping(marks: list[Mark]) -> list[tuple[str, str]]:
    """Pairs of marks that share a lane and touch."""
    return [
        (a.id, b.id)
        for a, b in itertools.combinations(marks, 2)
        if a.y == b.y and a.x < b.x + b.width and b.x < a.x + a.width
    ]


def axis_marks(drawn: Overview) -> list[list[Mark]]:
    return [list(axis.marks) for axis in drawn.axes]


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_every_entry_of_the_default_briefing_has_one_mark_and_none_overlap(
    catalog: Catalog, width: float
) -> None:
    entries = catalog.dated("events", "reactions")
    drawn = overview(catalog.briefing.eras, entries, width)  # type: ignore[union-attr]
    assert [m.id for m in drawn.marks] == [e.id for e in entries]  # in time order
    assert sum(len(marks) for marks in axis_marks(drawn)) == len(entries)
    for marks in axis_marks(drawn):
        assert overlapping(marks) == []
        assert all(m.x >= 0 and m.x + m.width <= width for m in marks)
    assert len(drawn.axes) > 1  # the dense stretch of 2023–2025 is drawn closer
    assert drawn.events + drawn.reactions == len(entries)


def test_the_check_for_overlaps_finds_two_marks_in_the_same_place() -> None:
    """The twin: the same check catches marks drawn on top of each other."""
    twin = Mark("a", "events", "a", event(0, "2024").record.when(), 10.0, 8.0, 20.0, False)  # type: ignore[arg-type]
    assert overlapping([twin, Mark("b", "events", "b", twin.when, 14.0, 8.0, 20.0, False)]) != []


def test_a_day_is_a_dot_and_a_month_or_a_year_a_bar_as_wide_as_it() -> None:
    entries = [event(0, "1960-05-01"), event(1, "1970-05"), event(2, "1980"), event(3, "2000~")]
    drawn = overview(ERAS, entries, 760)
    day, month, year, about = drawn.marks
    assert not day.bar and month.bar and year.bar and about.bar
    assert about.when.approximate and not year.when.approximate
    per_year = (760 - 16) / 76  # 1950 to 2025, between the margins
    assert year.width == pytest.approx(per_year, abs=0.2)
    assert month.width >= 8  # narrower than a lane's gap, it is drawn at the least width


def test_a_sparse_timeline_is_one_axis_and_a_crowded_one_gets_a_closer_look() -> None:
    sparse = [event(n, f"{1950 + 10 * n}-01-01") for n in range(5)]
    assert len(overview(ERAS, sparse, WIDE).axes) == 1
    crowded = sparse + [event(10 + n, f"2024-06-{n + 1:02d}") for n in range(12)]
    drawn = overview(ERAS, crowded, WIDE)
    assert len(drawn.axes) >= 2
    closer = drawn.axes[1]
    assert closer.start.year == 2024 and closer.end.year == 2024
    assert {m.id for m in closer.marks} <= {f"e{10 + n}" for n in range(12)}
    assert len({m.y for m in drawn.axes[0].marks}) <= MAX_LANES


def test_reactions_are_marked_as_responses() -> None:
    fields = {
        "title": "r", "by": ["a"], "date": "2024-06-20", "how": "statement", "to": ["e0"],
        "summary": "s", "sources": ["x"],
    }  # fmt: skip
    reaction = Entry("reactions", "r", "", Reaction.model_validate(fields), Lines())
    drawn = overview(ERAS, [event(0, "2024-06-19"), reaction], WIDE)
    assert (drawn.events, drawn.reactions) == (1, 1)
    assert [m.collection for m in drawn.marks] == ["events", "reactions"]


def render(catalog: Catalog) -> str:
    views = Views(catalog, Renderer(catalog))
    return views.timeline(Renderer(catalog).page("timeline.md"))


def test_the_drawing_links_every_entry_in_time_order_with_a_title_and_a_description(
    catalog: Catalog,
) -> None:
    html = render(catalog)
    soup = BeautifulSoup(html, "html.parser")
    entries = [str(li["id"]) for li in soup.select("li[data-brief-item]")]
    for svg in soup.select("svg.brief-overview-svg"):
        title, desc = svg.select_one("title"), svg.select_one("desc")
        assert title is not None and desc is not None
        assert title.get_text() and desc.get_text()
        assert svg["aria-labelledby"] == title["id"]
        marks = [a["xlink:href"] for a in svg.select("a[data-brief-mark]")]
        assert marks == ["#" + i for i in entries]
        eras = [a["xlink:href"] for a in svg.select("a.brief-ov-era")]
        assert eras == [f"#era-{e.id}" for e in catalog.briefing.eras]  # type: ignore[union-attr]
    assert len(soup.select("svg.brief-overview-svg")) == 2  # wide and narrow


def test_the_page_at_a_glance_links_each_mark_to_its_entry_on_the_timeline(
    catalog: Catalog,
) -> None:
    """glance.md draws it; the timeline page, which links there, does not (glance=False),
    which keeps the timeline under Lighthouse's 1,400-element warning."""
    renderer = Renderer(catalog)
    views = Views(catalog, renderer)
    timeline = BeautifulSoup(
        views.timeline(renderer.page("timeline.md"), glance=False), "html.parser"
    )
    entries = [str(li["id"]) for li in timeline.select("li[data-brief-item]")]
    assert entries and not timeline.select("figure.brief-overview")
    soup = BeautifulSoup(views.timeline_at_a_glance(renderer.page("glance.md")), "html.parser")
    assert "its entry on the timeline" in soup.select_one("figcaption").get_text()  # type: ignore[union-attr]
    for svg in soup.select("svg.brief-overview-svg"):
        marks = [a["xlink:href"] for a in svg.select("a[data-brief-mark]")]
        assert marks == ["../timeline/#" + i for i in entries]
        eras = [a["xlink:href"] for a in svg.select("a.brief-ov-era")]
        assert eras == [f"../timeline/#era-{e.id}" for e in catalog.briefing.eras]  # type: ignore[union-attr]
    assert len(soup.select("svg.brief-overview-svg")) == 2


def test_a_timeline_in_parts_is_not_drawn_and_the_page_says_why(catalog: Catalog) -> None:
    views = Views(catalog, Renderer(catalog), page_items=10)
    html = views.timeline_at_a_glance(Renderer(catalog).page("glance.md"))
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("svg")
    total = len(views.timeline_items)
    assert soup.get_text(" ", strip=True) == (
        f"The timeline has {total} entries, too many to draw at a glance: it is in parts, by era."
    )
    assert soup.select_one("a")["href"] == "../timeline/"  # type: ignore[index]


def test_the_same_data_draws_the_same_bytes(catalog: Catalog) -> None:
    first = render(catalog)
    again = checking.build(load.load(ROOT / "data"))[0]
    assert again is not None
    assert render(again) == first
    assert "00000" not in first.split("<figure", 1)[1].split("</figure>", 1)[0]  # no float noise
