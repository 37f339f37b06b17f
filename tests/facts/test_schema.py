"""The JSON Schemas editors' tools read: generated from the models, committed, never stale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.cli import main
from macros.facts import schema
from macros.facts.model import COLLECTIONS

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data" / "schemas"


def test_the_committed_schemas_match_the_models() -> None:
    assert schema.stale(COMMITTED) == [], "run: python -m macros schema"


def test_a_changed_schema_is_reported_stale(tmp_path: Path) -> None:
    schema.write(tmp_path)
    path = tmp_path / "events.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"title"', '"titel"'), "utf-8")
    assert schema.stale(tmp_path) == ["events.schema.json"]


def test_there_is_a_schema_for_every_collection_and_the_briefing() -> None:
    names = {p.name for p in COMMITTED.glob("*.schema.json")}
    assert names == {f"{c}.schema.json" for c in COLLECTIONS} | {"briefing.schema.json"}


def test_schemas_refuse_unknown_fields_as_the_validator_does() -> None:
    events = json.loads((COMMITTED / "events.schema.json").read_text(encoding="utf-8"))
    assert events["additionalProperties"] is False
    assert "date" in events["required"] and "sources" in events["required"]


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_every_data_file_names_its_schema_on_its_first_line(collection: str) -> None:
    expected = f"# yaml-language-server: $schema=../schemas/{collection}.schema.json"
    for path in sorted((ROOT / "data" / collection).glob("*.yml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == expected, path


def test_the_schema_command_checks_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--check", str(tmp_path)]) == 1
    missing = capsys.readouterr().out
    assert re.search(
        r"events\.schema\.json: is out of date — run: python -m macros schema", missing
    )
    assert main(["schema", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["schema", "--check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
