"""The parts of a synthetic briefing: the plan, the dates, and the YAML writer (bench/synth.py).

- The plan (``World``): one random stream, and every id planned before any record is written,
  so a record may link to any other one; ids end in a counter shared by all collections, which
  keeps them unique across collections.
- Dates: EDTF text together with the first and last day it can mean. Every date is drawn
  inside explicit bounds, so the cross-file rules (eras, "a reaction comes after what it
  reacts to", "signed ≤ in force ≤ ended") hold by construction.
- The writer: block style, keys in the given order, empty lists left out; long text is a
  folded block (``>-``) wrapped at 100 columns, as editors write prose; short text is plain
  where it reads unambiguously, JSON-style double quotes (valid YAML) otherwise. Every scalar
  loads back as exactly the same text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import random
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

#: Roughly how a briefing divides into collections (each gets at least one record).
SHARES = {
    "sources": 0.25,
    "actors": 0.10,
    "agreements": 0.05,
    "events": 0.30,
    "figures": 0.10,
    "reactions": 0.10,
    "perspectives": 0.10,
}

PLACES = (
    "aldoria", "brevia", "caldera", "dunmark", "estravia", "falkmoor", "gorsk", "halvenia",
    "istria", "jorvik", "kestrel", "lunmark", "morvania", "norlund", "ostrava", "pellas",
    "quarnby", "rovenia", "sundar", "tarsk", "ulmora", "vestria", "wendal", "yarrow",
)  # fmt: skip
GIVEN = (
    "ada", "boris", "clara", "dmitri", "elena", "farid", "grace", "hana", "igor", "jun",
    "kira", "leon", "mira", "nils", "olga", "pavel", "rina", "sergei", "tomas", "yuna",
)  # fmt: skip
SURNAMES = (
    "abara", "brandt", "chen", "dubois", "eriksen", "fontaine", "garcia", "haas", "ivanova",
    "jensen", "kim", "lindqvist", "moreau", "nakamura", "okafor", "park", "rossi", "sato",
)  # fmt: skip
PUBLISHERS = (
    "northern-ledger", "capital-wire", "eastern-review", "harbour-gazette",
    "policy-quarterly", "state-archive", "foreign-ministry", "defence-monitor",
)  # fmt: skip
TOPICS = (
    "mutual-defence", "sanctions", "trade", "munitions", "satellites", "energy", "food-aid",
    "border", "nuclear-talks", "labour", "shipping", "airspace",
)  # fmt: skip
ACTOR_KINDS = ("state", "government", "office", "person", "person", "organisation")
EVENT_KINDS = (
    "summit", "visit", "signing", "initialling", "ratification", "entry-into-force", "lapse",
    "statement", "summons", "call", "meeting", "vote", "exercise", "briefing", "publication",
    "diplomatic", "other",
)  # fmt: skip
REACTION_KINDS = (
    "summons", "joint-statement", "statement", "call", "meeting", "sanctions", "exercise",
    "vote", "other",
)  # fmt: skip
MEASURES = ("containers", "casualties", "shipments", "tonnes", "troops", "launches", "barrels")
_LINKED = (
    "It follows [[{id}]].",
    "See also [[{id}|{title}]].",
    "Compare [[{id}]].",
    "Officials cited [[{id}]] at the time.",
    "The account of [[{id}|{title}]] is *contested*.",
    "Background: [[{id}]].",
)


def plan_counts(records: int) -> dict[str, int]:
    """Records per collection, in the proportions of SHARES, adding up to ``records``."""
    if records < len(SHARES):
        raise ValueError(f"a briefing needs at least {len(SHARES)} records (got {records})")
    counts = {name: max(1, int(records * share)) for name, share in SHARES.items()}
    largest_first = sorted(SHARES, key=lambda name: -SHARES[name])
    for name in itertools.cycle(largest_first):
        excess = sum(counts.values()) - records
        if excess == 0:
            break
        if excess < 0:
            counts[name] += 1
        elif counts[name] > 1:
            counts[name] -= 1
    return counts


@dataclass
class World:
    rng: random.Random
    ids: dict[str, list[str]]
    kinds: dict[str, str]
    collection_of: dict[str, str]
    words: dict[str, tuple[str, ...]]
    #: The date others compare against: an event's date, an agreement's signing.
    dates: dict[str, Span] = field(default_factory=dict)
    _everything: list[str] = field(default_factory=list)
    _uncited: Iterator[str] = field(default_factory=lambda: iter(()))

    @classmethod
    def plan(cls, records: int, seed: int) -> World:
        world = cls(random.Random(seed), {}, {}, {}, {})
        serial = itertools.count(1)
        for collection, count in plan_counts(records).items():
            world.ids[collection] = []
            for _ in range(count):
                kind, words = world._name(collection)
                record_id = "-".join((*words, str(next(serial))))
                world.ids[collection].append(record_id)
                world.kinds[record_id], world.words[record_id] = kind, words
                world.collection_of[record_id] = collection
        world._everything = [i for ids in world.ids.values() for i in ids]
        shuffled = list(world.ids["sources"])
        world.rng.shuffle(shuffled)
        world._uncited = itertools.cycle(shuffled)
        return world

    def _name(self, collection: str) -> tuple[str, tuple[str, ...]]:
        pick = self.rng.choice
        if collection == "sources":
            return "source", (pick(PUBLISHERS), pick(TOPICS))
        if collection == "actors":
            kind = pick(ACTOR_KINDS)
            if kind == "person":
                return kind, (pick(GIVEN), pick(SURNAMES))
            return kind, (pick(PLACES), kind)
        if collection == "agreements":
            return "agreement", (*self.rng.sample(PLACES, 2), pick(TOPICS))
        if collection == "events":
            kind = pick(EVENT_KINDS)
            return kind, (pick(PLACES), kind)
        if collection == "figures":
            return "figure", (pick(MEASURES), pick(TOPICS))
        if collection == "reactions":
            kind = pick(REACTION_KINDS)
            return kind, (pick(PLACES), kind)
        return "perspective", (pick(SURNAMES), "on", pick(TOPICS))

    def title(self, record_id: str) -> str:
        return " ".join(self.words[record_id]).replace("-", " ").title()

    def budget(self) -> int:
        """How many references (besides sources) the next record makes: 3 to 10."""
        return self.rng.randint(3, 10)

    def pick(self, collection: str, count: int, exclude: Sequence[str] = ()) -> list[str]:
        """Up to ``count`` distinct ids of one collection, none of them in ``exclude``."""
        return self._sample(collection, count, exclude)

    def anything(self, count: int, exclude: Sequence[str] = ()) -> list[str]:
        """Up to ``count`` distinct ids of any collection, none of them in ``exclude``."""
        return self._sample(None, count, exclude)

    def _sample(self, collection: str | None, count: int, exclude: Sequence[str]) -> list[str]:
        pool = self._everything if collection is None else self.ids[collection]
        excluded = {i for i in exclude if collection in (None, self.collection_of.get(i))}
        chosen: list[str] = []
        while len(chosen) < min(count, len(pool) - len(excluded)):
            candidate = self.rng.choice(pool)
            if candidate not in excluded and candidate not in chosen:
                chosen.append(candidate)
        return chosen

    def sources(self) -> list[str]:
        """One to three sources, the first taken in turn so that every source is cited."""
        first = next(self._uncited)
        return [first, *self.pick("sources", self.rng.randint(0, 2), exclude=[first])]

    def prose(self, lead: str, links: int, exclude: Sequence[str] = ()) -> str:
        """Markdown: a lead sentence, then one sentence per ``[[id]]`` link."""
        sentences = [lead]
        for record_id in self.anything(links, exclude):
            template = self.rng.choice(_LINKED)
            sentences.append(template.format(id=record_id, title=self.title(record_id).lower()))
        return " ".join(sentences)


# Dates

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


# The YAML writer

Value = str | int | float | Sequence["Value"] | Mapping[str, "Value"]

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()/~-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none"}
WIDTH = 100


def scalar(value: str | int | float) -> str:
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED and not value.endswith(" "):
        return value
    return json.dumps(value)


def _scalar_lines(head: str, value: str | int | float, indent: int) -> list[str]:
    """``head`` is the indented ``key:`` or ``-``; text too long for one line is folded."""
    line = f"{head} {scalar(value)}"
    foldable = isinstance(value, str) and "  " not in value and value == value.strip()
    if len(line) <= WIDTH or not foldable:
        return [line]
    body = textwrap.wrap(
        str(value), WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{head} >-", *(" " * (indent + 2) + part for part in body)]


def document(record: Mapping[str, Value], schema: str) -> str:
    """The text of one data file, starting with the schema comment editors' tools read."""
    lines = [f"# yaml-language-server: $schema={schema}"]
    lines += _mapping(record, 0)
    return "\n".join(lines) + "\n"


def _mapping(record: Mapping[str, Value], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in record.items():
        if isinstance(value, (str, int, float)):
            lines += _scalar_lines(f"{pad}{key}:", value, indent)
        elif not value:
            continue  # an empty list or mapping is left out, as an editor would
        elif isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        else:
            lines.append(f"{pad}{key}:")
            lines += _sequence(value, indent + 2)
    return lines


def _sequence(items: Sequence[Value], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, (str, int, float)):
            lines += _scalar_lines(f"{pad}-", item, indent)
        elif isinstance(item, Mapping):
            nested = _mapping(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines += nested[1:]
        else:
            raise TypeError("lists of lists are not part of the data model")
    return lines
