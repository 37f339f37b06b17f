"""How records and values are put in words: facts about the data, the same on every page,
in every export and in the JSON-LD, so no output layer has its own rule.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .dates import FuzzyDate
from .fields import shape
from .load import Entry
from .model import COLLECTIONS, Briefing, Ending, Quotation, Signing

#: A figure's qualifier in words, as a reader would say it ("exactly" says nothing before
#: the number; "about 450,000" reads as speech does, where "approximately" read as a form).
QUALIFIERS = {
    "exactly": "",
    "more-than": "more than",
    "approximately": "about",
    "at-least": "at least",
    "fewer-than": "fewer than",
    "up-to": "up to",
}


#: A field another source reports differently, as a sentence names it ("sources differ on
#: who stated it"); a field not listed is named by its name, with spaces for underscores.
FIELDS = {
    "stated_by": "who stated it",
    "stated_on": "when it was stated",
    "as_of": "the date it holds for",
    "since": "when the count starts",
    "value": "the number",
    "in_force": "the entry into force",
    "by": "who responded",
    "to": "what it responds to",
}


def field_words(field: str) -> str:
    """'who stated it' for ``stated_by``, 'the date' for ``date``: a field in words."""
    return FIELDS.get(field, "the " + field.replace("_", " "))


def noun(collection: str) -> str:
    """'event': what one record of a collection is called (model.COLLECTIONS says 'an event')."""
    return COLLECTIONS[collection][1].split(" ", 1)[1]


def name_of(entry: Entry) -> str:
    """How a record is named in links: its short name, name or title, else its id."""
    # A model's fields are in its __dict__: a field a kind of record lacks is not looked
    # for through pydantic's __getattr__, which raises and catches an AttributeError.
    fields = vars(entry.record)
    for attribute in ("short_name", "name", "title"):
        value = fields.get(attribute)
        if value:
            return str(value)
    return entry.id


def figure_number(figure: Any) -> str:
    """'more than 11,000': a figure's qualifier and number, without the unit."""
    return " ".join(part for part in (QUALIFIERS[figure.qualifier], f"{figure.value:,}") if part)


def figure_words(figure: Any) -> str:
    """'more than 11,000 containers': the qualifier, the number and the unit."""
    return " ".join(part for part in (figure_number(figure), figure.unit) if part)


def value_words(value: Any, records: Mapping[str, Entry]) -> str:
    """A field's value in words: a date spelled out, a signing or an ending by its date and
    place or manner, a record by its name, a quotation in quotation marks, a list joined by
    commas. The pages, the JSON-LD and the disagreements all say a value this way."""
    if isinstance(value, FuzzyDate):
        return value.words()
    if isinstance(value, Signing | Ending):
        detail = value.place if isinstance(value, Signing) else value.how
        return value.date.words() + (f" ({detail})" if detail else "")
    if isinstance(value, Quotation):
        return f"“{value.text}”"
    if isinstance(value, list):
        return ", ".join(value_words(item, records) for item in value)
    if isinstance(value, str) and value in records:
        return name_of(records[value])
    return "" if value is None else str(value)


def reported_words(field: str, value: str, records: Mapping[str, Entry]) -> str:
    """What a disagreement says another source reports, in the same words as the briefing's
    own value: a date field's value spelled out (when it reads as a date), an id by name."""
    if field in date_fields():
        try:
            return FuzzyDate.parse(value).words()
        except ValueError:
            return value
    return value_words(value, records)


@functools.cache
def date_fields() -> frozenset[str]:
    """The names of the fields that hold a date, directly or as a signing's or an ending's,
    in any record or any part of one (``date``, ``published``, ``signed``, …)."""
    found: set[str] = set()
    models: list[type[BaseModel]] = [model for model, _ in COLLECTIONS.values()]
    models.append(Briefing)
    seen: set[type[BaseModel]] = set()
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            field = shape(info.annotation, tuple(info.metadata))
            while field.item is not None:
                field = field.item
            if field.kind == "date" or field.model in (Signing, Ending):
                found.add(name)
            elif field.model is not None:
                models.append(field.model)
    return frozenset(found)
