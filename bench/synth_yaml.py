"""A small, deterministic YAML writer for synthetic records: block style, keys in given order.

Empty lists are left out; long text is a folded block (``>-``) wrapped at 100 columns, as
editors write prose; short text is plain where it reads unambiguously, JSON-style double
quotes (valid YAML) otherwise. Every scalar loads back as exactly the same text.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence

Value = str | int | float | Sequence["Value"] | Mapping[str, "Value"]

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()/~-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none"}
WIDTH = 100


def scalar(value: str | int | float) -> str:
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED and not value.endswith(" "):
        return value
    return json.dumps(value)


def _scalar_lines(head: str, value: str | int | float, indent: int) -> list[str]:
    """``head`` is the indented ``key:`` or ``-``; text too long for one line is folded."""
    line = f"{head} {scalar(value)}"
    foldable = isinstance(value, str) and "  " not in value and value == value.strip()
    if len(line) <= WIDTH or not foldable:
        return [line]
    body = textwrap.wrap(
        str(value), WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{head} >-", *(" " * (indent + 2) + part for part in body)]


def document(record: Mapping[str, Value], schema: str) -> str:
    """The text of one data file, starting with the schema comment editors' tools read."""
    lines = [f"# yaml-language-server: $schema={schema}"]
    lines += _mapping(record, 0)
    return "\n".join(lines) + "\n"


def _mapping(record: Mapping[str, Value], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in record.items():
        if isinstance(value, (str, int, float)):
            lines += _scalar_lines(f"{pad}{key}:", value, indent)
        elif not value:
            continue  # an empty list or mapping is left out, as an editor would
        elif isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        else:
            lines.append(f"{pad}{key}:")
            lines += _sequence(value, indent + 2)
    return lines


def _sequence(items: Sequence[Value], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, (str, int, float)):
            lines += _scalar_lines(f"{pad}-", item, indent)
        elif isinstance(item, Mapping):
            nested = _mapping(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines += nested[1:]
        else:
            raise TypeError("lists of lists are not part of the data model")
    return lines
