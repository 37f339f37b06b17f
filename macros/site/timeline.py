"""The timeline's shape: which dated records fall in which era, and what they can be filtered by.

A timeline longer than ``PAGE_ITEMS`` entries does not fit on one page: it is cut into
parts, one page each, never across an era and where possible between years (else between
months, else into numbered parts of a month), so that a reader's page stays under a
megabyte however long the briefing grows. (A page of 400 entries of a synthetic briefing of
10,000 records came to 0.91 MB, its filters and the list of the sources it cites included;
at 300 a page stays near 0.7 MB.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..facts.catalog import Catalog
from ..facts.dates import MONTHS
from ..facts.load import Entry
from ..facts.model import Era

#: The most entries one timeline page shows; a longer timeline is cut into parts.
PAGE_ITEMS = 300
#: The folder of the parts' pages, beside the page that shows the whole timeline.
FOLDER = "timeline"
OVERVIEW = "timeline.md"


@dataclass(frozen=True)
class Item:
    """One line of the timeline, with the values its filters match."""

    entry: Entry
    kind: str
    kind_label: str
    actors: tuple[str, ...]
    agreements: tuple[str, ...]


def item(catalog: Catalog, entry: Entry) -> Item:
    record: Any = entry.record
    if entry.collection == "reactions":
        kind, actors = record.how, tuple(record.by)
        agreements = {t for t in record.to if _is(catalog, t, "agreements")}
        for target in record.to:
            if _is(catalog, target, "events"):
                agreements.update(catalog.records[target].record.agreements)  # type: ignore[attr-defined]
        label = "response · " + kind.replace("-", " ")
    else:
        kind, actors = record.kind, tuple(record.actors)
        agreements = set(record.agreements)
        label = kind.replace("-", " ")
    return Item(entry, kind, label, actors, tuple(sorted(agreements)))


def _is(catalog: Catalog, record_id: str, collection: str) -> bool:
    entry = catalog.get(record_id)
    return entry is not None and entry.collection == collection


def by_era(eras: list[Era], items: list[Item]) -> list[tuple[Era, list[Item]]]:
    """Each era with its items, oldest first; an era with no item is left out."""
    out = []
    for era in eras:
        inside = [
            i for i in items
            if era.start.earliest <= i.entry.record.when().earliest <= era.end.latest  # type: ignore[union-attr]
        ]  # fmt: skip
        if inside:
            out.append((era, inside))
    return out


def filters(
    catalog: Catalog, items: list[Item], name: Any
) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The filter groups: (group, label, [(value, text)]) for kinds, actors and agreements."""
    kinds = sorted({(i.kind, i.kind.replace("-", " ")) for i in items})
    # By name, then by id: two actors may share a name, and a set has no order of its own.
    actors = sorted(
        {(a, name(a)) for i in items for a in i.actors}, key=lambda p: (p[1].lower(), p[0])
    )
    agreements = {a for i in items for a in i.agreements}
    signed = sorted(agreements, key=lambda a: catalog.records[a].record.when().sort_key())  # type: ignore[union-attr]
    return [
        ("kind", "Kind", kinds),
        ("actor", "Who", actors),
        ("agreement", "Agreement", [(a, name(a)) for a in signed]),
    ]


def items(catalog: Catalog) -> list[Item]:
    """Every event and reaction, oldest first, as timeline lines."""
    return [item(catalog, e) for e in catalog.dated("events", "reactions")]


@dataclass(frozen=True)
class TimelinePart:
    """One page of a timeline cut into parts: the entries of one era, or of some of its years."""

    era: Era
    slug: str
    label: str
    items: tuple[Item, ...]

    @property
    def source(self) -> str:
        """The source path of the part's page, as pages.py generates it."""
        return f"{FOLDER}/{self.slug}.md"

    @property
    def title(self) -> str:
        return self.era.name + (f", {self.label}" if self.label else "")


def parts(
    eras: Sequence[Era], found: list[Item], page_items: int = PAGE_ITEMS
) -> list[TimelinePart]:
    """The parts of a timeline too long for one page, in order; none when it fits on one."""
    if len(found) <= page_items:
        return []
    out = []
    for era, inside in by_era(list(eras), found):
        if len(inside) <= page_items:
            out.append(TimelinePart(era, era.id, "", tuple(inside)))
            continue
        for slug, label, chunk in _cut(inside, page_items):
            out.append(TimelinePart(era, f"{era.id}-{slug}", label, tuple(chunk)))
    return out


def places(
    eras: Sequence[Era], found: list[Item], cut: Sequence[TimelinePart]
) -> dict[str, tuple[str, Era]]:
    """Where each entry stands on the timeline: the source path of the page that lists it
    (the timeline, or the part it falls in) and its era."""
    if cut:
        return {i.entry.id: (part.source, part.era) for part in cut for i in part.items}
    return {
        i.entry.id: (OVERVIEW, era) for era, inside in by_era(list(eras), found) for i in inside
    }


Key = Callable[["Item"], tuple[int, ...]]


def by_part_era(
    listed: list[tuple[TimelinePart, int]],
) -> list[tuple[Era, list[tuple[TimelinePart, int]]]]:
    """Parts (each with a count) grouped by their era, in order."""
    return [
        (era, list(group)) for era, group in itertools.groupby(listed, lambda pair: pair[0].era)
    ]


def _year(i: Item) -> tuple[int, ...]:
    return (i.entry.record.when().earliest.year,)  # type: ignore[union-attr]


def _month(i: Item) -> tuple[int, ...]:
    day = i.entry.record.when().earliest  # type: ignore[union-attr]
    return (day.year, day.month)


def _cut(found: list[Item], most: int) -> list[tuple[str, str, list[Item]]]:
    """(slug, label, items) for runs of whole years of at most ``most`` entries; a year with
    more is cut between months, and a month with more into numbered parts."""
    out = []
    for years in _pack(found, most, _year):
        if len(years) <= most:
            out.append(_named(years, _year))
            continue
        for months in _pack(years, most, _month):
            if len(months) <= most:
                out.append(_named(months, _month))
                continue
            slug, label, _ = _named(months, _month)
            count = -(-len(months) // most)
            for number in range(1, count + 1):
                piece = months[(number - 1) * most : number * most]
                out.append((f"{slug}-part-{number}", f"{label}, part {number} of {count}", piece))
    return out


def _named(chunk: list[Item], key: Key) -> tuple[str, str, list[Item]]:
    """'1954-to-1958' and '1954–1958', or '1990-03' and 'March 1990'."""
    first, last = key(chunk[0]), key(chunk[-1])
    slug, words = "-".join(f"{n:02d}" for n in first), _words(first)
    if first == last:
        return slug, words, chunk
    return f"{slug}-to-{'-'.join(f'{n:02d}' for n in last)}", f"{words}–{_words(last)}", chunk


def _words(key: tuple[int, ...]) -> str:
    return str(key[0]) if len(key) == 1 else f"{MONTHS[key[1] - 1]} {key[0]}"


def _pack(found: list[Item], most: int, key: Key) -> list[list[Item]]:
    """Consecutive runs of equal ``key`` packed greedily into pages of at most ``most``
    entries; a run longer than ``most`` is a page of its own, to be cut finer."""
    pages: list[list[Item]] = []
    for _, run in itertools.groupby(found, key):
        group = list(run)
        if pages and len(pages[-1]) + len(group) <= most:
            pages[-1].extend(group)
        else:
            pages.append(group)
    return pages
