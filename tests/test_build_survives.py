"""Nothing in data that passes the check breaks a build: the dates at the ends of the range,
and a git history with a commit dated in year 10000."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from macros.facts.checking import check
from test_site import ROOT, build_site

VALID = ROOT / "tests" / "fixtures" / "valid"
SIGNING = "events/inf-signing.yml"


def _git(folder: Path, *args: str, when: str = "1500000000") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{when} +0000",
        "GIT_COMMITTER_DATE": f"@{when} +0000",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder, env=env, check=True, capture_output=True,
    )  # fmt: skip


def test_a_commit_dated_in_year_10000_leaves_the_build_working(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    _git(data, "init", "-q")
    _git(data, "add", ".")
    _git(data, "commit", "-q", "-m", "first")
    text = (data / SIGNING).read_text("utf-8")
    (data / SIGNING).write_text(text.replace("place: Washington", "place: Washington, DC"))
    _git(data, "commit", "-q", "-am", "from the future", when="253402300800")
    result = build_site(data, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (
        "git history: a commit of events/inf-signing.yml is dated 253402300800 seconds from "
        "1970, outside 1970 to 9998; its date is left out of the feed and the calendar"
    ) in result.stderr


def test_dates_at_both_ends_of_the_range_pass_the_check_and_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    briefing = (data / "briefing.yml").read_text("utf-8")
    assert "date: 1987-12-08" in (data / SIGNING).read_text("utf-8")
    text = (data / SIGNING).read_text("utf-8").replace("date: 1987-12-08", "date: 9998-12-31")
    (data / SIGNING).write_text(text, "utf-8")
    (data / "briefing.yml").write_text(briefing, "utf-8")
    checked = check(data)
    if not checked.ok:  # the eras must cover the date: widen the last one to the end
        eras = [str(p) for p in checked.problems]
        assert all("falls in no era" in p for p in eras), eras
        (data / "briefing.yml").write_text(_widened(briefing), "utf-8")
        assert check(data).ok, [str(p) for p in check(data).problems]
    result = build_site(data, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    calendar = (tmp_path / "site" / "data" / "timeline.ics").read_text("utf-8")
    assert "DTSTART;VALUE=DATE:99981231" in calendar and "DTEND;VALUE=DATE:99990101" in calendar


def _widened(briefing: str) -> str:
    """The briefing with its last era ending in 9998."""
    lines = briefing.splitlines()
    ends = [i for i, line in enumerate(lines) if line.strip().startswith("end:")]
    last = ends[-1]
    lines[last] = lines[last].split("end:")[0] + "end: 9998"
    return "\n".join(lines) + "\n"
