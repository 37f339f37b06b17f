"""schema.org structured data for a record's page, as a JSON-LD graph (plain Python values).

Each collection maps to the schema.org type that says what its records are:

==============  ====================================================================
agreements      ``Legislation``, with ``legislationLegalForce`` a ``LegalForceStatus``
                (``{"@id": "https://schema.org/InForce"}`` or ``NotInForce``)
events          ``Event``
reactions       ``Event`` organised by whoever reacted, ``about`` what they reacted to
actors          ``Country`` and ``GovernmentOrganization`` at once (a state: a place that
                signs, attends and employs, which schema.org gives to organisations
                only), ``Person``, ``GovernmentOrganization`` (a government or office) or
                ``Organization``
perspectives    ``Claim``, authored by whoever argues it, first appearing in its first source
figures         ``Claim``: a number someone stated
sources         ``CreativeWork`` (its ``url`` is the document's; ``@id`` is its page here),
                its authors each a ``Person``
==============  ====================================================================

Every disagreement (on the record or on one of its articles) adds a ``ClaimReview`` of the
other source's ``Claim``. A record is named by its page's address (``@id``) wherever it is
referred to. The template (jsonld.html) embeds the graph with Jinja's ``tojson``, which
escapes ``<``, ``>``, ``&`` and ``'``, so no value from data can close the script element;
``wiring.on_page_context`` hands it to the theme, which puts it in the page's head.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..export.text import base_url, page_url, plain
from ..facts.catalog import Catalog
from ..facts.dates import FuzzyDate
from ..facts.load import Entry
from ..facts.model import Disagreement
from ..facts.names import figure_words, name_of, reported_words, value_words

CONTEXT = "https://schema.org"
_ACTOR_TYPES: dict[str, str | list[str]] = {
    "state": ["Country", "GovernmentOrganization"],
    "person": "Person",
    "government": "GovernmentOrganization",
    "office": "GovernmentOrganization",
    "organisation": "Organization",
}
_TYPES = {
    "agreements": "Legislation",
    "events": "Event",
    "reactions": "Event",
    "perspectives": "Claim",
    "figures": "Claim",
    "sources": "CreativeWork",
}
_FORCE = {
    "in-force": f"{CONTEXT}/InForce",
    "not-in-force": f"{CONTEXT}/NotInForce",
    "ended": f"{CONTEXT}/NotInForce",
}

Node = dict[str, Any]


def graph(catalog: Catalog, entry: Entry) -> Node:
    """The JSON-LD document for a record's page: the page (who publishes it, under which
    licence), the record, and a review per disagreement."""
    node = {**_base(catalog, entry), **_BUILDERS[entry.collection](catalog, entry)}
    nodes = [_clean(_page(catalog, entry)), _clean(node), *map(_clean, _reviews(catalog, entry))]
    return {"@context": CONTEXT, "@graph": nodes}


def _page(catalog: Catalog, entry: Entry) -> Node:
    """The page itself, part of the briefing: its publisher, authors and licence."""
    briefing = _briefing(catalog)
    return {
        "@type": "WebPage",
        "@id": _address(catalog, entry),
        "name": name_of(entry),
        "isPartOf": {"@type": "WebSite", "name": briefing.title, "url": base_url(briefing)},
        "mainEntity": {"@id": _address(catalog, entry)},
        "inLanguage": briefing.language,
        "publisher": _who(briefing.publisher, "Organization"),
        "author": [_who(author, "Person") for author in briefing.authors],
        "license": _license(briefing.license),
    }


def _who(named: Any, kind: str) -> Node | None:
    return {"@type": kind, "name": named.name, "url": named.url} if named else None


def _license(spdx: str | None) -> str | None:
    """An SPDX licence as the address of its page on spdx.org (one licence; an expression
    of several is given as its text)."""
    if spdx is None:
        return None
    return f"https://spdx.org/licenses/{spdx}.html" if " " not in spdx else spdx


def _address(catalog: Catalog, entry: Entry) -> str | None:
    """A record's page as an absolute address; None when the briefing has no address, as a
    relative one would be read from whichever page the graph is in."""
    briefing = _briefing(catalog)
    return page_url(briefing, entry) if briefing.url else None


def type_of(entry: Entry) -> str | list[str]:
    if entry.collection == "actors":
        return _ACTOR_TYPES[getattr(entry.record, "kind", "organisation")]
    return _TYPES[entry.collection]


def _base(catalog: Catalog, entry: Entry) -> Node:
    url = _address(catalog, entry)
    return {
        "@type": type_of(entry),
        "@id": url,
        "name": name_of(entry),
        "url": url,
        "mainEntityOfPage": url,
        "identifier": entry.id,
    }


def _briefing(catalog: Catalog) -> Any:
    assert catalog.briefing is not None  # noqa: S101 — only a complete catalog has pages
    return catalog.briefing


def ref(catalog: Catalog, record_id: str) -> Node:
    """A reference to another record: its page's address, its type and its name."""
    entry = catalog.records[record_id]
    return {"@type": type_of(entry), "@id": _address(catalog, entry), "name": name_of(entry)}


def _refs(catalog: Catalog, ids: Iterable[str]) -> list[Node]:
    return [ref(catalog, i) for i in ids]


def _date(value: FuzzyDate | None) -> str | None:
    """A schema.org Date: ISO 8601 at the date's own precision (``2024-06``); ranges give
    their start here, and their end in ``endDate`` where the type has one."""
    return value.start.iso() if value else None


def _agreement(catalog: Catalog, entry: Entry) -> Node:
    a: Any = entry.record
    return {
        "alternateName": a.name if a.short_name != a.name else None,
        "legislationType": a.kind,
        "legislationDate": _date(a.signed.date),
        "legislationLegalForce": {"@id": _FORCE[a.status]},
        "legislationPassedBy": _refs(catalog, a.parties),
        "expires": _date(a.ended.date) if a.ended else None,
        "description": plain(catalog, a.summary),
        "hasPart": [
            {
                "@type": "Legislation",
                "name": f"Article {article.number}"
                + (f": {article.title}" if article.title else ""),
                "keywords": article.topic,
                "description": plain(catalog, article.summary),
                "text": article.text.text if article.text else None,
            }
            for article in a.articles
        ],
        "citation": _refs(catalog, a.sources),
    }


def _event(catalog: Catalog, entry: Entry) -> Node:
    e: Any = entry.record
    return {
        "startDate": _date(e.date),
        "endDate": e.date.end.iso() if e.date.end else None,
        "location": {"@type": "Place", "name": e.place} if e.place else None,
        "description": plain(catalog, e.summary),
        "attendee": _refs(catalog, e.actors),
        "about": _refs(catalog, e.agreements),
        "subjectOf": _refs(catalog, e.sources),
    }


def _reaction(catalog: Catalog, entry: Entry) -> Node:
    r: Any = entry.record
    return {
        "startDate": _date(r.date),
        "endDate": r.date.end.iso() if r.date.end else None,
        "description": plain(catalog, r.summary),
        "organizer": _refs(catalog, r.by),
        "about": _refs(catalog, r.to),
        "subjectOf": _refs(catalog, r.sources),
    }


def _actor(catalog: Catalog, entry: Entry) -> Node:
    a: Any = entry.record
    node: Node = {
        "alternateName": a.name if a.short_name else None,
        "name": a.short_name or a.name,
        "description": plain(catalog, a.summary) or a.role,
        "subjectOf": _refs(catalog, a.sources),
    }
    if a.kind == "person":
        node |= {
            "jobTitle": a.role,
            "affiliation": ref(catalog, a.belongs_to) if a.belongs_to else None,
        }
    elif a.kind == "state":
        code = {
            "@type": "PropertyValue",
            "propertyID": "ISO 3166-1 alpha-2",
            "value": a.country_code,
        }
        node |= {"identifier": code if a.country_code else entry.id}
    else:
        node |= {"parentOrganization": ref(catalog, a.belongs_to) if a.belongs_to else None}
    return node


def _perspective(catalog: Catalog, entry: Entry) -> Node:
    p: Any = entry.record
    return {
        "text": plain(catalog, p.summary),
        "author": ref(catalog, p.by),
        "dateCreated": _date(p.date),
        "about": _refs(catalog, p.about),
        "firstAppearance": ref(catalog, p.sources[0]),
        "appearance": _refs(catalog, p.sources),
        "keywords": p.stance,
    }


def _figure(catalog: Catalog, entry: Entry) -> Node:
    f: Any = entry.record
    return {
        "text": f"{figure_words(f)}: {plain(catalog, f.measures)}",
        "author": ref(catalog, f.stated_by),
        "dateCreated": _date(f.stated_on),
        "firstAppearance": ref(catalog, f.sources[0]),
        "appearance": _refs(catalog, f.sources),
    }


def _source(catalog: Catalog, entry: Entry) -> Node:
    s: Any = entry.record
    return {
        "name": s.title,
        "url": s.url,
        "publisher": {"@type": "Organization", "name": s.publisher},
        "author": [{"@type": "Person", "name": name} for name in _people(s.author)],
        "datePublished": _date(s.published),
        "inLanguage": s.language,
        "genre": s.kind,
        "description": plain(catalog, s.note),
    }


def _people(author: str | None) -> list[str]:
    """The people of a source's ``author``: "A", "A and B", "A, B and C"."""
    if not author:
        return []
    return [name.strip() for name in re.split(r",\s*|\s+and\s+", author) if name.strip()]


_BUILDERS: dict[str, Callable[[Catalog, Entry], Node]] = {
    "agreements": _agreement,
    "events": _event,
    "reactions": _reaction,
    "actors": _actor,
    "perspectives": _perspective,
    "figures": _figure,
    "sources": _source,
}


def _reviews(catalog: Catalog, entry: Entry) -> list[Node]:
    """A ClaimReview for each disagreement: what another source reports, and what this
    briefing gives instead."""
    record: Any = entry.record
    found: list[tuple[str, Any, Disagreement]] = [
        ("", record, d) for d in getattr(record, "disagreements", [])
    ]
    for article in getattr(record, "articles", []):
        found += [(f"Article {article.number}, ", article, d) for d in article.disagreements]
    url = _address(catalog, entry) or ""
    briefing = _briefing(catalog)
    out = []
    for index, (where, part, d) in enumerate(found, start=1):
        field = d.field.replace("_", " ")
        ours = value_words(getattr(part, d.field, None), catalog.records)
        theirs = reported_words(d.field, d.value, catalog.records)
        claim = f"{name_of(entry)}: {where}{field}: {theirs}"
        body = f"This briefing gives the {field} as {ours}; the sources cited report {theirs}."
        note = plain(catalog, d.note)
        review = {
            "@type": "ClaimReview",
            "@id": f"{url}#disagreement-{index}",
            "url": url or None,
            "claimReviewed": claim,
            "itemReviewed": {
                "@type": "Claim",
                "text": claim,
                "about": {"@id": url or None},
                "appearance": _refs(catalog, d.sources),
            },
            "reviewBody": f"{body} {note}".strip(),
            "author": _who(briefing.publisher, "Organization")
            or {"@type": "Organization", "name": briefing.title, "url": base_url(briefing)},
        }
        out.append(review)
    return out


def _clean(node: Any) -> Any:
    """Leave out what a record does not give: None, empty lists and empty objects."""
    if isinstance(node, dict):
        cleaned = {key: _clean(value) for key, value in node.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, [], {}, "")}
    if isinstance(node, list):
        return [_clean(item) for item in node]
    return node
