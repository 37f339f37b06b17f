"""changes.atom: an Atom feed (RFC 4287) of the newest changes a reader would want to hear of.

Each entry is one record's latest such change (diff/recent.py): any change to an agreement,
event, reaction, figure or perspective, and a change to what an actor or source already said;
its summary says what changed, in the words of ``python -m macros diff``. It is dated by the
git history of the record's file (history.py): ``published`` when the record was added,
``updated`` when that change was committed. A record not committed yet, or every record
outside git, is listed as added on the briefing's ``last_reviewed`` (followed collections
only). The newest ``SIZE`` are listed, newest first; ties are broken by collection and id,
so the order (and every byte) is the same in every build of the same commit. An entry's id is
the record's page address, so a reader shows a changed record as updated rather than as new.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..diff import words
from ..diff.compare import Change
from ..diff.recent import FOLLOWED, Recent
from ..facts import controls
from ..facts.catalog import Catalog
from ..facts.model import Named
from ..facts.names import name_of, noun
from .history import NEWS, History
from .text import base_url, page_url, site_url, stable_name

NAME = "changes.atom"
SIZE = NEWS
#: Written as the root's ``xmlns`` (ElementTree cannot write a default namespace when
#: attributes have none), so every element below it is in the Atom namespace.
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def feed(catalog: Catalog, history: History) -> bytes:
    """The feed as UTF-8 XML."""
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog is exported
    briefing = catalog.briefing
    newest = _news(catalog, history)
    attributes = {"xmlns": ATOM, XML_LANG: briefing.language}
    if not briefing.url:  # pages named from the site's root; the feed is in data/
        attributes[XML_BASE] = "../"
    root = ET.Element("feed", attributes)
    _add(root, "id", stable_name(briefing))
    _add(root, "title", f"{briefing.title}: what changed")
    _add(root, "subtitle", briefing.subtitle)
    _add(root, "updated", _time(newest[0].when if newest else history.latest))
    _link(root, "self", site_url(briefing, f"data/{NAME}"), "application/atom+xml")
    _link(root, "alternate", base_url(briefing) or "./", "text/html")
    for who in briefing.authors or [briefing.publisher or Named(name=briefing.title)]:
        author = _add(root, "author")
        _add(author, "name", who.name)
        if who.url:
            _add(author, "uri", who.url)
    if briefing.license:
        _add(root, "rights", f"Licence: {briefing.license}")
    for news in newest:
        entry = catalog.records[news.key[1]]
        item = _add(root, "entry")
        url = page_url(briefing, entry)
        _add(item, "id", stable_name(briefing, url.removeprefix(base_url(briefing))))
        kind = noun(entry.collection).capitalize()
        _add(item, "title", f"{kind}: {name_of(entry)}")
        _add(item, "published", _time(min(history.of(entry.id).added, news.when)))
        _add(item, "updated", _time(news.when))
        _link(item, "alternate", url, "text/html")
        ET.SubElement(item, "category", {"term": entry.collection, "label": controls.strip(kind)})
        _add(item, "summary", controls.strip(news.words), type="text")
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _news(catalog: Catalog, history: History) -> list[Recent]:
    """The newest ``SIZE`` changes: from git, and the followed records git does not know yet
    (not committed, or no repository), as added on the fallback date."""
    known = {news.key for news in history.recent}
    unknown = [
        Recent(key, history.fallback, words.sentence(Change("added", key, title=name_of(entry))))
        for entry in catalog.records.values()
        if (key := (entry.collection, entry.id)) not in known
        and entry.id not in history.changes
        and entry.collection in FOLLOWED
    ]
    ordered = sorted(
        [*history.recent, *unknown], key=lambda n: (-n.when.timestamp(), n.key[0], n.key[1])
    )
    return ordered[:SIZE]


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
