"""What changed lately for a reader, from the git history of the data folder: for each
record, the newest commit that changed what its page says, in the words of ``macros diff``.

Readers follow the story: every change to an agreement, event, reaction, figure or
perspective counts (added, renamed or changed in value). An actor or a source counts only when
something it already said changed: being added, as the people and documents of a new event
are, is no news. A file reformatted (quotes, folded lines) changes no value and counts for
nothing. Each commit's files are read at the commit and at its parent by one
``git cat-file --batch``, loaded (facts/load.py) and compared (compare.py).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..facts.git import GitError, commit_time, git
from . import words
from .compare import Change, Key, compare, snapshot

#: The collections a reader follows; the others count only when changed in value.
FOLLOWED = ("agreements", "events", "reactions", "figures", "perspectives")
#: Each commit: a NUL, its hash and time, then the files it touched (paths from data_dir).
#: export/history.py reads the same log, once, for each record's first and last commit.
LOG = [
    "-c", "core.quotePath=false", "-c", "log.showSignature=false", "log",
    "--format=%x00%H %ct", "--name-only", "--no-renames", "--relative", "--", ".",
]  # fmt: skip


@dataclass(frozen=True)
class Recent:
    """A record's latest change worth a reader's notice: when, and in words."""

    key: Key
    when: dt.datetime
    words: str


def newsworthy(change: Change) -> bool:
    if change.verb == "removed":
        return False  # its page is gone: there is nothing to link
    return change.key[0] in FOLLOWED or (change.verb != "added" and bool(change.edits))


def recent(data_dir: Path, keys: set[Key], limit: int, log: str | None = None) -> list[Recent]:
    """Up to ``limit`` of the records in ``keys``, newest change first; [] without git.
    ``log`` is the folder's ``git log`` (``LOG``) when the caller has read it already."""
    if log is None:
        try:
            log = git(data_dir, *LOG, timeout=120).decode("utf-8")
        except GitError:
            return []
    found: dict[Key, Recent] = {}
    for commit in log.split("\0")[1:]:
        head, *files = commit.strip("\n").split("\n")
        sha, when = head.split()
        touched = {key for key in map(_key, files) if key is not None and key in keys}
        wanted = sorted(touched - found.keys())
        stamp = commit_time(when)
        if stamp is None:  # out of range: export/history.py says so in the build's log
            continue
        for change in _changes(data_dir, sha, wanted):
            if change.key in keys and change.key not in found and newsworthy(change):
                found[change.key] = Recent(change.key, stamp, words.sentence(change))
        if len(found) >= limit:
            break
    return list(found.values())[:limit]


def _key(name: str) -> Key | None:
    """``events/x.yml`` → ``("events", "x")``; anything else → None."""
    collection, _, file_name = name.partition("/")
    if "/" in file_name or not file_name.endswith(".yml"):
        return None
    return (collection, file_name.removesuffix(".yml"))


def _changes(data_dir: Path, sha: str, keys: list[Key]) -> list[Change]:
    """How the records ``keys`` changed in commit ``sha``: each file at the commit's parent
    and at the commit, written into two folders, loaded and compared."""
    names = [f"{collection}/{record}.yml" for collection, record in keys]
    if not names:
        return []
    asked = [f"{sha}^:./{name}" for name in names] + [f"{sha}:./{name}" for name in names]
    contents = _blobs(data_dir, asked)
    with tempfile.TemporaryDirectory(prefix="briefing-change-") as temporary:
        before, after = Path(temporary) / "before", Path(temporary) / "after"
        for index, name in enumerate(names):
            for folder, content in (
                (before, contents[index]),
                (after, contents[len(names) + index]),
            ):
                if content is not None:
                    (folder / name).parent.mkdir(parents=True, exist_ok=True)
                    (folder / name).write_bytes(content)
        before.mkdir(exist_ok=True)
        after.mkdir(exist_ok=True)
        return compare(snapshot(before), snapshot(after))


def _blobs(data_dir: Path, objects: list[str]) -> list[bytes | None]:
    """The contents of ``objects`` (``rev:./path``), None for those that do not exist (a file
    added by the commit has none at its parent), read by one ``git cat-file --batch``."""
    done = git(data_dir, "cat-file", "--batch", stdin=("\n".join(objects) + "\n").encode())
    out: list[bytes | None] = []
    at = 0
    for _ in objects:
        end = done.index(b"\n", at)
        header = done[at:end].split()
        if header[-1] == b"missing" or len(header) != 3:
            out.append(None)
            at = end + 1
            continue
        size = int(header[2])
        out.append(done[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the content is followed by a newline
    return out
