"""Rules that span fields and records; each problem found has a twin that is not a problem.

Dates of coarse precision are compared honestly: a rule is broken only when the dates
certainly break it, never when they merely might.
"""

from __future__ import annotations

import pytest

from conftest import Briefing

AGREEMENT = "agreements/inf-treaty.yml"
REACTION = "reactions/withdrawal-statement-2019.yml"
SIGNING = "events/inf-signing.yml"
WITHDRAWAL = "events/inf-withdrawal-2019.yml"


# --- Agreements: signed, in force, ended ---------------------------------------------------


@pytest.mark.parametrize(
    ("in_force", "problem"),
    [
        ("1987-12-07", "must not be before the signing on 8 December 1987 (got '1987-12-07')"),
        ("1987-11", "must not be before the signing on 8 December 1987 (got '1987-11')"),
        ("1987-12-08", None),  # the same day
        ("1987-12", None),  # December may mean the 8th or later
        ("1987", None),
    ],
)
def test_an_agreement_is_not_in_force_before_it_is_signed(
    briefing: Briefing, in_force: str, problem: str | None
) -> None:
    briefing.edit(AGREEMENT, "in_force: 1988-06-01", f"in_force: {in_force}")
    expected = [f"{AGREEMENT}:8: in_force: {problem}"] if problem else []
    assert briefing.problems() == expected


@pytest.mark.parametrize(
    ("ended", "problem"),
    [
        ("1988-05-31", "before the entry into force on 1 June 1988 (got '1988-05-31')"),
        ("1988-06-01", None),
        ("1988-06", None),
    ],
)
def test_an_agreement_does_not_end_before_it_enters_into_force(
    briefing: Briefing, ended: str, problem: str | None
) -> None:
    briefing.edit(AGREEMENT, "  date: 2019-08-02", f"  date: {ended}")
    expected = [f"{AGREEMENT}:10: ended.date: must not be {problem}"] if problem else []
    assert briefing.problems() == expected


@pytest.mark.parametrize(("ended", "problem"), [("1987-12-07", True), ("1987-12-08", False)])
def test_without_entry_into_force_the_end_is_compared_with_the_signing(
    briefing: Briefing, ended: str, problem: bool
) -> None:
    briefing.edit(AGREEMENT, "in_force: 1988-06-01\n", "")
    briefing.edit(AGREEMENT, "  date: 2019-08-02", f"  date: {ended}")
    message = f"must not be before the signing on 8 December 1987 (got '{ended}')"
    assert briefing.problems() == ([f"{AGREEMENT}:9: ended.date: {message}"] if problem else [])


@pytest.mark.parametrize(("status", "problem"), [("in-force", True), ("ended", False)])
def test_an_agreement_with_an_end_has_ended(briefing: Briefing, status: str, problem: bool) -> None:
    briefing.edit(AGREEMENT, "status: ended", f"status: {status}")
    message = "must be 'ended' when the agreement has an 'ended' date (got 'in-force')"
    assert briefing.problems() == ([f"{AGREEMENT}:12: status: {message}"] if problem else [])


@pytest.mark.parametrize(("status", "problem"), [("ended", True), ("not-in-force", False)])
def test_an_agreement_that_has_ended_says_when_and_how(
    briefing: Briefing, status: str, problem: bool
) -> None:
    briefing.edit(AGREEMENT, "ended:\n  date: 2019-08-02\n  how: withdrawn\n", "")
    briefing.edit(AGREEMENT, "status: ended", f"status: {status}")
    message = "is required when status is 'ended' — say when and how it ended"
    assert briefing.problems() == ([f"{AGREEMENT}:1: ended: {message}"] if problem else [])


@pytest.mark.parametrize(
    ("replaced_by", "problem"), [("", True), ("\n  replaced_by: inf-treaty", False)]
)
def test_a_replaced_agreement_names_what_replaced_it(
    briefing: Briefing, replaced_by: str, problem: bool
) -> None:
    briefing.edit(AGREEMENT, "how: withdrawn", "how: replaced" + replaced_by)
    message = "is required when how is 'replaced' — name the agreement that replaced it"
    assert briefing.problems() == (
        [f"{AGREEMENT}:9: ended.replaced_by: {message}"] if problem else []
    )


# --- Reactions come after what they react to -----------------------------------------------


@pytest.mark.parametrize(
    ("target", "reaction", "problem"),
    [
        ("2019-08-02", "2019-08-01", True),  # one day before
        ("2019-08-02", "2019-08-02", False),  # the same day
        ("2019-08-02", "2019-08-03", False),
        ("2019-08", "2019-08-01", False),  # the target may be on the 1st
        ("2019-08-02", "2019-08", False),  # the reaction may be on the 31st
        ("2019-08-02", "2019-07", True),
    ],
)
def test_a_reaction_is_not_before_the_event_it_reacts_to(
    briefing: Briefing, target: str, reaction: str, problem: bool
) -> None:
    briefing.edit(WITHDRAWAL, "date: 2019-08-02", f"date: {target}")
    briefing.edit(REACTION, "date: 2019-08-02", f"date: {reaction}")
    words = "August 2019" if target == "2019-08" else "2 August 2019"
    message = (
        f"must not be before an event 'inf-withdrawal-2019' ({words}) that it reacts to "
        f"(got '{reaction}')"
    )
    assert briefing.problems() == ([f"{REACTION}:3: date: {message}"] if problem else [])


def test_a_reaction_to_an_agreement_is_compared_with_its_signing(briefing: Briefing) -> None:
    briefing.edit(REACTION, "to: [inf-withdrawal-2019]", "to: [inf-withdrawal-2019, inf-treaty]")
    assert briefing.problems() == []
    briefing.edit(REACTION, "date: 2019-08-02", "date: 1987-12-07")
    found = briefing.problems()
    assert (
        f"{REACTION}:3: date: must not be before an agreement 'inf-treaty' (8 December 1987) "
        "that it reacts to (got '1987-12-07')" in found
    )


# --- Sources are cited ---------------------------------------------------------------------

REPORT = (
    "title: A report\npublisher: An institute\nurl: https://example.org/report\nkind: analysis\n"
)


def test_a_source_no_record_cites_is_an_orphan(briefing: Briefing) -> None:
    briefing.write("sources/a-report.yml", "# Unused for now.\n" + REPORT)
    assert briefing.problems() == [
        "sources/a-report.yml:2: is not cited by any record — cite it in a record's sources, or "
        "delete the file"
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sources: [treaty-text]", "sources: [treaty-text, a-report]"),
        ("[[inf-treaty|the treaty]]", "[[inf-treaty|the treaty]] ([[a-report]])"),
    ],
)
def test_a_source_cited_in_sources_or_linked_in_prose_is_not_an_orphan(
    briefing: Briefing, old: str, new: str
) -> None:
    briefing.write("sources/a-report.yml", REPORT)
    briefing.edit(SIGNING, old, new)
    assert briefing.problems() == []


# --- Disagreements name a real field -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ("plce", "must name a field of an event (got 'plce') — did you mean 'place'?"),
        (
            "disagreements",
            "must name a field of an event (got 'disagreements') — did you mean 'agreements'?",
        ),
        ("place", None),
        ("date", None),
    ],
)
def test_a_disagreement_names_a_field_of_its_record(
    briefing: Briefing, field: str, problem: str | None
) -> None:
    disagreement = f"  - field: {field}\n    value: The White House\n    sources: [treaty-text]\n"
    briefing.edit(
        SIGNING,
        "sources: [treaty-text]\n",
        f"sources: [treaty-text]\ndisagreements:\n{disagreement}",
    )
    expected = [f"{SIGNING}:10: disagreements[0].field: {problem}"] if problem else []
    assert briefing.problems() == expected


@pytest.mark.parametrize(("field", "problem"), [("topik", True), ("topic", False)])
def test_a_disagreement_in_an_article_names_a_field_of_the_article(
    briefing: Briefing, field: str, problem: bool
) -> None:
    disagreement = (
        f"    disagreements:\n      - field: {field}\n        value: x\n"
        "        sources: [treaty-text]\n"
    )
    briefing.edit(
        AGREEMENT, "    sources: [treaty-text]\n", "    sources: [treaty-text]\n" + disagreement
    )
    message = "must name a field of an article (got 'topik') — did you mean 'topic'?"
    expected = [f"{AGREEMENT}:23: articles[0].disagreements[0].field: {message}"]
    assert briefing.problems() == (expected if problem else [])


# --- Eras ----------------------------------------------------------------------------------

FIRST_END, SECOND_START = "    end: 2018\n", "    start: 2019\n"


@pytest.mark.parametrize(
    ("end", "start", "problem"),
    [
        ("2018", "2015", "(2018) — eras must not overlap (got '2015')"),
        ("2018-06-30", "2018-06-30", "(30 June 2018) — eras must not overlap (got '2018-06-30')"),
        ("2018", "2019", None),
        ("2018-06-30", "2018-07-01", None),
        ("2018-06", "2018-06", None),  # June may hold the end of one and the start of the next
        ("2018-06", "2018-06-15", None),
    ],
)
def test_eras_do_not_overlap(briefing: Briefing, end: str, start: str, problem: str | None) -> None:
    briefing.edit("briefing.yml", FIRST_END, f"    end: {end}\n")
    briefing.edit("briefing.yml", SECOND_START, f"    start: {start}\n")
    message = f"must come after the end of era 'negotiation-and-force' {problem}"
    assert briefing.problems() == (
        [f"briefing.yml:19: eras[1].start: {message}"] if problem else []
    )


@pytest.mark.parametrize(("end", "problem"), [("2018", True), ("2019", False), ("2019-01", False)])
def test_an_era_does_not_start_after_it_ends(briefing: Briefing, end: str, problem: bool) -> None:
    briefing.edit("briefing.yml", "    end: 2019\n", f"    end: {end}\n")
    briefing.edit(WITHDRAWAL, "date: 2019-08-02", "date: 2019-01-01")
    briefing.edit(REACTION, "date: 2019-08-02", "date: 2019-01-01")
    message = "must not be after the era's end (got '2019')"
    found = [p for p in briefing.problems() if p.startswith("briefing.yml")]
    assert found == ([f"briefing.yml:19: eras[1].start: {message}"] if problem else [])


@pytest.mark.parametrize(
    ("date", "problem"),
    [("1986-12-31", True), ("2020-01-01", True), ("1987-01-01", False), ("2018-12-31", False)],
)
def test_every_dated_event_falls_in_an_era(briefing: Briefing, date: str, problem: bool) -> None:
    briefing.edit(SIGNING, "date: 1987-12-08", f"date: {date}")
    briefing_path = briefing.root.as_posix() + "/briefing.yml"
    message = f"falls in no era of {briefing_path} — widen an era there or add one (got '{date}')"
    assert briefing.problems() == ([f"{SIGNING}:1: date: {message}"] if problem else [])


def test_a_reaction_outside_every_era_is_reported_too(briefing: Briefing) -> None:
    briefing.edit(REACTION, "date: 2019-08-02", "date: 2020-01-02")
    assert [p.split(": ")[0] for p in briefing.problems()] == [f"{REACTION}:3"]


# --- Quotations: words in quotation marks need a source -------------------------------------

ACTOR = "actors/soviet-union.yml"
QUOTING = 'summary: Its leader called the treaty "a historic agreement".\n'


@pytest.mark.parametrize("marks", ['"a historic agreement"', "\u201ca historic agreement\u201d"])
def test_an_actor_that_cites_no_source_may_not_quote(briefing: Briefing, marks: str) -> None:
    briefing.edit(ACTOR, "kind: state\n", f"kind: state\nsummary: Its leader called it {marks}.\n")
    assert briefing.problems() == [
        f"{ACTOR}:4: summary: quotes '{marks}', but an actor that cites no source may not "
        "quote — list the source under sources, or drop the quotation marks"
    ]


def test_an_actor_that_cites_a_source_may_quote(briefing: Briefing) -> None:
    briefing.edit(ACTOR, "kind: state\n", f"kind: state\n{QUOTING}sources: [treaty-text]\n")
    assert briefing.problems() == []


def test_an_actor_without_quotation_marks_needs_no_source(briefing: Briefing) -> None:
    briefing.edit(ACTOR, "kind: state\n", "kind: state\nsummary: A party to the treaty.\n")
    assert briefing.problems() == []


def test_a_source_note_may_quote_the_source_itself(briefing: Briefing) -> None:
    briefing.edit(
        "sources/treaty-text.yml", "kind: primary-document\n",
        'kind: primary-document\nnote: Headed "Treaty between the USA and the USSR".\n',
    )  # fmt: skip
    assert briefing.problems() == []


# --- Web addresses: the publisher's own host ------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://192.0.2.7/inf", "must name the publisher's host, not a bare IP address"),
        ("https://example.org./inf", "must not end its host name with a dot — write the host "
         "as the publisher does"),
        ("https://example.org/inf", None),
        ("https://192.0.2.7.example.org/inf", None),
    ],
)  # fmt: skip
def test_a_source_is_on_its_publishers_host(
    briefing: Briefing, url: str, problem: str | None
) -> None:
    briefing.edit("sources/treaty-text.yml", "https://example.org/inf/treaty", url)
    expected = [f"sources/treaty-text.yml:3: url: {problem} (got '{url}')"] if problem else []
    assert briefing.problems() == expected


# --- Measures: one spelling per chart -------------------------------------------------------

FIGURE = "figures/missiles-eliminated.yml"
MEASURE = "Missiles eliminated under the INF Treaty"


def _figures_measuring(briefing: Briefing, *spellings: str) -> None:
    text = (briefing.root / FIGURE).read_text("utf-8")
    briefing.edit(FIGURE, "qualifier:", f"measure: {MEASURE}\nqualifier:")
    for number, spelling in enumerate(spellings, start=2):
        briefing.write(
            f"figures/missiles-{number}.yml",
            text.replace("stated_on: 2019", f"stated_on: {2019 + number}")
            + f"measure: {spelling}\n",
        )


def test_a_measure_written_alike_but_for_case_spaces_or_a_stop_is_a_slip(
    briefing: Briefing,
) -> None:
    _figures_measuring(briefing, MEASURE, "missiles eliminated under the INF  Treaty.")
    assert briefing.problems() == [
        "figures/missiles-3.yml:11: measure: is written differently from 'Missiles eliminated "
        "under the INF Treaty', which 2 other figures use (got 'missiles eliminated under the "
        "INF Treaty.') — copy it exactly, so that they are drawn as one chart"
    ]


def test_on_a_tie_the_first_file_s_spelling_is_the_one_to_copy(briefing: Briefing) -> None:
    _figures_measuring(briefing, "MISSILES eliminated under the INF Treaty")
    found = [p.split(": measure: ")[0] for p in briefing.problems()]
    assert found == ["figures/missiles-eliminated.yml:5"]  # after figures/missiles-2.yml
    assert "which another figure uses" in briefing.problems()[0]


def test_measures_that_differ_in_words_are_different_charts(briefing: Briefing) -> None:
    _figures_measuring(briefing, MEASURE, "Missiles eliminated under the INF Treaty, US count")
    assert briefing.problems() == []
