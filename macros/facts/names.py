"""How records and values are put in words: facts about the data, the same on every page,
in every export and in the JSON-LD, so no output layer has its own rule.
"""

from __future__ import annotations

from typing import Any

from .load import Entry
from .model import COLLECTIONS

#: A figure's qualifier in words ("exactly" says nothing before the number).
QUALIFIERS = {
    "exactly": "",
    "more-than": "more than",
    "approximately": "approximately",
    "at-least": "at least",
    "fewer-than": "fewer than",
    "up-to": "up to",
}


def noun(collection: str) -> str:
    """'event': what one record of a collection is called (model.COLLECTIONS says 'an event')."""
    return COLLECTIONS[collection][1].split(" ", 1)[1]


def name_of(entry: Entry) -> str:
    """How a record is named in links: its short name, name or title, else its id."""
    record: Any = entry.record
    for attribute in ("short_name", "name", "title"):
        value = getattr(record, attribute, None)
        if value:
            return str(value)
    return entry.id


def figure_number(figure: Any) -> str:
    """'more than 11,000': a figure's qualifier and number, without the unit."""
    return " ".join(part for part in (QUALIFIERS[figure.qualifier], f"{figure.value:,}") if part)


def figure_words(figure: Any) -> str:
    """'more than 11,000 containers': the qualifier, the number and the unit."""
    return " ".join(part for part in (figure_number(figure), figure.unit) if part)
