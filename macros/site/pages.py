"""The pages the generator adds to the site: one per record and one per collection, and
one per part of a timeline too long for one page (timeline.py).

Each generated page holds a single macro call and no data, so nothing an editor typed is
ever read as a template (the build makes that call directly, without compiling the page as
a template: ``on_pre_page_macros`` in wiring.py). An editor may write
docs/<collection>/index.md by hand to put prose above a collection's list; a generated page
never replaces a written one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..facts import urls
from ..facts.catalog import Catalog
from ..facts.load import Entry
from ..facts.model import COLLECTIONS
from .timeline import TimelinePart


@dataclass(frozen=True)
class Generated:
    """A page the data implies: its source path, and the one macro call that is its text."""

    path: str
    macro: str
    argument: str
    keyword: str | None = None

    @property
    def kwargs(self) -> dict[str, str]:
        return {self.keyword: self.argument} if self.keyword else {}

    @property
    def args(self) -> tuple[str, ...]:
        return () if self.keyword else (self.argument,)

    @property
    def markdown(self) -> str:
        """``{{ record("summit-2019") }}``: the page's text, as an editor would write it."""
        name = f"{self.keyword}=" if self.keyword else ""
        return f'{{{{ {self.macro}({name}"{self.argument}") }}}}\n'


def generated(catalog: Catalog, parts: Sequence[TimelinePart] = ()) -> Iterator[Generated]:
    """Every page the briefing's data implies."""
    for name in COLLECTIONS:
        yield Generated(urls.collection_page(name), "collection", name)
        for entry in catalog.collections[name]:
            yield Generated(urls.record_page(name, entry.id), "record", entry.id)
    for part in parts:
        yield Generated(part.source, "timeline", part.slug, keyword="part")


def listed(catalog: Catalog, collection: str) -> list[Entry]:
    """A collection's records in the order its index shows them: by date, else by name."""
    entries = catalog.collections[collection]
    if all(entry.record.when() for entry in entries):
        return catalog.dated(collection)
    return sorted(entries, key=lambda e: (_name(e).lower(), e.id))


def _name(entry: Entry) -> str:
    record = entry.record
    return str(getattr(record, "name", None) or getattr(record, "title", entry.id))
