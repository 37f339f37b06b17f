"""Records as plain values for the data files: page addresses, plain text, dates with precision.

The data files (JSON, CSV, iCalendar, Atom) and the JSON-LD in each page describe records
outside the site, so they name pages by absolute address (from ``url`` in briefing.yml),
show Markdown as plain text and spell out what each date means. Nothing here is markup.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from weakref import WeakKeyDictionary

from pydantic import BaseModel

from ..facts import urls
from ..facts.catalog import Catalog
from ..facts.dates import FuzzyDate
from ..facts.links import RecordLink, WebLink, scan
from ..facts.load import Entry
from ..facts.model import Briefing
from ..facts.names import name_of
from ..facts.problems import field_name

#: The fields that describe a record in a sentence or two, in the order they are preferred.
_DESCRIBED_BY = ("summary", "note", "measures", "role")


def base_url(briefing: Briefing) -> str:
    """The published briefing's address, always ending in a slash; '' when it has none.

    A briefing without ``url`` (and built without ``SITE_URL``, which checking.py puts
    there) names its pages by their path from the site's root, like ``events/signing/``.
    """
    url = briefing.url or ""
    return url if not url or url.endswith("/") else url + "/"


def site_url(briefing: Briefing, path: str) -> str:
    """The address of a file of the site, such as ``data/briefing.json``: absolute when the
    briefing has an address, else its path from the site's root."""
    return base_url(briefing) + path


def page_url(briefing: Briefing, entry: Entry) -> str:
    """The address of a record's page (absolute when the briefing has an address)."""
    return site_url(briefing, urls.served_at(urls.record_page(entry.collection, entry.id)))


def stable_name(briefing: Briefing, path: str = "") -> str:
    """An identifier that stays the same from build to build: the absolute address when the
    briefing has one, else a name-based UUID URN (RFC 9562) of its title and ``path``."""
    if briefing.url:
        return site_url(briefing, path)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{briefing.title}/{path}"))


def plain(catalog: Catalog, text: str | None) -> str:
    """Markdown from data as plain text on one line: ``[[id|words]]`` → words, ``[[id]]`` →
    the record's name, ``[words](https://…)`` → words (https://…), ``<https://…>`` → the address.

    Worked out once per text and catalog: a record's summary is asked for by its page's
    description, its JSON-LD and the calendar."""
    if not text:
        return ""
    known = _PLAIN.setdefault(catalog, {})
    found = known.get(text)
    if found is None:
        found = known[text] = _plain(catalog, text)
    return found


#: ``plain``'s answers, by catalog (dropped with it) and text.
_PLAIN: WeakKeyDictionary[Catalog, dict[str, str]] = WeakKeyDictionary()


def _plain(catalog: Catalog, text: str) -> str:
    parts = []
    for token in scan(text):
        if isinstance(token, str):
            parts.append(token)
        elif isinstance(token, RecordLink):
            entry = catalog.get(token.id)
            parts.append(token.words or (name_of(entry) if entry else token.id))
        elif isinstance(token, WebLink):
            parts.append(token.url if token.auto else f"{token.words} ({token.url})")
        else:  # refused by the check; a file written by another tool shows it as it is
            parts.append(token.source)
    return " ".join("".join(parts).split())


def description(catalog: Catalog, entry: Entry) -> str:
    """A record in a sentence or two: its summary, note, what it measures or its role."""
    fields = vars(entry.record)  # as names.name_of: no pydantic __getattr__ for a field it lacks
    for name in _DESCRIBED_BY:
        value = fields.get(name)
        if value:
            return plain(catalog, str(value))
    return ""


def iso(date: FuzzyDate) -> str:
    """ISO 8601 at the date's own precision: ``2024-06``, ``2024-06-27/2024-06-29``; an
    approximate date loses its ``~`` here (see ``date_facts``)."""
    return date.start.iso() + ("/" + date.end.iso() if date.end else "")


def date_facts(date: FuzzyDate) -> dict[str, Any]:
    """Everything a date says, spelled out for programs that do not read EDTF."""
    return {
        "edtf": str(date),
        "iso": iso(date),
        "precision": date.precision,
        "approximate": date.approximate,
        "earliest": date.earliest.isoformat(),
        "latest": date.latest.isoformat(),
        "words": date.words(),
    }


def field_order(model: type[BaseModel]) -> list[str]:
    """A model's fields with its own first and inherited ones (``sources`` …) after them, so
    that a table or a listing starts with what the record is: its title, its date."""
    order: list[str] = []
    for cls in model.__mro__:
        own = [name for name in vars(cls).get("__annotations__", {}) if name in model.model_fields]
        order += [name for name in own if name not in order]
    return order


def fields_of(model: BaseModel) -> dict[str, Any]:
    """A record's fields as plain JSON values in ``field_order``, leaving out what is unset."""
    dumped = model.model_dump(mode="json", exclude_none=True)
    return {name: dumped[name] for name in field_order(type(model)) if name in dumped}


def dates_in(model: BaseModel) -> Iterator[tuple[str, FuzzyDate]]:
    """(field name as messages write it, date) for every date in a record, nested parts too."""
    yield from _dates(model, ())


def _dates(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str, FuzzyDate]]:
    if isinstance(value, FuzzyDate):
        yield field_name(loc), value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dates(item, (*loc, index))
