"""The catalog: references found from the model's types, backlinks, order, and resolution."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Briefing
from macros.facts.catalog import BRIEFING, Reference, references
from macros.facts.model import Agreement, Event, Source

SIGNING_SUMMARY = "summary: The two leaders sign [[inf-treaty|the treaty]]."


def event(**fields: Any) -> Event:
    base = {"date": "2024", "title": "t", "kind": "other", "summary": "s", "sources": ["a-source"]}
    return Event.model_validate(base | fields)


def targets(found: list[Reference]) -> list[tuple[str, tuple[str | int, ...], bool]]:
    return [(ref.target, ref.loc, ref.in_prose) for ref in found]


# --- References, found from the model's types ----------------------------------------------


def test_references_include_nested_article_sources_and_quotations() -> None:
    article = {
        "number": "I",
        "topic": "scope",
        "summary": "Per [[inf-signing]].",
        "sources": ["treaty-text"],
        "text": {"text": "Each party…", "source": "treaty-quote", "note": "See [[notes]]."},
        "aspects": {"trigger": "As in [[inf-withdrawal]]."},
        "disagreements": [{"field": "topic", "value": "x", "sources": ["other-text"]}],
    }
    agreement = Agreement.model_validate(
        {
            "name": "n", "short_name": "s", "kind": "treaty", "parties": ["us"],
            "signed": {"date": "1987"}, "status": "in-force", "summary": "s",
            "sources": ["treaty-text"], "articles": [article],
        }
    )  # fmt: skip
    art = ("articles", 0)
    assert targets(list(references("inf-treaty", agreement))) == [
        ("treaty-text", ("sources", 0), False),
        ("us", ("parties", 0), False),
        ("inf-signing", (*art, "summary"), True),
        ("treaty-text", (*art, "sources", 0), False),
        ("treaty-quote", (*art, "text", "source"), False),
        ("notes", (*art, "text", "note"), True),
        ("inf-withdrawal", (*art, "aspects", "trigger"), True),
        ("other-text", (*art, "disagreements", 0, "sources", 0), False),
    ]


def test_prose_links_with_words_to_show_and_spaces_name_the_record() -> None:
    found = list(references("x", event(summary="[[inf-treaty|the treaty]] and [[ inf-signing ]].")))
    assert targets(found) == [
        ("a-source", ("sources", 0), False),
        ("inf-treaty", ("summary",), True),
        ("inf-signing", ("summary",), True),
    ]
    assert all(ref.allowed == () for ref in found if ref.in_prose)


def test_a_reference_field_carries_the_collections_it_may_name() -> None:
    found = list(references("x", event(actors=["us"], agreements=["inf"])))
    assert [(ref.target, ref.allowed) for ref in found] == [
        ("a-source", ("sources",)),
        ("us", ("actors",)),
        ("inf", ("agreements",)),
    ]


def test_brackets_in_plain_text_fields_are_not_references() -> None:
    found = event(title="[[inf-treaty]]", place="[[washington]]", summary="No links here.")
    assert targets(list(references("x", found))) == [("a-source", ("sources", 0), False)]


def test_a_record_that_names_nothing_has_no_references() -> None:
    source = Source.model_validate(
        {"title": "t", "publisher": "p", "url": "https://example.org/x", "kind": "news"}
    )
    assert list(references("s", source)) == []


# --- The catalog of the valid briefing -----------------------------------------------------


def test_backlinks_name_every_place_a_record_is_named(briefing: Briefing) -> None:
    catalog = briefing.catalog()
    assert [(ref.source, ref.loc) for ref in catalog.backlinks["treaty-text"]] == [
        ("inf-treaty", ("sources", 0)),
        ("inf-treaty", ("articles", 0, "sources", 0)),
        ("inf-treaty", ("articles", 0, "text", "source")),
        ("inf-signing", ("sources", 0)),
    ]


def test_cited_by_lists_each_record_once_briefing_first_then_by_path(briefing: Briefing) -> None:
    catalog = briefing.catalog()
    assert catalog.cited_by("inf-treaty") == [
        BRIEFING,
        "inf-signing",
        "inf-withdrawal-2019",
        "missiles-eliminated",
        "arms-control-view",
    ]
    assert catalog.cited_by("treaty-text") == ["inf-treaty", "inf-signing"]


def test_a_record_nothing_names_is_cited_by_nothing(briefing: Briefing) -> None:
    catalog = briefing.catalog()
    assert catalog.cited_by("inf-signing") == []
    assert catalog.cited_by("no-such-record") == []


def test_a_record_that_links_to_itself_is_not_its_own_backlink(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", SIGNING_SUMMARY, "summary: See [[inf-signing]].")
    catalog = briefing.catalog()
    assert catalog.cited_by("inf-signing") == []
    assert "inf-signing" in [ref.target for ref in catalog.outgoing["inf-signing"]]


def test_dated_records_come_oldest_first_with_ties_in_id_order(briefing: Briefing) -> None:
    catalog = briefing.catalog()
    events = ["inf-signing", "inf-withdrawal-2019", "withdrawal-statement-2019"]
    assert [e.id for e in catalog.dated("events", "reactions")] == events
    mixed = ["inf-treaty", "treaty-text", "missiles-eliminated", "withdrawal-statement"]
    assert [e.id for e in catalog.dated("figures", "sources", "agreements")] == mixed


def test_a_year_sorts_before_a_day_later_in_that_year(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", "date: 2019")
    assert [e.id for e in briefing.catalog().dated("events")] == [
        "inf-signing",
        "inf-withdrawal-2019",
    ]


def test_records_without_a_date_are_not_in_the_dated_order(briefing: Briefing) -> None:
    assert briefing.catalog().dated("actors") == []


# --- Resolving references ------------------------------------------------------------------


def test_the_valid_briefing_resolves_completely(briefing: Briefing) -> None:
    built, found = briefing.build()
    assert found == []
    assert built is not None and len(built.records) == 11


def test_an_unknown_id_is_reported_with_the_closest_id_of_the_right_kind(
    briefing: Briefing,
) -> None:
    briefing.edit("events/inf-signing.yml", "agreements: [inf-treaty]", "agreements: [inf-traety]")
    assert briefing.problems() == [
        "events/inf-signing.yml:7: agreements[0]: no agreement 'inf-traety' — "
        "did you mean 'inf-treaty'?"
    ]


def test_an_unknown_id_far_from_every_id_gets_no_suggestion(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", "agreements: [inf-treaty]", "agreements: [start-ii]")
    assert briefing.problems() == [
        "events/inf-signing.yml:7: agreements[0]: no agreement 'start-ii'"
    ]


def test_an_id_of_the_wrong_kind_says_what_it_is(briefing: Briefing) -> None:
    briefing.edit(
        "reactions/withdrawal-statement-2019.yml", "to: [inf-withdrawal-2019]", "to: [treaty-text]"
    )
    assert briefing.problems() == [
        "reactions/withdrawal-statement-2019.yml:5: to[0]: 'treaty-text' is a source, "
        "but this must name an event or an agreement"
    ]


def test_a_field_that_may_name_any_record_accepts_every_kind(briefing: Briefing) -> None:
    briefing.edit(
        "perspectives/arms-control-view.yml",
        "about: [inf-treaty]",
        "about: [treaty-text, united-states]",
    )
    assert briefing.problems() == []


def test_a_broken_prose_link_is_reported_on_its_field(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", SIGNING_SUMMARY, "summary: Signed [[inf-treety|here]].")
    assert briefing.problems() == [
        "events/inf-signing.yml:5: summary: links to [[inf-treety]], but there is no record "
        "'inf-treety' — did you mean 'inf-treaty'?"
    ]


def test_a_record_with_problems_of_its_own_is_not_also_reported_missing(briefing: Briefing) -> None:
    """One mistake, one message: the figure exists, its value is what is wrong."""
    briefing.edit("figures/missiles-eliminated.yml", "value: 2692", "value: 2,692")
    assert briefing.problems() == [
        "figures/missiles-eliminated.yml:2: value: must be written without commas, like 11000 "
        "(got '2,692')"
    ]


# --- Ids -----------------------------------------------------------------------------------


def test_an_id_used_twice_is_reported_on_the_second_file(briefing: Briefing) -> None:
    briefing.write(
        "perspectives/inf-signing.yml",
        (briefing.root / "perspectives/arms-control-view.yml").read_text(),
    )
    built, found = briefing.build()
    assert [str(p).removeprefix(briefing.root.as_posix() + "/") for p in found] == [
        f"perspectives/inf-signing.yml:1: id 'inf-signing' is already used by "
        f"{briefing.root.as_posix()}/events/inf-signing.yml — ids must be unique across the "
        "briefing; rename one file"
    ]
    assert built is not None and built.records["inf-signing"].collection == "events"


@pytest.mark.parametrize(("declared", "problem"), [("inf-signing", False), ("inf-signed", True)])
def test_a_written_id_must_match_the_file_name(
    briefing: Briefing, declared: str, problem: bool
) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", f"id: {declared}\ndate: 1987-12-08")
    expected = (
        "events/inf-signing.yml:1: id: must match the file name 'inf-signing' "
        "(got 'inf-signed') — or leave it out"
    )
    assert briefing.problems() == ([expected] if problem else [])


def test_no_catalog_without_a_valid_briefing(briefing: Briefing) -> None:
    briefing.edit(
        "briefing.yml", "title: The INF Treaty in brief", "titel: The INF Treaty in brief"
    )
    built, found = briefing.build()
    assert built is None
    assert [p.field for p in found] == ["titel", "title"]
