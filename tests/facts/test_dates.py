"""Dates as editors write them: parsing, calendar checks, order, comparison and wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from macros.facts.dates import JSON_PATTERN, DateError, FuzzyDate, Point


def parse(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- Parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1996", "year", "1996-01-01", "1996-12-31"),
        ("2024-06", "month", "2024-06-01", "2024-06-30"),
        ("2024-06-19", "day", "2024-06-19", "2024-06-19"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2023-02", "month", "2023-02-01", "2023-02-28"),
        ("2024-06-27/2024-06-29", "day", "2024-06-27", "2024-06-29"),
        ("1995/1996", "year", "1995-01-01", "1996-12-31"),
        ("2024-06/2024-07-03", "month", "2024-06-01", "2024-07-03"),
    ],
)
def test_every_precision_knows_its_first_and_last_day(
    text: str, precision: str, earliest: str, latest: str
) -> None:
    date = parse(text)
    assert (date.precision, date.earliest, date.latest) == (precision, day(earliest), day(latest))


def test_a_plain_date_is_exact_and_a_single_point() -> None:
    assert parse("2024-06-19") == FuzzyDate(Point(2024, 6, 19), None, approximate=False)


@pytest.mark.parametrize("text", ["1995~", "1995~/1996", "1995/1996~", "2024-06-19~"])
def test_a_tilde_makes_the_date_approximate(text: str) -> None:
    assert parse(text).approximate


def test_a_range_keeps_both_ends() -> None:
    date = parse("2024-04-30/2024-05-02")
    assert (date.start, date.end) == (Point(2024, 4, 30), Point(2024, 5, 2))


def test_surrounding_spaces_are_ignored() -> None:
    assert parse(" 2024-06 ") == parse("2024-06")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24",
        "2024-6",
        "2024-6-19",
        "19 June 2024",
        "June 2024",
        "2024/06/19",
        "2024-06-19T10:00",
        "2024-06-19/",
        "/2024",
        "2024~~",
        "~2024",
        "c. 1995",
        "2024-06-19 / 2024-06-20",
    ],
)
def test_other_forms_are_not_dates(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse(text)
    assert error.value.kind == "date_format"


@pytest.mark.parametrize(
    "text",
    ["2024-02-30", "2023-02-29", "1900-02-29", "2024-13", "2024-00", "2024-06-00", "2024-04-31"],
)
def test_dates_that_are_not_on_the_calendar_are_refused(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse(text)
    assert error.value.kind == "date_calendar"


@pytest.mark.parametrize("text", ["2024-02-29", "2000-02-29", "2024-12-31", "2024-04-30"])
def test_real_calendar_days_including_leap_days_are_accepted(text: str) -> None:
    assert parse(text).earliest == day(text)


@pytest.mark.parametrize("text", ["0000", "0000-01-01", "0000/2024"])
def test_year_zero_is_refused_as_a_calendar_date(text: str) -> None:
    """The calendar has no year 0; ``earliest`` used to raise a bare ValueError for it."""
    with pytest.raises(DateError) as error:
        parse(text).sort_key()
    assert error.value.kind == "date_calendar"


@pytest.mark.parametrize("text", ["9999", "9999-12-31", "2024/9999-12", "9999-12-31~"])
def test_the_year_9999_is_refused_as_no_output_can_write_the_day_after_it(text: str) -> None:
    """A reaction dated 9999-12-31 passed the check, then the calendar's end date (the next
    day) overflowed and the build crashed."""
    with pytest.raises(DateError) as error:
        parse(text)
    assert error.value.kind == "date_range"


@pytest.mark.parametrize("text", ["0001-01-01", "9998-12-31", "0001/9998"])
def test_the_first_and_last_years_are_accepted(text: str) -> None:
    """The twin: the ends of the range stay dates."""
    assert parse(text).earliest.year in (1, 9998)


@pytest.mark.parametrize("text", ["2024-06-29/2024-06-27", "2025/2024", "2024-07/2024-06-30"])
def test_a_range_that_ends_before_it_starts_is_refused(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse(text)
    assert error.value.kind == "date_range_order"


@pytest.mark.parametrize("text", ["2024-06-19/2024-06-19", "2024-06/2024-06-15", "2024/2024-03"])
def test_a_range_whose_ends_may_coincide_is_accepted(text: str) -> None:
    assert parse(text).end is not None


def test_the_json_schema_pattern_matches_the_same_forms() -> None:
    pattern = re.compile(JSON_PATTERN)
    assert all(
        pattern.match(t) for t in ["2024", "2024-06~", "1995~/1996", "2024-06-27/2024-06-29"]
    )
    assert not any(pattern.match(t) for t in ["24", "2024-6", "19 June 2024", "2024~~"])


# --- Order and comparison ------------------------------------------------------------------


def test_dates_of_every_precision_sort_by_first_then_last_day() -> None:
    texts = ["2024-06-19", "2024", "2023-12-31", "2024-06", "2024-01-01", "2024-01", "2025~"]
    ordered = [str(d) for d in sorted(parse(t) for t in texts)]
    assert ordered == [
        "2023-12-31",
        "2024-01-01",
        "2024-01",
        "2024",
        "2024-06",
        "2024-06-19",
        "2025~",
    ]


def test_a_range_sorts_after_a_day_it_starts_on() -> None:
    assert parse("2024-06-27") < parse("2024-06-27/2024-06-29") < parse("2024-06-28")


def test_comparing_with_something_else_is_not_supported() -> None:
    with pytest.raises(TypeError):
        assert parse("2024") < "2025"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024-06-19", "2024-06-19"),  # the same day
        ("2024-06", "2024-06-01"),  # June may mean the 1st
        ("2024-06-30", "2024-06"),  # or the 30th
        ("2024", "2024-01-01"),
        ("2024-06-18", "2024-06-19"),
    ],
)
def test_may_be_before_when_the_first_can_fall_on_or_before_the_second(
    first: str, second: str
) -> None:
    assert parse(first).may_be_before(parse(second))


@pytest.mark.parametrize(
    ("first", "second"),
    [("2024-06-20", "2024-06-19"), ("2024-07", "2024-06-30"), ("2025", "2024-12-31")],
)
def test_not_may_be_before_when_the_first_is_certainly_later(first: str, second: str) -> None:
    assert not parse(first).may_be_before(parse(second))


# --- Words and machine values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1996", "1996"),
        ("2024-06", "June 2024"),
        ("2024-06-19", "19 June 2024"),
        ("1995~", "c. 1995"),
        ("2024-06-27/2024-06-29", "27–29 June 2024"),
        ("2024-04-30/2024-05-02", "30 April – 2 May 2024"),
        ("1995/1996", "1995–1996"),
        ("2024-04/2024-05", "April – May 2024"),
        ("2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"),
        ("1995~/1996", "c. 1995–1996"),
        ("2024/2024", "2024"),
    ],
)
def test_words_say_the_date_as_a_reader_would(text: str, words: str) -> None:
    assert parse(text).words() == words


@pytest.mark.parametrize(
    ("text", "machine"),
    [
        ("1996", "1996"),
        ("2024-06", "2024-06"),
        ("2024-06-19~", "2024-06-19"),
        ("2024-06-27/2024-06-29", "2024-06-27"),
        ("0987", "0987"),
    ],
)
def test_machine_is_the_start_at_its_own_precision(text: str, machine: str) -> None:
    assert parse(text).machine() == machine


@pytest.mark.parametrize("text", ["1996", "2024-06", "2024-06-19~", "2024-06-27/2024-06-29"])
def test_str_gives_back_what_the_editor_wrote(text: str) -> None:
    assert str(parse(text)) == text
