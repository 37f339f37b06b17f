"""The timeline's shape: which dated records fall in which era, and what they can be filtered by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .load import Entry
from .model import Era


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
    actors = sorted({(a, name(a)) for i in items for a in i.actors}, key=lambda p: p[1].lower())
    agreements = {a for i in items for a in i.agreements}
    signed = sorted(agreements, key=lambda a: catalog.records[a].record.when().sort_key())  # type: ignore[union-attr]
    return [
        ("kind", "Kind", kinds),
        ("actor", "Who", actors),
        ("agreement", "Agreement", [(a, name(a)) for a in signed]),
    ]
