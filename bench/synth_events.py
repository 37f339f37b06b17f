"""Builders for events, figures, reactions, perspectives and the briefing file itself.

Events are built before reactions, so a reaction can be dated after what it reacts to.
"""

from __future__ import annotations

import datetime as dt

import synth_dates as dates
from synth_records import Record, disagreement, fact_tail, quotation
from synth_world import World

STANCES = ("alarmed", "concerned", "measured", "sceptical", "supportive", "defensive")
QUALIFIERS = ("exactly", "more-than", "approximately", "at-least", "fewer-than", "up-to")


def events(world: World) -> dict[str, Record]:
    built: dict[str, Record] = {}
    for record_id in world.ids["events"]:
        budget, sources = world.budget(), world.sources()
        date = dates.in_era(world.rng)
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
        other = dates.in_era(world.rng).text if field == "date" else "Another city"
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
        stated_on = dates.fuzzy(rng, dates.FIRST, dates.LAST)
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


def _as_of(world: World, stated_on: dates.Span) -> Record:
    """Sometimes the day a figure counts up to, and the day it counts from; both earlier."""
    if world.rng.random() < 0.5:
        return {}
    as_of = dates.between(
        world.rng, max(dates.FIRST, stated_on.first - dt.timedelta(365)), stated_on.first
    )
    since = dates.between(world.rng, max(dates.FIRST, as_of - dt.timedelta(1000)), as_of)
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
        date = dates.after(rng, floor)
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
    when = {
        i: dates.day(dates.between(world.rng, dates.FIRST, dates.LAST))
        for i in world.ids["perspectives"]
    }
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


def _perspective(world: World, record_id: str, date: dates.Span, earlier: list[str]) -> Record:
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
        for e in dates.ERAS
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
