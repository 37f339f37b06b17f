"""Problem and the wording of messages: the editor's interface, so compared word for word."""

from __future__ import annotations

from typing import Any

import pytest

from macros.facts.problems import (
    HELP,
    Problem,
    did_you_mean,
    field_name,
    got,
    summary,
    value_message,
)

PROBLEM = Problem("data/actors/victor-cha.yml", 3, "rol", "is not a field of an actor")


# --- Problem -------------------------------------------------------------------------------


def test_a_problem_reads_path_line_field_message() -> None:
    assert str(PROBLEM) == "data/actors/victor-cha.yml:3: rol: is not a field of an actor"


def test_a_problem_about_a_whole_file_has_no_field() -> None:
    problem = Problem("data/events/x.yml", 1, "", "is empty")
    assert str(problem) == "data/events/x.yml:1: is empty"


def test_problems_sort_by_path_then_line() -> None:
    later = Problem("data/a.yml", 10, "b", "m")
    earlier = Problem("data/a.yml", 2, "z", "m")
    other_file = Problem("data/b.yml", 1, "a", "m")
    assert sorted([other_file, later, earlier]) == [earlier, later, other_file]


def test_annotation_is_a_github_workflow_command_on_the_problem_line() -> None:
    assert PROBLEM.annotation() == (
        "::error file=data/actors/victor-cha.yml,line=3,"
        "title=rol in data/actors/victor-cha.yml::rol: is not a field of an actor"
    )


def test_annotation_of_a_whole_file_problem_is_titled_by_its_path() -> None:
    problem = Problem("data/events/x.yml", 1, "", "is empty")
    assert (
        problem.annotation()
        == "::error file=data/events/x.yml,line=1,title=data/events/x.yml::is empty"
    )


INJECTION = "x\n::warning::fake\r::add-mask::y\n::stop-commands::z\x1b[2J"


def test_no_data_ever_starts_a_line_of_the_report_or_of_an_annotation() -> None:
    """A YAML key or file name with a line break and '::' once printed raw workflow commands
    into the CI log."""
    problem = Problem(f"data/events/{INJECTION}.yml", 2, INJECTION, f"got '{INJECTION}'")
    for printed in (str(problem), problem.annotation()):
        assert "\n" not in printed and "\r" not in printed and "\x1b" not in printed
    assert str(problem).startswith("data/events/x<U+000A>::warning::fake<U+000D>::add-mask")
    annotation = problem.annotation()
    assert annotation.startswith("::error file=data/events/x%0A%3A%3Awarning%3A%3Afake%0D")
    assert annotation.split("::", 2)[2].startswith("x%0A::warning::fake%0D::add-mask::y%0A")
    assert annotation.endswith("z<U+001B>[2J'")


def test_annotation_escapes_percent_and_newlines_in_the_message() -> None:
    problem = Problem("data/a.yml", 4, "value", "must be 100% text\r\nnot two lines")
    message = problem.annotation().split("::", 2)[2]
    assert message == "value: must be 100%25 text%0D%0Anot two lines"


def test_annotation_escapes_colons_and_commas_in_properties_but_not_in_the_message() -> None:
    problem = Problem("data/a,b:c%.yml", 4, "x", "a, b: c")
    assert problem.annotation() == (
        "::error file=data/a%2Cb%3Ac%25.yml,line=4,title=x in data/a%2Cb%3Ac%25.yml::x: a, b: c"
    )


def test_annotation_of_a_plain_problem_needs_no_escaping() -> None:
    assert "%" not in PROBLEM.annotation()


# --- got -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "nothing"),
        (["a"], "a list"),
        ({"a": 1}, "a mapping"),
        ("21 June", "'21 June'"),
        ("", "''"),
        ("no", "'no'"),
        (1000, "'1000'"),
        ("two\n  lines\tand tabs", "'two lines and tabs'"),
    ],
)
def test_got_shows_a_bad_value_back(value: Any, shown: str) -> None:
    assert got(value) == shown


def test_got_shortens_a_long_value_to_sixty_characters() -> None:
    shown = got("x" * 100)
    assert shown == "'" + "x" * 59 + "…'"
    assert len(shown) == 60 + 2


def test_got_keeps_a_value_of_exactly_sixty_characters() -> None:
    assert got("y" * 60) == "'" + "y" * 60 + "'"


# --- did_you_mean --------------------------------------------------------------------------


def test_did_you_mean_suggests_the_closest_option() -> None:
    assert did_you_mean("rol", ["name", "role", "kind"]) == " — did you mean 'role'?"


def test_did_you_mean_suggests_one_option_even_when_several_are_close() -> None:
    assert did_you_mean("source", ["sources", "sourced"]).count("'") == 2


def test_did_you_mean_says_nothing_when_no_option_is_close() -> None:
    assert did_you_mean("colour", ["name", "role", "kind"]) == ""


def test_did_you_mean_does_not_stretch_to_a_word_that_only_means_the_same() -> None:
    assert did_you_mean("signature", ["signing", "summit", "visit"]) == ""


def test_did_you_mean_says_nothing_without_options() -> None:
    assert did_you_mean("role", []) == ""


# --- summary and field_name ----------------------------------------------------------------


def test_summary_of_one_problem_is_singular() -> None:
    assert summary([PROBLEM]) == f"1 problem in 1 file — see {HELP}"


def test_summary_counts_problems_and_distinct_files() -> None:
    other = Problem("data/events/x.yml", 1, "", "is empty")
    assert summary([PROBLEM, PROBLEM, other]) == f"3 problems in 2 files — see {HELP}"


def test_summary_of_several_problems_in_one_file() -> None:
    assert summary([PROBLEM, PROBLEM]) == f"2 problems in 1 file — see {HELP}"


@pytest.mark.parametrize(
    ("loc", "name"),
    [
        ((), ""),
        (("title",), "title"),
        (("actors", 1), "actors[1]"),
        (("articles", 0, "text", "source"), "articles[0].text.source"),
        (("eras", 2, "start"), "eras[2].start"),
        (("key_judgments", 0, "supported_by", 1), "key_judgments[0].supported_by[1]"),
    ],
)
def test_field_name_writes_a_path_as_an_editor_reads_it(
    loc: tuple[str | int, ...], name: str
) -> None:
    assert field_name(loc) == name


# --- value_message -------------------------------------------------------------------------


def error(kind: str, loc: tuple[str | int, ...], value: Any, **ctx: Any) -> dict[str, Any]:
    return {"type": kind, "loc": loc, "input": value, "ctx": ctx, "msg": "pydantic's words"}


def test_an_unknown_field_is_named_with_the_record_kind_and_a_suggestion() -> None:
    message = value_message(error("extra_forbidden", ("rol",), "x"), ["name", "role"], "an actor")
    assert message == "is not a field of an actor — did you mean 'role'?"


def test_a_value_not_among_the_options_lists_them_and_suggests_one() -> None:
    found = error("literal_error", ("kind",), "stat", expected="'state' or 'office'")
    assert value_message(found, [], "an actor") == (
        "must be one of state, office (got 'stat') — did you mean 'state'?"
    )


def test_empty_sources_ask_for_a_source_and_other_empty_lists_for_an_item() -> None:
    assert value_message(error("too_short", ("sources",), []), [], "an event") == (
        "must cite at least one source"
    )
    assert value_message(error("too_short", ("by",), []), [], "a reaction") == "must not be empty"


def test_an_empty_text_asks_for_a_value_or_no_line() -> None:
    assert value_message(error("string_too_short", ("title",), ""), [], "an event") == (
        "must not be empty — give a value, or leave the line out"
    )


def test_an_error_without_its_own_words_still_shows_the_value() -> None:
    message = value_message(error("something_new", ("x",), "v"), [], "an event")
    assert message == "is not valid: pydantic's words (got 'v')"
