"""What an edit changes: the pages `mkdocs serve --dirty` builds again after it.

A dirty build writes only the pages whose ``File.is_modified()`` is true: a hand-written page
whose source is newer than its HTML, and every generated page. Neither fits a data edit,
which changes no page's source but shows on the edited record's page, on the pages of the
records it names (their "referred to by" lists) and of the records that name it (their links,
citations and lists), on the index of each of those records' collections and on the parts of
the timeline that list one of them, and on the hand-written pages, whose macros may show any
record. So ``rebuild`` compares the last build's ``Snapshot`` with this one's and names those
records, or ``None`` for every page: after a change to the set of records, to a date (which
orders lists and cuts the timeline), to briefing.yml, to mkdocs.yml or to any file in docs/,
and when there is no earlier build in this process (the first, or the first after macros/
changed, which reloads this package). ``again`` then says it of each page.

Material's search index, under a dirty build, keeps the previous index but drops only the
entries of the first page built; ``search_index`` puts back those of the pages not built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .chronology import TimelinePart
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


def rebuild(before: Snapshot | None, after: Snapshot) -> set[str] | None:
    """The ids of the records whose pages must be built again; ``None`` for every page."""
    if before is None or before.docs != after.docs or before.config != after.config:
        return None
    old, new = before.catalog, after.catalog
    if old.briefing != new.briefing or old.records.keys() != new.records.keys():
        return None
    changed = {i for i, entry in new.records.items() if entry.record != old.records[i].record}
    if any(new.records[i].record.when() != old.records[i].record.when() for i in changed):
        return None
    found = set(changed)
    for record_id in changed:
        for catalog in (old, new):
            found.update(ref.target for ref in catalog.outgoing.get(record_id, []))
            found.update(catalog.cited_by(record_id))
    return found & new.records.keys()


def again(
    page: Generated | None, wanted: set[str] | None, catalog: Catalog, parts: list[TimelinePart]
) -> bool:
    """Whether a dirty build builds this page again; ``None`` for a hand-written page."""
    if wanted is None or page is None:
        return True
    if page.macro == "record":
        return page.argument in wanted
    if page.macro == "collection":
        return any(entry.id in wanted for entry in catalog.collections[page.argument])
    if page.macro == "timeline":
        part = next(p for p in parts if p.slug == page.argument)
        return any(item.entry.id in wanted for item in part.items)
    return True


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
