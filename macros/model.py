"""The shape of every record: one pydantic model per collection, and the briefing itself.

No I/O here. The loader hands every scalar over as text, exactly as the editor typed it, and
the field types below decide what it means: a country code ``NO`` stays text, ``1e3`` in a
number field is 1000, and ``2024-06-19`` is a date only where a date is expected.
Error *types* are raised here; their wording lives in problems.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import JSON_PATTERN, DateError, FuzzyDate

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
#: ``[[record-id]]`` or ``[[record-id|words to show]]`` inside any Markdown field.
LINK = re.compile(r"\[\[\s*([^\]|]*?)\s*(?:\|([^\]]*))?\]\]")
#: Raw HTML: a tag, a comment, a declaration or a processing instruction. A Markdown
#: autolink such as <https://example.org> is not HTML, unless it hides a space.
_HTML = re.compile(r"<(?!https?://[^\s<>]*>)/?[A-Za-z][^>]*>|<!--|<![A-Za-z]|<\?")
AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
#: Markdown links and images, inline ``[x](target)`` or by reference ``[x]: target``.
_MD_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.M)
_WEB = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$", re.IGNORECASE)


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
    tag = _HTML.search(text) if "<" in text else None
    if tag:
        raise PydanticCustomError("html_in_prose", "html", {"tag": tag.group()})
    if "](" not in text and "]:" not in text:  # no Markdown link or image is there
        return text
    for image, inline, by_reference in _MD_TARGET.findall(text):
        if image:
            raise PydanticCustomError("image_in_prose", "image", {"tag": inline})
        target = inline or by_reference
        if not _WEB.match(target):
            raise PydanticCustomError("link_scheme", "link", {"tag": target})
    return text


def _web_address(text: str) -> str:
    if not _WEB.match(text):
        raise PydanticCustomError("url_scheme", "not a web address")
    return text


def _record_id(text: str) -> str:
    if not _ID.match(text):
        raise PydanticCustomError("id_format", "not an id")
    return text


#: One line of plain text: shown literally, never interpreted as Markdown or HTML.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


@dataclass(frozen=True)
class Markdown:
    """Marks a field as Markdown whose ``[[record-id]]`` links catalog.py resolves."""


#: Markdown, with ``[[record-id]]`` links; raw HTML is refused.
Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_prose),
    Markdown(),
    Field(json_schema_extra={"format": "markdown"}),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_web_address),
    Field(json_schema_extra={"format": "uri", "pattern": "^https?://"}),
]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as naming other records; catalog.py resolves and checks it."""

    collections: tuple[str, ...]


def _ref(*collections: str) -> Any:
    return Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), RefTo(collections)
    ]


SourceRef = _ref("sources")
ActorRef = _ref("actors")
AgreementRef = _ref("agreements")
EventRef = _ref("events")
FigureRef = _ref("figures")
PerspectiveRef = _ref("perspectives")
ReactionTarget = _ref("events", "agreements")
AnyRef = _ref()  # any collection
Sources = Annotated[list[SourceRef], Field(min_length=1)]  # type: ignore[valid-type]

Confidence = Literal["verified-in-source", "consistent-with-several", "could-not-verify"]


class Part(BaseModel):
    """A nested part of a record: unknown fields are refused, as everywhere."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quotation(Part):
    """Words quoted exactly, with the source they come from."""

    text: Text
    source: SourceRef  # type: ignore[valid-type]
    translation: Text | None = None
    note: Prose | None = None


class Disagreement(Part):
    """What another source reports differently about one field of this record."""

    field: Text
    value: Text
    sources: Sources
    note: Prose | None = None


class Record(Part):
    """Fields every record may carry. ``id`` is the file name; writing it is optional."""

    id: Annotated[str, AfterValidator(_record_id)] | None = None

    def when(self) -> FuzzyDate | None:
        """The date the record stands at in time, if it has one."""
        return getattr(self, "date", None)


class Fact(Record):
    """A factual record: it cites at least one source and may note disagreements."""

    sources: Sources
    disagreements: list[Disagreement] = []
    confidence: Confidence | None = None


# --- Collections ---------------------------------------------------------------------------


class Source(Record):
    title: Text
    publisher: Text
    url: Url
    kind: Literal[
        "primary-document", "official-statement", "news", "analysis", "opinion", "reference"
    ]
    published: Date | None = None
    language: Language = "en"
    author: Text | None = None
    note: Prose | None = None

    def when(self) -> FuzzyDate | None:
        return self.published


class Actor(Record):
    name: Text
    kind: Literal["state", "government", "office", "person", "organisation"]
    short_name: Text | None = None
    role: Text | None = None
    belongs_to: ActorRef | None = None  # type: ignore[valid-type]
    country_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    summary: Prose | None = None
    sources: list[SourceRef] = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _people_have_roles(self) -> Actor:
        if self.kind == "person" and not self.role:
            raise PydanticCustomError("role_required", "role")
        return self


class Signing(Part):
    date: Date
    place: Text | None = None


class Ending(Part):
    date: Date
    how: Literal["lapsed", "replaced", "terminated", "expired", "withdrawn"]
    replaced_by: AgreementRef | None = None  # type: ignore[valid-type]
    note: Prose | None = None


class Article(Part):
    number: Text
    topic: Text
    summary: Prose
    sources: Sources
    title: Text | None = None
    text: Quotation | None = None
    #: What the article says on each point a comparison asks about, in our words.
    aspects: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*$")], Prose] = {}
    disagreements: list[Disagreement] = []


class Agreement(Fact):
    name: Text
    short_name: Text
    kind: Literal["treaty", "agreement", "declaration", "armistice", "protocol"]
    parties: Annotated[list[ActorRef], Field(min_length=1)]  # type: ignore[valid-type]
    signed: Signing
    status: Literal["in-force", "not-in-force", "ended"]
    summary: Prose
    in_force: Date | None = None
    ended: Ending | None = None
    articles: list[Article] = []

    def when(self) -> FuzzyDate:
        return self.signed.date


class Event(Fact):
    date: Date
    title: Text
    kind: Literal[
        "summit", "visit", "signing", "initialling", "ratification", "entry-into-force",
        "lapse", "statement", "summons", "call", "meeting", "vote", "exercise", "briefing",
        "publication", "diplomatic", "other",
    ]  # fmt: skip
    summary: Prose
    place: Text | None = None
    actors: list[ActorRef] = []  # type: ignore[valid-type]
    agreements: list[AgreementRef] = []  # type: ignore[valid-type]


class Figure(Fact):
    title: Text
    value: Number
    unit: Text
    measures: Prose
    stated_by: ActorRef  # type: ignore[valid-type]
    stated_on: Date
    qualifier: Literal[
        "exactly", "more-than", "approximately", "at-least", "fewer-than", "up-to"
    ] = "exactly"
    as_of: Date | None = None
    since: Date | None = None
    quote: Quotation | None = None
    caveats: list[Prose] = []

    def when(self) -> FuzzyDate:
        return self.stated_on


class Reaction(Fact):
    title: Text
    by: Annotated[list[ActorRef], Field(min_length=1)]  # type: ignore[valid-type]
    date: Date
    how: Literal[
        "summons", "joint-statement", "statement", "call", "meeting", "sanctions",
        "exercise", "vote", "other",
    ]  # fmt: skip
    to: Annotated[list[ReactionTarget], Field(min_length=1)]  # type: ignore[valid-type]
    summary: Prose
    quotes: list[Quotation] = []


class Perspective(Fact):
    """Who argues what, when and where; the first source is where it was argued."""

    title: Text
    by: ActorRef  # type: ignore[valid-type]
    date: Date
    stance: Literal["alarmed", "concerned", "measured", "sceptical", "supportive", "defensive"]
    summary: Prose
    about: list[AnyRef] = []  # type: ignore[valid-type]
    responds_to: list[PerspectiveRef] = []  # type: ignore[valid-type]
    quotes: list[Quotation] = []


# --- The briefing --------------------------------------------------------------------------


class Judgment(Part):
    text: Prose
    supported_by: Annotated[list[AnyRef], Field(min_length=1)]  # type: ignore[valid-type]


class Era(Part):
    id: Annotated[str, AfterValidator(_record_id)]
    name: Text
    start: Date
    end: Date
    summary: Prose


class Comparison(Part):
    """A side-by-side table of what several agreements say on one article topic."""

    title: Text
    topic: Text
    agreements: Annotated[list[AgreementRef], Field(min_length=2)]  # type: ignore[valid-type]
    summary: Prose | None = None


class Briefing(Part):
    title: Text
    subtitle: Text
    bottom_line: Prose
    key_judgments: Annotated[list[Judgment], Field(min_length=1)]
    eras: Annotated[list[Era], Field(min_length=1)]
    last_reviewed: Date
    url: Url
    repository: Url
    key_figures: list[FigureRef] = []  # type: ignore[valid-type]
    comparisons: list[Comparison] = []
    language: Language = "en"


#: Collection folder → (model, the word for one record, with its article).
COLLECTIONS: dict[str, tuple[type[Record], str]] = {
    "sources": (Source, "a source"),
    "actors": (Actor, "an actor"),
    "agreements": (Agreement, "an agreement"),
    "events": (Event, "an event"),
    "figures": (Figure, "a figure"),
    "reactions": (Reaction, "a reaction"),
    "perspectives": (Perspective, "a perspective"),
}
