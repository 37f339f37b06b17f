"""``python -m macros check``: every invalid fixture against its golden report, exit codes,
GitHub Actions annotations, and hostile input that must neither run nor hang.

Goldens are the exact output, reviewed in the diff; ``UPDATE_GOLDEN=1 pytest`` rewrites them.
Each invalid fixture is a case of tests/cases.py, the valid briefing plus one change, checked
from a temporary folder where it lies at its own path, so the report shows the project's paths.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cases
from cases import Case, CaseError
from conftest import ROOT, VALID, Briefing
from goldens import match_golden
from macros.cli import main
from macros.facts.model import COLLECTIONS

GOLDEN = ROOT / "tests" / "golden" / "check"
GOLDEN_ACTIONS = ROOT / "tests" / "golden" / "check-github-actions"
PWNED = "/tmp/pwned"  # noqa: S108 — the file the executable-tag fixture would create if run
FIXTURE_NAMES = cases.names()
#: The kinds of mistake the suite promises to cover; a fixture removed by accident fails.
KINDS = """
    yaml-syntax yaml-unquoted-colon yaml-indent-slip yaml-unindented-text missing-subfield
    missing-choice tab-indent not-utf8 empty-file not-a-mapping two-documents duplicate-key
    unknown-field unknown-value missing-field wrong-type bad-date-format impossible-date
    date-range-backwards number-with-commas yaml-implicit-typing alias-bomb executable-tag
    javascript-url non-web-url html-in-prose bad-id-file-name wrong-extension unknown-folder
    missing-briefing unresolved-reference reference-to-wrong-collection unresolved-prose-link
    duplicate-id-across-collections id-field-mismatch agreement-dates-out-of-order
    agreement-status-inconsistent replaced-without-replacement reaction-before-target
    orphan-source event-outside-eras overlapping-eras disagreement-unknown-field
    person-without-role empty-sources several-problems bare-host-url quote-without-source
""".split()  # noqa: SIM905 — a list of words reads better than quoted strings


def check(
    folder: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    cwd: Path = ROOT,
    actions: bool = False,
) -> tuple[int, str]:
    """Run the command in-process from ``cwd``; its exit code and all it printed."""
    monkeypatch.chdir(cwd)
    if actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["check", folder])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def run(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the command as CI does: a separate Python, outside GitHub Actions."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    command = [sys.executable, "-m", "macros", "check", *args]
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture
def several_problems(tmp_path: Path) -> str:
    """The several-problems case under ``tmp_path``, as a check run from there names it."""
    return cases.read("several-problems").materialise(tmp_path)


# --- Goldens -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_each_invalid_fixture_reports_exactly_its_golden(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cases.read(name).materialise(tmp_path)
    assert folder == f"tests/fixtures/invalid/{name}"
    code, output = check(folder, capsys, monkeypatch, cwd=tmp_path)
    assert code == 1
    assert "Traceback" not in output
    match_golden(GOLDEN / f"{name}.txt", output)


def test_every_kind_of_mistake_has_its_fixture() -> None:
    assert sorted(set(KINDS) - set(FIXTURE_NAMES)) == []


def test_every_golden_has_its_fixture() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == FIXTURE_NAMES


def test_several_problems_are_all_reported_in_one_run(
    several_problems: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, output = check(several_problems, capsys, monkeypatch, cwd=tmp_path)
    lines = output.splitlines()
    files = {line.split(":", 1)[0] for line in lines[:-1]}
    assert len(lines) - 1 >= 6
    assert len(files) >= 3
    folder = "tests/fixtures/invalid/several-problems/"
    assert lines[-1].startswith(f"{len(lines) - 1} problems in {len(files)} files of {folder} — ")


# --- Cases: the valid briefing plus the one change each tests ------------------------------


def test_the_valid_briefing_as_an_empty_case_reports_no_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The negative control of every golden: the same helper, with nothing to change."""
    empty = tmp_path / "cases" / "nothing-wrong"
    empty.mkdir(parents=True)
    folder = Case(empty).materialise(tmp_path / "run")
    records = sum(len(list((VALID / name).glob("*.yml"))) for name in COLLECTIONS)
    assert check(folder, capsys, monkeypatch, cwd=tmp_path / "run") == (
        0,
        f"data: {records} records checked in tests/fixtures/invalid/nothing-wrong/, no problems\n",
    )


def test_each_case_is_the_valid_briefing_with_its_files_over_it_and_the_listed_ones_gone(
    tmp_path: Path,
) -> None:
    valid = {p.relative_to(VALID).as_posix() for p in VALID.rglob("*") if p.is_file()}
    for name in FIXTURE_NAMES:
        case = cases.read(name)
        files, removed = case.files(), case.removed()
        assert files or removed, f"{name}: changes nothing"
        briefing = tmp_path / case.materialise(tmp_path)
        made = {p.relative_to(briefing).as_posix(): p for p in briefing.rglob("*") if p.is_file()}
        assert sorted(made) == sorted(valid - set(removed) | set(files)), name
        for path, file in made.items():
            assert file.read_bytes() == (files.get(path) or VALID / path).read_bytes(), path


def written(folder: Path, files: dict[str, bytes]) -> Case:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return Case(folder)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"events/inf-signing.yml": (VALID / "events" / "inf-signing.yml").read_bytes()},
            "{case}/events/inf-signing.yml: is the same as tests/fixtures/valid/events/"
            "inf-signing.yml — a case holds only what it changes; delete this file",
        ),
        (
            {"_removed.txt": b"events/no-such-event.yml\n"},
            "{case}/_removed.txt:1: must name a file of tests/fixtures/valid "
            "(got 'events/no-such-event.yml')",
        ),
        (
            {"_removed.txt": b"# outside the briefing\n\n../valid/briefing.yml\n"},
            "{case}/_removed.txt:3: must name a file of tests/fixtures/valid "
            "(got '../valid/briefing.yml')",
        ),
        (
            {"_removed.txt": b"briefing.yml\nbriefing.yml\n"},
            "{case}/_removed.txt:2: lists 'briefing.yml' twice",
        ),
        (
            {"_removed.txt": b"briefing.yml\n", "briefing.yml": b"title: Changed\n"},
            "{case}/briefing.yml: is also listed in _removed.txt — keep one",
        ),
    ],
    ids=["same-as-valid", "removes-a-missing-file", "removes-outside", "removes-twice", "both"],
)
def test_a_case_that_does_not_apply_is_refused(
    tmp_path: Path, files: dict[str, bytes], message: str
) -> None:
    case = written(tmp_path / "case", files)
    with pytest.raises(CaseError) as refused:
        case.materialise(tmp_path / "run")
    assert str(refused.value) == message.format(case=case.folder.as_posix())
    assert not (tmp_path / "run").exists()


# --- Exit codes ----------------------------------------------------------------------------


def test_a_valid_briefing_passes_with_a_count(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = sum(len(list((VALID / name).glob("*.yml"))) for name in COLLECTIONS)
    assert check("tests/fixtures/valid", capsys, monkeypatch) == (
        0,
        f"data: {records} records checked in tests/fixtures/valid/, no problems\n",
    )


def test_a_missing_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check("no/such/folder", capsys, monkeypatch) == (
        2,
        "no/such/folder: is not a folder — give the briefing's data folder, like data/\n",
    )


def test_the_data_folder_is_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().out.startswith("data: is not a folder")


def test_the_command_runs_in_its_own_process(several_problems: str, tmp_path: Path) -> None:
    valid, missing, invalid = (
        run("tests/fixtures/valid"),
        run("no/such"),
        run(several_problems, cwd=tmp_path),
    )
    assert (valid.returncode, missing.returncode, invalid.returncode) == (0, 2, 1)
    assert invalid.stdout == (GOLDEN / "several-problems.txt").read_text(encoding="utf-8")
    for done in (valid, missing, invalid):
        assert done.stderr == ""
        assert "Traceback" not in done.stdout


def test_a_reader_that_stops_early_gets_no_traceback(several_problems: str, tmp_path: Path) -> None:
    """`python -m macros check | head -1` on a long report: the pipe closes under it."""
    command = [sys.executable, "-m", "macros", "check", several_problems]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # before the child writes: its output waits in its buffer
        errors = child.stderr.read().decode()
        assert child.wait(timeout=60) == 1
    assert errors == ""


# --- GitHub Actions ------------------------------------------------------------------------


def test_under_github_actions_each_problem_is_followed_by_its_annotation(
    several_problems: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, output = check(several_problems, capsys, monkeypatch, cwd=tmp_path, actions=True)
    assert code == 1
    match_golden(GOLDEN_ACTIONS / "several-problems.txt", output)
    *pairs, summary = output.splitlines()
    assert summary.startswith("7 problems in 5 files")
    for problem, annotation in zip(pairs[::2], pairs[1::2], strict=True):
        path, line, rest = problem.split(":", 2)
        assert annotation.startswith(f"::error file={path},line={line},title=")
        assert annotation.endswith("::" + rest.strip())


def test_outside_github_actions_there_are_no_annotations(
    several_problems: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    monkeypatch.chdir(tmp_path)
    assert main(["check", several_problems]) == 1
    assert "::error" not in capsys.readouterr().out


# --- Hostile input -------------------------------------------------------------------------


def test_an_executable_tag_is_never_run(tmp_path: Path, briefing: Briefing) -> None:
    witness = tmp_path / "pwned"
    fixture = cases.read("executable-tag").files()["events/inf-signing.yml"]
    text = fixture.read_text(encoding="utf-8").replace(PWNED, str(witness))
    briefing.write("events/inf-signing.yml", text)
    done = run(str(briefing.root))
    assert done.returncode == 1
    assert "uses the YAML tag '!!python/object/apply:os.system'" in done.stdout
    assert not witness.exists()
    assert not Path(PWNED).exists()


def test_year_zero_is_a_problem_not_a_crash(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", "date: 0000")
    done = run(str(briefing.root))
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert re.search(
        r"inf-signing\.yml:1: date: must be a real calendar date \(got '0000'\)", done.stdout
    )


def test_a_number_with_a_huge_exponent_is_refused_quickly(briefing: Briefing) -> None:
    briefing.edit("figures/missiles-eliminated.yml", "value: 2692", "value: 1e9999999")
    try:
        done = run(str(briefing.root), timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("checking 'value: 1e9999999' did not finish within 10 s")
    assert done.returncode == 1
    assert "value: must be a number" in done.stdout
