"""changes.atom: an Atom feed (RFC 4287) of the records most recently added or changed.

Each entry is one record, dated by the git history of its file (history.py):
``published`` when it was added, ``updated`` when it last changed. The newest ``SIZE``
records are listed, newest first; ties are broken by collection and id, so the order (and
every byte) is the same in every build of the same commit. An entry's id is the record's
page address, so a reader shows a changed record as updated rather than as new.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..facts import controls
from ..facts.catalog import Catalog
from ..facts.model import Named
from ..facts.names import name_of, noun
from .history import History
from .text import base_url, description, page_url, site_url, stable_name

NAME = "changes.atom"
SIZE = 50
#: Written as the root's ``xmlns`` (ElementTree cannot write a default namespace when
#: attributes have none), so every element below it is in the Atom namespace.
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def feed(catalog: Catalog, history: History) -> bytes:
    """The feed as UTF-8 XML."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    newest = sorted(
        catalog.records.values(),
        key=lambda e: (-history.of(e.id).changed.timestamp(), e.collection, e.id),
    )[:SIZE]
    attributes = {"xmlns": ATOM, XML_LANG: briefing.language}
    if not briefing.url:  # pages named from the site's root; the feed is in data/
        attributes[XML_BASE] = "../"
    root = ET.Element("feed", attributes)
    _add(root, "id", stable_name(briefing))
    _add(root, "title", f"{briefing.title}: records added or changed")
    _add(root, "subtitle", briefing.subtitle)
    _add(root, "updated", _time(history.latest))
    _link(root, "self", site_url(briefing, f"data/{NAME}"), "application/atom+xml")
    _link(root, "alternate", base_url(briefing) or "./", "text/html")
    for who in briefing.authors or [briefing.publisher or Named(name=briefing.title)]:
        author = _add(root, "author")
        _add(author, "name", who.name)
        if who.url:
            _add(author, "uri", who.url)
    if briefing.license:
        _add(root, "rights", f"Licence: {briefing.license}")
    for entry in newest:
        change = history.of(entry.id)
        item = _add(root, "entry")
        url = page_url(briefing, entry)
        _add(item, "id", stable_name(briefing, url.removeprefix(base_url(briefing))))
        kind = noun(entry.collection).capitalize()
        _add(item, "title", f"{kind}: {name_of(entry)}")
        _add(item, "published", _time(change.added))
        _add(item, "updated", _time(change.changed))
        _link(item, "alternate", url, "text/html")
        ET.SubElement(item, "category", {"term": entry.collection, "label": controls.strip(kind)})
        summary = description(catalog, entry)
        if summary:
            _add(item, "summary", summary, type="text")
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element; XML 1.0 has no place for control characters, so none is written."""
    element = ET.SubElement(parent, name, {k: controls.strip(v) for k, v in attributes.items()})
    element.text = controls.strip(text) if text is not None else None
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": controls.strip(href)})


def _time(moment: dt.datetime) -> str:
    """RFC 3339 in UTC, to the second: ``2026-11-27T10:43:57Z`` (the year always in four
    digits, which ``strftime("%Y")`` does not give before 1000)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
