"""The index of a briefing: every record by id, its references, its backlinks, its order.

Built once per build from what load.py read. References are found from the model's types
(fields marked ``RefTo``, and ``[[id]]`` links in Markdown fields), so a new field that
names records is indexed and checked without a line changed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .fields import Shape, shape
from .links import record_links
from .load import Entry, Lines, Loc
from .model import COLLECTIONS, Briefing

BRIEFING = "briefing"


@dataclass(slots=True)
class Reference:
    """``source`` names ``target`` at ``loc``; ``allowed`` empty means any collection."""

    source: str
    target: str
    loc: Loc
    allowed: tuple[str, ...]
    in_prose: bool = False


class Catalog:
    """Every valid record, by id and by collection, with references both ways."""

    def __init__(self, briefing: Briefing | None, entries: list[Entry]) -> None:
        self.briefing = briefing
        self.records: dict[str, Entry] = {}
        self.collections: dict[str, list[Entry]] = {name: [] for name in COLLECTIONS}
        for entry in sorted(entries, key=lambda e: e.path):
            self.records.setdefault(entry.id, entry)
            self.collections[entry.collection].append(entry)
        self.outgoing: dict[str, list[Reference]] = {}
        backlinks: defaultdict[str, list[Reference]] = defaultdict(list)
        named = [(BRIEFING, briefing)] if briefing else []
        for source_id, model in [*named, *self._records()]:
            refs = references(source_id, model)
            self.outgoing[source_id] = refs
            for ref in refs:
                if ref.target != source_id:
                    backlinks[ref.target].append(ref)
        self.backlinks: dict[str, list[Reference]] = dict(backlinks)

    def _records(self) -> Iterator[tuple[str, BaseModel]]:
        return ((entry.id, entry.record) for entry in self.records.values())

    def get(self, record_id: str) -> Entry | None:
        return self.records.get(record_id)

    def cited_by(self, record_id: str) -> list[str]:
        """The ids of the records that refer to ``record_id``, each once, in order."""
        return list(dict.fromkeys(ref.source for ref in self.backlinks.get(record_id, [])))

    def dated(self, *collections: str) -> list[Entry]:
        """Records with a ``date``, oldest first; ties keep a stable order by id."""
        found = [e for name in collections for e in self.collections[name]]
        dated = [(when, e) for e in found if (when := e.record.when()) is not None]
        return [e for when, e in sorted(dated, key=lambda pair: (pair[0].sort_key(), pair[1].id))]


# --- Finding references from the model's types ---------------------------------------------

Plan = tuple[str, Any]  # ("ref", RefTo) | ("prose", None) | ("model", cls) | ("list"|"dict", Plan)


def references(source: str, model: BaseModel) -> list[Reference]:
    """Every record id that ``model`` names, with where it names it."""
    found: list[Reference] = []
    _collect(source, model, (), found)
    return found


def _collect(source: str, model: BaseModel, loc: Loc, found: list[Reference]) -> None:
    values = vars(model)  # a model's fields are its attributes: cheaper than getattr
    for name, plan in _plan(type(model)):
        value = values[name]
        if value is None:
            continue
        kind, detail = plan
        # The two commonest cases are inlined: this runs for every field of every record.
        if kind == "list" and detail[0] == "ref":  # lists of ids (sources, actors …)
            allowed = detail[1].collections
            for index, item in enumerate(value):
                found.append(Reference(source, item, (*loc, name, index), allowed))
        elif kind == "ref":
            found.append(Reference(source, value, (*loc, name), detail.collections))
        elif kind != "prose" or "[[" in value:  # most prose has no link: skip it here
            _walk(source, value, plan, (*loc, name), found)


def _walk(source: str, value: Any, plan: Plan, loc: Loc, found: list[Reference]) -> None:
    kind, detail = plan
    if kind == "ref":
        found.append(Reference(source, value, loc, detail.collections))
    elif kind == "prose":
        for link in record_links(value):
            found.append(Reference(source, link.id, loc, (), in_prose=True))
    elif kind == "model":
        _collect(source, value, loc, found)
    elif kind == "list":
        for index, item in enumerate(value):
            if item is not None:
                _walk(source, item, detail, (*loc, index), found)
    elif kind == "dict":
        for key, item in value.items():
            _walk(source, item, detail, (*loc, key), found)


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, Plan], ...]:
    out = []
    for name, info in model.model_fields.items():
        plan = _classify(shape(info.annotation, tuple(info.metadata)))
        if plan is not None:
            out.append((name, plan))
    return tuple(out)


def _classify(field: Shape) -> Plan | None:
    """How to find references in a field of this shape, or None where none can be."""
    if field.kind == "ref":
        return ("ref", field.ref)
    if field.kind == "prose":
        return ("prose", None)
    if field.kind in ("list", "dict") and field.item is not None:
        inner = _classify(field.item)
        return (field.kind, inner) if inner else None
    if field.kind == "model" and field.model is not None:
        return ("model", field.model) if _plan(field.model) else None
    return None


__all__ = ["BRIEFING", "Catalog", "Lines", "Reference", "references"]
