"""What changed in the facts between two versions of a briefing.

Records are loaded by facts/load.py and compared by value, field by field, so reformatting a file
(quotes, folded lines, ``[a, b]`` or one item a line) changes nothing. Records are matched by
collection and id, the file name. A record that disappears under one name while another
appears with the same fields, or mostly the same fields and the same kind, or the same id in
another collection, was renamed or moved: it is reported once so, with what else changed.
words.py words the changes for an editor.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..facts import load
from ..facts.model import COLLECTIONS
from ..facts.problems import field_name

BRIEFING = "briefing"
#: Two records of one kind with at least this share of equal fields are one record renamed.
SIMILAR = 0.5
Key = tuple[str, str]  # (collection, id); the briefing is ("briefing", "briefing")


class _Missing:
    """A field a record does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Snapshot:
    """Every record of one version, by key, as plain values; and the files that have problems."""

    records: dict[Key, dict[str, Any]]
    unreadable: list[str]
    titles: dict[Key, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Edit:
    """One changed value inside a record: ``old`` or ``new`` is MISSING when added or removed.

    For a list of ids, ``added`` and ``removed`` hold the ids, or ``reordered`` is set.
    """

    path: str
    old: Any = MISSING
    new: Any = MISSING
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reordered: bool = False


@dataclass(frozen=True)
class Change:
    """What happened to one record: added, removed, renamed or changed, with its edits."""

    verb: str
    key: Key
    old_key: Key | None = None
    title: str = ""
    edits: tuple[Edit, ...] = ()


def snapshot(folder: Path, root: str = "") -> Snapshot:
    """Load the briefing in ``folder`` into plain values to compare; files that have problems
    are named as inside ``root``, like ``data/events/x.yml``."""
    loaded = load.load(folder)
    records: dict[Key, dict[str, Any]] = {}
    titles: dict[Key, str] = {}
    for entry in loaded.entries:
        key = (entry.collection, entry.id)
        records[key] = _values(entry.record)
        titles[key] = str(records[key].get("title") or records[key].get("name") or "")
    if loaded.briefing is not None:
        records[(BRIEFING, BRIEFING)] = _values(loaded.briefing)
    # Every file the check has a problem with, whatever it is (a record that does not
    # validate, a symbolic link, a stray file): what the check sees, the summary names. A
    # briefing.yml that is not there at all is no file to compare.
    shown = load.display(folder) + "/"
    paths = {problem.path.removeprefix(shown) for problem in loaded.problems}
    paths = {path for path in paths if os.path.lexists(folder / path)}
    unreadable = sorted(paths, key=lambda path: (path != "briefing.yml", path))
    prefix = f"{root}/" if root and root != "." else ""
    return Snapshot(records, [prefix + path for path in unreadable], titles)


def _values(model: Any) -> dict[str, Any]:
    """A record as plain values (text, numbers, lists, mappings): the fields its file gives,
    read as the model reads them; ``id`` is left out, since it is the file name."""
    values: dict[str, Any] = model.model_dump(mode="json", exclude_unset=True, exclude={"id"})
    return values


def compare(base: Snapshot, head: Snapshot) -> list[Change]:
    """Every change from ``base`` to ``head``, in a stable order: added, removed, renamed,
    changed; by collection, then id."""
    broken = {_key_of(path) for path in head.unreadable}
    gone = [k for k in base.records if k not in head.records and k not in broken]
    new = [k for k in head.records if k not in base.records]
    renames = _renames(gone, new, base.records, head.records)
    paired_old = {old for old, _ in renames}
    paired_new = {new_key for _, new_key in renames}
    changes = [Change("added", k, title=head.titles.get(k, "")) for k in new if k not in paired_new]
    changes += [
        Change("removed", k, title=base.titles.get(k, "")) for k in gone if k not in paired_old
    ]
    for old, new_key in renames:
        edits = edits_between(base.records[old], head.records[new_key])
        changes.append(Change("renamed", new_key, old_key=old, edits=tuple(edits)))
    for key in head.records.keys() & base.records.keys():
        edits = edits_between(base.records[key], head.records[key])
        if edits:
            changes.append(Change("changed", key, edits=tuple(edits)))
    return sorted(changes, key=_order)


def _key_of(path: str) -> Key:
    """``data/events/x.yml`` → ``("events", "x")``; ``data/briefing.yml`` → the briefing's key."""
    parts = path.split("/")
    if parts[-1] == "briefing.yml":
        return (BRIEFING, BRIEFING)
    if len(parts) < 2:  # a stray file beside the collections
        return ("", path)
    return (parts[-2], parts[-1].removesuffix(".yml"))


VERBS = ("added", "removed", "renamed", "changed")
_COLLECTIONS = [BRIEFING, *COLLECTIONS]


def _order(change: Change) -> tuple[int, int, str]:
    collection, record_id = change.key
    return (VERBS.index(change.verb), _COLLECTIONS.index(collection), record_id)


def _renames(
    gone: list[Key], new: list[Key], old: dict[Key, dict[str, Any]], now: dict[Key, dict[str, Any]]
) -> list[tuple[Key, Key]]:
    """Pairs (old key, new key) of records renamed or moved; each record in one pair at most."""
    scored = []
    for before in gone:
        for after in new:
            score = _likeness(before, after, old[before], now[after])
            if score is not None:
                scored.append((score, before, after))
    pairs: list[tuple[Key, Key]] = []
    used: set[Key] = set()
    for _, before, after in sorted(scored, key=lambda s: (-s[0][0], -s[0][1], s[1], s[2])):
        if before not in used and after not in used:
            pairs.append((before, after))
            used.update((before, after))
    return pairs


def _likeness(
    before: Key, after: Key, old: dict[str, Any], new: dict[str, Any]
) -> tuple[int, float] | None:
    """How surely ``after`` is ``before`` under a new name: (rank, share of equal fields), or
    None. Rank 3: the same values; 2: the same id in another collection; 1: similar."""
    if BRIEFING in (before[0], after[0]):
        return None
    if old == new:
        return (3, 1.0)
    names = old.keys() | new.keys()
    share = sum(old.get(n, MISSING) == new.get(n, MISSING) for n in names) / len(names)
    if before[1] == after[1]:
        return (2, share)
    if before[0] == after[0] and share >= SIMILAR:
        return (1, share)
    return None


# --- Field by field ------------------------------------------------------------------------


def edits_between(old: Any, new: Any, loc: tuple[str | int, ...] = ()) -> list[Edit]:
    """Every changed value from ``old`` to ``new``, down to the innermost field that changed."""
    if old == new:
        return []
    if _is_part(old) and _is_part(new):
        before = old if isinstance(old, dict) else {}
        after = new if isinstance(new, dict) else {}
        names = [*before, *(n for n in after if n not in before)]
        return [
            edit
            for n in names
            for edit in edits_between(before.get(n, MISSING), after.get(n, MISSING), (*loc, n))
        ]
    if _is_list(old) and _is_list(new):
        first: list[Any] = old if isinstance(old, list) else []
        then: list[Any] = new if isinstance(new, list) else []
        if all(not isinstance(v, dict | list) for v in [*first, *then]):
            return [_id_list(first, then, loc)]
        return _items(first, then, loc)
    return [Edit(field_name(loc), old, new)]


def _is_part(value: Any) -> bool:
    """A mapping, or nothing (so that a part added or removed is shown value by value)."""
    return isinstance(value, dict) or value is MISSING


def _is_list(value: Any) -> bool:
    return isinstance(value, list) or value is MISSING


def _id_list(old: list[Any], new: list[Any], loc: tuple[str | int, ...]) -> Edit:
    added = tuple(str(v) for v in new if v not in old)
    removed = tuple(str(v) for v in old if v not in new)
    return Edit(field_name(loc), added=added, removed=removed, reordered=not (added or removed))


def _items(old: list[Any], new: list[Any], loc: tuple[str | int, ...]) -> list[Edit]:
    """A list of parts (articles, quotes, eras …). Unchanged items are matched first, so an item
    inserted at the top is one addition, not a change to every item after it; then items with
    the same ``id`` or ``number``; then the rest in order."""
    matcher = SequenceMatcher(None, [_text(v) for v in old], [_text(v) for v in new], False)
    out: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for i, j in _pairs(old, range(i1, i2), new, range(j1, j2)):
            if i is not None and j is not None:
                out += edits_between(old[i], new[j], (*loc, j))
            elif j is not None:
                out.append(Edit(field_name((*loc, j)), new=new[j]))
            elif i is not None:
                out.append(Edit(field_name((*loc, i)), old=old[i]))
    return out


def _pairs(
    old: list[Any], olds: range, new: list[Any], news: range
) -> list[tuple[int | None, int | None]]:
    """Which item of ``olds`` became which of ``news``; None on one side: added or removed."""
    by_name = {_name(new[j]): j for j in reversed(news) if _name(new[j]) is not None}
    pairs: list[tuple[int | None, int | None]] = []
    for i in olds:
        j = by_name.pop(_name(old[i]), None) if _name(old[i]) is not None else None
        if j is not None:
            pairs.append((i, j))
    left_old = [i for i in olds if i not in {p[0] for p in pairs}]
    left_new = [j for j in news if j not in {p[1] for p in pairs}]
    pairs += zip(left_old, left_new, strict=False)
    common = min(len(left_old), len(left_new))
    pairs += [(i, None) for i in left_old[common:]] + [(None, j) for j in left_new[common:]]
    return sorted(pairs, key=lambda p: (p[1] if p[1] is not None else -1, p[0] or 0))


def _name(item: Any) -> Any:
    """What names a part within its list: an era's ``id``, an article's ``number``."""
    return (item.get("id") or item.get("number")) if isinstance(item, dict) else None


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
