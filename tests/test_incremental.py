"""What an edit changes under `make serve`: the pages built again, and the search index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import Briefing

from macros import chronology, incremental, pages, urls
from macros.catalog import Catalog
from macros.incremental import Rebuild, Snapshot
from macros.model import COLLECTIONS
from macros.pages import Generated
from macros.render import Renderer
from macros.views import Views


@pytest.fixture
def site_files(tmp_path: Path) -> tuple[Path, Path]:
    """A docs folder and a mkdocs.yml, as a snapshot reads them."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    return docs, config


def snap(briefing: Briefing, site_files: tuple[Path, Path]) -> Snapshot:
    return incremental.snapshot(briefing.catalog(), *site_files)


def test_the_first_build_builds_every_page(
    briefing: Briefing, site_files: tuple[Path, Path]
) -> None:
    assert incremental.rebuild(None, snap(briefing, site_files)) is None


def test_a_build_with_nothing_changed_builds_no_record_page(
    briefing: Briefing, site_files: tuple[Path, Path]
) -> None:
    before = snap(briefing, site_files)
    empty = frozenset[str]()
    assert incremental.rebuild(before, snap(briefing, site_files)) == Rebuild(empty, empty, empty)


def test_an_edited_record_is_built_again_with_what_it_names_and_what_names_it(
    briefing: Briefing, site_files: tuple[Path, Path]
) -> None:
    before = snap(briefing, site_files)
    briefing.edit("events/inf-signing.yml", "place: Washington", "place: Washington, D.C.")
    found = incremental.rebuild(before, snap(briefing, site_files))
    named = {"inf-treaty", "united-states", "soviet-union", "treaty-text"}
    naming = set(briefing.catalog().cited_by("inf-signing"))
    assert found is not None and found.changed == {"inf-signing"}
    assert found.pages == {"inf-signing"} | named | naming
    assert "withdrawal-statement-2019" not in found.pages
    assert found.rows == {"inf-signing"} | naming, "a line in a list shows what its record names"
    assert not found.rows & named


def test_a_reference_taken_away_still_rebuilds_the_record_it_named(
    briefing: Briefing, site_files: tuple[Path, Path]
) -> None:
    before = snap(briefing, site_files)
    briefing.edit(
        "events/inf-signing.yml", "actors: [united-states, soviet-union]", "actors: [united-states]"
    )
    found = incremental.rebuild(before, snap(briefing, site_files))
    assert found is not None and "soviet-union" in found.pages


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("events/inf-signing.yml", "date: 1987-12-08", "date: 1987-12-09"),
        ("briefing.yml", "\nsubtitle: ", "\nsubtitle: New "),
    ],
)
def test_a_new_date_or_briefing_builds_every_page(
    briefing: Briefing, site_files: tuple[Path, Path], name: str, old: str, new: str
) -> None:
    before = snap(briefing, site_files)
    briefing.edit(name, old, new)
    assert incremental.rebuild(before, snap(briefing, site_files)) is None


def test_a_new_record_builds_every_page(briefing: Briefing, site_files: tuple[Path, Path]) -> None:
    before = snap(briefing, site_files)
    text = (briefing.root / "events" / "inf-signing.yml").read_text()
    briefing.write("events/inf-signing-again.yml", text)
    assert incremental.rebuild(before, snap(briefing, site_files)) is None


def test_a_change_in_docs_or_mkdocs_yml_builds_every_page(
    briefing: Briefing, site_files: tuple[Path, Path]
) -> None:
    docs, config = site_files
    before = snap(briefing, site_files)
    (docs / "about.md").write_text("# About\n")
    assert incremental.rebuild(before, snap(briefing, site_files)) is None
    before = snap(briefing, site_files)
    config.write_text("site_name: y\n")
    assert incremental.rebuild(before, snap(briefing, site_files)) is None


class _Index:
    """Material's SearchIndex, as far as incremental.search_index uses it."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries

    def generate_search_index(self, prev: object) -> str:
        assert prev is None
        return ",".join(f"{e['location']}={e['text']}" for e in self.entries)


class _Plugin:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.search_index = _Index(entries)


def test_the_search_index_keeps_the_pages_not_built_and_the_new_entries_of_those_built() -> None:
    home, a, a_part, b = (
        {"location": "", "text": "home"},
        {"location": "events/a/", "text": "old a"},
        {"location": "events/a/#sources", "text": "old a sources"},
        {"location": "events/b/", "text": "b"},
    )
    before = [home, a, a_part, b]
    new_home, new_a = (
        {"location": "", "text": "new home"},
        {"location": "events/a/", "text": "new a"},
    )
    # Material dropped what starts with the first page built (the home page's '': everything).
    plugin = _Plugin([new_home, new_a])
    assert incremental.search_index(plugin, before) == "events/b/=b,=new home,events/a/=new a"
    assert plugin.search_index.entries == [b, new_home, new_a]


def _one_entry_a_part(
    briefing: Briefing,
) -> tuple[Catalog, list[chronology.TimelinePart], dict[str, Generated]]:
    """The catalog, its timeline cut into parts of one entry each, and the generated pages
    by path: the finest cut, so that every entry's part is a page of its own."""
    built = briefing.catalog()
    assert built.briefing is not None
    parts = chronology.parts(built.briefing.eras, chronology.items(built), page_items=1)
    return built, parts, {p.path: p for p in pages.generated(built, parts)}


def test_a_generated_page_is_built_again_when_it_shows_a_record_the_edit_changed(
    briefing: Briefing,
) -> None:
    built, parts, by_path = _one_entry_a_part(briefing)
    # inf-signing edited: inf-treaty is one of the records it names, no record names it.
    wanted = Rebuild(
        frozenset({"inf-signing"}), frozenset({"inf-signing", "inf-treaty"}),
        frozenset({"inf-signing"}),
    )  # fmt: skip

    def again(path: str | None) -> bool:
        return incremental.again(by_path.get(path) if path else None, wanted, built, parts)

    assert again("events/inf-signing.md") and not again("events/inf-withdrawal-2019.md")
    assert again("agreements/inf-treaty.md"), "its 'referred to by' list names the edited record"
    assert not again("agreements/index.md"), "a list's line names what it names, not its namers"
    assert again("events/index.md") and not again("reactions/index.md")
    shown = [p.source for p in parts if any(i.entry.id in wanted.rows for i in p.items)]
    assert shown and all(again(path) for path in shown)
    assert not all(again(p.source) for p in parts)
    assert again(None), "a hand-written page may show any record"
    assert incremental.again(by_path["reactions/index.md"], None, built, parts)


def test_a_part_of_the_timeline_is_built_again_when_its_filters_name_an_edited_record(
    briefing: Briefing,
) -> None:
    """The reaction names the withdrawal, whose agreement the reaction's filters show."""
    built, parts, by_path = _one_entry_a_part(briefing)
    (reaction,) = [p.source for p in parts if p.items[0].entry.id == "withdrawal-statement-2019"]

    def edited(record_id: str) -> Rebuild:
        only = frozenset({record_id})
        return Rebuild(only, only, only)

    treaty, text = edited("inf-treaty"), edited("treaty-text")
    assert incremental.again(by_path[reaction], treaty, built, parts)
    assert not incremental.again(by_path[reaction], text, built, parts)


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_a_line_of_a_collection_index_links_only_its_record_and_the_index_names(
    briefing: Briefing, name: str
) -> None:
    """``INDEX_NAMES`` against templates/collection.html: a link on a record's line to any
    other record would leave the index stale when that record is edited."""
    built = briefing.catalog()
    views = Views(built, Renderer(built))
    page = views.renderer.page(urls.collection_page(name))
    table = BeautifulSoup(views.collection(page, name), "html.parser").select("tbody tr")
    assert len(table) == len(built.collections[name])
    others = name in incremental.INDEX_NAMES
    for row, entry in zip(table, pages.listed(built, name), strict=True):
        linked = {str(a["href"]).rstrip("/").rpartition("/")[2] for a in row.select("a[href]")}
        assert entry.id in linked
        assert linked <= {entry.id} | incremental.index_names(entry), entry.id
        assert not others or linked - {entry.id}, f"{entry.id}: the line names no other record"
