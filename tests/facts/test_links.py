"""The links of Markdown from data (macros/facts/links.py): every syntax, in linear time."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.facts.links import RecordLink, Refused, WebLink, is_web, record_links, refused, scan


def test_record_links_with_and_without_words() -> None:
    assert list(scan("See [[inf-treaty]] and [[ inf-treaty | the treaty]].")) == [
        "See ",
        RecordLink("inf-treaty", None, "[[inf-treaty]]"),
        " and ",
        RecordLink("inf-treaty", " the treaty", "[[ inf-treaty | the treaty]]"),
        ".",
    ]


def test_a_web_link_and_an_autolink() -> None:
    wiki, auto = "[page](https://en.wikipedia.org/wiki/A_(b))", "<https://example.org/x>"
    assert list(scan(f"A {wiki} and {auto}.")) == [
        "A ",
        WebLink("page", "https://en.wikipedia.org/wiki/A_(b)", wiki),
        " and ",
        WebLink("https://example.org/x", "https://example.org/x", auto, auto=True),
        ".",
    ]


def test_brackets_that_make_no_link_are_text() -> None:
    text = "He said [sic] that [[ is odd, a < b and c > d, [a] [b] (c)."
    assert list(scan(text)) == [text]
    assert refused(text) is None


@pytest.mark.parametrize(
    ("text", "kind", "got"),
    [
        ("[x](javascript:alert(1))", "link_scheme", "javascript:alert(1)"),
        ("[x](JAVASCRIPT:alert(1))", "link_scheme", "JAVASCRIPT:alert(1)"),
        ("[x](vbscript:msgbox)", "link_scheme", "vbscript:msgbox"),
        ("[x](data:text/html,hi)", "link_scheme", "data:text/html,hi"),
        ("[x](//evil.example/a)", "link_scheme", "//evil.example/a"),
        ("[x](<javascript:alert(1)>)", "link_scheme", ""),
        ('[x](https://example.org "a title")', "link_scheme", "https://example.org"),
        ("[a ]] b](javascript:alert(1))", "link_scheme", "javascript:alert(1)"),
        ("[a [b] c](javascript:alert(1))", "link_scheme", "javascript:alert(1)"),
        ("![x](https://example.org/p.png)", "image_in_prose", "https://example.org/p.png"),
        ("![x](javascript:alert(1))", "image_in_prose", "javascript:alert(1)"),
        ("Text.\n\n[r]: javascript:alert(1)", "link_reference", "[r]: javascript:alert(1)"),
        ('[r]: https://example.org "T"', "link_reference", '[r]: https://example.org "T"'),
        ("   [r]: <javascript:x>", "link_reference", "[r]: <javascript:x>"),
        ("a <script>alert(1)</script>", "html_in_prose", "<script>"),
        ("a <img src=x onerror=alert(1)>", "html_in_prose", "<img src=x onerror=alert(1)>"),
        ("a </b> b", "html_in_prose", "</b>"),
        ("a <!-- c -->", "html_in_prose", "<!-- c -->"),
        ("a <?php ?>", "html_in_prose", "<?php ?>"),
        ("<javascript:alert(1)>", "html_in_prose", "<javascript:alert(1)>"),
    ],
)
def test_every_link_syntax_that_is_not_a_record_or_a_web_address_is_refused(
    text: str, kind: str, got: str
) -> None:
    found = refused(text)
    assert found is not None and (found.kind, found.got) == (kind, got)


def test_a_reference_definition_counts_only_at_the_start_of_a_line() -> None:
    assert refused("the [[a|b]]: c, and [x]: y in a sentence") is None


def test_nothing_refused_is_lost_from_the_text() -> None:
    text = "a [x](javascript:y) b <i>c</i> d"
    tokens = list(scan(text))
    assert "".join(t if isinstance(t, str) else t.source for t in tokens) == text
    assert [t.kind for t in tokens if isinstance(t, Refused)] == ["link_scheme"] + [
        "html_in_prose"
    ] * 2


def test_record_links_lists_only_record_links() -> None:
    assert [link.id for link in record_links("[[a]] [b](https://x.org) [[c|d]]")] == ["a", "c"]


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org", True),
        ("HTTP://example.org/a b", False),
        ("https://localhost/", False),
        ("https://.org", False),
        ("ftp://example.org", False),
        ("https://example.org/" + "a." * 1000 + " ", False),
    ],
)
def test_a_web_address_has_a_host_with_a_dot_and_no_space(url: str, web: bool) -> None:
    assert is_web(url) is web


PATHOLOGICAL = ["[[a", "[", "]", "[a](", "![", "<a", "<https://a.b", "[[a|", "[a]:\n", "a.a."]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_what_the_check_reads_of_a_megabyte_takes_well_under_a_second(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    start = time.perf_counter()
    refused(text)
    list(record_links(text))
    assert time.perf_counter() - start < 1.5, unit


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_the_whole_scan_grows_linearly_with_the_text(unit: str) -> None:
    """Ten times the text takes about ten times as long (a hundred, were it quadratic).
    The collector is paused, as load.bulk() pauses it: a quarter of a million tokens kept in
    a list would otherwise make each collection longer, which is Python's cost, not the
    scan's."""
    times = []
    gc.disable()
    try:
        for size in (100_000, 1_000_000):
            text = unit * (size // len(unit))
            best = float("inf")
            for _ in range(2):  # the better of two: the machine is shared
                start = time.perf_counter()
                list(scan(text))
                best = min(best, time.perf_counter() - start)
            times.append(best)
    finally:
        gc.enable()
    assert times[1] < 30 * times[0] + 1.0, (unit, times)


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(["[", "]", "[[", "]]", "|", "a", " ", "\n", "x-y"]), max_size=25))
def test_the_fast_reading_of_record_links_is_the_scan_s(pieces: list[str]) -> None:
    """Text with nothing but [[id]] links is read by a pattern: it finds what scan finds."""
    text = "".join(pieces)
    assert list(record_links(text)) == [t for t in scan(text) if isinstance(t, RecordLink)]
