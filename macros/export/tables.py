"""One CSV table per collection: a row per record, a column per field (RFC 4180, UTF-8).

The columns come from the model, so a new field gets its column with no change here:

- ``id`` and ``page_url`` (the record's page) first, then every field: the record's own,
  then those every fact has (``sources``, ``disagreements``, ``confidence``);
- a date is written in ISO 8601 at its own precision (``2024-06``, ``2024-06-27/2024-06-29``),
  followed by ``<field>_precision`` (``day``, ``month`` or ``year``) and
  ``<field>_approximate`` (``true`` or ``false``);
- a part (``signed``, ``ended``, ``quote``) becomes one column per field: ``signed.date``;
- a list of ids is the ids separated by spaces; any other list, or a mapping, is JSON;
- an empty cell is a value the record does not give;
- a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is not
  a plain number such as ``-5`` or ``+3.2``, gets a ``'`` in front (``guarded``), so that a
  spreadsheet shows it as text rather than running it as a formula (OWASP, "CSV Injection").

Lines end in CRLF and a field is quoted only when it must be, as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..facts import controls
from ..facts.catalog import Catalog
from ..facts.dates import FuzzyDate
from ..facts.fields import Shape, shape
from ..facts.model import COLLECTIONS
from .text import field_order, iso, page_url

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A number as Python and spreadsheets write it: ``-5``, ``+3.2``, ``.5``, ``1e-05``.
_PLAIN_NUMBER = re.compile(r"[+-]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][+-]?+\d++)?+")


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any], str]


def file_name(collection: str) -> str:
    return f"{collection}.csv"


def tables(catalog: Catalog) -> dict[str, bytes]:
    """File name → CSV bytes, for every collection, in the catalog's order."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    out = {}
    for name, (model, _) in COLLECTIONS.items():
        columns = columns_of(model)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["id", "page_url", *(c.name for c in columns)])
        for entry in catalog.collections[name]:
            cells = [entry.id, page_url(briefing, entry), *(c.value(entry.record) for c in columns)]
            writer.writerow([guarded(controls.strip(cell)) for cell in cells])
        out[file_name(name)] = buffer.getvalue().encode("utf-8")
    return out


def guarded(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``-1+1``, ``@SUM(…)``)
    with a ``'`` in front, as OWASP recommends; any other cell, a plain number included, as
    it is."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def columns_of(model: type[BaseModel], prefix: str = "") -> list[Column]:
    """The columns of a model's fields (the file name is the id, so ``id`` is left out)."""
    out: list[Column] = []
    for name in field_order(model):
        info = model.model_fields[name]
        if name == "id" and not prefix:
            continue
        get = _getter(name)
        kind, part = _kind(shape(info.annotation, tuple(info.metadata)))
        label = prefix + name
        if kind == "date":
            out += _date_columns(label, get)
        elif kind == "part" and part is not None:
            for column in columns_of(part, label + "."):
                out.append(Column(column.name, _within(get, column.value)))
        else:
            out.append(Column(label, _formatter(kind, get)))
    return out


def _getter(name: str) -> Callable[[Any], Any]:
    return lambda model: None if model is None else getattr(model, name)


def _within(outer: Callable[[Any], Any], inner: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda model: inner(outer(model))


def _date_columns(label: str, get: Callable[[Any], Any]) -> list[Column]:
    def when(model: Any) -> FuzzyDate | None:
        value = get(model)
        return value if isinstance(value, FuzzyDate) else None

    return [
        Column(label, lambda m: iso(d) if (d := when(m)) else ""),
        Column(f"{label}_precision", lambda m: d.precision if (d := when(m)) else ""),
        Column(
            f"{label}_approximate", lambda m: str(d.approximate).lower() if (d := when(m)) else ""
        ),
    ]


def _formatter(kind: str, get: Callable[[Any], Any]) -> Callable[[Any], str]:
    def cell(model: Any) -> str:
        value = get(model)
        if value is None:
            return ""
        if kind == "ids":
            return " ".join(value)
        if kind == "json":
            return json.dumps(_plain(value), ensure_ascii=False) if value else ""
        return str(value)

    return cell


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _kind(field: Shape) -> tuple[str, type[BaseModel] | None]:
    """What a column holds: ``date``, ``part`` (with its model), ``ids``, ``json`` or ``text``."""
    if field.kind == "date":
        return ("date", None)
    if field.kind == "model":
        return ("part", field.model)
    if field.kind == "list":
        is_ids = field.item is not None and field.item.kind == "ref"
        return ("ids", None) if is_ids else ("json", None)
    if field.kind == "dict":
        return ("json", None)
    return ("text", None)
