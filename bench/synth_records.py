"""Builders for sources, actors and agreements, and the parts other records share.

Each builder returns ``{id: record}`` for one collection, fields in the order an editor would
write them, optional fields present on some records only.
"""

from __future__ import annotations

import datetime as dt

import synth_dates as dates
from synth_world import TOPICS, World
from synth_yaml import Value

Record = dict[str, Value]

CONFIDENCE = ("verified-in-source", "consistent-with-several", "could-not-verify")
SOURCE_KINDS = (
    "primary-document", "official-statement", "news", "analysis", "opinion", "reference",
)  # fmt: skip
ASPECTS = ("obligation", "trigger", "duration", "scope", "consultation", "exit-clause")
QUOTES = (
    "The parties shall consult each other without delay.",
    "Neither side will enter into any alliance directed against the other.",
    "We regard this as a matter of serious concern for the whole region.",
    "The agreement remains in force for an indefinite period.",
    'This is, in the words of one delegate, "a new chapter".',
)
ENDINGS = ("lapsed", "replaced", "terminated", "expired", "withdrawn")


def quotation(world: World, sources: list[str]) -> Record:
    """Words quoted exactly, from one of the record's own sources."""
    quote: Record = {"text": world.rng.choice(QUOTES), "source": world.rng.choice(sources)}
    if world.rng.random() < 0.3:
        quote["translation"] = "Unofficial translation by the source."
    return quote


def disagreement(world: World, field: str, value: str) -> Record:
    """Another source's different account of one field of the record."""
    found: Record = {"field": field, "value": value, "sources": world.pick("sources", 1)}
    if world.rng.random() < 0.5:
        found["note"] = f"The sources differ on the *{field}*."
    return found


def fact_tail(world: World, record: Record, sources: list[str], disputed: Record | None) -> None:
    """Sources, then sometimes a disagreement and a confidence label."""
    record["sources"] = sources
    if disputed is not None:
        record["disagreements"] = [disputed]
    if world.rng.random() < 0.4:
        record["confidence"] = world.rng.choice(CONFIDENCE)


def sources(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    for record_id in world.ids["sources"]:
        publisher, topic = world.words[record_id]
        published = dates.fuzzy(world.rng, dates.FIRST, dates.LAST)
        record: Record = {
            "title": f"{world.rng.choice(('Report', 'Statement', 'Analysis'))} on {topic}",
            "publisher": publisher.replace("-", " ").title(),
            "url": f"https://{publisher}.example.org/{published.first.year}/{record_id}",
            "kind": world.rng.choice(SOURCE_KINDS),
            "published": published.text,
        }
        if world.rng.random() < 0.2:
            record["language"] = world.rng.choice(("ru", "ko", "ja", "fr"))
        if world.rng.random() < 0.5:
            record["author"] = world.title(world.rng.choice(world.ids["actors"]))
        lead = f"Published by {record['publisher']}."
        record["note"] = world.prose(lead, world.budget(), exclude=[record_id])
        built[record_id] = record
    return built


def actors(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    parents: list[str] = []
    for record_id in world.ids["actors"]:
        kind, budget = world.kinds[record_id], world.budget()
        record: Record = {"name": world.title(record_id), "kind": kind}
        if kind in ("state", "organisation"):
            record["short_name"] = world.words[record_id][0].title()
        if kind == "person" or (kind == "office" and world.rng.random() < 0.5):
            record["role"] = world.rng.choice(("Foreign minister", "Ambassador", "Analyst"))
        if parents and world.rng.random() < 0.6:
            record["belongs_to"] = world.rng.choice(parents)
            budget -= 1
        if kind == "state":
            record["country_code"] = world.words[record_id][0][:2].upper()
        lead = f"{record['name']} appears throughout the record."
        record["summary"] = world.prose(lead, budget, exclude=[record_id])
        record["sources"] = world.sources()
        if kind != "person":
            parents.append(record_id)
        built[record_id] = record
    return built


def agreements(world: World) -> dict[str, Record]:
    """Agreements in order of signing, so that one may be replaced by a later one."""
    signed = {i: _signing(world) for i in world.ids["agreements"]}
    order = sorted(signed, key=lambda i: (signed[i].first, i))
    built: dict[str, Record] = {}
    for position, record_id in enumerate(order):
        world.dates[record_id] = signed[record_id]
        built[record_id] = _agreement(world, record_id, order[position + 1 :])
    return {i: built[i] for i in world.ids["agreements"]}


def _signing(world: World) -> dates.Span:
    when = dates.between(world.rng, dates.FIRST, dt.date(2020, 12, 31))
    return dates.month(when) if world.rng.random() < 0.2 else dates.day(when)


def _agreement(world: World, record_id: str, later: list[str]) -> Record:
    budget, sources = world.budget(), world.sources()
    parties = world.pick("actors", min(world.rng.randint(1, 3), budget))
    first, second, topic = world.words[record_id]
    record: Record = {
        "name": f"Treaty between {first.title()} and {second.title()} on {topic}",
        "short_name": f"{first.title()} {topic} treaty",
        "kind": world.rng.choice(("treaty", "agreement", "declaration", "armistice", "protocol")),
        "parties": parties,
        "signed": {"date": world.dates[record_id].text, "place": first.title()},
    }
    lifetime = _lifetime(world, record_id, later)
    record.update(lifetime)
    ended = lifetime.get("ended")
    links = budget - len(parties) - (isinstance(ended, dict) and "replaced_by" in ended)
    lead = f"A {record['kind']} on {topic}."
    record["summary"] = world.prose(lead, max(0, links), exclude=[record_id])
    articles = world.rng.randint(2, 6)
    record["articles"] = [_article(world, n, sources) for n in range(1, articles + 1)]
    disputed = disagreement(world, "name", f"Pact on {topic}")
    fact_tail(world, record, sources, disputed if world.rng.random() < 0.2 else None)
    return record


def _lifetime(world: World, record_id: str, later: list[str]) -> Record:
    """Status, entry into force and ending, in that order in time."""
    status = world.rng.choice(("in-force", "in-force", "not-in-force", "ended", "ended"))
    if status == "not-in-force":
        return {"status": status}
    in_force = dates.after(world.rng, world.dates[record_id].last + dt.timedelta(days=1), 400)
    if status == "in-force" or in_force.last >= dates.LAST:
        return {"status": "in-force", "in_force": in_force.text}
    end = dates.day(dates.between(world.rng, in_force.last + dt.timedelta(days=1), dates.LAST))
    how = world.rng.choice(ENDINGS if later else ENDINGS[:1] + ENDINGS[2:])
    ended: Record = {"date": end.text, "how": how}
    if how == "replaced":
        ended["replaced_by"] = world.rng.choice(later)
    return {"status": status, "in_force": in_force.text, "ended": ended}


def _article(world: World, number: int, sources: list[str]) -> Record:
    topic = world.rng.choice(TOPICS)
    article: Record = {
        "number": str(number),
        "topic": topic.replace("-", " "),
        "summary": f"Article {number} deals with {topic.replace('-', ' ')}.",
        "sources": sources[:1],
    }
    if world.rng.random() < 0.5:
        article["title"] = f"On {topic.replace('-', ' ')}"
    article["text"] = quotation(world, sources)
    chosen = world.rng.sample(ASPECTS, world.rng.randint(1, 3))
    article["aspects"] = {name: f"What article {number} says on the {name}." for name in chosen}
    if world.rng.random() < 0.1:
        article["disagreements"] = [disagreement(world, "topic", "a different reading")]
    return article
