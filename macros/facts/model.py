"""The shape of every record: one pydantic model per collection, and the briefing itself.

No I/O here. The field types (dates, numbers, Markdown, references) are in fields.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import FuzzyDate
from .fields import (
    ID_PATTERN,
    ActorRef,
    AgreementRef,
    AnyRef,
    Confidence,
    Date,
    FigureRef,
    Language,
    License,
    Markdown,
    Number,
    PerspectiveRef,
    Prose,
    ReactionTarget,
    RefTo,
    SourceRef,
    Sources,
    SourceUrl,
    Text,
    Url,
    empty,
    record_id,
)

__all__ = ["COLLECTIONS", "ID_PATTERN", "Markdown", "RefTo"]


class Part(BaseModel):
    """A nested part of a record: unknown fields are refused, as everywhere."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quotation(Part):
    """Words quoted exactly, with the source they come from."""

    text: Text
    source: SourceRef
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

    id: Annotated[str, AfterValidator(record_id)] | None = None

    def when(self) -> FuzzyDate | None:
        """The date the record stands at in time, if it has one."""
        return getattr(self, "date", None)


class Fact(Record):
    """A factual record: it cites at least one source and may note disagreements."""

    sources: Sources
    disagreements: list[Disagreement] = empty()
    confidence: Confidence | None = None


# --- Collections ---------------------------------------------------------------------------


class Source(Record):
    title: Text
    #: ``description`` when ``title`` is the briefing's own description of the item, because
    #: the publisher's headline was not found or the item has none; readers are told so.
    title_kind: Literal["headline", "description"] = "headline"
    publisher: Text
    url: SourceUrl
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
    belongs_to: ActorRef | None = None
    country_code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    summary: Prose | None = None
    sources: list[SourceRef] = empty()

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
    replaced_by: AgreementRef | None = None
    note: Prose | None = None


class Article(Part):
    number: Text
    topic: Text
    summary: Prose
    sources: Sources
    title: Text | None = None
    text: Quotation | None = None
    #: What the article says on each point a comparison asks about, in our words.
    aspects: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*$")], Prose] = empty(dict)
    disagreements: list[Disagreement] = empty()


class Agreement(Fact):
    name: Text
    short_name: Text
    kind: Literal["treaty", "agreement", "declaration", "armistice", "protocol"]
    parties: Annotated[list[ActorRef], Field(min_length=1)]
    signed: Signing
    status: Literal["in-force", "not-in-force", "ended"]
    summary: Prose
    in_force: Date | None = None
    ended: Ending | None = None
    articles: list[Article] = empty()

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
    actors: list[ActorRef] = empty()
    agreements: list[AgreementRef] = empty()


class Figure(Fact):
    title: Text
    value: Number
    unit: Text
    measures: Prose
    #: What the number is a value of, word for word the same in every figure of the same
    #: thing at other dates: figures that share it are drawn together as one chart.
    measure: Text | None = None
    stated_by: ActorRef
    stated_on: Date
    qualifier: Literal[
        "exactly", "more-than", "approximately", "at-least", "fewer-than", "up-to"
    ] = "exactly"
    as_of: Date | None = None
    since: Date | None = None
    quote: Quotation | None = None
    caveats: list[Prose] = empty()

    def when(self) -> FuzzyDate:
        return self.stated_on


class Reaction(Fact):
    title: Text
    by: Annotated[list[ActorRef], Field(min_length=1)]
    date: Date
    how: Literal[
        "summons", "joint-statement", "statement", "call", "meeting", "sanctions",
        "exercise", "vote", "other",
    ]  # fmt: skip
    to: Annotated[list[ReactionTarget], Field(min_length=1)]
    summary: Prose
    quotes: list[Quotation] = empty()


class Perspective(Fact):
    """Who argues what, when and where; the first source is where it was argued."""

    title: Text
    by: ActorRef
    date: Date
    stance: Literal["alarmed", "concerned", "measured", "sceptical", "supportive", "defensive"]
    summary: Prose
    about: list[AnyRef] = empty()
    responds_to: list[PerspectiveRef] = empty()
    quotes: list[Quotation] = empty()


# --- The briefing --------------------------------------------------------------------------


class Judgment(Part):
    text: Prose
    supported_by: Annotated[list[AnyRef], Field(min_length=1)]


class Era(Part):
    id: Annotated[str, AfterValidator(record_id)]
    name: Text
    start: Date
    end: Date
    summary: Prose


class Comparison(Part):
    """A side-by-side table of what several agreements say on one article topic."""

    title: Text
    topic: Text
    agreements: Annotated[list[AgreementRef], Field(min_length=2)]
    summary: Prose | None = None


#: A git branch name as GitHub shows it in an address: words of letters, digits, "_" and "-",
#: joined by single "." or "/" (so no "..", no spaces, no leading "-").
BRANCH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_-]*(?:[./][A-Za-z0-9_][A-Za-z0-9_-]*)*$"


class Named(Part):
    """Who stands behind the briefing: a publisher or an author, with an address if any."""

    name: Text
    url: Url | None = None


#: An image of the briefing's own (its logo, its favicon): an SVG or PNG file in the data
#: folder's images/ folder, by its path from the data folder.
IMAGE_PATTERN = r"^images/[A-Za-z0-9_-]+\.(svg|png)$"
Image = Annotated[str, StringConstraints(pattern=IMAGE_PATTERN)]


class Briefing(Part):
    title: Text
    subtitle: Text
    bottom_line: Prose
    key_judgments: Annotated[list[Judgment], Field(min_length=1)]
    eras: Annotated[list[Era], Field(min_length=1)]
    last_reviewed: Date
    #: Where the site is published; SITE_URL overrides it, and the check compares the two.
    url: Url | None = None
    repository: Url | None = None
    #: The repository's branch that is published, for the pages' edit links.
    branch: Annotated[str, StringConstraints(pattern=BRANCH_PATTERN)] = "main"
    #: The web editor's sign-in helper for GitHub (CONTRIBUTING.md, "Signing in").
    sign_in: Url | None = None
    publisher: Named | None = None
    authors: list[Named] = empty()
    license: License | None = None
    key_figures: list[FigureRef] = empty()
    comparisons: list[Comparison] = empty()
    language: Language = "en"
    #: The mark in the header, and the icon browsers show in a tab; a neutral mark without.
    logo: Image | None = None
    favicon: Image | None = None


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
