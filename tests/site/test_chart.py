"""Charts of figures: the figures that share a measure, at their dates, with their
qualifiers, who stated each and what other sources give instead; a table of the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.facts import checking, load
from macros.facts.catalog import Catalog
from macros.facts.load import Entry, Lines
from macros.facts.model import Figure
from macros.site.chart import Chart, Point, _clash, chart, measures
from macros.site.render import Renderer
from macros.site.views import Views

ROOT = Path(__file__).parents[2]
CONTAINERS = "Containers of munitions sent by North Korea to Russia, in US counts"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    built, found = checking.build(load.load(ROOT / "data"))
    assert built is not None and not found
    return built


def figure(number: int, value: int, stated_on: str, **more: Any) -> Entry:
    fields = {
        "title": "t", "value": value, "unit": "items", "measures": "m", "measure": "Items",
        "stated_by": "a", "stated_on": stated_on, "sources": ["x"], **more,
    }  # fmt: skip
    return Entry("figures", f"f{number}", "", Figure.model_validate(fields), Lines())


def drawn(*entries: Entry) -> Chart:
    return chart("Items", entries, lambda actor: actor.upper())


def test_the_container_counts_are_one_measure_in_time_order(catalog: Catalog) -> None:
    found = measures(catalog)
    assert [e.id for e in found[CONTAINERS]] == [
        "containers-1000-kirby",
        "containers-10000-state",
        "containers-11000-wood",
        "containers-20000-shea",
    ]
    assert "treaty-2024-articles" not in {e.id for es in found.values() for e in es}


def test_points_rise_with_their_values_and_run_with_their_dates() -> None:
    ch = drawn(figure(1, 1000, "2023-10-13"), figure(2, 20000, "2025-01-08"))
    low, high = ch.points
    assert low.x < high.x and low.y > high.y  # later and larger: right and up
    assert ch.y_ticks[0].label == "0" and ch.y_ticks[-1].label == "20,000"
    assert ch.bottom == ch.y_ticks[0].at


def test_a_month_is_a_bar_across_it_and_a_day_a_dot() -> None:
    ch = drawn(figure(1, 10, "2024-04"), figure(2, 20, "2024-05-04"), figure(3, 5, "2024-08~"))
    month, day, about = ch.points
    assert month.bar and not day.bar and about.bar and about.when.approximate
    assert month.width > day.width


def test_each_label_says_the_number_with_its_qualifier_and_who_stated_it() -> None:
    ch = drawn(figure(1, 11000, "2024-06-14", qualifier="more-than"))
    assert ch.points[0].lines == ("more than 11,000", "A")


def test_no_label_covers_another_or_a_point(catalog: Catalog) -> None:
    for measure, entries in measures(catalog).items():
        ch = chart(measure, entries, lambda actor: actor)
        boxes = [_label_box(p) for p in ch.points]
        for index, box in enumerate(boxes):
            assert not _clash(box, boxes[:index] + boxes[index + 1 :]), measure
            dots = [(p.x, p.y - 4.5, p.x + p.width, p.y + 4.5) for p in ch.points]
            assert not _clash(box, dots), measure


def _label_box(p: Point) -> tuple[float, float, float, float]:
    width = max(len(line) for line in p.lines) * 11 * 0.6
    left = {"middle": p.label_x - width / 2, "start": p.label_x, "end": p.label_x - width}
    top = p.label_y - 13 + 3
    return (left[p.anchor], top, left[p.anchor] + width, top + 13 * len(p.lines))


def test_the_clash_check_finds_a_label_on_a_point() -> None:
    """The twin: the same check sees two boxes that touch."""
    assert _clash((0, 0, 10, 10), [(5, 5, 15, 15)])
    assert not _clash((0, 0, 10, 10), [(12, 0, 20, 10)])


def test_another_sources_date_or_number_is_drawn_beside_the_figure() -> None:
    differs = [
        {"field": "stated_on", "value": "2024-12-18", "sources": ["y"]},
        {"field": "value", "value": "12,000", "sources": ["y"]},
        {"field": "stated_by", "value": "Someone else", "sources": ["y"]},
    ]
    ch = drawn(figure(1, 20000, "2025-01-08", disagreements=differs))
    fields = {a.field: a.point for a in ch.alternatives}
    assert set(fields) == {"stated_on", "value"}  # who stated it is in the table, not drawn
    assert fields["stated_on"].x < ch.points[0].x
    assert fields["value"].y > ch.points[0].y


def render(catalog: Catalog, source: str, macro: str, *args: Any) -> BeautifulSoup:
    renderer = Renderer(catalog)
    views = Views(catalog, renderer)
    return BeautifulSoup(getattr(views, macro)(renderer.page(source), *args), "html.parser")


def test_the_figure_page_charts_its_measure_with_a_table_of_the_same(catalog: Catalog) -> None:
    soup = render(catalog, "figures/containers-11000-wood.md", "record", "containers-11000-wood")
    svg = soup.select_one("figure.brief-chart svg[role=img]")
    assert svg is not None
    title, desc = svg.select_one("title"), svg.select_one("desc")
    assert title is not None and title.get_text() == CONTAINERS
    assert desc is not None and "more than 11,000, stated by Robert Wood" in desc.get_text()
    assert svg["aria-labelledby"] == title["id"]
    rows = soup.select("table.brief-chart-table tbody tr")
    assert len(rows) == 4
    current = soup.select("tr[aria-current=page]")
    assert len(current) == 1 and "11,000" in current[0].get_text()
    assert "Who stated it: " in rows[2].get_text() and "US State Department" in rows[2].get_text()
    assert "not given" in rows[0].get_text()  # Kirby's count gives no start
    assert "September 2023" in rows[1].get_text()


def test_a_figure_without_a_measure_has_no_chart(catalog: Catalog) -> None:
    soup = render(catalog, "figures/treaty-2024-articles.md", "record", "treaty-2024-articles")
    assert soup.select("figure.brief-chart") == []


def test_the_home_page_charts_every_measure_once(catalog: Catalog) -> None:
    soup = render(catalog, "index.md", "figure_charts")
    captions = [c.get_text() for c in soup.select("figcaption.brief-chart-caption")]
    assert captions == list(measures(catalog))
    ids = [f["id"] for f in soup.select("figure.brief-chart")]
    assert len(set(ids)) == len(ids)


def test_the_same_data_draws_the_same_chart(catalog: Catalog) -> None:
    first = str(render(catalog, "index.md", "figure_charts"))
    again = checking.build(load.load(ROOT / "data"))[0]
    assert again is not None
    assert str(render(again, "index.md", "figure_charts")) == first


def test_figures_read_as_a_reader_would_say_them(catalog: Catalog) -> None:
    """The wording of figures, reviewed: 'about' for approximately, who gave a number
    'according to', and a field another source reports named in words."""
    cards = render(catalog, "index.md", "key_figures")
    lines = [p.get_text(" ", strip=True) for p in cards.select(".brief-figure-who")]
    assert lines[0].startswith("According to Dorothy Shea , 8 January 2025 , counting from")
    numbers = [p.get_text(" ", strip=True) for p in cards.select(".brief-figure")]
    assert "about 450,000 Russian military personnel killed or wounded" in numbers
    assert not any("approximately" in n for n in numbers)
    page = render(catalog, "figures/containers-11000-wood.md", "record", "containers-11000-wood")
    differ = [li.get_text(" ", strip=True) for li in page.select(".brief-disagreements li")]
    assert differ[0].startswith("Who stated it : this briefing gives Robert Wood ;")
    assert differ[1].startswith("When the count starts : this briefing gives none;")
