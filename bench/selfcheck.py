"""An independent check of a synthetic briefing, so generator bugs are not blamed on the validator.

    python bench/selfcheck.py DIR

Loads every file as the real loader does (every scalar as text), validates it with the models
in macros/facts/model.py, and checks what the generator promises across files: references resolve
to the right collection, ``[[id]]`` links resolve, every source is cited, events and
reactions fall inside an era, reactions come after what they react to, and an agreement is
signed, in force and ended in that order. Prints one line per problem; exits 1 if any.
"""

from __future__ import annotations

import itertools
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Imported after the line above: a script in bench/ starts with bench/, not the root, on sys.path.
from macros.facts import model  # noqa: E402
from macros.facts.dates import FuzzyDate  # noqa: E402
from macros.facts.links import record_links  # noqa: E402

Ref = tuple[str, tuple[str, ...]]
#: Every scalar as text, as the real loader reads it; libyaml's version when it is built in.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def load(folder: Path) -> tuple[model.Briefing, dict[str, tuple[str, BaseModel]], list[str]]:
    """The briefing, ``{id: (collection, record)}``, and the problems found while loading."""
    problems: list[str] = []
    records: dict[str, tuple[str, BaseModel]] = {}
    briefing = model.Briefing.model_validate(_read(folder / "briefing.yml"))
    for collection, (record_model, _) in model.COLLECTIONS.items():
        for path in sorted((folder / collection).glob("*.yml")):
            if path.stem in records:
                problems.append(f"{path}: id '{path.stem}' is used twice")
            try:
                records[path.stem] = (collection, record_model.model_validate(_read(path)))
            except ValidationError as error:
                problems.append(f"{path}: {error}")
    return briefing, records, problems


def _read(path: Path) -> typing.Any:
    # Safe: the base loader builds only strings, lists and dicts; it never resolves a tag.
    return yaml.load(path.read_text(), Loader=_LOADER)  # noqa: S506


def references(value: BaseModel) -> Iterator[Ref]:
    """Every (id, allowed collections) a record names, from the RefTo marks in the model."""
    for name, info in type(value).model_fields.items():
        yield from _walk(info.annotation, list(info.metadata), getattr(value, name))


def _walk(annotation: typing.Any, metadata: list[typing.Any], value: typing.Any) -> Iterator[Ref]:
    if value is None:
        return
    metadata = metadata + _annotated_metadata(annotation)
    marks = [m for m in metadata if isinstance(m, model.RefTo)]
    if marks:
        yield value, marks[0].collections
    elif isinstance(value, BaseModel):
        yield from references(value)
    elif isinstance(value, (list, dict)):
        item = _item_type(annotation)
        for element in value.values() if isinstance(value, dict) else value:
            yield from _walk(item, [], element)
    if isinstance(value, str):
        for link in record_links(value):
            yield link.id, ()


def _annotated_metadata(annotation: typing.Any) -> list[typing.Any]:
    if typing.get_origin(annotation) is typing.Annotated:
        return list(annotation.__metadata__)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [m for arg in typing.get_args(annotation) for m in _annotated_metadata(arg)]
    return []


def _item_type(annotation: typing.Any) -> typing.Any:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    return args[-1] if args else typing.Any


def cross_file(briefing: model.Briefing, records: dict[str, tuple[str, BaseModel]]) -> list[str]:
    problems: list[str] = []
    cited: set[str] = set()
    for record_id, (collection, record) in sorted(records.items()):
        for target, allowed in [*references(record)]:
            found = records.get(target, ("", None))[0]
            if not found or (allowed and found not in allowed):
                problems.append(f"{collection}/{record_id}: no {allowed or 'record'} '{target}'")
            cited.add(target)
        problems += [f"{collection}/{record_id}: {p}" for p in _rules(record, records, briefing)]
    for target, _ in references(briefing):
        if target not in records:
            problems.append(f"briefing.yml: no record '{target}'")
    uncited = sorted(i for i, (c, _) in records.items() if c == "sources" and i not in cited)
    problems += [f"sources/{i}: cited by no record" for i in uncited]
    return problems


def _rules(
    record: BaseModel, records: dict[str, tuple[str, BaseModel]], briefing: model.Briefing
) -> Iterator[str]:
    if isinstance(record, model.Fact):
        fields = type(record).model_fields
        yield from (f"no field {d.field}" for d in record.disagreements if d.field not in fields)
    if isinstance(record, model.Event | model.Reaction) and not any(
        e.start.earliest <= record.date.earliest and record.date.latest <= e.end.latest
        for e in briefing.eras
    ):
        yield f"date {record.date} is in no era"
    if isinstance(record, model.Reaction):
        for target in record.to:
            when = _when(records[target][1])
            if when is not None and record.date.earliest < when.latest:
                yield f"reacts on {record.date} to '{target}' of {when}"
    if isinstance(record, model.Agreement):
        steps = [record.signed.date, record.in_force, record.ended.date if record.ended else None]
        known = [s for s in steps if s is not None]
        if any(a.latest > b.earliest for a, b in itertools.pairwise(known)):
            yield "signed, in force and ended are out of order"
        if (record.status == "ended") != (record.ended is not None):
            yield f"status {record.status} and ended do not agree"


def _when(target: BaseModel) -> FuzzyDate | None:
    if isinstance(target, model.Event):
        return target.date
    return target.signed.date if isinstance(target, model.Agreement) else None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    briefing, records, problems = load(Path(argv[0]))
    problems += cross_file(briefing, records)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems in {len(records)} records")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
