"""The only code that reads data/: YAML files → records, keeping the line of every value.

YAML is composed with libyaml and no implicit typing at all (BaseResolver), so every scalar
arrives as the text the editor typed and the model decides what it means. Nothing is ever
constructed from a tag; aliases, duplicate keys, tabs and non-UTF-8 bytes are refused with
a message. Every problem in every file is collected; nothing stops at the first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from . import problems as words
from .model import COLLECTIONS, ID_PATTERN, Briefing, Record
from .problems import Problem

MAX_BYTES = 1024 * 1024
IGNORED = {"README.md", "schemas", ".gitkeep"}
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_NULLS = {"", "~", "null", "Null", "NULL"}
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Lines:
    """The line of every key and list item in a file, by its path of keys and indexes."""

    by_loc: dict[Loc, int] = field(default_factory=dict)

    def of(self, loc: Sequence[str | int]) -> int:
        """The line of ``loc``, or of the nearest enclosing value the file has."""
        loc = tuple(loc)
        while loc:
            if loc in self.by_loc:
                return self.by_loc[loc]
            loc = loc[:-1]
        return self.by_loc.get((), 1)


@dataclass(frozen=True)
class Entry:
    """One record file, read and valid: where it is, what it is, and its lines."""

    collection: str
    id: str
    path: str
    record: Record
    lines: Lines


@dataclass
class Loaded:
    """What a data folder holds: the briefing, the valid records, and every problem found."""

    briefing: Briefing | None
    briefing_path: str
    briefing_lines: Lines
    entries: list[Entry]
    problems: list[Problem]
    #: Records whose files exist but are invalid: id → collection. References to them are
    #: not reported as missing, so one broken file does not show up as problems elsewhere.
    broken: dict[str, str] = field(default_factory=dict)


class _Refused(Exception):
    """A file that cannot be read at all; carries its one problem."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def display(path: Path) -> str:
    """A path as messages show it: relative to the working folder when it lies inside."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load(data_dir: Path) -> Loaded:
    """Read every file of a briefing; valid records come back with all problems found."""
    found: list[Problem] = []
    entries: list[Entry] = []
    broken: dict[str, str] = {}
    briefing_path = data_dir / "briefing.yml"
    shown = display(briefing_path)
    briefing, briefing_lines = None, Lines()
    if briefing_path.is_file():
        parsed = _parse(briefing_path, shown, Briefing, "the briefing", found)
        if parsed:
            briefing, briefing_lines = parsed
    else:
        found.append(Problem(shown, 1, "", words.FILE["no_briefing"]))
    for collection, path in _record_files(data_dir, found):
        model, singular = COLLECTIONS[collection]
        found_record = _parse(path, display(path), model, singular, found)
        if found_record:
            record, lines = found_record
            entries.append(Entry(collection, path.stem, display(path), record, lines))
        else:
            broken.setdefault(path.stem, collection)
    return Loaded(briefing, shown, briefing_lines, entries, found, broken)


def _record_files(data_dir: Path, found: list[Problem]) -> Iterator[tuple[str, Path]]:
    """Every record file under ``data_dir``, in a stable order; strays are problems."""
    good_name = re.compile(ID_PATTERN)
    for item in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if item.name in IGNORED or item.name == "briefing.yml" or item.name.startswith("."):
            continue
        if not item.is_dir() or item.name not in COLLECTIONS:
            hint = words.did_you_mean(item.name, COLLECTIONS)
            message = words.FILE["folder"].format(
                got=words.got(item.name), hint=hint, collections=", ".join(COLLECTIONS)
            )
            found.append(Problem(display(Path(item.path)), 1, "", message))
            continue
        for file in sorted(os.scandir(item.path), key=lambda e: e.name):
            path = Path(file.path)
            if file.name.startswith(".") or file.name == "README.md":
                continue
            if path.suffix != ".yml":
                message = words.FILE["extension"].format(got=words.got(file.name))
                found.append(Problem(display(path), 1, "", message))
            elif not good_name.match(path.stem):
                message = words.FILE["file_name"].format(got=words.got(file.name))
                found.append(Problem(display(path), 1, "", message))
            else:
                yield item.name, path


def _parse(
    path: Path, shown: str, model: type[M], singular: str, found: list[Problem]
) -> tuple[M, Lines] | None:
    """One file → its model and lines, or None with its problems added to ``found``.

    A value the reader refused (an alias, a tag, a repeated key) is reported once, and the
    rest of the file is still checked against the model, so one pass shows everything.
    """
    lines = Lines()
    refused: list[_Refused] = []
    try:
        tree = _read_tree(path, lines, refused)
    except _Refused as fatal:
        found.append(Problem(shown, fatal.line, fatal.field, fatal.message))
        return None
    found.extend(Problem(shown, r.line, r.field, r.message) for r in refused)
    try:
        record = model.model_validate(tree)
    except ValidationError as error:
        skip = {r.field for r in refused}
        found.extend(
            p for p in _problems(error, shown, lines, model, singular) if p.field not in skip
        )
        return None
    return (record, lines) if not refused else None


def _problems(
    error: ValidationError, shown: str, lines: Lines, model: type[BaseModel], singular: str
) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if item["type"] in words.FIELD_OF:
            loc = (*loc, words.FIELD_OF[item["type"]])
        where = loc[:-1] if item["type"] == "extra_forbidden" else loc
        fields = _fields_at(model, where) if item["type"] == "extra_forbidden" else ()
        message = words.value_message(dict(item), fields, singular)
        yield Problem(shown, lines.of(loc), words.field_name(loc), message)


def _fields_at(model: type[BaseModel], loc: Loc) -> Sequence[str]:
    """The field names of the part of ``model`` that ``loc`` points into."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _submodel(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Article] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_submodel, get_args(annotation))), None)


# --- YAML → plain Python, with lines -------------------------------------------------------


def _read_tree(path: Path, lines: Lines, refused: list[_Refused]) -> Any:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise _Refused(1, "", words.FILE["too_large"].format(limit="1 MB"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        before = raw[: bad.start]
        line = before.count(b"\n") + 1
        column = bad.start - (before.rfind(b"\n") + 1) + 1
        message = words.FILE["not_utf8"].format(byte=f"0x{raw[bad.start]:02x}", column=column)
        raise _Refused(line, "", message) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _Refused(1, "", words.FILE["empty"])
    node = _compose(text)
    if not isinstance(node, yaml.MappingNode):
        got = "a list" if isinstance(node, yaml.SequenceNode) else words.got(node.value)
        raise _Refused(_line(node), "", words.FILE["not_mapping"].format(got=got))
    tree = _plain(node, (), lines, set(), refused)
    lines.by_loc[()] = _line(node)
    return tree


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = str(error.problem or error.context or "unreadable")
        if "tab" in problem.lower():
            raise _Refused(line, "", words.FILE["tab"]) from None
        if "expected a single document" in str(error.context or ""):
            raise _Refused(line, "", words.FILE["documents"]) from None
        raise _Refused(line, "", words.FILE["syntax"].format(problem=problem)) from None
    except yaml.YAMLError as error:
        raise _Refused(1, "", words.FILE["syntax"].format(problem=str(error))) from None
    if node is None:
        raise _Refused(1, "", words.FILE["empty"])
    return node


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _plain(node: yaml.Node, loc: Loc, lines: Lines, seen: set[int], refused: list[_Refused]) -> Any:
    """A node as str / list / dict / None; problems go to ``refused``."""
    field_name = words.field_name(loc)
    if id(node) in seen:
        refused.append(_Refused(_line(node), field_name, words.FILE["alias"]))
        return None
    seen.add(id(node))
    if node.tag not in (_STR, _SEQ, _MAP):
        tag = "'" + node.tag.replace("tag:yaml.org,2002:", "!!") + "'"
        refused.append(_Refused(_line(node), field_name, words.FILE["tag"].format(tag=tag)))
        return None
    if isinstance(node, yaml.ScalarNode):
        return None if node.style is None and node.value in _NULLS else node.value
    if isinstance(node, yaml.SequenceNode):
        out = []
        for index, item in enumerate(node.value):
            lines.by_loc[(*loc, index)] = _line(item)
            out.append(_plain(item, (*loc, index), lines, seen, refused))
        return out
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            got = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
            message = words.FILE["key_type"].format(got=got)
            refused.append(_Refused(_line(key_node), field_name, message))
            continue
        key = key_node.value
        if key in mapping:
            first = lines.by_loc[(*loc, key)]
            message = words.FILE["duplicate_key"].format(first=first)
            refused.append(_Refused(_line(key_node), words.field_name((*loc, key)), message))
            continue  # the first value stands, so the rest of the file is still checked
        lines.by_loc[(*loc, key)] = _line(key_node)
        mapping[key] = _plain(value_node, (*loc, key), lines, seen, refused)
    return mapping
