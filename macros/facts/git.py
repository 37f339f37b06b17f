"""The one wrapper around ``git``: a repository's files at a revision, and their history.

Both ``macros diff`` (a revision read into a folder, diff/revisions.py) and the open data
(each record's first and last commit, export/history.py) ask git; this module alone runs it.
git comes from PATH, as it does for the editor, and is given arguments, never a shell line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

#: The commit times every output can write: a date the check accepts (years to 9998), and no
#: earlier than git's own epoch.
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(9998, 12, 31, tzinfo=dt.UTC)


class GitError(Exception):
    """git could not answer: it is not installed (``missing``), or it failed or timed out."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def git(cwd: Path, *args: str, stdin: bytes = b"", timeout: float | None = None) -> bytes:
    """``git -C cwd args…``: its standard output, or ``GitError``."""
    command = ["git", "-C", str(cwd), *args]
    try:
        done = subprocess.run(  # noqa: S603 — git, with arguments that are never a shell line
            command, input=stdin, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed", missing=True) from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(str(error)) from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", errors="replace").strip())
    return done.stdout


def commit_time(seconds: str) -> dt.datetime | None:
    """A commit time (``%ct``) as a UTC datetime; None when it is out of range, or no number.
    A commit can say any date: one dated in year 10000 must not break every later build."""
    try:
        stamp = dt.datetime.fromtimestamp(int(seconds), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return stamp if EARLIEST <= stamp <= LATEST else None
