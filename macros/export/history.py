"""When each record was added and last changed, from the git history of its file.

One ``git log`` over the data folder gives, for every ``<collection>/<id>.yml``, the commit
times of the commits that touched it: the oldest is when the record was added, the newest
when it last changed. The same commit always gives the same dates, so the feed and the
calendar are the same bytes in every build of it. A record with no history (the folder is
not in a git repository, git is missing, or the file is not committed yet) is dated by the
briefing's ``last_reviewed``, at midnight UTC: deterministic too.

A shallow clone (CI's default checkout) sees one commit only, so every record gets its
date; the Pages workflow should fetch the whole history (``fetch-depth: 0``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..diff.recent import LOG, Recent, recent
from ..facts.catalog import Catalog
from ..facts.git import GitError, commit_time, git

#: How many of the newest changes worth a reader's notice are kept (the Atom feed's size).
NEWS = 50


@dataclass(frozen=True)
class Change:
    """When a record was added, and when it last changed (both UTC)."""

    added: dt.datetime
    changed: dt.datetime


#: The commit times a feed and a calendar can be dated by. A commit outside them (git takes
#: any date a committer gives, year 10000 too) is left out, with a notice (``notices``).
OUT_OF_RANGE = (
    "git history: a commit of {path} is dated {when} seconds from 1970, outside 1970 to 9998; "
    "its date is left out of the feed and the calendar"
)


@dataclass(frozen=True)
class History:
    """Every record's ``Change``; records with no history get ``fallback`` for both.
    ``notices`` says what in the history could not be used, for the build to show."""

    fallback: dt.datetime
    changes: dict[str, Change] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    #: The newest changes a reader would want to hear of (diff/recent.py), newest first.
    recent: list[Recent] = field(default_factory=list)

    def of(self, record_id: str) -> Change:
        return self.changes.get(record_id) or Change(self.fallback, self.fallback)

    @property
    def latest(self) -> dt.datetime:
        """The newest change of all (the fallback when nothing has a history)."""
        return max((c.changed for c in self.changes.values()), default=self.fallback)


def fallback(catalog: Catalog) -> dt.datetime:
    """Midnight UTC on the first day of the briefing's ``last_reviewed``."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    day = catalog.briefing.last_reviewed.earliest
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def read(data_dir: Path, catalog: Catalog) -> History:
    """The history of every record file in ``data_dir``, from git where it can be had, with
    the ``NEWS`` newest changes worth a reader's notice."""
    notices: list[str] = []
    log = git_log(data_dir)
    found = changes(log, catalog, notices)
    keys = {(entry.collection, entry.id) for entry in catalog.records.values()}
    news = recent(data_dir, keys, NEWS, log)
    return History(fallback(catalog), found, tuple(notices), news)


def git_log(data_dir: Path) -> str:
    """``git log`` of the data folder, or '' when there is no repository or no git."""
    try:
        return git(data_dir, *LOG, timeout=120).decode("utf-8")
    except GitError:
        return ""


def changes(log: str, catalog: Catalog, notices: list[str] | None = None) -> dict[str, Change]:
    """Each record's first and last commit time, from ``git log`` output; a commit time out
    of range is left out, and said in ``notices``."""
    newest: dict[str, dt.datetime] = {}
    oldest: dict[str, dt.datetime] = {}
    for commit in log.split("\0")[1:]:
        head, *files = commit.strip("\n").split("\n")
        when = head.split()[-1] if head.strip() else head  # "<hash> <time>" (recent.LOG)
        stamp = commit_time(when)
        for name in filter(None, files):
            record_id = _record_of(name, catalog)
            if record_id is not None and stamp is None:
                if notices is not None:
                    notices.append(OUT_OF_RANGE.format(path=name, when=when.strip()))
            elif record_id is not None and stamp is not None:  # times need not be in order
                newest[record_id] = max(stamp, newest.get(record_id, stamp))
                oldest[record_id] = min(stamp, oldest.get(record_id, stamp))
    return {i: Change(oldest[i], newest[i]) for i in sorted(newest)}


def _record_of(name: str, catalog: Catalog) -> str | None:
    """The id of the record whose file is ``<collection>/<id>.yml``, if it is one."""
    collection, _, file_name = name.partition("/")
    record_id = file_name.removesuffix(".yml")
    entry = catalog.get(record_id)
    if entry is None or entry.collection != collection or not file_name.endswith(".yml"):
        return None
    return record_id
