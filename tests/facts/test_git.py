"""The one wrapper around git: its output, and a failure or a missing git as ``GitError``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macros.facts.git import GitError, git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    return tmp_path


def test_git_returns_what_git_prints(repo: Path) -> None:
    top = git(repo, "rev-parse", "--show-toplevel").decode().strip()
    assert Path(top).resolve() == repo.resolve()


def test_git_passes_standard_input(repo: Path) -> None:
    blob = git(repo, "hash-object", "-w", "--stdin", stdin=b"hello\n").decode().strip()
    assert git(repo, "cat-file", "-p", blob) == b"hello\n"


def test_a_failing_git_is_a_git_error_with_its_message(repo: Path) -> None:
    with pytest.raises(GitError, match="no-such-revision") as raised:
        git(repo, "cat-file", "-p", "no-such-revision")
    assert not raised.value.missing


def test_no_git_on_the_path_is_a_missing_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo))  # a folder with no git in it
    with pytest.raises(GitError) as raised:
        git(repo, "status")
    assert raised.value.missing
