"""timeline.ics: the events and reactions of the timeline as an iCalendar feed (RFC 5545).

Every item is an all-day event covering every day its date can mean: a day is one day, a
month (``2024-06``) runs from its first day to its last, a year from 1 January to
31 December, a range from its first day to its last. ``X-BRIEFING-PRECISION`` and
``X-BRIEFING-APPROXIMATE`` say which it was, and so does the first line of the description,
so a month-long bar is never mistaken for a month-long event. UIDs are built from record
ids (``treaty-2024-signed@briefing.invalid``), so a calendar that subscribes keeps each event
across updates; ``DTSTAMP`` is when the record's file last changed (history.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from ..facts import controls
from ..facts.catalog import Catalog
from ..facts.load import Entry
from ..facts.model import Briefing
from ..facts.names import name_of
from .history import History
from .text import description, page_url, stable_name

NAME = "timeline.ics"
COLLECTIONS = ("events", "reactions")
_PRECISION = {"day": "", "month": " (known to the month)", "year": " (known to the year)"}
_ONE_DAY = dt.timedelta(days=1)


def calendar(catalog: Catalog, history: History) -> bytes:
    """The whole calendar: content lines folded at 75 octets, each ended in CRLF."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//briefing-generator//timeline//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + text(controls.strip(briefing.title)),
        "X-WR-CALDESC:" + text(controls.strip(briefing.subtitle)),
    ]
    for entry in catalog.dated(*COLLECTIONS):
        lines += event(catalog, entry, history)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def event(catalog: Catalog, entry: Entry, history: History) -> list[str]:
    """One all-day VEVENT, its properties in a fixed order, as content lines (unfolded)."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    record: Any = entry.record
    when = record.date
    kind = record.kind if entry.collection == "events" else record.how
    stamp = history.of(entry.id).changed.astimezone(dt.UTC)
    # TEXT is escaped as RFC 5545 says (backslash, ';', ',' and line breaks, a lone CR
    # too); control characters, which TEXT does not allow, are dropped first.
    lines = [
        "BEGIN:VEVENT",
        "UID:" + text(uid(catalog.briefing, entry.id)),
        f"DTSTAMP:{_day(stamp)}T{stamp.hour:02}{stamp.minute:02}{stamp.second:02}Z",
        "DTSTART;VALUE=DATE:" + _day(when.earliest),
        "DTEND;VALUE=DATE:" + _day(when.latest + _ONE_DAY),
        "SUMMARY:" + text(controls.strip(name_of(entry))),
        "DESCRIPTION:" + text(controls.strip(_description(catalog, entry))),
    ]
    if getattr(record, "place", None):
        lines.append("LOCATION:" + text(controls.strip(record.place)))
    if catalog.briefing.url:  # a URL property must be absolute; a URI is not escaped
        lines.append("URL;VALUE=URI:" + page_url(catalog.briefing, entry))
    lines += [
        f"CATEGORIES:{text(entry.collection)},{text(controls.strip(kind))}",
        "TRANSP:TRANSPARENT",
        "X-BRIEFING-PRECISION:" + when.precision,
        "X-BRIEFING-APPROXIMATE:" + ("TRUE" if when.approximate else "FALSE"),
        "END:VEVENT",
    ]
    return lines


def text(value: str) -> str:
    r"""A TEXT value escaped (RFC 5545, 3.3.11): backslash, ';' and ',' with a backslash,
    and every line break (CRLF, LF or a lone CR) as ``\n``. As the icalendar library wrote
    it, whose bytes these are: a ``\N`` in the value is a line break too."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """A content line folded (RFC 5545, 3.1): a line break and a space before the octet that
    would make a line ``limit`` octets long, never inside a character, and never just after
    a backslash, which moves to the next line with the character it escapes."""
    if line.isascii():  # a character is an octet: cut every limit - 1 characters
        return "\r\n ".join(_ascii_pieces(line, limit - 1))
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and count + size >= limit:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            folded.append("".join(current))
            current = [carried] if carried else []
            count = len(carried.encode("utf-8"))
        current.append(char)
        count += size
    folded.append("".join(current))
    return "\r\n ".join(folded)


def _ascii_pieces(line: str, width: int) -> list[str]:
    """``fold`` for a line of one-octet characters: pieces of ``width``, a piece that would
    end in a backslash or '^' one shorter."""
    pieces, start = [], 0
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in "\\^" and end - 1 > start:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


def _day(day: dt.date) -> str:
    """A DATE value: ``20240627``."""
    return f"{day.year:04}{day.month:02}{day.day:02}"


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
    if catalog.briefing.url:
        parts.append(f"More: {page_url(catalog.briefing, entry)}")
    return "\n\n".join(parts)


def uid(briefing: Briefing, record_id: str) -> str:
    """``<id>@<host><path>``: unique to the record and the briefing, stable across builds.
    Without an address, the briefing is named by a UUID made from its title."""
    if not briefing.url:
        return f"{record_id}@{stable_name(briefing).removeprefix('urn:uuid:')}"
    parts = urlsplit(briefing.url)
    return f"{record_id}@{parts.netloc}{parts.path.rstrip('/')}"
