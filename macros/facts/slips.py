"""The common slips of hand-written YAML, in an editor's words (yamlfile.py asks).

PyYAML reports where its parser gave up, in its own terms: "mapping values are not allowed
here", "could not find expected ':'", often lines after the slip. Three slips account for
most of them: a ': ' inside a value that is not in quotes, a line indented to match no line
above it, and a line of text that lost its indentation. For these, ``explain`` gives the
line of the slip and what to write instead; for anything else, None, and the parser's words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from . import problems as words


class Slip(NamedTuple):
    """Where the slip is, the field it is in (or ''), and what to do."""

    line: int
    field: str
    message: str


#: ``field: value`` on one line, perhaps as a list item: the field's name and its value.
_FIELD_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<name>[A-Za-z_][\w-]*):[ ]+(?P<value>\S.*)$")


def explain(error: yaml.MarkedYAMLError, source_lines: list[str]) -> Slip | None:
    """The common slips of hand-written YAML, in an editor's words: a ': ' in a value that
    is not in quotes, a line indented to match nothing above it, a line of text that lost
    its indentation. None for anything else."""
    problem, context = str(error.problem or ""), str(error.context or "")
    mark, opened = error.problem_mark, error.context_mark
    if mark is None:
        return None
    if problem.startswith("mapping values are not allowed"):
        text = source_lines[mark.line] if mark.line < len(source_lines) else ""
        field = _FIELD_LINE.match(text)
        if field and field.start("value") <= mark.column:  # a second ': ', inside the value
            value = field.group("value").rstrip()
            message = words.FILE["quote_colon"].format(
                field=field.group("name"), value=value.replace('"', '\\"'), got=words.got(value)
            )
            return Slip(mark.line + 1, field.group("name"), message)
        return _misindented(mark.line, source_lines)
    if problem.startswith(("expected <block end>", "did not find expected")):
        return _misindented(mark.line, source_lines)
    if "simple key" in context and opened is not None:
        above = _indents(source_lines, opened.line)
        message = words.FILE["no_colon"].format(indent=above[0] if above else 2)
        return Slip(opened.line + 1, "", message)
    return None


def _misindented(index: int, source_lines: list[str]) -> Slip | None:
    """Line ``index`` (from 0) is indented to match no block above it."""
    if index >= len(source_lines):
        return None
    text = source_lines[index]
    indent = len(text) - len(text.lstrip(" "))
    levels = _indents(source_lines, index)
    if not levels or indent in levels:
        return None
    options = " or ".join(str(level) for level in levels)
    spaces = "space" if indent == 1 else "spaces"
    message = words.FILE["indent"].format(got=indent, spaces=spaces, options=options)
    return Slip(index + 1, "", message)


def _indents(source_lines: list[str], index: int) -> list[int]:
    """The indentations a line after the lines before ``index`` can line up with: the
    nearest line's, then each shallower block's that is still open, innermost first."""
    levels: list[int] = []
    for text in reversed(source_lines[:index]):
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(stripped)
        if levels and indent >= levels[-1]:
            continue  # a line of a block already counted, or of one already closed
        if not levels and stripped.startswith("- "):
            levels.append(indent + 2)  # the fields of the list item just above
        levels.append(indent)
        if indent == 0:
            break
    return levels
