"""``python -m macros new``: a minimal briefing that checks clean, in a new folder only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from macros import scaffold
from macros.cli import main
from macros.facts import schema
from macros.facts.checking import check
from macros.facts.model import COLLECTIONS

TODAY = dt.date(2026, 12, 7)


def test_a_new_briefing_has_one_record_of_each_collection_and_checks_clean(tmp_path: Path) -> None:
    folder = tmp_path / "briefings" / "new-start"
    count = scaffold.create(folder, 'New START: "the last treaty"', TODAY)
    checked = check(folder)
    assert checked.problems == [] and checked.catalog is not None
    assert {
        name: len(entries) for name, entries in checked.catalog.collections.items()
    } == dict.fromkeys(COLLECTIONS, 1)
    briefing = checked.catalog.briefing
    assert briefing is not None
    assert briefing.title == 'New START: "the last treaty"'
    assert str(briefing.last_reviewed) == "2026-12-07"
    assert len(briefing.eras) == 1
    assert count == len(COLLECTIONS) + 1 + len(list((folder / "schemas").iterdir()))
    assert schema.stale(folder / "schemas") == []
    assert main(["cms", "--check", "--data", str(folder)]) == 0


def test_every_file_names_its_schema_and_teaches_with_comments(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    scaffold.create(folder, "Mine", TODAY)
    files = sorted(p for p in folder.rglob("*.yml") if p.parent.name != "schemas")
    assert len(files) == len(COLLECTIONS) + 1
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        kind = "briefing" if path.name == "briefing.yml" else path.parent.name
        prefix = "" if kind == "briefing" else "../"
        assert lines[0] == f"# yaml-language-server: $schema={prefix}schemas/{kind}.schema.json"
        assert (path.parent / prefix / "schemas" / f"{kind}.schema.json").is_file()
        assert sum(line.startswith("#") for line in lines[1:]) >= 1, path.name


def test_the_title_is_read_back_exactly_whatever_it_holds(tmp_path: Path) -> None:
    title = "Über: 'quotes', \"doubles\", # not a comment, and a \\ backslash"
    scaffold.create(tmp_path / "b", title, TODAY)
    text = (tmp_path / "b" / "briefing.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["title"] == title


def test_a_folder_with_anything_in_it_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", "taken"]) == 2
    assert capsys.readouterr().out == (
        "taken: is not empty — give a new folder, so that nothing there is overwritten\n"
    )
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["new", "a-file"]) == 2
    assert capsys.readouterr().out == "a-file: is a file — give the name of a new folder\n"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    scaffold.create(tmp_path / "empty", "Empty", TODAY)
    assert (tmp_path / "empty" / "briefing.yml").is_file()


def test_a_title_of_two_lines_is_refused(tmp_path: Path) -> None:
    with pytest.raises(scaffold.ScaffoldError) as refused:
        scaffold.create(tmp_path / "b", "one\ntwo", TODAY)
    assert str(refused.value) == "--title: must be one line of text (got 'one\\ntwo')"
    assert not (tmp_path / "b").exists()


def test_a_failure_leaves_nothing_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(folder: Path) -> list[Path]:
        raise OSError("disk full")

    monkeypatch.setattr(schema, "write", broken)
    with pytest.raises(OSError, match="disk full"):
        scaffold.create(tmp_path / "b", "B", TODAY)
    assert list(tmp_path.iterdir()) == []


def test_the_command_says_what_it_made_and_what_to_do_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "briefings/new-start", "--title", "New START"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "briefings/new-start: a new briefing, 17 files, checked: no problems"
    assert out[2] == "  1. Replace the examples with your facts: every field is in data/README.md."
    assert out[3] == "  2. Check them: .venv/bin/python -m macros check briefings/new-start"
    assert main(["check", "briefings/new-start"]) == 0
    assert capsys.readouterr().out == (
        "data: 7 records checked in briefings/new-start/, no problems\n"
    )
