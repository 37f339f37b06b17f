"""The types of fields: what a date, a number, Markdown, a web address or a reference is.

Every scalar arrives as the text the editor typed; these types decide what it means. A
country code ``NO`` stays text, ``1e3`` in a number field is 1000, ``2024-06-19`` is a date
only where a date is expected. Error *types* are raised here; their wording lives in
problems.py.
"""

from __future__ import annotations

import ipaddress
import re
import types
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from . import links
from .dates import JSON_PATTERN, DateError, FuzzyDate

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(r"[a-z0-9]++(?:-[a-z0-9]++)*+")
#: The longest Markdown field and the longest line of text, in characters. Python-Markdown's
#: inline processing takes time that grows with the square of a text's length on some input
#: (runs of brackets or entities): these limits keep the build of any record within a
#: second or two (bench/README.md, "Linear time").
MAX_PROSE = 10_000
MAX_TEXT = 2_000


# --- Scalars -------------------------------------------------------------------------------


def _date(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_format", "not a date")
    try:
        return FuzzyDate.parse(value)
    except DateError as error:
        raise PydanticCustomError(error.kind, "bad date") from None


Date = Annotated[
    FuzzyDate,
    PlainValidator(_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": JSON_PATTERN,
            "description": "2024-06-19, 2024-06 or 2024; ~ at the end means 'about'; "
            "a slash makes a range: 2024-06-27/2024-06-29",
            "examples": ["2024-06-19", "2024-06", "1995~", "2024-06-27/2024-06-29"],
        }
    ),
]


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("number_format", "not a number")
    text = str(value).strip().replace("_", "")
    if "," in text:
        raise PydanticCustomError("number_commas", "commas")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise PydanticCustomError("number_format", "not a number") from None
    if not number.is_finite():
        raise PydanticCustomError("number_format", "not a number")
    if number and not -15 <= number.adjusted() <= 15:  # 1e9999999 would take minutes to expand
        raise PydanticCustomError("number_range", "out of range")
    return int(number) if number == number.to_integral_value() else float(number)


Number = Annotated[
    int | float,
    PlainValidator(_number),
    WithJsonSchema({"type": "number", "examples": [11000, 450000, 13.5]}),
]


def _prose(text: str) -> str:
    """Markdown whose links are all links to records or web addresses (links.py)."""
    found = links.refused(text)
    if found is not None:
        raise PydanticCustomError(found.kind, "refused", {"tag": found.got})
    return text


def _web_address(text: str) -> str:
    if not links.is_web(text):
        raise PydanticCustomError("url_scheme", "not a web address")
    return text


def _publishers_host(text: str) -> str:
    """A source's address names its publisher's host: no bare IP, no trailing dot. (The
    briefing's own address may be a preview's, such as http://127.0.0.1:8000/.)"""
    host = urlsplit(text).hostname or ""
    if host.endswith("."):
        raise PydanticCustomError("url_host_dot", "host ends with a dot")
    if _is_ip_address(host):
        raise PydanticCustomError("url_host_ip", "host is an IP address")
    return text


def _spdx(text: str) -> str:
    from license_expression import get_spdx_licensing  # its licence list, read when needed

    checked = get_spdx_licensing().validate(text)
    if checked.errors or not checked.normalized_expression:
        raise PydanticCustomError("license_spdx", "not an SPDX licence")
    return str(checked.normalized_expression)


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def record_id(text: str) -> str:
    """An id of a record or an era: lowercase words joined by hyphens."""
    if not _ID.fullmatch(text):
        raise PydanticCustomError("id_format", "not an id")
    return text


#: One line of plain text: shown literally, never interpreted as Markdown or HTML.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]


@dataclass(frozen=True)
class Markdown:
    """Marks a field as Markdown whose ``[[record-id]]`` links catalog.py resolves."""


#: What the JSON Schemas (and so briefing.schema.json) say of every Markdown field.
UNSAFE = (
    "Markdown as the editor wrote it. The check refuses raw HTML, images and links to "
    "anything but web addresses and [[record-id]], but a program that renders it must still "
    "pass the HTML through a sanitiser, as the briefing's own pages do."
)
#: Markdown, with ``[[record-id]]`` links; raw HTML is refused.
Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_PROSE),
    AfterValidator(_prose),
    Markdown(),
    Field(json_schema_extra={"format": "markdown", "$comment": UNSAFE}),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_TEXT),
    AfterValidator(_web_address),
    Field(json_schema_extra={"format": "uri", "pattern": "^https?://"}),
]
#: A source's address: a web address on its publisher's host.
SourceUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_web_address),
    AfterValidator(_publishers_host),
    Field(json_schema_extra={"format": "uri", "pattern": "^https?://"}),
]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
#: An SPDX licence identifier or expression, like ``CC-BY-4.0``; written back normalised.
License = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_spdx),
    Field(json_schema_extra={"examples": ["CC-BY-4.0", "CC0-1.0", "MIT"]}),
]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as naming other records; catalog.py resolves and checks it."""

    collections: tuple[str, ...]


def empty(kind: type[list[Any]] | type[dict[Any, Any]] = list) -> Any:
    """The default of an optional list (or mapping) field: a new empty one for each record,
    made by pydantic-core. A literal ``[]`` default is deep-copied in Python for every record,
    which cost a quarter of the time of validating a small one. The JSON Schema still shows
    ``"default": []`` to an editor."""
    return Field(default_factory=kind, json_schema_extra={"default": kind()})


def _ref(*collections: str) -> Any:
    return Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), RefTo(collections)
    ]


SourceRef = _ref("sources")
ActorRef = _ref("actors")
AgreementRef = _ref("agreements")
FigureRef = _ref("figures")
PerspectiveRef = _ref("perspectives")
ReactionTarget = _ref("events", "agreements")
AnyRef = _ref()  # any collection
Sources = Annotated[list[SourceRef], Field(min_length=1)]  # type: ignore[valid-type]

Confidence = Literal["verified-in-source", "consistent-with-several", "could-not-verify"]


@dataclass(frozen=True)
class Shape:
    """What a field of a model holds, with ``Annotated`` and ``| None`` unwrapped: the one
    reading of the models' annotations, shared by the reference index (catalog.py) and the
    CSV columns (export/tables.py).

    ``kind`` is ``ref`` (an id, ``ref`` says of which collections), ``prose`` (Markdown),
    ``date``, ``model`` (a nested part, ``model`` says which), ``list`` or ``dict`` (``item``
    is the shape of each item), or ``value`` (anything else: text, numbers, choices).
    """

    kind: Literal["ref", "prose", "date", "model", "list", "dict", "value"]
    ref: RefTo | None = None
    model: type[BaseModel] | None = None
    item: Shape | None = None


def shape(annotation: Any, metadata: tuple[Any, ...] = ()) -> Shape:
    """The ``Shape`` of a field, from its annotation and pydantic's metadata for it."""
    for mark in metadata:
        if isinstance(mark, RefTo):
            return Shape("ref", ref=mark)
        if isinstance(mark, Markdown):
            return Shape("prose")
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return shape(args[0], (*metadata, *args[1:]))
    if origin in (Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        return shape(inner[0], metadata) if len(inner) == 1 else Shape("value")
    if origin is list:
        return Shape("list", item=shape(args[0]))
    if origin is dict:
        return Shape("dict", item=shape(args[1]))
    if annotation is FuzzyDate:
        return Shape("date")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation)
    return Shape("value")
