"""Problem, and the wording of every message an editor can see.

A message names the file, the line and the field, says what the value must be, shows what
it got, and where it can, suggests the likely fix. Tests compare these words exactly: they
are the editor's interface, so change them on purpose.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .controls import visible

HELP = "CONTRIBUTING.md#fixing-data-errors"
_MAX_GOT = 60


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """One line, whatever the file name, key or value holds: every control character,
        line breaks too, is shown as its code point (controls.visible), so no data can start
        a line of the report (or of a CI log, where ``::`` would start a workflow command)."""
        where = f"{self.path}:{self.line}:"
        line = f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"
        return visible(line)

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on its line in a PR:
        ``%``, CR and LF escaped as GitHub documents, every other control character shown."""
        title = f"{self.field} in {self.path}" if self.field else self.path
        text = f"{self.field}: {self.message}" if self.field else self.message
        return (
            f"::error file={_property(self.path)},line={self.line},"
            f"title={_property(title)}::{_data(text)}"
        )


def _data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def got(value: Any) -> str:
    """How a bad value is shown back: ``'21 June'``, ``a list``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = visible(" ".join(str(value).split()))
    if len(text) > _MAX_GOT:
        text = text[: _MAX_GOT - 1] + "…"
    return "'" + text + "'"


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` — did you mean 'role'?`` when one option is close enough, else nothing."""
    close = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def summary(problems: Sequence[Problem], folder: str | None = None) -> str:
    """The closing count: ``3 problems in 3 files of data/ — see CONTRIBUTING.md#…``."""
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    where = "file" if files == 1 else "files"
    of = f" of {folder.rstrip('/')}/" if folder else ""
    return f"{len(problems)} {noun} in {files} {where}{of} — see {HELP}"


def field_name(loc: Sequence[str | int]) -> str:
    """``('articles', 0, 'text')`` → ``articles[0].text``."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


# --- Messages for values the model refuses -------------------------------------------------

DATE_LIKE = "a date like 2024-06-21, 2024-06 or 2024"
_BY_TYPE = {
    "missing": "is required",
    "date_format": f"must be {DATE_LIKE} (got {{got}})",
    "date_calendar": "must be a real calendar date (got {got})",
    "date_range_order": "must end after it starts (got {got})",
    "date_range": "must be in the years 1 to 9998 (got {got})",
    "number_format": "must be a number like 11000 (got {got})",
    "number_commas": "must be written without commas, like 11000 (got {got})",
    "number_range": "must be a number between 10^-15 and 10^15 in size (got {got})",
    "url_scheme": "must be a web address starting with https:// or http:// (got {got})",
    "url_host_ip": "must name the publisher's host, not a bare IP address (got {got})",
    "url_host_dot": "must not end its host name with a dot — write the host as the publisher "
    "does (got {got})",
    "id_format": "must be a record id in lowercase-kebab-case, like 'foreign-ministry' (got {got})",
    "html_in_prose": "must not contain HTML — write Markdown, and link records with "
    "[[record-id]] (got {got})",
    "image_in_prose": "must not show images — a briefing loads nothing from other sites "
    "(got {got})",
    "link_scheme": "must link to a web address starting with https:// or http://, or to a "
    "record with [[record-id]] (got {got})",
    "link_reference": "must write each link in place, like [words](https://…) — reference "
    "definitions are not read (got {got})",
    "string_type": "must be text (got {got})",
    "string_too_short": "must not be empty — give a value, or leave the line out",
    "list_type": "must be a list, one '- item' per line (got {got})",
    "dict_type": "must be a mapping of 'field: value' lines (got {got})",
    "model_type": "must be a mapping of 'field: value' lines (got {got})",
    "model_attributes_type": "must be a mapping of 'field: value' lines (got {got})",
    "role_required": "is required for a person",
    "license_spdx": "must be an SPDX licence identifier, like 'CC-BY-4.0' or 'MIT' — see "
    "https://spdx.org/licenses/ (got {got})",
}
_PATTERNS = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "must be a record id in lowercase-kebab-case, like "
    "'foreign-ministry' (got {got})",
    "^[A-Z]{2}$": "must be a two-letter country code in capitals, like 'NO' (got {got})",
    "^[a-z]{2,3}$": "must be a language code in lowercase, like 'en' (got {got})",
    "^[a-z][a-z-]*$": "must be a lowercase word or words joined by '-', like 'trigger' (got {got})",
    r"^[A-Za-z0-9_][A-Za-z0-9_-]*(?:[./][A-Za-z0-9_][A-Za-z0-9_-]*)*$": "must be a branch "
    "name of the repository, like 'main' (got {got})",
    r"^images/[A-Za-z0-9_-]+\.(svg|png)$": "must be an SVG or PNG file in the images/ folder "
    "of the briefing's data, like 'images/logo.svg' (got {got})",
}
#: Errors for a value that should have been a mapping of fields.
_MAPPING = ("dict_type", "model_type", "model_attributes_type")
#: Errors raised for a whole record, with the field they concern.
FIELD_OF = {"role_required": "role"}


def value_message(
    error: dict[str, Any],
    fields: Sequence[str],
    singular: str,
    choices: Sequence[str] = (),
    parts: Sequence[tuple[str, bool]] = (),
) -> str:
    """The message for one pydantic error; ``fields`` are the names allowed at its place,
    ``choices`` the values the field allows if it is a fixed choice, and ``parts`` the
    fields (and whether each is required) of the part it holds, if it holds one."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    loc = error["loc"]
    if kind == "missing" and choices:
        return f"is required — one of {', '.join(choices)}"
    if kind in _MAPPING and parts and not isinstance(value, (dict, list)):
        listed = " and ".join(
            f"{name} (required)" if required else name for name, required in parts
        )
        example = next((name for name, required in parts if required), parts[0][0])
        return (
            f"must hold {listed}, each on its own line below, indented, like '  {example}: …' "
            f"(got {got(value)})"
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        return f"is not a field of {singular}" + did_you_mean(name, fields)
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        listed = ", ".join(options)
        return f"must be one of {listed} (got {got(value)})" + did_you_mean(str(value), options)
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty"
        return "must cite at least one source" if loc[-1] == "sources" else "must not be empty"
    if kind == "string_too_long":
        return (
            f"must be at most {ctx['max_length']:,} characters — shorten it, or split it "
            f"(got {len(str(value)):,})"
        )
    if kind in ("html_in_prose", "image_in_prose", "link_scheme", "link_reference"):
        return _BY_TYPE[kind].format(got=got(ctx.get("tag", value)))
    if kind in ("string_pattern_mismatch", "id_format") and isinstance(value, str):
        value = visible(value)  # an id's every character matters: a line break too
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        return _PATTERNS[ctx["pattern"]].format(got=got(value))
    if kind in _BY_TYPE:
        return _BY_TYPE[kind].format(got=got(value))
    return f"is not valid: {error['msg']} (got {got(value)})"


# --- Messages for files the loader cannot read ---------------------------------------------

FILE = {
    "not_utf8": "is not UTF-8 text (byte {byte} at column {column}) — save the file as UTF-8",
    "unreadable": "cannot be read ({why}) — check that the file exists and may be read",
    "too_large": "is larger than {limit} — a record file should be small; split it",
    "too_deep": "nests lists and mappings more than {limit} deep — a record needs only a few "
    "levels; check the brackets and the indentation from here",
    "control": "contains the control character {code}, which no output can show — delete "
    "it (most editors do not show it; retype the text around it)",
    "empty": "is empty — a record needs its fields; see data/README.md",
    "tab": "uses a tab to indent — indent with spaces only",
    "syntax": "is not valid YAML: {problem} — check the indentation and the quotes here",
    "unclosed_quote": "opens a quote that is never closed — end the text with the same quote mark",
    "documents": "holds more than one YAML document ('---') — keep one record per file",
    "quote_colon": "must be in quotes, since it holds ': ' — put the value in quotes, like "
    '{field}: "{value}" (got {got})',
    "indent": "is indented by {got} {spaces}, which lines up with no line above it — indent it "
    "by {options} spaces, like the lines it belongs with",
    "no_colon": "is not a 'field: value' line — if it goes on with the text above, indent it "
    "like that text ({indent} spaces); if it starts a field, put ':' after the field's name",
    "not_mapping": "must be a mapping of 'field: value' lines (got {got})",
    "alias": "uses a YAML alias ('*') — anchors and aliases are not allowed; write the value out",
    "tag": "uses the YAML tag {tag} — tags are not allowed; remove it",
    "key_type": "has a key that is not plain text (got {got}) — write 'field: value'",
    "duplicate_key": "appears twice in this mapping (first on line {first}) — keep one",
    "file_name": "file name must be a record id in lowercase-kebab-case, like "
    "'summit-2019.yml' (got {got})",
    "extension": "must end in .yml (got {got}) — rename the file",
    "symlink": "is a symbolic link — links are never followed; put the file itself here",
    "not_regular": "is not a regular file (a pipe, a socket or a device) — a record is a "
    "plain .yml file",
    "reserved": "file name must not be {got}: the site makes a page of that name for the "
    "collection — rename the file",
    "nested_folder": "is a folder inside a collection — keep each record as a .yml file "
    "directly in the collection's folder",
    "stray_file": "is not in a collection's folder — records go in one, like data/events/{got}",
    "folder": "is not a collection (got {got}){hint} — collections are {collections}",
    "no_briefing": "is missing — every briefing needs data/briefing.yml; see data/README.md",
}


# --- Messages for rules that span records --------------------------------------------------

CROSS = {
    "duplicate_id": "id '{id}' is already used by {other} — ids must be unique across the "
    "briefing; rename one file",
    "id_mismatch": "must match the file name '{name}' (got {got}) — or leave it out",
    "ref_missing": "no {noun} '{id}'{hint}",
    "link_missing": "links to [[{id}]], but there is no record '{id}'{hint}",
    "ref_kind": "'{id}' is {is_a}, but this must name {wanted}",
    "before_signing": "must not be before the signing on {when} (got {got})",
    "before_start": "must not be before the {what} on {when} (got {got})",
    "status_not_ended": "must be 'ended' when the agreement has an 'ended' date (got {got})",
    "ended_missing": "is required when status is 'ended' — say when and how it ended",
    "replaced_by_missing": "is required when how is 'replaced' — name the agreement "
    "that replaced it",
    "reaction_early": "must not be before {what} '{id}' ({when}) that it reacts to (got {got})",
    "orphan_source": "is not cited by any record — cite it in a record's sources, or delete "
    "the file",
    "era_order": "must not be after the era's end (got {got})",
    "era_overlap": "must come after the end of era '{previous}' ({when}) — eras must not "
    "overlap (got {got})",
    "no_era": "falls in no era of {briefing} — widen an era there or add one (got {got})",
    "disagreement_field": "must name a field of {singular} (got {got}){hint}",
    "comparison_topic": "'{id}' has no article whose topic is {got}{hint}",
    "site_url": "must be the address the site is published at, which SITE_URL gives as "
    "{site_url} (got {got}) — correct url, or leave it out to use SITE_URL",
    "image_missing": "names {got}, but there is no such file in {folder} — put the image "
    "there, or leave the line out for the neutral mark",
    "measure_spelling": "is written differently from '{usual}', which {figures} (got "
    "{got}) — copy it exactly, so that they are drawn as one chart",
    "quote_unsourced": "quotes {got}, but {noun} that cites no source may not quote — list "
    "the source under sources, or drop the quotation marks",
}


# --- Messages for macro calls in docs/ -----------------------------------------------------

MACRO = {
    "no_collection": "{macro}(): no collection '{name}'{hint}",
    "no_article": "{macro}(): '{id}' has no article on '{topic}'{hint}",
    "no_record": "{macro}(): no {noun} '{id}'{hint}",
    "wrong_kind": "{macro}(): '{id}' is not {wanted}",
}
