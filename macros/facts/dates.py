"""Dates as editors write them: a year, a month or a day, maybe approximate, maybe a range.

The notation is the level-1 subset of the Library of Congress Extended Date/Time Format
(EDTF, ISO 8601-2): ``2024``, ``2024-06``, ``2024-06-19``, a trailing ``~`` for "circa"
(``1995~``) and a slash for a range (``2024-06-27/2024-06-29``). Every date knows the first
and last calendar day it can mean, so dates of any precision sort and compare honestly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, total_ordering

MONTHS = tuple(calendar.month_name)[1:]
_POINT = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?"
_PATTERN = re.compile(rf"^{_POINT}(?:/{_POINT})?$")
#: The same grammar, for the JSON Schema an editor's YAML extension checks against.
JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?~?(/\d{4}(-\d{2}(-\d{2})?)?~?)?$"


#: The years a briefing's dates may fall in: every output can write each day of them and the
#: day after (the calendar's events end on the next day, RFC 5545), which 9999-12-31 lacks.
FIRST_YEAR, LAST_YEAR = 1, 9998


class DateError(ValueError):
    """A date that cannot be read; ``kind`` picks the message in problems.py."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Point:
    """One end of a date: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    # Cached: dates are compared thousands of times (sorting, era and order checks).
    @cached_property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{n:02d}" for n in (self.month, self.day) if n]
        return "-".join(parts)

    def words(self, with_year: bool = True, with_month: bool = True) -> str:
        """'19 June 2024', 'June 2024' or '2024', leaving out what a range already says."""
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month and (with_month or not self.day):
            parts.append(MONTHS[self.month - 1])
        if with_year or not parts:
            parts.append(str(self.year))
        return " ".join(parts)


@total_ordering
@dataclass(frozen=True, eq=True)
class FuzzyDate:
    """A date or a range of dates at year, month or day precision, exact or approximate."""

    start: Point
    end: Point | None = None
    approximate: bool = False

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateError("date_format")
        groups = match.groups()
        start = _point(groups[0:3])
        end = _point(groups[4:7]) if groups[4] else None
        if end is not None and end.latest < start.earliest:
            raise DateError("date_range_order")
        return cls(start, end, approximate=bool(groups[3] or groups[7]))

    @cached_property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @cached_property
    def latest(self) -> dt.date:
        return (self.end or self.start).latest

    @property
    def precision(self) -> str:
        return self.start.precision

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def may_be_before(self, other: FuzzyDate) -> bool:
        """False only when this date certainly falls after ``other``."""
        return self.earliest <= other.latest

    def __str__(self) -> str:
        """The EDTF text, as an editor would write it."""
        text = self.start.iso() + ("/" + self.end.iso() if self.end else "")
        return text + ("~" if self.approximate else "")

    def machine(self) -> str:
        """A value for HTML's ``<time datetime>``: the start at its own precision."""
        return self.start.iso()

    def words(self) -> str:
        """'19 June 2024', 'June 2024', '1996', 'c. 1995', '27–29 June 2024'."""
        prefix = "c. " if self.approximate else ""
        end = self.end
        if end is None or end == self.start:
            return prefix + self.start.words()
        same_year = end.year == self.start.year
        same_month = same_year and end.month == self.start.month and end.month is not None
        both_days = bool(self.start.day and end.day)
        if same_month and both_days:
            first = self.start.words(with_year=False, with_month=False)
            return f"{prefix}{first}–{end.words()}"
        if same_year and self.start.precision == end.precision != "year":
            return f"{prefix}{self.start.words(with_year=False)} – {end.words()}"
        joiner = "–" if self.start.precision == end.precision == "year" else " – "
        return f"{prefix}{self.start.words()}{joiner}{end.words()}"


def _point(groups: tuple[str | None, ...]) -> Point:
    """Year, month and day as the pattern captured them (the year is always there)."""
    year = int(groups[0] or 0)
    month, day = (int(g) if g else None for g in groups[1:3])
    try:  # the calendar's own check: year 0, month 13, 30 February and day 0 all fail it
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise DateError("date_calendar") from None
    if year > LAST_YEAR:
        raise DateError("date_range")
    return Point(year, month, day)
