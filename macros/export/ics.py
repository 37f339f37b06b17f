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

from icalendar import Calendar, Event, vText, vUri

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
    """The whole calendar as icalendar writes it: lines folded at 75 octets, ended in CRLF."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//briefing-generator//timeline//EN")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", vText(controls.strip(briefing.title)))
    feed.add("x-wr-caldesc", vText(controls.strip(briefing.subtitle)))
    for entry in catalog.dated(*COLLECTIONS):
        feed.add_component(event(catalog, entry, history))
    return bytes(feed.to_ical(sorted=False))


def event(catalog: Catalog, entry: Entry, history: History) -> Event:
    """One all-day VEVENT, its properties in a fixed order."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    record: Any = entry.record
    when = record.date
    kind = record.kind if entry.collection == "events" else record.how
    item = Event()
    item.add("uid", uid(catalog.briefing, entry.id))
    item.add("dtstamp", history.of(entry.id).changed.astimezone(dt.UTC))
    item.add("dtstart", when.earliest)
    item.add("dtend", when.latest + _ONE_DAY)
    # icalendar escapes TEXT as RFC 5545 says (backslash, ';', ',' and line breaks, a lone
    # CR too); control characters, which TEXT does not allow, are dropped first.
    item.add("summary", controls.strip(name_of(entry)))
    item.add("description", controls.strip(_description(catalog, entry)))
    if getattr(record, "place", None):
        item.add("location", controls.strip(record.place))
    if catalog.briefing.url:  # a URL property must be absolute
        item.add("url", vUri(page_url(catalog.briefing, entry)), parameters={"VALUE": "URI"})
    item.add("categories", [entry.collection, controls.strip(kind)])
    item.add("transp", "TRANSPARENT")
    item.add("x-briefing-precision", when.precision)
    item.add("x-briefing-approximate", "TRUE" if when.approximate else "FALSE")
    return item


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
