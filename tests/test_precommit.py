"""The pre-commit hooks of .pre-commit-config.yaml, run for real on a copy of the project.

The copy is a fresh git repository holding the project's files as they are now (tracked and
new, without what .gitignore leaves out), with the project's .venv linked in, since the hooks
run its pinned tools. Nothing is downloaded: the hooks are local.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = ROOT / ".venv" / "bin" / "pre-commit"
REACTION = "data/reactions/rok-summons-russian-ambassador.yml"
DATE_MESSAGE = (
    f"{REACTION}:6: date: must be a date like 2024-06-21, 2024-06 or 2024 (got '21 June')"
)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    return subprocess.run(
        ["git", "-C", str(repo), *identity, *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the project, with its .venv linked in and the hooks installed."""
    copy = tmp_path_factory.mktemp("project")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    git(copy, "init", "--quiet", "--initial-branch=main")
    (copy / ".git" / "info" / "exclude").write_text(".venv\n")  # a link, which .venv/ misses
    git(copy, "add", "--all")
    assert git(copy, "commit", "--quiet", "--no-verify", "--message", "copy").returncode == 0
    assert pre_commit(copy, "install").returncode == 0
    return copy


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo / ".git" / "pre-commit-cache")}
    env.pop("GITHUB_ACTIONS", None)
    command = [str(PRE_COMMIT), *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def restore(project: Path) -> Iterator[str]:
    """Undo whatever a test changed or committed in the copy; yields the commit it started at."""
    start = git(project, "rev-parse", "HEAD").stdout.strip()
    yield start
    git(project, "reset", "--quiet", "--hard", start)
    git(project, "clean", "--quiet", "-d", "--force")


def test_every_hook_passes_on_the_project_as_it_is(project: Path) -> None:
    done = pre_commit(project, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for hook in ("ruff (lint)", "ruff format", "check the briefing's data"):
        assert any(
            line.startswith(hook) and line.endswith("Passed") for line in done.stdout.splitlines()
        )


def test_a_data_mistake_stops_the_commit_with_the_checks_message(
    project: Path, restore: str
) -> None:
    path = project / REACTION
    path.write_text(path.read_text().replace("date: 2024-06-21", "date: 21 June"))
    git(project, "add", REACTION)
    done = git(project, "commit", "--message", "Move the summons")
    assert done.returncode == 1
    shown = done.stderr.splitlines()  # what git shows of the hook, on the editor's terminal
    assert DATE_MESSAGE in shown
    assert "1 problem in 1 file of data/ — see CONTRIBUTING.md#fixing-data-errors" in shown
    assert git(project, "rev-parse", "HEAD").stdout.strip() == restore  # nothing committed


def test_the_fixed_record_is_committed(project: Path, restore: str) -> None:
    path = project / REACTION
    path.write_text(path.read_text().replace("date: 2024-06-21", "date: 2024-06-22"))
    git(project, "add", REACTION)
    done = git(project, "commit", "--message", "Move the summons")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "check the briefing's data" in done.stderr
    assert DATE_MESSAGE not in done.stderr
    assert git(project, "log", "--format=%s", "-1").stdout == "Move the summons\n"


def test_the_data_check_skips_a_commit_that_changes_no_data(project: Path) -> None:
    done = pre_commit(project, "run", "check-data", "--files", "macros/diff/compare.py")
    assert done.returncode == 0
    assert "(no files to check)Skipped" in done.stdout


def test_the_data_check_follows_the_folder_that_mkdocs_yml_names(
    project: Path, restore: str
) -> None:
    """A YAML file outside the data folder runs no check; a briefing elsewhere is checked."""
    done = pre_commit(project, "run", "check-data", "--files", ".github/dependabot.yml")
    assert done.returncode == 0 and "Passed" in done.stdout
    assert "records checked" not in done.stdout
    copy = project / "briefings" / "inf"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", copy)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  data_dir: data\n", "  data_dir: briefings/inf\n")
    )
    event = copy / "events" / "inf-signing.yml"
    event.write_text(event.read_text().replace("date: 1987-12-08", "date: 8 December"))
    git(project, "add", "--all")
    done = git(project, "commit", "--message", "A briefing of our own")
    assert done.returncode == 1
    assert "1 problem in 1 file of briefings/inf/ — see CONTRIBUTING.md#fixing-data-errors" in (
        done.stderr.splitlines()
    )
    assert git(project, "rev-parse", "HEAD").stdout.strip() == restore


def test_a_lint_mistake_fails_the_ruff_hook(project: Path, restore: str) -> None:
    path = project / "macros" / "diff" / "words.py"
    path.write_text("import os\n" + path.read_text())
    done = pre_commit(project, "run", "ruff", "--files", "macros/diff/words.py")
    assert done.returncode == 1
    assert "F401" in done.stdout
    assert "`os` imported but unused" in done.stdout
