"""briefing.json, every record of the briefing in one file, and the JSON Schema it follows.

Each record is an envelope around its ``fields``, which are exactly what its data file says
(dates in EDTF, Markdown with its ``[[links]]``), so ``fields`` validates back through the
models into the same record. Around them, what a program would otherwise work out: the
record's page, its name, every date spelled out with its precision, every reference
resolved to an id, a collection and a page, and the records that refer to it.
The schema is derived from the same pydantic models the check uses.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from ..facts.catalog import BRIEFING, Catalog, Reference
from ..facts.dates import JSON_PATTERN
from ..facts.load import Entry
from ..facts.model import COLLECTIONS, ID_PATTERN, Briefing
from ..facts.names import name_of
from ..facts.problems import field_name
from ..facts.schema import DIALECT
from .text import base_url, date_facts, dates_in, fields_of, page_url

NAME = "briefing.json"
SCHEMA_NAME = "briefing.schema.json"


def document(catalog: Catalog) -> dict[str, Any]:
    """The whole briefing as plain JSON values."""
    briefing = _briefing(catalog)
    return {
        "$schema": SCHEMA_NAME,
        "briefing": {
            "url": base_url(briefing),
            "fields": fields_of(briefing),
            "dates": _dates(briefing),
            "references": _references(catalog, BRIEFING),
        },
        "counts": {name: len(entries) for name, entries in catalog.collections.items()},
        "collections": {
            name: [record(catalog, entry) for entry in entries]
            for name, entries in catalog.collections.items()
        },
    }


def record(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """One record's envelope: its id, page and name, its fields, dates and references."""
    return {
        "id": entry.id,
        "collection": entry.collection,
        "url": page_url(_briefing(catalog), entry),
        "name": name_of(entry),
        "fields": fields_of(entry.record),
        "dates": _dates(entry.record),
        "references": _references(catalog, entry.id),
        "referred_to_by": catalog.cited_by(entry.id),
    }


def _briefing(catalog: Catalog) -> Briefing:
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    return catalog.briefing


def _dates(model: BaseModel) -> list[dict[str, Any]]:
    return [{"field": name, **date_facts(date)} for name, date in dates_in(model)]


def _references(catalog: Catalog, source: str) -> list[dict[str, Any]]:
    return [_reference(catalog, ref) for ref in catalog.outgoing.get(source, [])]


def _reference(catalog: Catalog, ref: Reference) -> dict[str, Any]:
    target = catalog.records[ref.target]
    return {
        "field": field_name(ref.loc),
        "id": ref.target,
        "collection": target.collection,
        "url": page_url(_briefing(catalog), target),
        "in_text": ref.in_prose,
    }


def render(value: dict[str, Any]) -> bytes:
    """JSON as UTF-8, indented, in a fixed order: the same data gives the same bytes."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_SLOT = re.compile(r'"@record (\d+)@"')


def render_document(value: dict[str, Any]) -> bytes:
    """briefing.json as UTF-8: indented down to the lists of records, and then each record
    on a line of its own, so that a reader can grep it and two versions diff record by
    record. Python writes indented JSON only in Python, and compact JSON in C, ten times as
    fast; this takes the compact writer for the records, which are nearly all of the file.
    """
    records: list[str] = []

    def slot(record: dict[str, Any]) -> str:
        records.append(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")))
        return f"@record {len(records) - 1}@"

    outline = {
        **value,
        "briefing": slot(value["briefing"]),
        "collections": {
            name: [slot(record) for record in entries]
            for name, entries in value["collections"].items()
        },
    }
    # The outline holds no text from the data (only collection names and the slots), so a
    # slot cannot be mistaken for a value.
    text = _SLOT.sub(lambda m: records[int(m.group(1))], json.dumps(outline, indent=2))
    return (text + "\n").encode("utf-8")


# --- The schema ----------------------------------------------------------------------------

_STRING = {"type": "string"}
_ID = {"type": "string", "pattern": ID_PATTERN}
#: A page's address: absolute, or, for a briefing published with no address, its path from
#: the site's root (``events/signing/``; the briefing's own is then '').
_URL = {"type": "string", "format": "uri-reference", "pattern": "^(https?://|[^/:]*(/|$))"}
_DAY = {"type": "string", "format": "date"}


def schema() -> dict[str, Any]:
    """The JSON Schema of briefing.json (draft 2020-12), from the models."""
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        *((model, "validation") for model, _ in COLLECTIONS.values()),
        (Briefing, "validation"),
    ]
    refs, top = models_json_schema(models, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = dict(top["$defs"])
    defs["DateFacts"] = _object(
        field=_STRING,
        edtf={"type": "string", "pattern": JSON_PATTERN},
        iso={"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"},
        precision={"enum": ["year", "month", "day"]},
        approximate={"type": "boolean"},
        earliest=_DAY,
        latest=_DAY,
        words=_STRING,
    )
    defs["Reference"] = _object(
        field=_STRING,
        id=_ID,
        collection={"enum": list(COLLECTIONS)},
        url=_URL,
        in_text={"type": "boolean"},
    )
    dates = {"type": "array", "items": {"$ref": "#/$defs/DateFacts"}}
    references = {"type": "array", "items": {"$ref": "#/$defs/Reference"}}
    collections = {
        name: {
            "type": "array",
            "items": _object(
                id=_ID,
                collection={"const": name},
                url=_URL,
                name=_STRING,
                fields=refs[(model, "validation")],
                dates=dates,
                references=references,
                referred_to_by={"type": "array", "items": _ID},
            ),
        }
        for name, (model, _) in COLLECTIONS.items()
    }
    briefing = _object(
        url=_URL, fields=refs[(Briefing, "validation")], dates=dates, references=references
    )
    counts = {"type": "integer", "minimum": 0}
    return {
        "$schema": DIALECT,
        "title": "A briefing: every record, with its references resolved",
        **_object(
            **{"$schema": _STRING},
            briefing=briefing,
            counts=_object(**dict.fromkeys(COLLECTIONS, counts)),
            collections=_object(**collections),
        ),
        "$defs": dict(sorted(defs.items())),
    }


def _object(**properties: Any) -> dict[str, Any]:
    """An object with exactly these properties, all required."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
