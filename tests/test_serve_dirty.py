"""`make serve` never serves a stale page: after an edit, what the dirty build leaves in the
served folder is, file for file, what a fresh build of the edited data makes.

A synthetic briefing (bench/synth.py) small enough to build in seconds, with a page budget
so small that its timeline is cut into parts. Each edit is replayed in one process as
`mkdocs serve --dirty` makes it (serve_replay.py), and compared with a fresh build of the
data as edited so far. Edits that change no date, so that the dirty build builds only some
pages: a record named only in other records' lists and filters (two hops from a timeline
item: a reaction, the event it answers, that event's agreement), a title, a name, a source
cited on many pages, and a reference taken out of a summary.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros import catalog, chronology, load
from macros.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402 — bench/ is not a package

RECORDS = 120
PAGE_ITEMS = "6"
Edit = tuple[str, str, str]


def replay(data: Path, out: Path, edits: list[Edit]) -> None:
    env = {**os.environ, "BRIEFING_DATA": str(data), "BRIEFING_PAGE_ITEMS": PAGE_ITEMS}
    env.pop("BRIEFING_DUMP_MARKDOWN", None)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    command = [sys.executable, str(ROOT / "tests" / "serve_replay.py"), str(data), str(out)]
    done = subprocess.run(
        [*command, json.dumps(edits)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]


def contents(site: Path) -> dict[str, Any]:
    """Every file of a built site; the search index as a set of entries (a dirty build
    puts the entries of the pages it built last), the compressed sitemap uncompressed."""
    found: dict[str, Any] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        body = path.read_bytes()
        if name == "search/search_index.json":
            index = json.loads(body)
            found[name] = (
                index["config"],
                sorted(json.dumps(e, sort_keys=True) for e in index["docs"]),
            )
        elif name.endswith(".gz"):
            found[name] = gzip.decompress(body)
        else:
            found[name] = body
    return found


def line_edit(data: Path, name: str, field: str) -> Edit:
    """Add words at the end of a record's ``field:`` line."""
    text = (data / name).read_text(encoding="utf-8")
    line = re.search(rf"^{field}: .*$", text, re.MULTILINE)
    assert line is not None, f"{name} has no {field}"
    return (name, line.group(0), line.group(0) + " (edited)")


def file_of(built: Catalog, record_id: str) -> str:
    return f"{built.records[record_id].collection}/{record_id}.yml"


def edits(data: Path) -> list[Edit]:
    loaded, problems = catalog.build(load.load(data))
    assert loaded is not None and not problems
    built: Catalog = loaded
    # A reaction on a part of the timeline where nothing names the agreement of the event it
    # answers: only its filters show that agreement's name, two hops away.
    assert built.briefing is not None
    parts = chronology.parts(built.briefing.eras, chronology.items(built), int(PAGE_ITEMS))
    part_of = {item.entry.id: part for part in parts for item in part.items}
    hops = [
        (event, agreement)
        for reaction in built.collections["reactions"]
        for event in reaction.record.to  # type: ignore[attr-defined]
        if built.records[event].collection == "events"
        for agreement in built.records[event].record.agreements  # type: ignore[attr-defined]
        if not {agreement, *built.cited_by(agreement)}
        & {item.entry.id for item in part_of[reaction.id].items}
    ]
    assert hops, "the synthetic briefing should have a reaction two hops from an agreement"
    event, agreement = hops[0]
    source = max(built.collections["sources"], key=lambda e: len(built.cited_by(e.id))).id
    # An actor named on the reactions' index, which lists no record that changed.
    actor = built.collections["reactions"][0].record.by[0]  # type: ignore[attr-defined]
    linker = next(
        e
        for e in built.collections["events"]
        if e.id != event and "[[" in e.record.summary  # type: ignore[attr-defined]
    )
    text = (data / file_of(built, linker.id)).read_text(encoding="utf-8")
    link = re.search(r"\[\[([a-z0-9-]+)(\|[^\]]*)?\]\]", text)
    assert link is not None
    return [
        line_edit(data, file_of(built, agreement), "short_name"),
        line_edit(data, file_of(built, event), "title"),
        line_edit(data, file_of(built, source), "title"),
        line_edit(data, file_of(built, actor), "name"),
        (file_of(built, linker.id), link.group(0), "a record"),
    ]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Edit]]:
    root = tmp_path_factory.mktemp("serve")
    synth.generate(RECORDS, root / "data", 0)
    made = edits(root / "data")
    replay(root / "data", root / "replayed", made)
    return root, made


@pytest.mark.parametrize("number", range(1, 6))
def test_a_dirty_build_after_an_edit_leaves_the_site_a_fresh_build_makes(
    replayed: tuple[Path, list[Edit]], number: int
) -> None:
    root, made = replayed
    data = root / f"data-{number}"
    shutil.copytree(root / "data", data)  # the replay left every edit in it: undo the later
    for name, old, new in reversed(made[number:]):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(new, old), encoding="utf-8")
    replay(data, root / f"fresh-{number}", [])
    served = contents(root / "replayed" / str(number))
    fresh = contents(root / f"fresh-{number}" / "0")
    assert served.keys() == fresh.keys()
    stale = [name for name in fresh if served[name] != fresh[name]]
    assert not stale, f"after {made[number - 1]}, stale: {stale}"
    before = contents(root / "replayed" / str(number - 1))
    assert any(before[name] != fresh[name] for name in fresh), "the edit should change the site"
