"""Write a synthetic briefing of any size: a valid data folder for benchmarks.

    python bench/synth.py --records 1000 --out /tmp/briefing-1000 [--seed 0]

The same seed and size always give byte-identical files. Importable (with bench/ on sys.path,
as every script of bench/ has it): ``generate(records, out, seed) -> {collection: count}``.

One builder per collection returns ``{id: record}``, fields in the order an editor would
write them, optional fields present on some records only. The plan, the dates and the YAML
writer they use are in synth_world.py. Collections are built in an order that lets a record
be dated after what it follows: agreements before the events that name them, events before
the reactions to them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from synth_world import (
    ERAS,
    FIRST,
    LAST,
    TOPICS,
    Span,
    Value,
    World,
    after,
    between,
    day,
    document,
    fuzzy,
    in_era,
    month,
)

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
STANCES = ("alarmed", "concerned", "measured", "sceptical", "supportive", "defensive")
QUALIFIERS = ("exactly", "more-than", "approximately", "at-least", "fewer-than", "up-to")


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
        published = fuzzy(world.rng, FIRST, LAST)
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


def _signing(world: World) -> Span:
    when = between(world.rng, FIRST, dt.date(2020, 12, 31))
    return month(when) if world.rng.random() < 0.2 else day(when)


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
    in_force = after(world.rng, world.dates[record_id].last + dt.timedelta(days=1), 400)
    if status == "in-force" or in_force.last >= LAST:
        return {"status": "in-force", "in_force": in_force.text}
    end = day(between(world.rng, in_force.last + dt.timedelta(days=1), LAST))
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


def events(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    for record_id in world.ids["events"]:
        budget, sources = world.budget(), world.sources()
        date = in_era(world.rng)
        world.dates[record_id] = date
        place, kind = world.words[record_id]
        actors = world.pick("actors", world.rng.randint(1, 3))
        record: Record = {
            "date": date.text,
            "title": world.title(record_id),
            "kind": kind,
            "place": place.title(),
            "actors": actors,
        }
        agreements = world.pick(
            "agreements", int(world.rng.random() < 0.3 and budget > len(actors))
        )
        record["agreements"] = agreements
        links = budget - len(actors) - len(agreements)
        record["summary"] = world.prose(f"A {kind} in {place.title()}.", links, [record_id])
        field = world.rng.choice(("date", "place"))
        other = in_era(world.rng).text if field == "date" else "Another city"
        disputed = disagreement(world, field, other)
        fact_tail(world, record, sources, disputed if world.rng.random() < 0.15 else None)
        built[record_id] = record
    return built


def figures(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    for record_id in world.ids["figures"]:
        budget, sources, rng = world.budget(), world.sources(), world.rng
        measure, _ = world.words[record_id]
        value: int | float = rng.randint(10, 500_000)
        if rng.random() < 0.2:
            value = round(rng.uniform(1, 100), 1)
        stated_on = fuzzy(rng, FIRST, LAST)
        record: Record = {
            "title": world.title(record_id),
            "value": value,
            "unit": measure,
            "measures": world.prose(f"The number of {measure}.", budget - 1, [record_id]),
            "stated_by": world.pick("actors", 1)[0],
            "stated_on": stated_on.text,
            "qualifier": rng.choice(QUALIFIERS),
        }
        record.update(_as_of(world, stated_on))
        if rng.random() < 0.4:
            record["quote"] = quotation(world, sources)
        caveats = ["Combined totals, not a single count.", "Rounded by the source."]
        record["caveats"] = caveats[: rng.randint(0, 2)]
        disputed = disagreement(world, "value", str(round(float(value) * 1.1)))
        fact_tail(world, record, sources, disputed if rng.random() < 0.2 else None)
        built[record_id] = record
    return built


def _as_of(world: World, stated_on: Span) -> Record:
    """Sometimes the day a figure counts up to, and the day it counts from; both earlier."""
    if world.rng.random() < 0.5:
        return {}
    as_of = between(world.rng, max(FIRST, stated_on.first - dt.timedelta(365)), stated_on.first)
    since = between(world.rng, max(FIRST, as_of - dt.timedelta(1000)), as_of)
    return {"as_of": as_of.isoformat(), "since": since.isoformat()}


def reactions(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    for record_id in world.ids["reactions"]:
        budget, sources, rng = world.budget(), world.sources(), world.rng
        place, how = world.words[record_id]
        by = world.pick("actors", rng.randint(1, 2))
        to = world.pick("events", rng.randint(1, min(2, budget - len(by))))
        if rng.random() < 0.2:
            to = [*to[:-1], *world.pick("agreements", 1)]
        floor = max(world.dates[target].last for target in to) + dt.timedelta(days=1)
        date = after(rng, floor)
        record: Record = {
            "title": world.title(record_id),
            "by": by,
            "date": date.text,
            "how": how,
            "to": to,
        }
        links = budget - len(by) - len(to)
        record["summary"] = world.prose(f"A {how} from {place.title()}.", links, [record_id])
        record["quotes"] = [quotation(world, sources) for _ in range(rng.randint(0, 2))]
        disputed = disagreement(world, "date", (date.last + dt.timedelta(days=2)).isoformat())
        fact_tail(world, record, sources, disputed if rng.random() < 0.15 else None)
        built[record_id] = record
    return built


def perspectives(world: World) -> dict[str, Record]:
    """Perspectives in order of date; each responds only to ones that came before it."""
    when = {i: day(between(world.rng, FIRST, LAST)) for i in world.ids["perspectives"]}
    order = sorted(when, key=lambda i: (when[i].first, i))
    built: dict[str, Record] = {}
    for position, record_id in enumerate(order):
        earlier = [
            i
            for i in order[max(0, position - 50) : position]
            if when[i].last < when[record_id].first
        ]
        built[record_id] = _perspective(world, record_id, when[record_id], earlier)
    return {i: built[i] for i in world.ids["perspectives"]}


def _perspective(world: World, record_id: str, date: Span, earlier: list[str]) -> Record:
    budget, sources, rng = world.budget(), world.sources(), world.rng
    author, _, topic = world.words[record_id]
    responds = rng.sample(earlier, min(rng.randint(0, 2), len(earlier), budget - 1))
    about = world.anything(rng.randint(0, min(3, budget - 1 - len(responds))), [record_id])
    record: Record = {
        "title": world.title(record_id),
        "by": world.pick("actors", 1)[0],
        "date": date.text,
        "stance": rng.choice(STANCES),
    }
    links = budget - 1 - len(responds) - len(about)
    record["summary"] = world.prose(f"{author.title()} argues about {topic}.", links, [record_id])
    record["about"] = about
    record["responds_to"] = responds
    record["quotes"] = [quotation(world, sources) for _ in range(rng.randint(0, 1))]
    fact_tail(world, record, sources, None)
    return record


def briefing(world: World) -> Record:
    """The briefing file: judgments supported by records, and eras that tile the timeline."""
    judgments: list[Record] = [
        {
            "text": world.prose(f"Judgment {n}: the record supports this.", 1),
            "supported_by": world.anything(world.rng.randint(1, 3)),
        }
        for n in range(1, world.rng.randint(3, 5) + 1)
    ]
    eras: list[Record] = [
        {"id": e.id, "name": e.name, "start": str(e.start), "end": str(e.end), "summary": e.name}
        for e in ERAS
    ]
    return {
        "title": "A synthetic briefing",
        "subtitle": f"{sum(len(ids) for ids in world.ids.values())} generated records",
        "bottom_line": world.prose("Generated for benchmarks; none of it is true.", 3),
        "key_judgments": judgments,
        "eras": eras,
        "last_reviewed": "2025-01-15",
        "url": "https://briefing.example.org/",
        "repository": "https://github.com/example/briefing",
        "key_figures": world.pick("figures", 3),
    }


#: Collections in the order they are built: dates that others depend on come first.
BUILDERS: tuple[tuple[str, Callable[[World], dict[str, Record]]], ...] = (
    ("sources", sources),
    ("actors", actors),
    ("agreements", agreements),
    ("events", events),
    ("figures", figures),
    ("reactions", reactions),
    ("perspectives", perspectives),
)


def generate(records: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write ``records`` records and a briefing.yml into ``out``; return counts by collection."""
    world = World.plan(records, seed)
    collections = {name: build(world) for name, build in BUILDERS}
    briefing_file = briefing(world)
    _clear(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "briefing.yml").write_text(document(briefing_file, "schemas/briefing.schema.json"))
    for name, built in collections.items():
        folder = out / name
        folder.mkdir(exist_ok=True)
        schema = f"../schemas/{name}.schema.json"
        for record_id in sorted(built):
            (folder / f"{record_id}.yml").write_text(document(built[record_id], schema))
    return {name: len(built) for name, built in collections.items()}


def _clear(out: Path) -> None:
    """Remove an earlier synthetic briefing's files, and only those, so sizes never mix."""
    if not (out / "briefing.yml").exists():
        return
    for name, _ in BUILDERS:
        for path in sorted((out / name).glob("*.yml")):
            path.unlink()
        if (out / name).is_dir() and not any((out / name).iterdir()):
            (out / name).rmdir()
    (out / "briefing.yml").unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, required=True, help="how many records, at least 7")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.records, args.out, args.seed)
    except ValueError as error:
        parser.error(str(error))
    width = max(len(name) for name in counts)
    for name, count in counts.items():
        print(f"{name:<{width}}  {count:>7}")
    print(f"{'total':<{width}}  {sum(counts.values()):>7}  records in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
