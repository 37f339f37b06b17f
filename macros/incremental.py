"""What an edit changes: the pages `mkdocs serve --dirty` builds again after it.

A dirty build writes only the pages whose ``File.is_modified()`` is true: a hand-written page
whose source is newer than its HTML, and every generated page. Neither fits a data edit,
which changes no page's source but shows on the edited record's page, on the pages of the
records it names (their "referred to by" lists) and of the records that name it (their links,
citations and lists), on the lists that show it (below), and on the hand-written pages, whose
macros may show any record. So ``rebuild`` compares the last build's ``Snapshot`` with this
one's and names those records (a ``Rebuild``), or says ``None`` for every page: after a
change to the set of records, to a date (which orders lists and cuts the timeline), to
briefing.yml, to mkdocs.yml or to any file in docs/, and when there is no earlier build in
this process (the first, or the first after macros/ changed, which reloads this package).
``again`` then says it of each page.

A list needs less. A line of the timeline shows its record and the names of the records it
names, never what names it: a part is built again only when it lists an edited record or one
that names an edited record (``Rebuild.rows``), or when its filters name an edited record (an
item's actors and agreements, which for a reaction include the agreements of the events it
answers, two hops away). A line of a collection's index shows its record's own fields and
the names in a few of them (``INDEX_NAMES``): an index is built again only when it lists an
edited record or names one in those fields.

Material's search index, under a dirty build, keeps the previous index but drops only the
entries of the first page built; ``search_index`` puts back those of the pages not built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .chronology import Item, TimelinePart
from .load import Entry
from .pages import Generated


@dataclass(frozen=True)
class Snapshot:
    """What one build was made from."""

    catalog: Catalog
    #: Every file of docs/ (the Markdown and the assets), with its modification time.
    docs: dict[str, float]
    #: The text of mkdocs.yml.
    config: bytes


def snapshot(catalog: Catalog, docs: Path, config_file: Path) -> Snapshot:
    stamps = {p.relative_to(docs).as_posix(): p.stat().st_mtime for p in docs.rglob("*")}
    return Snapshot(catalog, stamps, config_file.read_bytes())


@dataclass(frozen=True)
class Rebuild:
    """What an edit changes, when it leaves the set of records and every date as they were."""

    #: The records edited.
    changed: frozenset[str]
    #: The records whose pages show an edited record: itself, what it names, what names it.
    pages: frozenset[str]
    #: The records whose line in the timeline may show an edited record: itself, what names it.
    rows: frozenset[str]


def rebuild(before: Snapshot | None, after: Snapshot) -> Rebuild | None:
    """What the edits since the last build change; ``None`` for every page."""
    if before is None or before.docs != after.docs or before.config != after.config:
        return None
    old, new = before.catalog, after.catalog
    if old.briefing != new.briefing or old.records.keys() != new.records.keys():
        return None
    changed = {i for i, entry in new.records.items() if entry.record != old.records[i].record}
    if any(new.records[i].record.when() != old.records[i].record.when() for i in changed):
        return None
    rows, pages = set(changed), set(changed)
    for record_id in changed:
        for catalog in (old, new):
            rows.update(catalog.cited_by(record_id))
            pages.update(ref.target for ref in catalog.outgoing.get(record_id, []))
    pages |= rows
    known = new.records.keys()
    return Rebuild(frozenset(changed), frozenset(pages & known), frozenset(rows & known))


def again(
    page: Generated | None, wanted: Rebuild | None, catalog: Catalog, parts: list[TimelinePart]
) -> bool:
    """Whether a dirty build builds this page again; ``None`` for a hand-written page."""
    if wanted is None or page is None:
        return True
    if page.macro == "record":
        return page.argument in wanted.pages
    if page.macro == "collection":
        return any(
            entry.id in wanted.changed or not wanted.changed.isdisjoint(index_names(entry))
            for entry in catalog.collections[page.argument]
        )
    if page.macro == "timeline":
        part = next(p for p in parts if p.slug == page.argument)
        return any(_shows(item, wanted) for item in part.items)
    return True


#: The fields whose records a collection's index names on a record's line, besides the record
#: itself (``cells`` in templates/collection.html; tests/test_incremental.py holds the two to
#: each other). No line shows its record's prose, so no other record a record names.
INDEX_NAMES: dict[str, tuple[str, ...]] = {
    "figures": ("stated_by",),
    "reactions": ("by",),
    "perspectives": ("by",),
}


def index_names(entry: Entry) -> set[str]:
    """The other records a record's line in its collection's index names."""
    found: set[str] = set()
    for name in INDEX_NAMES.get(entry.collection, ()):
        value = getattr(entry.record, name, None)
        found.update([value] if isinstance(value, str) else value or ())
    return found


def _shows(item: Item, wanted: Rebuild) -> bool:
    """Whether a line of the timeline may show an edit: in its record's own fields, in what
    it names, or in its filters (actors, and agreements up to two hops away)."""
    return (
        item.entry.id in wanted.rows
        or not wanted.changed.isdisjoint(item.actors)
        or not wanted.changed.isdisjoint(item.agreements)
    )


def search_index(plugin: Any, before: list[dict[str, Any]]) -> str:
    """The whole search index after a dirty build, as Material writes it.

    ``before`` is the index of the last build; the entries Material made in this one are
    the dicts that are not in it. Each page built keeps only its new entries; every other
    page keeps its old ones. The plugin keeps the result for the next build to start from.
    """
    index = plugin.search_index
    known = {id(entry) for entry in before}
    fresh = [entry for entry in index.entries if id(entry) not in known]
    built = {_page(entry) for entry in fresh}
    index.entries = [entry for entry in before if _page(entry) not in built] + fresh
    return str(index.generate_search_index(None))


def _page(entry: dict[str, Any]) -> str:
    return str(entry["location"]).partition("#")[0]
