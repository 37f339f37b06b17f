"""The synthetic briefing (bench/synth.py, synth_world.py) and its own check (selfcheck.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import selfcheck  # noqa: E402 — bench/ is not a package; its modules import each other so
import synth  # noqa: E402
import synth_world  # noqa: E402

RECORDS = 60


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated briefing, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("synth") / "data"
    synth.generate(RECORDS, folder, seed=0)
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yml")}


def macros_check(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "macros", "check", str(folder)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_python_m_macros_check_accepts_a_generated_briefing(briefing: Path) -> None:
    checked = macros_check(briefing)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f": {RECORDS} records checked in " in checked.stdout
    assert checked.stdout.strip().endswith("/, no problems")


def test_python_m_macros_check_refuses_one_broken_reference(briefing: Path, tmp_path: Path) -> None:
    broken = tmp_path / "data"
    synth.generate(RECORDS, broken, seed=0)
    event = sorted((broken / "events").glob("*.yml"))[0]
    actor = yaml.safe_load(event.read_text())["actors"][0]
    event.write_text(event.read_text().replace(f"  - {actor}\n", "  - nobody-at-all\n", 1))
    checked = macros_check(broken)
    assert checked.returncode == 1
    assert f"events/{event.name}:" in checked.stdout
    assert "'nobody-at-all'" in checked.stdout


def test_the_selfcheck_finds_nothing_wrong_in_a_generated_briefing(briefing: Path) -> None:
    loaded, records, problems = selfcheck.load(briefing)
    assert problems == []
    assert len(records) == RECORDS
    assert selfcheck.cross_file(loaded, records) == []


def test_the_selfcheck_finds_an_uncited_source_and_a_dangling_link(tmp_path: Path) -> None:
    synth.generate(RECORDS, tmp_path, seed=0)
    source = sorted((tmp_path / "sources").glob("*.yml"))[0]
    for path in sorted(tmp_path.glob("*/*.yml")):
        if path.parent.name != "sources":
            path.write_text(path.read_text().replace(source.stem, "gone-source-0"))
    loaded, records, _ = selfcheck.load(tmp_path)
    found = selfcheck.cross_file(loaded, records)
    assert f"sources/{source.stem}: cited by no record" in found
    assert any("'gone-source-0'" in problem for problem in found)


def test_the_same_seed_and_size_give_the_same_bytes(briefing: Path, tmp_path: Path) -> None:
    synth.generate(RECORDS, tmp_path / "again", seed=0)
    synth.generate(RECORDS, tmp_path / "other", seed=1)
    assert files(tmp_path / "again") == files(briefing)
    assert files(tmp_path / "other") != files(briefing)


def test_a_smaller_briefing_written_over_a_larger_one_leaves_none_of_its_files(
    tmp_path: Path,
) -> None:
    synth.generate(RECORDS, tmp_path, seed=0)
    counts = synth.generate(10, tmp_path, seed=0)
    assert sum(counts.values()) == 10
    assert len(files(tmp_path)) == 10 + 1  # and briefing.yml


def test_records_divide_into_collections_in_the_documented_shares() -> None:
    counts = synth_world.plan_counts(1000)
    assert counts == {
        "sources": 250,
        "actors": 100,
        "agreements": 50,
        "events": 300,
        "figures": 100,
        "reactions": 100,
        "perspectives": 100,
    }
    assert synth_world.plan_counts(7) == dict.fromkeys(counts, 1)
    with pytest.raises(ValueError, match=r"at least 7 records \(got 6\)"):
        synth_world.plan_counts(6)


@pytest.mark.parametrize(
    "text",
    ["yes", "No", "null", "2024-06-19", "a: b", "#hash", " leading", "trailing ", "it's", "[[x]]"],
)
def test_every_scalar_the_writer_writes_loads_back_as_the_same_text(text: str) -> None:
    written = synth_world.document({"title": text, "items": [text, {"note": text}]}, "x.json")
    assert yaml.load(written, Loader=yaml.BaseLoader) == {  # noqa: S506 — strings only
        "title": text,
        "items": [text, {"note": text}],
    }


def test_long_prose_is_folded_at_100_columns_and_loads_back_unchanged() -> None:
    prose = " ".join(["The parties shall consult each other without delay."] * 6)
    written = synth_world.document({"summary": prose}, "x.json")
    lines = written.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=x.json"
    assert lines[1] == "summary: >-"
    assert max(len(line) for line in lines) <= 100
    assert yaml.safe_load(written) == {"summary": prose}


def test_empty_lists_are_left_out_as_an_editor_would() -> None:
    assert synth_world.document({"title": "A", "actors": []}, "x.json").splitlines()[1:] == [
        "title: A"
    ]
