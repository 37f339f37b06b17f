"""Rules that span fields or records, each a generator of problems over the catalog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import problems as words
from .dates import FuzzyDate
from .fields import shape
from .model import COLLECTIONS, Agreement, Era, Reaction
from .problems import Problem

if TYPE_CHECKING:
    from .catalog import Catalog
    from .load import Entry, Lines, Loc


def check_rules(
    catalog: Catalog, briefing_path: str, briefing_lines: Lines, complete: bool = True
) -> Iterator[Problem]:
    """Every cross-record problem of the briefing; ``complete`` is False when some record
    files could not be read, and then no source is called uncited (a broken file may cite it)."""
    yield from _agreement_dates(catalog)
    yield from _reaction_dates(catalog)
    if complete:
        yield from _orphan_sources(catalog)
    yield from _disagreement_fields(catalog)
    yield from _unsourced_quotations(catalog)
    yield from _measure_spellings(catalog)
    if catalog.briefing:
        yield from _eras(catalog, catalog.briefing.eras, briefing_path, briefing_lines)
        yield from _comparisons(catalog, briefing_path, briefing_lines)


def _at(entry: Entry, loc: Loc, key: str, **values: Any) -> Problem:
    message = words.CROSS[key].format(**values)
    return Problem(entry.path, entry.lines.of(loc), words.field_name(loc), message)


def _agreement_dates(catalog: Catalog) -> Iterator[Problem]:
    for entry in catalog.collections["agreements"]:
        agreement: Agreement = entry.record  # type: ignore[assignment]
        signed = agreement.signed.date
        in_force, ended = agreement.in_force, agreement.ended
        if in_force and not signed.may_be_before(in_force):
            yield _at(
                entry, ("in_force",), "before_signing", when=signed.words(), got=_got(in_force)
            )
        if ended:
            start, what = (in_force, "entry into force") if in_force else (signed, "signing")
            if not start.may_be_before(ended.date):
                got = _got(ended.date)
                yield _at(
                    entry, ("ended", "date"), "before_start", what=what, when=start.words(), got=got
                )
            if agreement.status != "ended":
                yield _at(entry, ("status",), "status_not_ended", got=words.got(agreement.status))
            if ended.how == "replaced" and not ended.replaced_by:
                yield _at(entry, ("ended", "replaced_by"), "replaced_by_missing")
        elif agreement.status == "ended":
            yield _at(entry, ("ended",), "ended_missing")


def _reaction_dates(catalog: Catalog) -> Iterator[Problem]:
    for entry in catalog.collections["reactions"]:
        reaction: Reaction = entry.record  # type: ignore[assignment]
        for target_id in reaction.to:
            target = catalog.get(target_id)
            when = target.record.when() if target else None
            if target and when and not when.may_be_before(reaction.date):
                what = COLLECTIONS[target.collection][1]
                yield _at(
                    entry, ("date",), "reaction_early",
                    what=what, id=target_id, when=when.words(), got=_got(reaction.date),
                )  # fmt: skip


def _orphan_sources(catalog: Catalog) -> Iterator[Problem]:
    for entry in catalog.collections["sources"]:
        if not catalog.backlinks.get(entry.id):
            yield Problem(entry.path, entry.lines.of(()), "", words.CROSS["orphan_source"])


def _disagreement_fields(catalog: Catalog) -> Iterator[Problem]:
    for entry in catalog.records.values():
        record = entry.record
        yield from _disagreements_in(entry, record, (), COLLECTIONS[entry.collection][1])
        if isinstance(record, Agreement):
            for index, article in enumerate(record.articles):
                yield from _disagreements_in(entry, article, ("articles", index), "an article")


def _disagreements_in(entry: Entry, part: Any, loc: Loc, singular: str) -> Iterator[Problem]:
    model: type[BaseModel] = type(part)
    fields = _disputable(model)
    if fields is None:
        return
    for index, disagreement in enumerate(part.disagreements):
        if disagreement.field not in fields:
            hint = words.did_you_mean(disagreement.field, fields)
            got = words.got(disagreement.field)
            where = (*loc, "disagreements", index, "field")
            yield _at(entry, where, "disagreement_field", singular=singular, got=got, hint=hint)


#: Words in straight or curly double quotation marks, within one line of text.
_QUOTED = re.compile(r'"[^"\n]+"|\u201c[^\u201d\n]+\u201d')


def _unsourced_quotations(catalog: Catalog) -> Iterator[Problem]:
    """A record that may cite no source (an actor) must cite one to quote anyone's words.

    Factual records always cite one, and a quotation part always names its own; a source's
    note quotes the source itself."""
    for entry in catalog.records.values():
        record = entry.record
        if entry.collection == "sources" or getattr(record, "sources", None) != []:
            continue
        for name in _prose_fields(type(record)):
            quoted = _QUOTED.search(getattr(record, name) or "")
            if quoted:
                noun = COLLECTIONS[entry.collection][1]
                yield _at(entry, (name,), "quote_unsourced", noun=noun, got=words.got(quoted[0]))


def _measure_spellings(catalog: Catalog) -> Iterator[Problem]:
    """Figures whose ``measure`` differs from another's only in case, spaces or a closing
    stop: a slip, since only a measure written exactly alike joins the other's chart."""
    spellings: dict[str, dict[str, list[Entry]]] = {}
    for entry in catalog.collections["figures"]:
        measure = getattr(entry.record, "measure", None)
        if measure:
            key = " ".join(measure.casefold().split()).rstrip(".")
            spellings.setdefault(key, {}).setdefault(measure, []).append(entry)
    for found in spellings.values():
        if len(found) < 2:
            continue
        # The spelling most figures use is the one to copy; on a tie, the first file's.
        usual = min(found, key=lambda s: (-len(found[s]), min(e.id for e in found[s])))
        others = len(found[usual])
        for spelling, entries in sorted(found.items()):
            if spelling == usual:
                continue
            for entry in sorted(entries, key=lambda e: e.id):
                yield _at(
                    entry, ("measure",), "measure_spelling", got=words.got(spelling),
                    usual=usual, figures=_uses(others),
                )  # fmt: skip


def _uses(count: int) -> str:
    return "another figure uses" if count == 1 else f"{count} other figures use"


@cache
def _prose_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        name
        for name, field in model.model_fields.items()
        if shape(field.annotation, tuple(field.metadata)).kind == "prose"
    )


@cache
def _disputable(model: type[BaseModel]) -> tuple[str, ...] | None:
    """The fields a disagreement on ``model`` may name; None if it takes no disagreements."""
    if "disagreements" not in model.model_fields:
        return None
    return tuple(name for name in model.model_fields if name != "disagreements")


def _eras(catalog: Catalog, eras: list[Era], briefing_path: str, lines: Lines) -> Iterator[Problem]:
    for index, era in enumerate(eras):
        loc: Loc = ("eras", index, "start")
        if era.start.earliest > era.end.latest:
            message = words.CROSS["era_order"].format(got=_got(era.start))
            yield Problem(briefing_path, lines.of(loc), words.field_name(loc), message)
        previous = eras[index - 1] if index else None
        if previous and era.start.latest <= previous.end.earliest:  # certainly overlapping
            message = words.CROSS["era_overlap"].format(
                previous=previous.id, when=previous.end.words(), got=_got(era.start)
            )
            yield Problem(briefing_path, lines.of(loc), words.field_name(loc), message)
    for entry in catalog.dated("events", "reactions"):
        when = entry.record.when()
        if when and not any(_within(when, era) for era in eras):
            yield _at(entry, ("date",), "no_era", briefing=briefing_path, got=_got(when))


def _within(when: FuzzyDate, era: Era) -> bool:
    return era.start.earliest <= when.earliest <= era.end.latest


def _got(date: FuzzyDate) -> str:
    return words.got(str(date))


def _comparisons(catalog: Catalog, briefing_path: str, lines: Lines) -> Iterator[Problem]:
    """Each agreement a comparison names has an article on the comparison's topic."""
    comparisons = catalog.briefing.comparisons if catalog.briefing else []
    for index, comparison in enumerate(comparisons):
        for position, agreement_id in enumerate(comparison.agreements):
            entry = catalog.get(agreement_id)
            if entry is None or not isinstance(entry.record, Agreement):
                continue  # reported as an unresolved reference
            topics = [article.topic for article in entry.record.articles]
            if comparison.topic not in topics:
                loc: Loc = ("comparisons", index, "agreements", position)
                message = words.CROSS["comparison_topic"].format(
                    id=agreement_id,
                    got=words.got(comparison.topic),
                    hint=words.did_you_mean(comparison.topic, topics),
                )
                yield Problem(briefing_path, lines.of(loc), words.field_name(loc), message)
