"""The words of ``python -m macros diff``: each change as an editor reads it.

Plain text for a terminal, one change a line, each line naming its record::

    added source ministry-statement-2019 — 'Statement on the summit'
    renamed event summit → summit-2019
    reaction ambassador-summoned: date 2019-06-21 → 2019-06-22

Markdown for a pull request's job summary: the same words, grouped by record, every value
from the data in a code span, so nothing an editor typed is read as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..facts.controls import visible
from ..facts.names import noun
from .compare import BRIEFING, MISSING, VERBS, Change, Edit, Key

HEADING = "### Changes to the facts"
RECORD = {
    "added": "added {record}{title}",
    "removed": "removed {record}{title}",
    "renamed": "renamed {old} → {record}",
}
EDIT = {
    "changed": "{path} {old} → {new}",
    "added": "{path} added {new}",
    "removed": "{path} removed (was {old})",
    "ids_added": "{path} added {ids}",
    "ids_removed": "{path} removed {ids}",
    "reordered": "{path} reordered",
}
UNREADABLE = "not compared: {path} has problems — run python -m macros check"
NOTHING = "no changes to the facts"
COUNT = "{records} {noun} {verb}: {counts}"
FROM_TO = "From {old} to {new}: {summary}."
_SHORT = 60  # longer text is shortened to the part that changed
_AROUND = 25  # characters of context kept either side of a change in long text

Quote = Callable[[str], str]


def plain(changes: Sequence[Change], unreadable: Sequence[str]) -> str:
    """One line per change, then a count."""
    lines = []
    for change in changes:
        name = _record(change.key)
        if change.verb != "changed":
            lines.append(_headline(change, _quoted))
        lines += [f"{name}: {_edit(edit, _quoted)}" for edit in change.edits]
    lines += [UNREADABLE.format(path=visible(path)) for path in unreadable]
    lines.append(count(changes, unreadable))
    return "\n".join(lines) + "\n"


def markdown(changes: Sequence[Change], unreadable: Sequence[str], old: str, new: str) -> str:
    """A heading, the count, and a list with one item per record and its changes under it."""
    summary = FROM_TO.format(old=_code(old), new=_code(new), summary=count(changes, unreadable))
    lines = [HEADING, "", summary, ""]
    for change in changes:
        if change.verb == "changed":
            lines.append(f"- changed {_record(change.key, _code)}")
        else:
            lines.append(f"- {_headline(change, _code)}")
        lines += [f"  - {_edit(edit, _code)}" for edit in change.edits]
    lines += [f"- {UNREADABLE.format(path=_code(visible(path)))}" for path in unreadable]
    return "\n".join(lines).rstrip() + "\n"


def sentence(change: Change) -> str:
    """One record's change on one line, for the Atom feed, in the words of ``plain``, without
    the record's name where the line would start with it: ``added event x — 'title'``,
    ``date 2019-06-21 → 2019-06-22; sources added treaty-text``."""
    parts = [] if change.verb == "changed" else [_headline(change, _quoted)]
    return "; ".join(parts + [_edit(edit, _quoted) for edit in change.edits])


def count(changes: Sequence[Change], unreadable: Sequence[str]) -> str:
    """``3 records differ: 1 added, 2 changed``, or that nothing changed."""
    if not changes and not unreadable:
        return NOTHING
    tally = Counter(change.verb for change in changes)
    counts = ", ".join(f"{tally[verb]} {verb}" for verb in VERBS if tally[verb])
    if unreadable:
        files = "file" if len(unreadable) == 1 else "files"
        counts += (", " if counts else "") + f"{len(unreadable)} {files} not compared"
    if not changes:
        return counts
    noun = "record" if len(changes) == 1 else "records"
    verb = "differs" if len(changes) == 1 else "differ"
    return COUNT.format(records=len(changes), noun=noun, verb=verb, counts=counts)


def _headline(change: Change, quote: Quote) -> str:
    """``added event x — 'title'``; ``renamed event a → b`` (or ``→ reaction b``, if moved)."""
    title = f" — {quote(_shown(change.title))}" if change.title else ""
    record, old = _record(change.key, quote), ""
    if change.old_key:
        old = _record(change.old_key, quote)
        if change.old_key[0] == change.key[0]:
            record = quote(change.key[1])
    return RECORD[change.verb].format(record=record, title=title, old=old)


def _record(key: Key, quote: Quote | None = None) -> str:
    """``event summit-2019``; the briefing itself is ``briefing``."""
    collection, record_id = key
    if collection == BRIEFING:
        return BRIEFING
    kind = noun(collection)
    return f"{kind} {(quote or _quoted)(record_id)}"


def _edit(edit: Edit, quote: Quote) -> str:
    path = quote(edit.path)
    if edit.added or edit.removed or edit.reordered:
        parts = []
        if edit.added:
            parts.append(EDIT["ids_added"].format(path=path, ids=_ids(edit.added, quote)))
        if edit.removed:
            parts.append(EDIT["ids_removed"].format(path=path, ids=_ids(edit.removed, quote)))
        return "; ".join(parts) or EDIT["reordered"].format(path=path)
    if edit.old is MISSING:
        return EDIT["added"].format(path=path, new=quote(_shown(edit.new)))
    if edit.new is MISSING:
        return EDIT["removed"].format(path=path, old=quote(_shown(edit.old)))
    old, new = _excerpts(edit.old, edit.new)
    return EDIT["changed"].format(path=path, old=quote(old), new=quote(new))


def _ids(ids: Sequence[str], quote: Quote) -> str:
    return ", ".join(quote(_shown(i)) for i in ids)


# --- Values --------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    """A value in a few words: ``2024-06-21``, ``The leaders meet``, an article's number."""
    if isinstance(value, dict):
        label = next((value[k] for k in _LABELS if isinstance(value.get(k), str)), None)
        return _shown(label) if label is not None else "a part"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = _text(value)
    return text[: _SHORT - 1] + "…" if len(text) > _SHORT else text


#: The field that names a part of a record, for "articles[3] added IV".
_LABELS = ("number", "id", "title", "name", "text", "field")


def _excerpts(old: Any, new: Any) -> tuple[str, str]:
    """Two values shown side by side; long texts cut down to the part that differs."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return _shown(old), _shown(new)
    old, new = _text(old), _text(new)
    if max(len(old), len(new)) <= _SHORT:
        return _shown(old), _shown(new)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return _cut(old, start, end), _cut(new, start, end)


def _cut(text: str, start: int, end: int) -> str:
    """``text`` from a few words before ``start`` to a few words after ``len(text) - end``."""
    first, last = max(0, start - _AROUND), min(len(text), len(text) - end + _AROUND)
    first = text.rfind(" ", 0, first) + 1 if first else 0  # whole words only
    last = len(text) if text.find(" ", last) == -1 else text.find(" ", last)
    return ("…" if first else "") + text[first:last] + ("…" if last < len(text) else "")


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _quoted(text: str) -> str:
    """Plain text: a value of several words in quotes, like the check's messages."""
    return text if text and " " not in text and "'" not in text else f"'{text}'"


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
