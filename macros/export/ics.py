"""timeline.ics: the events and reactions of the timeline as an iCalendar feed (RFC 5545).

Every item is an all-day event covering every day its date can mean: a day is one day, a
month (``2024-06``) runs from its first day to its last, a year from 1 January to
31 December, a range from its first day to its last. ``X-BRIEFING-PRECISION`` and
``X-BRIEFING-APPROXIMATE`` say which it was, and so does the first line of the description,
so a month-long bar is never mistaken for a month-long event. UIDs are built from record
ids (``treaty-2024-signed@briefing.invalid``), so a calendar that subscribes keeps each event
across updates; ``DTSTAMP`` is when the record's file last changed (export_history.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from ..facts.catalog import Catalog
from ..facts.load import Entry
from ..facts.names import name_of
from .history import History
from .text import description, page_url

NAME = "timeline.ics"
COLLECTIONS = ("events", "reactions")
_PRECISION = {"day": "", "month": " (known to the month)", "year": " (known to the year)"}
_ONE_DAY = dt.timedelta(days=1)


def calendar(catalog: Catalog, history: History) -> bytes:
    """The whole calendar, lines folded and ended in CRLF, as UTF-8."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//briefing-generator//timeline//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + text(briefing.title),
        "X-WR-CALDESC:" + text(briefing.subtitle),
    ]
    for entry in catalog.dated(*COLLECTIONS):
        lines += event(catalog, entry, history)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def event(catalog: Catalog, entry: Entry, history: History) -> list[str]:
    """One VEVENT's content lines, unfolded."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    record: Any = entry.record
    when = record.date
    url = page_url(catalog.briefing, entry)
    kind = record.kind if entry.collection == "events" else record.how
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(catalog.briefing.url, entry.id)}",
        "DTSTAMP:" + stamp(history.of(entry.id).changed),
        "DTSTART;VALUE=DATE:" + day(when.earliest),
        "DTEND;VALUE=DATE:" + day(when.latest + _ONE_DAY),
        "SUMMARY:" + text(name_of(entry)),
        "DESCRIPTION:" + text(_description(catalog, entry)),
    ]
    if getattr(record, "place", None):
        lines.append("LOCATION:" + text(record.place))
    lines += [
        f"URL;VALUE=URI:{url}",
        "CATEGORIES:" + ",".join(text(c) for c in (entry.collection, kind)),
        "TRANSP:TRANSPARENT",
        f"X-BRIEFING-PRECISION:{when.precision}",
        f"X-BRIEFING-APPROXIMATE:{'TRUE' if when.approximate else 'FALSE'}",
        "END:VEVENT",
    ]
    return lines


def _description(catalog: Catalog, entry: Entry) -> str:
    """When (with its precision), the summary, the sources, and the record's page."""
    record: Any = entry.record
    when = record.date
    approximate = " (approximate)" if when.approximate else ""
    parts = [f"When: {when.words()}{_PRECISION[when.precision]}{approximate}"]
    parts.append(description(catalog, entry))
    sources = []
    for source_id in record.sources:
        source: Any = catalog.records[source_id].record
        published = f", {source.published.words()}" if source.published else ""
        sources.append(f"- {source.title}, {source.publisher}{published}: {source.url}")
    parts.append("Sources:\n" + "\n".join(sources))
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    parts.append(f"More: {page_url(catalog.briefing, entry)}")
    return "\n\n".join(parts)


def uid(briefing_url: str, record_id: str) -> str:
    """``<id>@<host><path>``: unique to the record and the briefing, stable across builds."""
    parts = urlsplit(briefing_url)
    return f"{record_id}@{parts.netloc}{parts.path.rstrip('/')}"


def day(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says: backslash, semicolon, comma, newline."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """A content line folded so that no line is longer than ``limit`` octets (RFC 5545
    §3.1), never inside a UTF-8 character; continuation lines start with a space."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
