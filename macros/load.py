"""The only code that reads data/: YAML files → records, keeping the line of every value.

YAML is composed with libyaml and no implicit typing at all (BaseResolver), so every scalar
arrives as the text the editor typed and the model decides what it means. Nothing is ever
constructed from a tag; aliases, duplicate keys, tabs and non-UTF-8 bytes are refused with
a message. Every problem in every file is collected; nothing stops at the first.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
_TAGS = {"scalar": _STR, "sequence": _SEQ, "mapping": _MAP}
_NULLS = {"", "~", "null", "Null", "NULL"}  # plain (unquoted) nulls; their style is "" or None


class _PlainTags:
    """Composes nodes and never interprets a value: every untagged node keeps its plain tag.

    No implicit typing (YAML 1.1 would read ``no`` as false and ``2024-06-19`` as a date),
    and no constructor at all, so no tag can ever run code.
    """

    def resolve(self, kind: Node, value: Any, implicit: Any) -> str:
        return _TAGS[kind.id]

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """No path-based resolution."""

    def ascend_resolver(self) -> None:
        """No path-based resolution."""


# libyaml's parser when PyYAML was built with it (its wheels are), else the Python one.
_Base: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_PlainTags, _Base):  # type: ignore[misc]  # _Base is chosen at import time
    """The YAML reader every data file goes through."""


Loc = tuple[str | int, ...]
#: A PyYAML node. Its class attribute ``id`` ('scalar', 'sequence', 'mapping') is the
#: cheapest way to tell nodes apart, but the type stubs leave it out, hence Any.
Node = Any
M = TypeVar("M", bound=BaseModel)


class Lines:
    """The line of every key and list item in a file, by its path of keys and indexes.

    Only a file with a problem needs its lines, so they are worked out from its text on
    first use; a clean file never pays for them.
    """

    def __init__(self, text: str = "", by_loc: dict[Loc, int] | None = None) -> None:
        self._text = text
        self._by_loc = by_loc

    @property
    def by_loc(self) -> dict[Loc, int]:
        if self._by_loc is None:
            node = _compose(self._text)
            reader = _Careful(self._text, [])
            reader.plain(node, ())
            reader.by_loc[()] = _line(node)
            self._by_loc = reader.by_loc
        return self._by_loc

    def of(self, loc: Sequence[str | int]) -> int:
        """The line of ``loc``, or of the nearest enclosing value the file has."""
        by_loc, loc = self.by_loc, tuple(loc)
        while loc:
            if loc in by_loc:
                return by_loc[loc]
            loc = loc[:-1]
        return by_loc.get((), 1)


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


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of records are built.

    Reading creates no reference cycles, but every object it keeps makes each automatic
    collection slower: at 10,000 records the collector took more time than the parser.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(data_dir: Path) -> Loaded:
    """Read every file of a briefing; valid records come back with all problems found."""
    with bulk():
        return _load(data_dir)


def _load(data_dir: Path) -> Loaded:
    found: list[Problem] = []
    entries: list[Entry] = []
    broken: dict[str, str] = {}
    root = display(data_dir)
    shown = f"{root}/briefing.yml"
    briefing, briefing_lines = None, Lines(by_loc={})
    if (data_dir / "briefing.yml").is_file():
        parsed = _parse(data_dir / "briefing.yml", shown, Briefing, "the briefing", found)
        if parsed:
            briefing, briefing_lines = parsed
    else:
        found.append(Problem(shown, 1, "", words.FILE["no_briefing"]))
    for collection, name, path in _record_files(data_dir, root, found):
        model, singular = COLLECTIONS[collection]
        record_id, shown_path = name[:-4], f"{root}/{collection}/{name}"
        found_record = _parse(path, shown_path, model, singular, found)
        if found_record:
            record, lines = found_record
            entries.append(Entry(collection, record_id, shown_path, record, lines))
        else:
            broken.setdefault(record_id, collection)
    return Loaded(briefing, shown, briefing_lines, entries, found, broken)


def _record_files(
    data_dir: Path, root: str, found: list[Problem]
) -> Iterator[tuple[str, str, str]]:
    """(collection, file name, path) of every record file, in a stable order; strays are
    problems. Paths stay strings: this loop runs once per record."""
    good_name = re.compile(ID_PATTERN.removesuffix("$") + r"\.yml$")
    for item in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if item.name in IGNORED or item.name == "briefing.yml" or item.name.startswith("."):
            continue
        if not item.is_dir():
            message = words.FILE["stray_file"].format(got=item.name)
            found.append(Problem(f"{root}/{item.name}", 1, "", message))
            continue
        if item.name not in COLLECTIONS:
            hint = words.did_you_mean(item.name, COLLECTIONS)
            message = words.FILE["folder"].format(
                got=words.got(item.name), hint=hint, collections=", ".join(COLLECTIONS)
            )
            found.append(Problem(f"{root}/{item.name}", 1, "", message))
            continue
        for file in sorted(os.scandir(item.path), key=lambda e: e.name):
            name = file.name
            if name.startswith(".") or name == "README.md":
                continue
            if good_name.match(name):
                yield item.name, name, file.path
                continue
            if file.is_dir():
                kind = "nested_folder"
            else:
                kind = "file_name" if name.endswith(".yml") else "extension"
            message = words.FILE[kind].format(got=words.got(name))
            found.append(Problem(f"{root}/{item.name}/{name}", 1, "", message))


def _parse(
    path: Path | str, shown: str, model: type[M], singular: str, found: list[Problem]
) -> tuple[M, Lines] | None:
    """One file → its model and lines, or None with its problems added to ``found``.

    A value the reader refused (an alias, a tag, a repeated key) is reported once, and the
    rest of the file is still checked against the model, so one pass shows everything.
    """
    refused: list[_Refused] = []
    try:
        tree, lines = _read_tree(path, refused)
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
        if loc and loc[-1] == "[key]":  # pydantic's marker for a bad key of a mapping
            loc = loc[:-1]
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


def _read_tree(path: Path | str, refused: list[_Refused]) -> tuple[Any, Lines]:
    """A file's YAML as plain values, with its lines (worked out now only if needed)."""
    with open(path, "rb") as file:  # noqa: PTH123 — a plain string path, once per record
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _Refused(1, "", words.FILE["too_large"].format(limit="1 MB"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        before = raw[: bad.start]
        line = before.count(b"\n") + 1
        start_of_line = before[before.rfind(b"\n") + 1 :]
        column = len(start_of_line.decode("utf-8", errors="replace")) + 1
        message = words.FILE["not_utf8"].format(byte=f"0x{raw[bad.start]:02x}", column=column)
        raise _Refused(line, "", message) from None
    node = _compose(text)
    if node.id != "mapping":
        got = "a list" if node.id == "sequence" else words.got(node.value)
        raise _Refused(_line(node), "", words.FILE["not_mapping"].format(got=got))
    if "&" not in text and "!" not in text:  # no anchor, so no alias; no tag
        try:
            return _simple(node), Lines(text)
        except _Repeated:
            pass  # a key appears twice: take the careful path, which reports it
    reader = _Careful(text, refused)
    tree = reader.plain(node, ())
    reader.by_loc[()] = _line(node)
    return tree, Lines(text, reader.by_loc)


class _Repeated(Exception):
    """A mapping repeats a key (or has a key that is not text)."""


def _simple(node: Node) -> Any:
    """The fast reading of a node with no alias and no tag; most files take this path."""
    kind = node.id
    if kind == "scalar":
        return None if not node.style and node.value in _NULLS else node.value
    if kind == "sequence":
        return [_simple(item) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.id != "scalar" or key_node.value in mapping:
            raise _Repeated
        mapping[key_node.value] = _simple(value_node)
    return mapping


def _compose(text: str) -> Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = str(error.problem or error.context or "unreadable")
        source_lines = text.splitlines()
        if error.context_mark and line > len(source_lines):
            line = error.context_mark.line + 1  # the end of the file: show where it opened
        if "tab" in problem.lower() or _indented_with_tab(source_lines, line):
            raise _Refused(line, "", words.FILE["tab"]) from None
        if "quoted scalar" in str(error.context or "") and "end of stream" in problem:
            raise _Refused(line, "", words.FILE["unclosed_quote"]) from None
        if "expected a single document" in str(error.context or ""):
            raise _Refused(line, "", words.FILE["documents"]) from None
        raise _Refused(line, "", words.FILE["syntax"].format(problem=problem)) from None
    except yaml.YAMLError as error:
        raise _Refused(1, "", words.FILE["syntax"].format(problem=str(error))) from None
    if node is None:  # nothing but comments and blank lines
        raise _Refused(1, "", words.FILE["empty"])
    return node


def _indented_with_tab(source_lines: list[str], line: int) -> bool:
    text = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    return "\t" in text[: len(text) - len(text.lstrip())]


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Careful:
    """The careful reading of a file: every value's line, and every alias, tag or repeated
    key refused with its line (aliases on their own line, which only the parser's events
    know: a composed alias is the very node it names)."""

    def __init__(self, text: str, refused: list[_Refused]) -> None:
        self.by_loc: dict[Loc, int] = {}
        self.refused = refused
        self.seen: set[int] = set()
        self.alias_lines: list[int] = []
        if "*" in text:
            events = yaml.parse(text, Loader=_Loader)
            aliases = [e.start_mark for e in events if isinstance(e, yaml.AliasEvent)]
            self.alias_lines = [mark.line + 1 for mark in aliases if mark is not None]

    def refuse(self, line: int, loc: Loc, message: str) -> None:
        self.refused.append(_Refused(line, words.field_name(loc), message))

    def plain(self, node: Node, loc: Loc) -> Any:
        """A node as str / list / dict / None. Runs once per value."""
        if id(node) in self.seen:
            line = self.alias_lines.pop(0) if self.alias_lines else _line(node)
            if line not in {r.line for r in self.refused if r.message == words.FILE["alias"]}:
                self.refuse(line, loc, words.FILE["alias"])  # once a line, however many
            return None
        self.seen.add(id(node))
        kind = node.id
        if node.tag != _TAGS[kind]:
            tag = "'" + node.tag.replace("tag:yaml.org,2002:", "!!") + "'"
            self.refuse(_line(node), loc, words.FILE["tag"].format(tag=tag))
            return None
        if kind == "scalar":
            return None if not node.style and node.value in _NULLS else node.value
        if kind == "sequence":
            out = []
            for index, item in enumerate(node.value):
                self.by_loc[(*loc, index)] = item.start_mark.line + 1
                out.append(self.plain(item, (*loc, index)))
            return out
        return self.mapping(node, loc)

    def mapping(self, node: Node, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag != _STR:
                shown = {"sequence": "a list", "mapping": "a mapping"}
                got = shown.get(key_node.id) or words.got(key_node.value)
                self.refuse(_line(key_node), loc, words.FILE["key_type"].format(got=got))
                continue
            key_loc = (*loc, key_node.value)
            if key_node.value in out:
                message = words.FILE["duplicate_key"].format(first=self.by_loc[key_loc])
                self.refuse(_line(key_node), key_loc, message)
                continue  # the first value stands, so the rest of the file is still checked
            self.by_loc[key_loc] = key_node.start_mark.line + 1
            out[key_node.value] = self.plain(value_node, key_loc)
        return out
