"""The briefing at a glance, as a reader's browser draws it: the timeline's overview, on a
page of its own (glance/), has a mark for every entry of the timeline, each linking to it
there, none on top of another, nothing scrolling sideways on a phone; the marks are reached
by Tab in time order; the same holds on a briefing just made by ``python -m macros new``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # no types

from sites import DESKTOP, PHONE, Reader, Readers, Scheme, Sites, sideways_scroll

AXE = Axe()

ROOT = Path(__file__).parents[2]
#: How many pixels two marks' boxes may share (anti-aliasing rounds a box outwards).
TOLERANCE = 1.0

#: Every visible mark of the drawing that shows: its entry, box and the address it links to.
_MARKS = """() => {
    const svg = [...document.querySelectorAll('svg.brief-overview-svg')]
        .find(s => s.checkVisibility());
    if (!svg) return null;
    return [...svg.querySelectorAll('a[data-brief-mark]')].map(a => {
        const r = a.firstElementChild.nextElementSibling.getBoundingClientRect();
        const link = new URL(a.getAttribute('xlink:href'), location.href);
        return {id: a.dataset.briefMark, left: r.left, right: r.right, top: r.top,
                bottom: r.bottom, page: link.origin + link.pathname, hash: link.hash};
    });
}"""
#: The timeline's entries, where the marks lead, and the address of the page they are on.
_ENTRIES = """() => ({page: location.origin + location.pathname,
    ids: [...document.querySelectorAll('li[data-brief-item]')].map(li => li.id)})"""


def overlaps(marks: list[dict[str, float]]) -> list[str]:
    found = []
    for i, a in enumerate(marks):
        for b in marks[i + 1 :]:
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            high = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > TOLERANCE and high > TOLERANCE:
                found.append(f"{a['id']} and {b['id']}")
    return found


def check_overview(reader: Reader) -> None:
    """On the page at a glance (open): every entry of the timeline has a mark, in time
    order, linking to it on the timeline, and none overlap or push the page sideways."""
    marks = reader.evaluate(_MARKS)
    assert marks, "no overview is shown"
    assert overlaps(marks) == []
    assert sideways_scroll(reader.page) == 0
    reader.open("timeline/")
    timeline = reader.evaluate(_ENTRIES)
    assert [m["id"] for m in marks] == timeline["ids"]
    assert [
        m["id"] for m in marks if (m["page"], m["hash"]) != (timeline["page"], "#" + m["id"])
    ] == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_entry_has_a_mark_that_links_to_it_and_none_overlap(
    reader: Reader, viewport: dict[str, int]
) -> None:
    reader.reset(viewport)  # type: ignore[arg-type]
    reader.open("glance/")
    check_overview(reader)


def test_the_overlap_check_finds_marks_moved_on_top_of_each_other(reader: Reader) -> None:
    """The twin: a mark moved onto its neighbour is caught."""
    reader.open("glance/")
    reader.evaluate(
        """() => {
            const marks = [...document.querySelectorAll('#brief-overview-wide circle')];
            marks[1].setAttribute('cx', marks[0].getAttribute('cx'));
            marks[1].setAttribute('cy', marks[0].getAttribute('cy'));
        }"""
    )
    assert overlaps(reader.evaluate(_MARKS)) != []


def test_tab_reaches_the_marks_in_time_order_and_a_mark_opens_its_entry(reader: Reader) -> None:
    reader.open("glance/")
    first = reader.page.locator("#brief-overview-wide a[data-brief-mark]").first
    first.focus()
    reached = []
    for _ in range(3):
        reached.append(reader.evaluate("() => document.activeElement.dataset.briefMark"))
        reader.page.keyboard.press("Tab")
    marks = reader.evaluate(_MARKS)
    assert reached == [m["id"] for m in marks[:3]]
    reader.page.keyboard.press("Shift+Tab")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_function("() => location.hash.length > 1")
    assert reader.evaluate("() => location.pathname").endswith("/timeline/")
    assert reader.evaluate("() => location.hash") == "#" + marks[2]["id"]
    assert reader.problems() == []


def test_the_overview_prints_in_black_and_white(reader: Reader) -> None:
    reader.open("glance/")
    reader.page.emulate_media(media="print")
    fills = reader.evaluate(
        """() => [...document.querySelectorAll('#brief-overview-wide a[data-brief-mark] > *')]
            .map(e => getComputedStyle(e).fill)"""
    )
    assert set(fills) <= {"rgb(0, 0, 0)", "rgb(255, 255, 255)"}
    assert reader.evaluate("() => document.querySelector('#brief-overview-wide').checkVisibility()")


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scaffold") / "briefing"
    subprocess.run(
        [sys.executable, "-m", "macros", "new", str(folder), "--title", "A new briefing"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return folder


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_new_briefing_has_its_overview_too(
    readers: Readers, sites: Sites, scaffolded: Path, viewport: dict[str, int]
) -> None:
    sites.get("scaffold", scaffolded)
    reader = readers.get("scaffold")
    reader.reset(viewport)  # type: ignore[arg-type]
    reader.open("glance/")
    check_overview(reader)


_CHARTS = """() => [...document.querySelectorAll('figure.brief-chart')].map(f => {
    const svg = f.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const inside = [...svg.querySelectorAll('text')].every(t => {
        const r = t.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1;
    });
    return {shown: svg.checkVisibility() && box.width > 0, inside,
            points: svg.querySelectorAll('.brief-chart-point').length,
            rows: f.querySelectorAll('tbody tr').length,
            links: [...f.querySelectorAll('tbody th a')].map(a => a.href)};
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["", "figures/containers-11000-wood/"])
def test_charts_show_every_figure_in_the_drawing_and_the_table(
    reader: Reader, viewport: dict[str, int], path: str
) -> None:
    reader.reset(viewport)  # type: ignore[arg-type]
    reader.open(path)
    charts = reader.evaluate(_CHARTS)
    assert charts, "no chart is shown"
    for chart in charts:
        assert chart["shown"] and chart["inside"]
        assert chart["points"] == chart["rows"] > 0
    assert sideways_scroll(reader.page) == 0
    links = {link for chart in charts for link in chart["links"]}
    for link in sorted(links):
        assert reader.page.request.get(link).ok, link


def test_a_new_briefing_charts_its_figure(readers: Readers, sites: Sites, scaffolded: Path) -> None:
    sites.get("scaffold", scaffolded)
    reader = readers.get("scaffold")
    reader.open("")
    charts = reader.evaluate(_CHARTS)
    assert [(c["shown"], c["points"], c["rows"]) for c in charts] == [(True, 1, 1)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["glance/", ""])
def test_axe_finds_no_violation_in_a_new_briefings_drawings(
    readers: Readers, sites: Sites, scaffolded: Path, scheme: Scheme, path: str
) -> None:
    """The default briefing's pages are checked whole (test_browser_a11y.py); here axe looks
    at the drawings alone on a briefing just made, in both palettes."""
    sites.get("scaffold", scaffolded)
    reader = readers.get("scaffold", scheme)
    reader.open(path)
    reader.settle()
    found = AXE.run(reader.page, context={"include": [[".brief-overview"], [".brief-chart"]]})
    results: dict[str, Any] = found.response
    assert results["passes"], "axe looked at the drawings"
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []
