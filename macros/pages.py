"""The pages the generator adds to the site: one per record and one per collection.

Each generated page holds a single macro call and no data, so nothing an editor typed is
ever read as a template. An editor may write docs/<collection>/index.md by hand to put
prose above a collection's list; a generated page never replaces a written one.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import urls
from .catalog import Catalog
from .load import Entry
from .model import COLLECTIONS


def generated(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(source path, Markdown) for every page the briefing's data implies."""
    for name in COLLECTIONS:
        yield urls.collection_page(name), f'{{{{ collection("{name}") }}}}\n'
        for entry in catalog.collections[name]:
            yield urls.record_page(name, entry.id), f'{{{{ record("{entry.id}") }}}}\n'


def listed(catalog: Catalog, collection: str) -> list[Entry]:
    """A collection's records in the order its index shows them: by date, else by name."""
    entries = catalog.collections[collection]
    if all(entry.record.when() for entry in entries):
        return catalog.dated(collection)
    return sorted(entries, key=lambda e: (_name(e).lower(), e.id))


def _name(entry: Entry) -> str:
    record = entry.record
    return str(getattr(record, "name", None) or getattr(record, "title", entry.id))
