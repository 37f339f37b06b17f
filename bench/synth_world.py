"""The shared state of one synthetic briefing: its random stream, planned ids, kinds and dates.

Every id is planned before any record is written, so a record may link to any other one;
ids end in a counter shared by all collections, which keeps them unique across collections.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from synth_dates import Span

#: Roughly how a briefing divides into collections (each gets at least one record).
SHARES = {
    "sources": 0.25,
    "actors": 0.10,
    "agreements": 0.05,
    "events": 0.30,
    "figures": 0.10,
    "reactions": 0.10,
    "perspectives": 0.10,
}

PLACES = (
    "aldoria", "brevia", "caldera", "dunmark", "estravia", "falkmoor", "gorsk", "halvenia",
    "istria", "jorvik", "kestrel", "lunmark", "morvania", "norlund", "ostrava", "pellas",
    "quarnby", "rovenia", "sundar", "tarsk", "ulmora", "vestria", "wendal", "yarrow",
)  # fmt: skip
GIVEN = (
    "ada", "boris", "clara", "dmitri", "elena", "farid", "grace", "hana", "igor", "jun",
    "kira", "leon", "mira", "nils", "olga", "pavel", "rina", "sergei", "tomas", "yuna",
)  # fmt: skip
SURNAMES = (
    "abara", "brandt", "chen", "dubois", "eriksen", "fontaine", "garcia", "haas", "ivanova",
    "jensen", "kim", "lindqvist", "moreau", "nakamura", "okafor", "park", "rossi", "sato",
)  # fmt: skip
PUBLISHERS = (
    "northern-ledger", "capital-wire", "eastern-review", "harbour-gazette",
    "policy-quarterly", "state-archive", "foreign-ministry", "defence-monitor",
)  # fmt: skip
TOPICS = (
    "mutual-defence", "sanctions", "trade", "munitions", "satellites", "energy", "food-aid",
    "border", "nuclear-talks", "labour", "shipping", "airspace",
)  # fmt: skip
ACTOR_KINDS = ("state", "government", "office", "person", "person", "organisation")
EVENT_KINDS = (
    "summit", "visit", "signing", "initialling", "ratification", "entry-into-force", "lapse",
    "statement", "summons", "call", "meeting", "vote", "exercise", "briefing", "publication",
    "diplomatic", "other",
)  # fmt: skip
REACTION_KINDS = (
    "summons", "joint-statement", "statement", "call", "meeting", "sanctions", "exercise",
    "vote", "other",
)  # fmt: skip
MEASURES = ("containers", "casualties", "shipments", "tonnes", "troops", "launches", "barrels")
_LINKED = (
    "It follows [[{id}]].",
    "See also [[{id}|{title}]].",
    "Compare [[{id}]].",
    "Officials cited [[{id}]] at the time.",
    "The account of [[{id}|{title}]] is *contested*.",
    "Background: [[{id}]].",
)


def plan_counts(records: int) -> dict[str, int]:
    """Records per collection, in the proportions of SHARES, adding up to ``records``."""
    if records < len(SHARES):
        raise ValueError(f"a briefing needs at least {len(SHARES)} records (got {records})")
    counts = {name: max(1, int(records * share)) for name, share in SHARES.items()}
    largest_first = sorted(SHARES, key=lambda name: -SHARES[name])
    for name in itertools.cycle(largest_first):
        excess = sum(counts.values()) - records
        if excess == 0:
            break
        if excess < 0:
            counts[name] += 1
        elif counts[name] > 1:
            counts[name] -= 1
    return counts


@dataclass
class World:
    rng: random.Random
    ids: dict[str, list[str]]
    kinds: dict[str, str]
    collection_of: dict[str, str]
    words: dict[str, tuple[str, ...]]
    #: The date others compare against: an event's date, an agreement's signing.
    dates: dict[str, Span] = field(default_factory=dict)
    _everything: list[str] = field(default_factory=list)
    _uncited: Iterator[str] = field(default_factory=lambda: iter(()))

    @classmethod
    def plan(cls, records: int, seed: int) -> World:
        world = cls(random.Random(seed), {}, {}, {}, {})
        serial = itertools.count(1)
        for collection, count in plan_counts(records).items():
            world.ids[collection] = []
            for _ in range(count):
                kind, words = world._name(collection)
                record_id = "-".join((*words, str(next(serial))))
                world.ids[collection].append(record_id)
                world.kinds[record_id], world.words[record_id] = kind, words
                world.collection_of[record_id] = collection
        world._everything = [i for ids in world.ids.values() for i in ids]
        shuffled = list(world.ids["sources"])
        world.rng.shuffle(shuffled)
        world._uncited = itertools.cycle(shuffled)
        return world

    def _name(self, collection: str) -> tuple[str, tuple[str, ...]]:
        pick = self.rng.choice
        if collection == "sources":
            return "source", (pick(PUBLISHERS), pick(TOPICS))
        if collection == "actors":
            kind = pick(ACTOR_KINDS)
            if kind == "person":
                return kind, (pick(GIVEN), pick(SURNAMES))
            return kind, (pick(PLACES), kind)
        if collection == "agreements":
            return "agreement", (*self.rng.sample(PLACES, 2), pick(TOPICS))
        if collection == "events":
            kind = pick(EVENT_KINDS)
            return kind, (pick(PLACES), kind)
        if collection == "figures":
            return "figure", (pick(MEASURES), pick(TOPICS))
        if collection == "reactions":
            kind = pick(REACTION_KINDS)
            return kind, (pick(PLACES), kind)
        return "perspective", (pick(SURNAMES), "on", pick(TOPICS))

    def title(self, record_id: str) -> str:
        return " ".join(self.words[record_id]).replace("-", " ").title()

    def budget(self) -> int:
        """How many references (besides sources) the next record makes: 3 to 10."""
        return self.rng.randint(3, 10)

    def pick(self, collection: str, count: int, exclude: Sequence[str] = ()) -> list[str]:
        """Up to ``count`` distinct ids of one collection, none of them in ``exclude``."""
        return self._sample(collection, count, exclude)

    def anything(self, count: int, exclude: Sequence[str] = ()) -> list[str]:
        """Up to ``count`` distinct ids of any collection, none of them in ``exclude``."""
        return self._sample(None, count, exclude)

    def _sample(self, collection: str | None, count: int, exclude: Sequence[str]) -> list[str]:
        pool = self._everything if collection is None else self.ids[collection]
        excluded = {i for i in exclude if collection in (None, self.collection_of.get(i))}
        chosen: list[str] = []
        while len(chosen) < min(count, len(pool) - len(excluded)):
            candidate = self.rng.choice(pool)
            if candidate not in excluded and candidate not in chosen:
                chosen.append(candidate)
        return chosen

    def sources(self) -> list[str]:
        """One to three sources, the first taken in turn so that every source is cited."""
        first = next(self._uncited)
        return [first, *self.pick("sources", self.rng.randint(0, 2), exclude=[first])]

    def prose(self, lead: str, links: int, exclude: Sequence[str] = ()) -> str:
        """Markdown: a lead sentence, then one sentence per ``[[id]]`` link."""
        sentences = [lead]
        for record_id in self.anything(links, exclude):
            template = self.rng.choice(_LINKED)
            sentences.append(template.format(id=record_id, title=self.title(record_id).lower()))
        return " ".join(sentences)
