"""``make site`` is honest: a build that fails leaves the site/ that was there untouched (it
builds into .site-tmp and swaps it in only on success), and the dates it writes come from
the last commit, so the same commit builds the same bytes (tests/test_site.py compares two
builds byte for byte).

The Makefile's own target runs, in a copy of the project in a temporary folder, with this
virtual environment's tools; ``-o check`` skips the validator step, so that the build itself
is what fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_site import ROOT

VALID = ROOT / "tests" / "fixtures" / "valid"
OLD_SITE = "<p>the site that was published before</p>"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project's build inputs, copied, the small briefing as its data, and a site/ from
    an earlier build."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "mkdocs.yml"):
        shutil.copy2(ROOT / name, copy / name)
    for folder in ("docs", "macros"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(VALID, copy / "data")
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text(OLD_SITE, encoding="utf-8")
    return copy


def _make_site(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_DATA": "data"}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [
        "make",
        "--no-print-directory",
        "-o",
        "check",
        "site",
        f"BIN={Path(sys.executable).parent}",
    ]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_failed_build_leaves_the_previous_site_untouched(project: Path) -> None:
    event = project / "data" / "events" / "inf-signing.yml"
    event.write_text(
        event.read_text("utf-8").replace("[[inf-treaty|", "[[no-such-treaty|"), "utf-8"
    )
    before = _files(project / "site")
    result = _make_site(project)
    assert result.returncode != 0
    assert "no-such-treaty" in result.stdout + result.stderr  # it failed for the planted reason
    assert _files(project / "site") == before


def test_a_good_build_replaces_the_site_whole(project: Path) -> None:
    """The twin: the same command with good data does replace site/, and leaves no temporary
    folder behind."""
    result = _make_site(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").read_text("utf-8") != OLD_SITE
    assert (project / "site" / "timeline" / "index.html").is_file()
    assert not (project / ".site-tmp").exists()


def test_make_dates_the_build_by_the_last_commit(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.fail("this test reads the last commit: run it in a git clone of the project")
    show = tmp_path / "show.mk"
    show.write_text("show-epoch:\n\t@echo $$SOURCE_DATE_EPOCH\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = ["make", "--no-print-directory", "-f", "Makefile", "-f", str(show), "show-epoch"]
    printed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    last_commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert printed.stdout.strip() == last_commit.stdout.strip() != ""
