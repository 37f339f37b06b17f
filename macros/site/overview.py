"""The timeline at a glance: where each era, event and reaction falls on a drawn time axis.

Python works out the geometry, in the SVG's own units; ``templates/overview.html`` draws it.
A date is drawn as what it can mean: a day as a dot, a month, a year or a range as a bar
across every day it covers, an approximate date with a dashed outline. Marks that would
touch are put on lanes one above the other, so no two ever overlap. When the whole span
needs more than ``MAX_LANES`` lanes somewhere, the densest stretch is drawn again on a
second axis below (the inset), at a scale where its marks spread out; on the first axis
that stretch is a bracket, and each entry has exactly one mark, in one of the two axes.

Every number is rounded to a tenth, so the same data draws the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..facts.dates import MONTHS, FuzzyDate
from ..facts.model import Era

#: Lanes one axis may stack before its densest stretch is drawn again on an inset.
MAX_LANES = 3
LANE = 16.0  # the height of a lane
DOT = 5.0  # the radius of a day's dot
MIN_BAR = 8.0  # the narrowest bar (a month on a seventy-year axis is narrower)
GAP = 3.0  # the least space between two marks on a lane
LABEL = 14.0  # the height of a row of era labels
TEXT_WIDTH = 0.6  # a character's width, as a share of the font size, to fit labels
FONT = 12.0
TICK_GAP = 56.0  # the least space between two tick labels
MARGIN = 8.0


@dataclass(frozen=True)
class Mark:
    """One event or reaction: a dot or a bar, on a lane, linking to its entry."""

    id: str
    collection: str
    name: str
    when: FuzzyDate
    x: float
    width: float
    y: float
    bar: bool

    @property
    def cx(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Band:
    """An era's stretch of an axis, with its label on a row above the lanes."""

    era: Era
    x: float
    width: float
    label_y: float
    label_x: float
    number: int


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Axis:
    """One time axis: from ``start`` to ``end``, at ``top``, with its bands, marks and ticks."""

    start: dt.date
    end: dt.date
    top: float
    lanes_top: float
    lanes_bottom: float
    bands: tuple[Band, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]

    @property
    def bottom(self) -> float:
        return self.lanes_bottom + 20.0

    @property
    def words(self) -> str:
        """'January 1953 to December 2025', 'June to July 2024'."""
        first = _month_words(self.start)
        if self.start.year == self.end.year:
            first = MONTHS[self.start.month - 1]
        return f"{first} to {_month_words(self.end)}"


@dataclass(frozen=True)
class Overview:
    """The whole picture: the first axis, and under it each closer look at the densest
    stretch of the axis above (at most ``DEPTH`` axes in all)."""

    width: float
    height: float
    axes: tuple[Axis, ...]
    #: Where the stretch the next axis draws lies on each axis but the last (x, width).
    windows: tuple[tuple[float, float], ...]
    #: Every mark, whichever axis it is on, in time order: the order links are read in.
    marks: tuple[Mark, ...]
    events: int
    reactions: int

    @property
    def main(self) -> Axis:
        return self.axes[0]

    @property
    def closer(self) -> tuple[tuple[Axis, Axis, tuple[float, float]], ...]:
        """(axis above, closer axis, window on the axis above) for each closer look."""
        return tuple(zip(self.axes, self.axes[1:], self.windows, strict=False))


#: The most axes one overview draws: the whole span and two closer looks.
DEPTH = 3


def overview(eras: Sequence[Era], entries: Sequence[Any], width: float = 960.0) -> Overview:
    """The geometry of the overview of ``entries`` (catalog entries of events and reactions,
    oldest first) across ``eras``, ``width`` units wide."""
    dated = [(e, e.record.when()) for e in entries]
    first = min([eras[0].start.earliest, *(w.earliest for _, w in dated)])
    last = max([eras[-1].end.latest, *(w.latest for _, w in dated)])
    start, end = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    axes: list[Axis] = []
    windows: list[tuple[float, float]] = []
    top, rest = 0.0, dated
    while True:
        axis = _axis(eras, rest, start, end, width, top)
        if _lanes_needed(axis.marks) <= MAX_LANES or len(axes) + 1 == DEPTH or len(rest) < 2:
            axes.append(axis)
            break
        w_start, w_end = _densest(axis.marks)
        inside = [(e, w) for e, w in rest if w_start <= w.earliest <= w_end]
        outside = [(e, w) for e, w in rest if not w_start <= w.earliest <= w_end]
        axis = _axis(eras, outside, start, end, width, top)
        axes.append(axis)
        scale = (width - 2 * MARGIN) / _days(start, end + dt.timedelta(days=1))
        x0 = MARGIN + _days(start, w_start) * scale
        x1 = MARGIN + _days(start, w_end + dt.timedelta(days=1)) * scale
        windows.append((round(x0, 1), round(max(x1 - x0, 2.0), 1)))
        top, rest, start, end = axis.bottom + 40.0, inside, w_start, w_end
    marks = sorted((m for a in axes for m in a.marks), key=lambda m: (*m.when.sort_key(), m.id))
    return Overview(
        width=width,
        height=round(axes[-1].bottom + 4.0, 1),
        axes=tuple(axes),
        windows=tuple(windows),
        marks=tuple(marks),
        events=sum(e.collection == "events" for e, _ in dated),
        reactions=sum(e.collection == "reactions" for e, _ in dated),
    )


def _days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def _axis(
    eras: Sequence[Era],
    dated: Sequence[tuple[Any, FuzzyDate]],
    start: dt.date,
    end: dt.date,
    width: float,
    top: float,
) -> Axis:
    """An axis from ``start`` to ``end``: its era bands and labels, its marks on lanes."""
    span = _days(start, end + dt.timedelta(days=1))
    scale = (width - 2 * MARGIN) / span

    def x_of(day: dt.date) -> float:
        return MARGIN + _days(start, day) * scale

    shown = [
        (i, era) for i, era in enumerate(eras, 1)
        if era.start.earliest <= end and era.end.latest >= start
    ]  # fmt: skip
    spans = []
    for number, era in shown:
        left = x_of(max(era.start.earliest, start))
        right = x_of(min(era.end.latest, end) + dt.timedelta(days=1))
        spans.append((number, era, left, right))
    rows = _label_rows([(left, _text_width(era.name)) for _, era, left, _ in spans], width)
    label_rows = max(rows, default=0) + 1
    lanes_top = top + label_rows * LABEL + 6.0
    extents = []
    for entry, when in dated:
        left = x_of(when.earliest)
        right = x_of(when.latest + dt.timedelta(days=1))
        bar = when.precision != "day" or when.end is not None
        if bar:
            if right - left < MIN_BAR:
                middle = (left + right) / 2
                left, right = middle - MIN_BAR / 2, middle + MIN_BAR / 2
        else:
            middle = (left + right) / 2
            left, right = middle - DOT, middle + DOT
        extents.append((entry, when, left, right, bar))
    lanes = _lane_of([(left, right) for _, _, left, right, _ in extents])
    marks = tuple(
        Mark(
            id=entry.id,
            collection=entry.collection,
            name=_name(entry),
            when=when,
            x=round(left, 1),
            width=round(right - left, 1),
            y=round(lanes_top + LANE / 2 + lane * LANE, 1),
            bar=bar,
        )
        for (entry, when, left, right, bar), lane in zip(extents, lanes, strict=True)
    )
    lane_count = max(lanes, default=0) + 1
    lanes_bottom = lanes_top + lane_count * LANE + 4.0
    bands = tuple(
        Band(
            era=era,
            x=round(left, 1),
            width=round(right - left, 1),
            label_y=round(top + (row + 1) * LABEL - 3.0, 1),
            label_x=round(min(left, width - MARGIN - _text_width(era.name)), 1),
            number=number,
        )
        for (number, era, left, right), row in zip(spans, rows, strict=True)
    )
    return Axis(
        start=start,
        end=end,
        top=round(top, 1),
        lanes_top=round(lanes_top, 1),
        lanes_bottom=round(lanes_bottom, 1),
        bands=bands,
        marks=marks,
        ticks=tuple(_ticks(start, end, x_of, width)),
    )


def _name(entry: Any) -> str:
    record = entry.record
    return str(getattr(record, "title", None) or entry.id)


def _text_width(text: str) -> float:
    return len(text) * FONT * TEXT_WIDTH


def _label_rows(labels: list[tuple[float, float]], width: float) -> list[int]:
    """The row of each label (x, text width), so that no two labels on a row overlap; a
    label near the right edge is moved left to fit."""
    ends: list[float] = []
    rows = []
    for left, text in labels:
        left = min(left, width - MARGIN - text)
        for row, taken in enumerate(ends):
            if left >= taken + 8.0:
                ends[row] = left + text
                rows.append(row)
                break
        else:
            ends.append(left + text)
            rows.append(len(ends) - 1)
    return rows


def _lane_of(extents: list[tuple[float, float]]) -> list[int]:
    """Each mark's lane: the lowest where it keeps ``GAP`` from the mark before it."""
    ends: list[float] = []
    lanes = []
    for left, right in extents:
        for lane, taken in enumerate(ends):
            if left >= taken + GAP:
                ends[lane] = right
                lanes.append(lane)
                break
        else:
            ends.append(right)
            lanes.append(len(ends) - 1)
    return lanes


def _lanes_needed(marks: Sequence[Mark]) -> int:
    return len({m.y for m in marks})


def _densest(marks: Sequence[Mark]) -> tuple[dt.date, dt.date]:
    """The stretch of the run of touching marks that holds the most marks, widened to whole
    months."""
    runs: list[list[Mark]] = []
    for mark in sorted(marks, key=lambda m: (m.x, m.id)):
        if runs and mark.x <= max(m.x + m.width for m in runs[-1]) + GAP:
            runs[-1].append(mark)
        else:
            runs.append([mark])
    run = max(runs, key=len)
    first = min(m.when.earliest for m in run)
    last = max(m.when.latest for m in run)
    following = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return dt.date(first.year, first.month, 1), following - dt.timedelta(days=1)


def _month_words(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _ticks(start: dt.date, end: dt.date, x_of: Any, width: float) -> list[Tick]:
    """Tick marks at years (every 1, 2, 5, 10, 20 or 50) or, on a short axis, at months
    (every 1, 2, 3 or 6), as many as fit ``TICK_GAP`` apart."""
    per_year = x_of(dt.date(start.year + 1, 1, 1)) - x_of(dt.date(start.year, 1, 1))
    for step in (1, 2, 5, 10, 20, 50, 100):
        if per_year * step >= TICK_GAP:
            break
    per_day = per_year / 365
    if per_day * 7 >= TICK_GAP:
        days = next(d for d in (1, 2, 7, 14) if per_day * d >= TICK_GAP)
        return [
            Tick(round(x_of(day), 1), f"{day.day} {_short(day)}")
            for day in _days_between(start, end)
            if (day.day - 1) % days == 0 and day.day < 29
        ]
    if step == 1 and per_year / 12 * 3 >= TICK_GAP:
        months = next(m for m in (1, 2, 3, 6) if per_year / 12 * m >= TICK_GAP)
        return [
            Tick(round(x_of(day), 1), str(day.year) if day.month == 1 else _short(day))
            for day in _months(start, end, months)
        ]
    first = -(-start.year // step) * step
    return [
        Tick(round(x_of(dt.date(year, 1, 1)), 1), str(year))
        for year in range(first, end.year + 1, step)
        if MARGIN <= x_of(dt.date(year, 1, 1)) <= width - MARGIN
    ]


def _months(start: dt.date, end: dt.date, step: int) -> list[dt.date]:
    out = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        if (month - 1) % step == 0 and dt.date(year, month, 1) >= start:
            out.append(dt.date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def _short(day: dt.date) -> str:
    return MONTHS[day.month - 1][:3]


def _days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(_days(start, end) + 1)]
