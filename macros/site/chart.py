"""Charts of figures: the figures that share a ``measure``, drawn against time.

Python works out the geometry in the SVG's own units; ``templates/chart.html`` draws it.
Each figure is a point at the date it is true for (``as_of``, else ``stated_on``): a dot
for a day, a bar across a month or a year, dashed when the date is approximate. Its
qualifier is drawn too (an arrow up for "more than" and "at least", down for "fewer than"
and "up to", a dashed ring for "approximately"). A date or a number another source gives
instead (a disagreement on ``stated_on``, ``as_of`` or ``value``) is a hollow point joined
to the figure's by a dashed line. Labels are put on rows so that none overlaps another.

Templates, not a charting library: matplotlib can write the same bytes every time (with
``svg.hashsalt`` and no date) but sets colours as attributes rather than the palette's CSS
variables, sets text as paths or in its own fonts, and brings numpy; pygal's SVG loads its
tooltip script from a CDN by default; Vega-Lite needs a JavaScript engine to draw. A chart
of a few points is a few lines of geometry here and a Jinja macro file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..facts.catalog import Catalog
from ..facts.dates import MONTHS, FuzzyDate
from ..facts.load import Entry
from ..facts.names import figure_number

WIDTH = 360.0
PLOT_LEFT = 40.0  # the least room for the values of the y axis
PLOT_RIGHT = 16.0
PLOT_HEIGHT = 140.0
FONT = 11.0
TEXT_WIDTH = 0.6  # a character's width, as a share of the font size
LINE = 13.0  # the height of a line of a label
DOT = 4.5
MIN_BAR = 8.0
#: Qualifiers drawn as an arrow: the true value lies above (or below) the point.
UP = {"more-than", "at-least"}
DOWN = {"fewer-than", "up-to"}
_DATE_FIELDS = {"stated_on", "as_of"}


@dataclass(frozen=True)
class Point:
    """One figure (or what another source gives instead) on the chart."""

    id: str
    when: FuzzyDate
    value: float
    x: float
    width: float
    y: float
    bar: bool
    qualifier: str
    #: The lines of its label, where they start, and how they are anchored.
    lines: tuple[str, ...] = ()
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "middle"

    @property
    def cx(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Alternative:
    """A date or value another source reports for a figure: drawn hollow, joined to it."""

    of: str
    field: str
    point: Point


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    measure: str
    id: str
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[Point, ...]
    alternatives: tuple[Alternative, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    entries: tuple[Entry, ...]

    @property
    def first(self) -> FuzzyDate:
        return self.points[0].when

    @property
    def last(self) -> FuzzyDate:
        return self.points[-1].when


def measures(catalog: Catalog) -> dict[str, list[Entry]]:
    """Every measure figures share, with its figures in time order; measures in the order
    their first figure comes."""
    found: dict[str, list[Entry]] = {}
    for entry in sorted(catalog.collections["figures"], key=lambda e: _key(e)):
        measure = getattr(entry.record, "measure", None)
        if measure:
            found.setdefault(measure, []).append(entry)
    return found


def _key(entry: Entry) -> tuple[Any, ...]:
    return (*_when(entry.record).sort_key(), entry.id)


def _when(figure: Any) -> FuzzyDate:
    return figure.as_of or figure.stated_on  # type: ignore[no-any-return]


def chart(measure: str, entries: Sequence[Entry], name: Callable[[str], str]) -> Chart:
    """The chart of ``entries`` (figures of one ``measure``, in time order); ``name`` names
    who stated each."""
    alternatives = [
        (entry, d.field, d.value)
        for entry in entries
        for d in entry.record.disagreements  # type: ignore[attr-defined]
        if d.field in _DATE_FIELDS or (d.field == "value" and _number(d.value) is not None)
    ]
    dates = [_when(e.record) for e in entries]
    dates += [FuzzyDate.parse(v) for _, f, v in alternatives if f in _DATE_FIELDS and _date(v)]
    values = [float(e.record.value) for e in entries]  # type: ignore[attr-defined]
    values += [_number(v) or 0.0 for _, f, v in alternatives if f == "value"]
    start, end = _span(dates)
    top_value, y_ticks = _scale(max(values))
    # Room on the left for the longest value on the y axis (set at 12 px, like the axes).
    plot_left = max(PLOT_LEFT, max(len(f"{v:,.0f}") for v in y_ticks) * 12 * 0.6 + 10)
    right = WIDTH - PLOT_RIGHT
    days = (end - start).days

    def x_of(day: dt.date) -> float:
        return plot_left + (day - start).days / days * (right - plot_left)

    def y_of(value: float) -> float:
        return PLOT_HEIGHT - value / top_value * PLOT_HEIGHT

    def place(record_id: str, when: FuzzyDate, value: float, qualifier: str) -> Point:
        left, after = x_of(when.earliest), x_of(when.latest + dt.timedelta(days=1))
        bar = when.precision != "day" or when.end is not None
        middle = (left + after) / 2
        if not bar:
            left, after = middle - DOT, middle + DOT
        elif after - left < MIN_BAR:
            left, after = middle - MIN_BAR / 2, middle + MIN_BAR / 2
        return Point(
            record_id, when, value, round(left, 1), round(after - left, 1), round(y_of(value), 1),
            bar, qualifier,
        )  # fmt: skip

    points = [
        place(e.id, _when(e.record), float(e.record.value), e.record.qualifier)  # type: ignore[attr-defined]
        for e in entries
    ]
    others = []
    for entry, field, value in alternatives:
        figure: Any = entry.record
        if field == "value":
            point = place(entry.id, _when(figure), _number(value) or 0.0, figure.qualifier)
        elif _date(value):
            point = place(entry.id, FuzzyDate.parse(value), float(figure.value), figure.qualifier)
        else:
            continue
        others.append(Alternative(entry.id, field, point))
    labelled = _labels(
        points,
        plot_left,
        [(figure_number(e.record), name(e.record.stated_by)) for e in entries],  # type: ignore[attr-defined]
        [a.point for a in others],
    )
    rise = max(0.0, -min((p.label_y - LINE for p in labelled), default=0.0)) + 6.0
    shifted = [_down(p, rise) for p in labelled]
    moved = [Alternative(a.of, a.field, _down(a.point, rise)) for a in others]
    bottom = round(PLOT_HEIGHT + rise, 1)
    return Chart(
        measure=measure,
        id="chart-" + (re.sub(r"[^a-z0-9]+", "-", measure.lower()).strip("-") or entries[0].id),
        width=WIDTH,
        height=round(bottom + 24.0, 1),
        left=round(plot_left, 1),
        right=right,
        top=round(rise, 1),
        bottom=bottom,
        points=tuple(shifted),
        alternatives=tuple(moved),
        y_ticks=tuple(Tick(round(y_of(v) + rise, 1), f"{v:,.0f}") for v in y_ticks),
        x_ticks=tuple(_x_ticks(start, end, x_of)),
        entries=tuple(entries),
    )


def _down(point: Point, by: float) -> Point:
    return replace(point, y=round(point.y + by, 1), label_y=round(point.label_y + by, 1))


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _clash(box: Box, others: Sequence[Box]) -> bool:
    left, top, right, bottom = box
    return any(left < r and o_left < right and top < b and t < bottom for o_left, t, r, b in others)


def _labels(
    points: list[Point], plot_left: float, texts: list[tuple[str, str]], hollow: list[Point]
) -> list[Point]:
    """Each point with its label (the number, then who stated it) above it, lifted a line at
    a time until it touches neither a label placed before it nor another point (or one of
    the ``hollow`` points of other sources)."""
    dots: list[Box] = [(p.x, p.y - DOT, p.x + p.width, p.y + DOT) for p in points]
    rings: list[Box] = [(p.x, p.y - DOT, p.x + p.width, p.y + DOT) for p in hollow]
    placed: list[Box] = []
    out = []
    for number, (point, lines) in enumerate(zip(points, texts, strict=True)):
        text = max(len(line) for line in lines) * FONT * TEXT_WIDTH
        anchor, left = "middle", point.cx - text / 2
        if left < plot_left:
            anchor, left = "start", max(point.cx - DOT, 2.0)
        elif left + text > WIDTH - 2:
            anchor, left = "end", point.cx + DOT - text
        height = LINE * len(lines)
        base = point.y - (18.0 if point.qualifier in UP else 10.0)
        others = placed + dots[:number] + dots[number + 1 :] + rings
        while _clash((left, base - height, left + text, base), others):
            base -= LINE
        placed.append((left, base - height, left + text, base))
        x = {"middle": point.cx, "start": left, "end": left + text}[anchor]
        label_y = round(base - height + LINE - 3, 1)
        out.append(replace(point, lines=lines, label_x=round(x, 1), label_y=label_y, anchor=anchor))
    return out


def _span(dates: list[FuzzyDate]) -> tuple[dt.date, dt.date]:
    """From the month before the first date to the month after the last."""
    first = min(d.earliest for d in dates)
    last = max(d.latest for d in dates)
    start = dt.date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    following = dt.date(last.year + (last.month >= 11), (last.month + 1) % 12 + 1, 1)
    return start, following


def _scale(highest: float) -> tuple[float, list[float]]:
    """A round top for the y axis, and its ticks: 0 and three or four steps of 1, 2, 2.5 or 5
    times a power of ten."""
    if highest <= 0:
        return 1.0, [0.0, 1.0]
    power = 10 ** math.floor(math.log10(highest))
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        if highest / (step * power) <= 4:
            break
    size = step * power
    count = math.ceil(highest / size)
    return size * count, [size * n for n in range(count + 1)]


def _x_ticks(start: dt.date, end: dt.date, x_of: Callable[[dt.date], float]) -> list[Tick]:
    """A tick at each January, or at each quarter on a chart of less than two years."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 3 if months <= 24 else 12 if months <= 120 else 60
    out = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        if (year * 12 + month - 1) % step == 0:
            label = str(year) if month == 1 else MONTHS[month - 1][:3]
            out.append(Tick(round(x_of(dt.date(year, month, 1)), 1), label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _date(text: str) -> bool:
    try:
        FuzzyDate.parse(text)
    except ValueError:
        return False
    return True
