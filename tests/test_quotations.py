"""Every quotation in the default briefing is tied to a source, and the check refuses one
that is not: a quotation part names a source record, and words in quotation marks inside
Markdown sit only in records that cite a source (or, in the briefing, rest on records that do).

The check enforces the rules (macros/facts/model.py, rules.py); this module holds the default
briefing to them and shows each refusal, with its twin that passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import ROOT, Briefing
from macros.facts import checking
from macros.facts.catalog import Catalog
from macros.facts.fields import shape
from macros.facts.model import Quotation

QUOTED = re.compile(r'"[^"\n]+"|\u201c[^\u201d\n]+\u201d')
PERSPECTIVE = "perspectives/arms-control-view.yml"


@pytest.fixture(scope="module")
def default() -> Catalog:
    checked = checking.check(ROOT / "data")
    assert checked.problems == []
    assert checked.catalog is not None
    return checked.catalog


def quotations(value: Any) -> Iterator[Quotation]:
    """Every quotation part anywhere inside a record."""
    if isinstance(value, Quotation):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from quotations(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from quotations(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from quotations(item)


def quoted_in_prose(model: BaseModel) -> Iterator[str]:
    """Words in quotation marks in the record's own Markdown fields."""
    for name, field in type(model).model_fields.items():
        if shape(field.annotation, tuple(field.metadata)).kind == "prose":
            yield from QUOTED.findall(getattr(model, name) or "")


def test_the_default_briefing_quotes_something(default: Catalog) -> None:
    found = [q for entry in default.records.values() for q in quotations(entry.record)]
    assert len(found) > 30


def test_every_quotation_names_a_source_record(default: Catalog) -> None:
    for entry in default.records.values():
        for quotation in quotations(entry.record):
            cited = default.get(quotation.source)
            assert cited is not None, (entry.id, quotation.text)
            assert cited.collection == "sources", (entry.id, quotation.text, cited.collection)


def test_every_record_that_quotes_in_its_prose_cites_a_source(default: Catalog) -> None:
    for entry in default.records.values():
        if entry.collection == "sources" or not list(quoted_in_prose(entry.record)):
            continue  # a source's note quotes the source itself
        assert getattr(entry.record, "sources", []), entry.id


def test_every_quoting_judgment_rests_on_sourced_records(default: Catalog) -> None:
    assert default.briefing is not None
    for judgment in default.briefing.key_judgments:
        if QUOTED.search(judgment.text):
            for record_id in judgment.supported_by:
                assert getattr(default.records[record_id].record, "sources", []), record_id


# --- What the check refuses, each with its twin ------------------------------------------------


def test_a_quotation_without_a_source_is_refused(briefing: Briefing) -> None:
    briefing.edit(PERSPECTIVE, "sources:", 'quotes:\n  - text: "a blow to arms control"\nsources:')
    assert briefing.problems() == [f"{PERSPECTIVE}:8: quotes[0].source: is required"]


def test_a_quotation_must_name_a_source_not_another_record(briefing: Briefing) -> None:
    quote = 'quotes:\n  - text: "a blow to arms control"\n    source: united-states\nsources:'
    briefing.edit(PERSPECTIVE, "sources:", quote)
    assert briefing.problems() == [
        f"{PERSPECTIVE}:9: quotes[0].source: 'united-states' is an actor, "
        "but this must name a source"
    ]


def test_a_quotation_that_names_its_source_passes(briefing: Briefing) -> None:
    quote = (
        'quotes:\n  - text: "a blow to arms control"\n    source: withdrawal-statement\nsources:'
    )
    briefing.edit(PERSPECTIVE, "sources:", quote)
    assert briefing.problems() == []
