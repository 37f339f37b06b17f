"""The only code that reads data/: a briefing's folder → valid records and every problem.

Each file is read by yamlfile.py (text → plain values, and lines when needed) and checked
against its collection's model. Every problem in every file is collected; nothing stops
at the first, and nothing invalid is handed on.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from . import problems as words
from . import yamlfile
from .controls import visible
from .model import COLLECTIONS, Briefing, Record
from .problems import Problem
from .yamlfile import Lines, Loc, Refused

__all__ = ["Entry", "Lines", "Loaded", "Loc", "bulk", "display", "has_file", "load"]

#: Not records: the folder's guide, the schemas, and the images briefing.yml may name.
IGNORED = {"README.md", "schemas", "images", ".gitkeep"}
M = TypeVar("M", bound=BaseModel)


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
    if (data_dir / "briefing.yml").is_symlink():
        found.append(Problem(shown, 1, "", words.FILE["symlink"]))
    elif (data_dir / "briefing.yml").is_file():
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


#: A record file's name: its id, then ``.yml``, and nothing else (no line break after it).
_GOOD_NAME = re.compile(r"[a-z0-9]++(?:-[a-z0-9]++)*+\.yml")
#: Ids a record may not have: the site makes a page of that name in every collection's folder
#: (``urls.collection_page``), which would take the record's place.
RESERVED = {"index"}


def _kind(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry cannot be a record file or a collection, if it cannot: it is a
    symbolic link (never followed: it could point anywhere), or not a file or folder."""
    if entry.is_symlink():
        return "symlink"
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    return "not_regular"


def has_file(data_dir: Path, path: str) -> bool:
    """Whether the data folder holds a file at ``path`` (an image briefing.yml names)."""
    return (data_dir / path).is_file()


def _record_files(
    data_dir: Path, root: str, found: list[Problem]
) -> Iterator[tuple[str, str, str]]:
    """(collection, file name, path) of every record file, in a stable order; strays are
    problems. Paths stay strings: this loop runs once per record."""

    def refuse(where: str, key: str, **values: str) -> None:
        found.append(Problem(f"{root}/{where}", 1, "", words.FILE[key].format(**values)))

    for item in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if item.name in IGNORED or item.name == "briefing.yml" or item.name.startswith("."):
            continue
        odd = _kind(item)
        if odd is not None:
            refuse(item.name, odd)
            continue
        if not item.is_dir(follow_symlinks=False):
            refuse(item.name, "stray_file", got=visible(item.name))
            continue
        if item.name not in COLLECTIONS:
            hint = words.did_you_mean(item.name, COLLECTIONS)
            collections = ", ".join(COLLECTIONS)
            got = words.got(visible(item.name))
            refuse(item.name, "folder", got=got, hint=hint, collections=collections)
            continue
        for file in sorted(os.scandir(item.path), key=lambda e: e.name):
            name, where = file.name, f"{item.name}/{file.name}"
            if name.startswith(".") or name == "README.md":
                continue
            odd = _kind(file)
            if odd is not None:
                refuse(where, odd)
            elif file.is_dir(follow_symlinks=False):
                refuse(where, "nested_folder")
            elif not _GOOD_NAME.fullmatch(name):
                kind = "file_name" if name.endswith(".yml") else "extension"
                refuse(where, kind, got=words.got(visible(name)))
            elif name[:-4] in RESERVED:
                refuse(where, "reserved", got=words.got(name))
            else:
                yield item.name, name, file.path


def _parse(
    path: Path | str, shown: str, model: type[M], singular: str, found: list[Problem]
) -> tuple[M, Lines] | None:
    """One file → its model and lines, or None with its problems added to ``found``.

    A value the reader refused (an alias, a tag, a repeated key) is reported once, and the
    rest of the file is still checked against the model, so one pass shows everything.
    """
    refused: list[Refused] = []
    try:
        tree, lines = yamlfile.read(path, refused)
    except Refused as fatal:
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
        info = _field_at(model, loc)
        annotation = info.annotation if info else None
        message = words.value_message(
            dict(item), fields, singular, _choices(annotation), _parts_of(annotation)
        )
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


def _field_at(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The field that ``loc`` names, if it names one of a model (not a list item)."""
    if not loc or isinstance(loc[-1], int):
        return None
    parent = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = parent.model_fields.get(part)
        found = _submodel(info.annotation) if info else None
        if found is None:
            return None
        parent = found
    return parent.model_fields.get(str(loc[-1]))


def _choices(annotation: Any) -> list[str]:
    """The values a field of a fixed choice allows (``Literal[...]``, maybe optional)."""
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    return next(filter(None, map(_choices, get_args(annotation))), [])


def _parts_of(annotation: Any) -> list[tuple[str, bool]]:
    """The fields of the part a field holds, each with whether it is required."""
    part = _submodel(annotation)
    if part is None or get_origin(annotation) is list:
        return []
    return [(name, info.is_required()) for name, info in part.model_fields.items()]


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Article] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_submodel, get_args(annotation))), None)


# --- YAML → plain Python, with lines -------------------------------------------------------
