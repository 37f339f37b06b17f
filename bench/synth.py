"""Write a synthetic briefing of any size: a valid data folder for benchmarks.

    python bench/synth.py --records 1000 --out /tmp/briefing-1000 [--seed 0]

The same seed and size always give byte-identical files. Importable (with bench/ on sys.path,
as check.py has it): ``generate(records, out, seed) -> {collection: count}``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import synth_events
import synth_records
from synth_records import Record
from synth_world import World
from synth_yaml import document

#: Collections in the order they are built: dates that others depend on come first.
BUILDERS: tuple[tuple[str, Callable[[World], dict[str, Record]]], ...] = (
    ("sources", synth_records.sources),
    ("actors", synth_records.actors),
    ("agreements", synth_records.agreements),
    ("events", synth_events.events),
    ("figures", synth_events.figures),
    ("reactions", synth_events.reactions),
    ("perspectives", synth_events.perspectives),
)


def generate(records: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write ``records`` records and a briefing.yml into ``out``; return counts by collection."""
    world = World.plan(records, seed)
    collections = {name: build(world) for name, build in BUILDERS}
    briefing = synth_events.briefing(world)
    _clear(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "briefing.yml").write_text(document(briefing, "schemas/briefing.schema.json"))
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
