"""How records and values are put in words, the same in every output."""

from __future__ import annotations

from conftest import Briefing
from macros.facts.dates import FuzzyDate
from macros.facts.model import Ending, Quotation, Signing
from macros.facts.names import date_fields, noun, reported_words, value_words


def test_a_collection_s_noun_is_its_singular_without_the_article() -> None:
    assert noun("events") == "event"
    assert noun("actors") == "actor"


def test_values_in_words(briefing: Briefing) -> None:
    records = briefing.catalog().records
    assert value_words(FuzzyDate.parse("1987-12-08"), records) == "8 December 1987"
    signing = Signing(date=FuzzyDate.parse("1987-12-08"), place="Washington")
    assert value_words(signing, records) == "8 December 1987 (Washington)"
    ending = Ending(date=FuzzyDate.parse("2019-08-02"), how="withdrawn")
    assert value_words(ending, records) == "2 August 2019 (withdrawn)"
    quotation = Quotation(text="Trust, but verify", source="treaty-text")
    assert value_words(quotation, records) == "“Trust, but verify”"
    assert value_words(["inf-signing", "not-an-id"], records) == (
        "The INF Treaty is signed, not-an-id"
    )
    assert value_words(None, records) == ""


def test_a_reported_date_is_spelled_out_like_the_briefing_s_own(briefing: Briefing) -> None:
    records = briefing.catalog().records
    assert reported_words("date", "1987-12-09", records) == "9 December 1987"
    assert reported_words("signed", "1987-12", records) == "December 1987"


def test_a_reported_value_that_is_no_date_is_shown_as_it_is(briefing: Briefing) -> None:
    """Negative controls: a date field whose value reads as no date, and a field that
    holds no date although its value looks like one."""
    records = briefing.catalog().records
    assert reported_words("date", "early 1988", records) == "early 1988"
    assert reported_words("title", "1987-12-09", records) == "1987-12-09"


def test_the_date_fields_are_read_from_the_models() -> None:
    found = date_fields()
    assert {"date", "published", "in_force", "signed", "ended", "stated_on"} <= found
    assert "title" not in found and "place" not in found
