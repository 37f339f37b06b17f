"""Reading one YAML file: its text → plain values (text, lists, mappings) and lines.

YAML is composed with libyaml and no implicit typing at all, so every scalar arrives as
the text the editor typed and the model decides what it means. Nothing is ever
constructed from a tag; aliases, duplicate keys, tabs, unclosed quotes and non-UTF-8
bytes are refused with a message and a line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from . import controls, slips
from . import problems as words

MAX_BYTES = 1024 * 1024
#: How deep lists and mappings may nest. A record needs four or five levels; a thousand
#: would exhaust Python's stack in the model's validation (a RecursionError, not a message).
MAX_DEPTH = 20
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
    """The YAML reader every data file goes through: its text → one node, or its events."""


Loc = tuple[str | int, ...]
#: A PyYAML node. Its class attribute ``id`` ('scalar', 'sequence', 'mapping') is the
#: cheapest way to tell nodes apart, but the type stubs leave it out, hence Any.
Node = Any


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
            node = compose(self._text)
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


class Refused(Exception):
    """A file that cannot be read at all; carries its one problem."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def read(path: Path | str, refused: list[Refused]) -> tuple[Any, Lines]:
    """A file's YAML as plain values, with its lines (worked out now only if needed)."""
    try:
        raw = _read_bytes(path)
    except OSError as error:
        raise Refused(1, "", words.FILE["unreadable"].format(why=error.strerror)) from None
    if len(raw) > MAX_BYTES:
        raise Refused(1, "", words.FILE["too_large"].format(limit="1 MB"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        before = raw[: bad.start]
        line = before.count(b"\n") + 1
        start_of_line = before[before.rfind(b"\n") + 1 :]
        column = len(start_of_line.decode("utf-8", errors="replace")) + 1
        message = words.FILE["not_utf8"].format(byte=f"0x{raw[bad.start]:02x}", column=column)
        raise Refused(line, "", message) from None
    control = controls.CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        code = controls.code_point(control.group()[0])
        raise Refused(line, "", words.FILE["control"].format(code=code))
    node = compose(text)
    if node.id != "mapping":
        got = "a list" if node.id == "sequence" else words.got(node.value)
        raise Refused(_line(node), "", words.FILE["not_mapping"].format(got=got))
    if "\\" in text:  # an escape in a double-quoted text may write a control character
        _escaped_controls(node, refused)
    if "&" not in text and "!" not in text:  # no anchor, so no alias; no tag
        try:
            return _simple(node, 0), Lines(text)
        except _Repeated:
            pass  # a key appears twice: take the careful path, which reports it
        except _TooDeep as deep:
            raise Refused(deep.line, "", words.FILE["too_deep"].format(limit=MAX_DEPTH)) from None
    reader = _Careful(text, refused)
    try:
        tree = reader.plain(node, ())
    except _TooDeep as deep:
        raise Refused(deep.line, "", words.FILE["too_deep"].format(limit=MAX_DEPTH)) from None
    reader.by_loc[()] = _line(node)
    return tree, Lines(text, reader.by_loc)


_CHUNK = 64 * 1024


def _read_bytes(path: Path | str) -> bytes:
    """A file's bytes, at most MAX_BYTES + 1 of them (one more tells it is too large).

    Plain file descriptors, because a Python file object costs more than the read itself
    when there are ten thousand small files; and chunks, because os.read(fd, n) allocates
    n bytes up front, whatever the file's size.
    """
    # Never through a symbolic link, never waiting on a pipe: load.py refuses both before
    # reading, and this holds should the file change in between.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused(1, "", words.FILE["not_regular"])
        chunks = [os.read(fd, _CHUNK)]
        total = len(chunks[0])
        while len(chunks[-1]) == _CHUNK and total <= MAX_BYTES:
            chunks.append(os.read(fd, _CHUNK))
            total += len(chunks[-1])
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class _Repeated(Exception):
    """A mapping repeats a key (or has a key that is not text)."""


class _TooDeep(Exception):
    """Lists and mappings nest deeper than MAX_DEPTH, from ``line`` on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _escaped_controls(root: Node, refused: list[Refused]) -> None:
    """Every double-quoted text whose escapes (``\\x01``, ``\\r``, ``\\0``) write a control
    character, refused at its line. Each node is visited once, however many aliases name it."""
    seen: set[int] = set()
    todo: list[tuple[Node, Loc]] = [(root, ())]
    while todo:
        node, loc = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "scalar":
            found = controls.IN_VALUE.search(node.value) if node.style == '"' else None
            if found is not None:
                message = words.FILE["control"].format(code=controls.code_point(found.group()))
                refused.append(Refused(_line(node), words.field_name(loc), message))
        elif node.id == "sequence":
            todo.extend((item, (*loc, index)) for index, item in enumerate(node.value))
        else:
            for key, value in node.value:
                name = key.value if key.id == "scalar" else "?"
                todo += [(key, loc), (value, (*loc, name))]


def _simple(node: Node, depth: int) -> Any:
    """The fast reading of a node with no alias and no tag; most files take this path."""
    kind = node.id
    if kind == "scalar":
        return None if not node.style and node.value in _NULLS else node.value
    if depth >= MAX_DEPTH:
        raise _TooDeep(_line(node))
    if kind == "sequence":
        return [_simple(item, depth + 1) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key_node.id != "scalar" or key in mapping:
            raise _Repeated
        if value_node.id == "scalar":  # most values: read here, without a call
            value = value_node.value
            mapping[key] = None if not value_node.style and value in _NULLS else value
        else:
            mapping[key] = _simple(value_node, depth + 1)
    return mapping


def compose(text: str) -> Node:
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
            raise Refused(line, "", words.FILE["tab"]) from None
        if "quoted scalar" in str(error.context or "") and "end of stream" in problem:
            raise Refused(line, "", words.FILE["unclosed_quote"]) from None
        if "expected a single document" in str(error.context or ""):
            raise Refused(line, "", words.FILE["documents"]) from None
        if "nesting depth" in problem:  # libyaml's own limit, far above MAX_DEPTH
            raise Refused(line, "", words.FILE["too_deep"].format(limit=MAX_DEPTH)) from None
        slip = slips.explain(error, source_lines)
        if slip is not None:
            raise Refused(*slip) from None
        raise Refused(line, "", words.FILE["syntax"].format(problem=problem)) from None
    except yaml.YAMLError as error:
        raise Refused(1, "", words.FILE["syntax"].format(problem=str(error))) from None
    if node is None:  # nothing but comments and blank lines
        raise Refused(1, "", words.FILE["empty"])
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

    def __init__(self, text: str, refused: list[Refused]) -> None:
        self.by_loc: dict[Loc, int] = {}
        self.refused = refused
        self.seen: set[int] = set()
        self.alias_lines: list[int] = []
        if "*" in text:
            events = yaml.parse(text, Loader=_Loader)
            aliases = [e.start_mark for e in events if isinstance(e, yaml.AliasEvent)]
            self.alias_lines = [mark.line + 1 for mark in aliases if mark is not None]

    def refuse(self, line: int, loc: Loc, message: str) -> None:
        self.refused.append(Refused(line, words.field_name(loc), message))

    def plain(self, node: Node, loc: Loc) -> Any:
        """A node as str / list / dict / None. Runs once per value."""
        if id(node) in self.seen:
            line = self.alias_lines.pop(0) if self.alias_lines else _line(node)
            if line not in {r.line for r in self.refused if r.message == words.FILE["alias"]}:
                self.refuse(line, loc, words.FILE["alias"])  # once a line, however many
            return None
        self.seen.add(id(node))
        kind = node.id
        if kind != "scalar" and len(loc) >= MAX_DEPTH:
            raise _TooDeep(_line(node))
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
