"""Dates for synthetic briefings: EDTF text together with the first and last day it can mean.

Every date is drawn inside explicit bounds, so the cross-file rules (eras, "a reaction comes
after what it reacts to", "signed ≤ in force ≤ ended") hold by construction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

#: The spread of the synthetic timeline (the last quarter of 2024 is left for reactions).
FIRST = dt.date(1954, 1, 1)
LAST = dt.date(2024, 9, 30)
LATEST = dt.date(2024, 12, 31)


@dataclass(frozen=True)
class Span:
    """An EDTF date and the calendar days it covers."""

    text: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Era:
    id: str
    name: str
    start: int
    end: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.start, 1, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.end, 12, 31)


#: Year-precision eras that tile 1950–2025 without overlap.
ERAS = (
    Era("armistice-and-alliances", "Armistice and alliances", 1950, 1964),
    Era("detente-and-drift", "Detente and drift", 1965, 1979),
    Era("late-cold-war", "Late Cold War", 1980, 1991),
    Era("after-the-soviet-union", "After the Soviet Union", 1992, 2007),
    Era("sanctions-and-realignment", "Sanctions and realignment", 2008, 2025),
)


def day(when: dt.date, approximate: bool = False) -> Span:
    return Span(when.isoformat() + ("~" if approximate else ""), when, when)


def month(when: dt.date, approximate: bool = False) -> Span:
    last = calendar.monthrange(when.year, when.month)[1]
    text = f"{when.year:04d}-{when.month:02d}" + ("~" if approximate else "")
    return Span(text, when.replace(day=1), when.replace(day=last))


def year(when: dt.date, approximate: bool = False) -> Span:
    text = f"{when.year:04d}" + ("~" if approximate else "")
    return Span(text, dt.date(when.year, 1, 1), dt.date(when.year, 12, 31))


def between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    return low + dt.timedelta(days=rng.randint(0, (high - low).days))


def days_range(start: dt.date, length: int) -> Span:
    end = start + dt.timedelta(days=length)
    return Span(f"{start.isoformat()}/{end.isoformat()}", start, end)


def fuzzy(rng: random.Random, low: dt.date, high: dt.date) -> Span:
    """Mostly days; some months, years, approximate dates and ranges; always within bounds."""
    when = between(rng, low, high)
    roll = rng.random()
    if roll < 0.6:
        span = day(when)
    elif roll < 0.75:
        span = month(when)
    elif roll < 0.83:
        span = year(when)
    elif roll < 0.93:
        span = rng.choice((year, month, day))(when, approximate=True)
    else:
        span = days_range(when, rng.randint(1, 4))
    return span if low <= span.first and span.last <= high else day(when)


def in_era(rng: random.Random) -> Span:
    """A date inside one era, weighted by how many of the years 1954–2024 the era holds."""
    era = rng.choices(ERAS, weights=[_overlap(era) for era in ERAS])[0]
    return fuzzy(rng, max(era.first, FIRST), min(era.last, LAST))


def after(rng: random.Random, floor: dt.date, within_days: int = 60) -> Span:
    """A day or month that starts no earlier than ``floor``."""
    when = min(floor + dt.timedelta(days=rng.randint(0, within_days)), LATEST)
    candidate = month(when)
    if rng.random() < 0.2 and candidate.first >= floor:
        return candidate
    return day(when)


def _overlap(era: Era) -> int:
    return max(0, (min(era.last, LAST) - max(era.first, FIRST)).days)
