"""timeline.ics, read with the icalendar library: one all-day event per event and reaction,
spanning the days its date can mean, with stable UIDs and the sources in its description."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Briefing
from macros.export import history as export_history
from macros.export import ics as export_ics
from macros.export.text import page_url
from macros.facts import controls
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.facts.model import Source
from macros.facts.names import name_of
from sites import Sites
from test_site import BRIEFINGS


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def catalog_of(data: Path) -> Catalog:
    built, problems = check(data)
    assert built is not None and not problems, [str(p) for p in problems]
    return built


def events_of(body: bytes) -> dict[str, icalendar.Component]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def calendar_of(briefing: Briefing) -> bytes:
    built = briefing.catalog()
    return export_ics.calendar(built, export_history.read(briefing.root, built))


def test_every_event_and_reaction_is_an_all_day_event(name: str, sites: Sites) -> None:
    data = BRIEFINGS[name]
    body = (sites.get(name).root / "data" / "timeline.ics").read_bytes()
    events = events_of(body)
    expected = catalog_of(data)
    files = sorted(p.stem for c in ("events", "reactions") for p in (data / c).glob("*.yml"))
    assert sorted(events) == files
    for record_id, event in events.items():
        date = expected.records[record_id].record.when()
        assert date is not None
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date, "all-day: dates, not times"
        assert (start, end) == (date.earliest, date.latest + dt.timedelta(days=1)), record_id
        assert str(event["X-BRIEFING-PRECISION"]) == date.precision
        assert str(event["SUMMARY"])
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)


def test_each_description_names_the_record_s_sources(name: str) -> None:
    built = catalog_of(BRIEFINGS[name])
    events = events_of(export_ics.calendar(built, export_history.read(BRIEFINGS[name], built)))
    for record_id, event in events.items():
        text = str(event["DESCRIPTION"])
        for source_id in built.records[record_id].record.sources:  # type: ignore[attr-defined]
            source = built.records[source_id].record
            assert isinstance(source, Source)
            assert source.url in text and source.title in text, (record_id, source_id)
        assert text.startswith("When: ")


def test_uids_are_unique_and_stable_across_a_change(briefing: Briefing) -> None:
    before = calendar_of(briefing)
    briefing.edit("events/inf-signing.yml", "place: Washington", "place: The White House")
    after = calendar_of(briefing)
    assert before != after
    assert list(events_of(before)) == list(events_of(after))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(after).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    # no url: the briefing is named by a UUID made from its title, the same at every build
    assert re.fullmatch(r"inf-signing@[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", uids[0])
    briefing.edit("briefing.yml", "last_reviewed:", "url: https://example.org/inf/\nlast_reviewed:")
    uids = [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(calendar_of(briefing)).walk("VEVENT")
    ]
    assert "inf-signing@example.org/inf" in uids


#: What an editor writes → first day, day after the last, precision, approximate, and how
#: the description begins.
SPANS = {
    "day": ("1987-12-08", "1987-12-08", "1987-12-09", "day", "FALSE", "8 December 1987\n"),
    "month": ("1987-12", "1987-12-01", "1988-01-01", "month", "FALSE", "December 1987 (known to"),
    "approximate-year": ("1987~", "1987-01-01", "1988-01-01", "year", "TRUE", "c. 1987 (known"),
    "range": ("1987-12-07/1987-12-09", "1987-12-07", "1987-12-10", "day", "FALSE", "7–9 Dec"),
}


@pytest.mark.parametrize("span", SPANS)
def test_an_event_spans_every_day_its_date_can_mean(briefing: Briefing, span: str) -> None:
    written, start, end, precision, approximate, said = SPANS[span]
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", f"date: {written}")
    event = events_of(calendar_of(briefing))["inf-signing"]
    days = (event.decoded("DTSTART"), event.decoded("DTEND"))
    assert days == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert str(event["X-BRIEFING-PRECISION"]) == precision
    assert str(event["X-BRIEFING-APPROXIMATE"]) == approximate
    assert str(event["DESCRIPTION"]).startswith(f"When: {said}")


def test_text_with_commas_semicolons_and_backslashes_reads_back(briefing: Briefing) -> None:
    title = r"Signed; sealed, delivered \ at last — ünïcødé " + "long " * 20
    briefing.edit("events/inf-signing.yml", "title: The INF Treaty is signed", f"title: '{title}'")
    body = calendar_of(briefing)
    assert str(events_of(body)["inf-signing"]["SUMMARY"]) == title.strip()
    assert b"Signed\\; sealed\\, delivered \\\\ at last" in body.replace(b"\r\n ", b"")


def test_no_line_is_longer_than_75_octets_and_every_line_ends_in_crlf(name: str) -> None:
    built = catalog_of(BRIEFINGS[name])
    body = export_ics.calendar(built, export_history.read(BRIEFINGS[name], built))
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    long = [line for line in lines if line.startswith(b" ")]
    assert long, "some line was long enough to fold"


def test_folding_never_splits_a_character(briefing: Briefing) -> None:
    """Every folded line is valid UTF-8 on its own: no character is cut between two lines."""
    title = "é" * 100
    briefing.edit("events/inf-signing.yml", "title: The INF Treaty is signed", f"title: {title}")
    body = calendar_of(briefing)
    summary = next(line for line in body.split(b"\r\nBEGIN:") if b"inf-signing@" in line)
    for line in summary.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # raises on a character cut in two
    assert str(events_of(body)["inf-signing"]["SUMMARY"]) == title


def _written_by_icalendar(catalog: Catalog, history: export_history.History) -> bytes:
    """The calendar as the icalendar library writes it: what ics.py did until it wrote the
    lines itself (a tenth of a second at 1,000 records less), kept as the reference."""
    assert catalog.briefing is not None
    feed = icalendar.Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//briefing-generator//timeline//EN")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", icalendar.vText(controls.strip(catalog.briefing.title)))
    feed.add("x-wr-caldesc", icalendar.vText(controls.strip(catalog.briefing.subtitle)))
    for entry in catalog.dated(*export_ics.COLLECTIONS):
        record: Any = entry.record
        item = icalendar.Event()
        item.add("uid", export_ics.uid(catalog.briefing, entry.id))
        item.add("dtstamp", history.of(entry.id).changed.astimezone(dt.UTC))
        item.add("dtstart", record.date.earliest)
        item.add("dtend", record.date.latest + dt.timedelta(days=1))
        item.add("summary", controls.strip(name_of(entry)))
        item.add("description", controls.strip(export_ics._description(catalog, entry)))
        if getattr(record, "place", None):
            item.add("location", controls.strip(record.place))
        if catalog.briefing.url:
            url = icalendar.vUri(page_url(catalog.briefing, entry))
            item.add("url", url, parameters={"VALUE": "URI"})
        kind = record.kind if entry.collection == "events" else record.how
        item.add("categories", [entry.collection, controls.strip(kind)])
        item.add("transp", "TRANSPARENT")
        item.add("x-briefing-precision", record.date.precision)
        item.add("x-briefing-approximate", "TRUE" if record.date.approximate else "FALSE")
        feed.add_component(item)
    return bytes(feed.to_ical(sorted=False))


def test_the_calendar_is_byte_for_byte_what_the_icalendar_library_writes(name: str) -> None:
    built = catalog_of(BRIEFINGS[name])
    history = export_history.read(BRIEFINGS[name], built)
    assert export_ics.calendar(built, history) == _written_by_icalendar(built, history)


TEXT_PIECES = [
    "a", " ", ",", ";", "\\", "\\N", "\\n", "\n", "\r", "\r\n", "^", "é", "—", "😀", ":", "x" * 70,
]  # fmt: skip


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(TEXT_PIECES), max_size=40).map("".join))
def test_text_is_escaped_and_folded_as_the_icalendar_library_does(value: str) -> None:
    """ics.text and ics.fold against icalendar 7's vText and line folding, on values full of
    what either has a rule for: escapes, line breaks, '^', characters of 2 to 4 octets."""
    event = icalendar.Event()
    event.add("summary", value)
    ours = "BEGIN:VEVENT\r\n" + export_ics.fold("SUMMARY:" + export_ics.text(value)) + "\r\n"
    assert (ours + "END:VEVENT\r\n").encode("utf-8") == event.to_ical()
