"""data/README.md against the model: every field has its row, every choice is listed.

The README is the editors' reference, so it must not drift from macros/model.py. Each model
has one section, found by its heading's anchor; a field is documented when that section has
a table row starting ``| `field` |``, and a fixed choice when its row shows `` `value` ``.
The complete example files in the README are loaded as the check loads data files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from macros.facts import load
from macros.facts.model import (
    COLLECTIONS,
    Article,
    Briefing,
    Comparison,
    Disagreement,
    Ending,
    Era,
    Judgment,
    Named,
    Quotation,
    Signing,
)

README = Path(__file__).parent.parent / "data" / "README.md"

#: Every model an editor writes, and the anchor of its section in data/README.md.
SECTIONS: dict[type[BaseModel], str] = {
    **{model: name for name, (model, _) in COLLECTIONS.items()},
    Signing: "agreement-signed",
    Ending: "agreement-ended",
    Article: "agreement-articles",
    Quotation: "quotations",
    Disagreement: "disagreements",
    Briefing: "briefing",
    Judgment: "briefing-key-judgments",
    Named: "briefing-publisher-and-authors",
    Era: "briefing-eras",
    Comparison: "briefing-comparisons",
}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|")
_FENCE = re.compile(r"^```yaml\n(.*?)^```$", re.M | re.S)
_SCHEMA_LINE = re.compile(
    r"^# yaml-language-server: \$schema=(?:\.\./)?schemas/(\w+)\.schema\.json"
)


def anchor(heading: str) -> str:
    """The anchor GitHub and MkDocs give a heading: ``Agreement: signed`` → ``agreement-signed``."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def sections(text: str) -> dict[str, str]:
    """Anchor → the text under that heading, up to the next heading of any level."""
    found: dict[str, str] = {}
    current: str | None = None
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading:
            current = anchor(heading.group(2))
            assert current not in found, f"two headings have the anchor #{current}"
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def rows(section: str) -> dict[str, str]:
    """Field name → its whole table row, for rows written ``| `field` | …``."""
    return {m.group(1): line for line in section.splitlines() if (m := _ROW.match(line))}


def submodels(annotation: Any) -> set[type[BaseModel]]:
    """The models inside an annotation such as ``list[Article] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return {model for arg in get_args(annotation) for model in submodels(arg)}


def reachable(
    model: type[BaseModel], seen: set[type[BaseModel]] | None = None
) -> set[type[BaseModel]]:
    """``model`` and every part model an editor can write inside it."""
    seen = set() if seen is None else seen
    if model not in seen:
        seen.add(model)
        for info in model.model_fields.values():
            for part in submodels(info.annotation):
                reachable(part, seen)
    return seen


def choices(annotation: Any) -> list[str]:
    """The allowed values of a fixed-choice field, however it is wrapped; else none."""
    origin = get_origin(annotation)
    if origin is Literal:
        return [str(value) for value in get_args(annotation)]
    if origin is not None:  # X | None, list[X], Annotated[X, …]
        return [value for arg in get_args(annotation) for value in choices(arg)]
    return []


def documented(name: str, model: type[BaseModel], text: str) -> bool:
    return name in rows(sections(text).get(SECTIONS[model], ""))


def example_problems(text: str, root: Path) -> tuple[set[str], list[str]]:
    """Load every complete example file in ``text`` as the check does.

    Returns the collections (and ``briefing``) that have an example, and every problem the
    loader finds in them. References between records are not resolved: the examples are
    single files, not a briefing.
    """
    found: set[str] = set()
    for index, block in enumerate(_FENCE.findall(text)):
        schema = _SCHEMA_LINE.match(block)
        if not schema or block.count("\n") < 2:
            continue  # a fragment, or the schema line shown on its own
        name = schema.group(1)
        found.add(name)
        path = root / ("briefing.yml" if name == "briefing" else f"{name}/example-{index}.yml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
    if "briefing" not in found:
        return found, ["no example of briefing.yml"]
    return found, [str(problem) for problem in load.load(root).problems]


@pytest.fixture(scope="module")
def text() -> str:
    return README.read_text(encoding="utf-8")


def test_every_model_an_editor_can_write_has_a_section() -> None:
    models = {m for name in COLLECTIONS for m in reachable(COLLECTIONS[name][0])}
    models |= reachable(Briefing)
    assert models == set(SECTIONS)


@pytest.mark.parametrize("model", SECTIONS, ids=lambda model: model.__name__)
def test_every_field_is_a_row_in_its_section(model: type[BaseModel], text: str) -> None:
    section = sections(text).get(SECTIONS[model])
    assert section is not None, f"data/README.md has no heading with the anchor #{SECTIONS[model]}"
    assert sorted(set(model.model_fields) - set(rows(section))) == []


@pytest.mark.parametrize("model", SECTIONS, ids=lambda model: model.__name__)
def test_every_row_is_a_field(model: type[BaseModel], text: str) -> None:
    """A renamed or removed field does not linger in the README."""
    section = sections(text)[SECTIONS[model]]
    assert sorted(set(rows(section)) - set(model.model_fields)) == []


CHOICE_FIELDS = [
    (model, name)
    for model in SECTIONS
    for name, info in model.model_fields.items()
    if choices(info.annotation)
]


@pytest.mark.parametrize(("model", "name"), CHOICE_FIELDS, ids=lambda x: getattr(x, "__name__", x))
def test_every_choice_is_listed_in_its_row(model: type[BaseModel], name: str, text: str) -> None:
    row = rows(sections(text)[SECTIONS[model]])[name]
    allowed = choices(model.model_fields[name].annotation)
    assert [value for value in allowed if f"`{value}`" not in row] == []


def test_the_fixed_choice_fields_are_found() -> None:
    """Literal is found inside ``X | None`` too; otherwise the test above would check nothing."""
    names = {(model.__name__, name) for model, name in CHOICE_FIELDS}
    assert {("Source", "kind"), ("Ending", "how"), ("Agreement", "confidence")} <= names
    assert ("Figure", "qualifier") in names


def test_every_example_file_is_valid(text: str, tmp_path: Path) -> None:
    found, problems = example_problems(text, tmp_path)
    assert problems == []
    assert found == {*COLLECTIONS, "briefing"}


def test_every_link_inside_the_readme_has_its_heading(text: str) -> None:
    anchors = set(sections(text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert sorted(links - anchors) == []


# --- Negative controls: each check above can fail --------------------------------------------


def test_a_made_up_field_is_not_documented(text: str) -> None:
    assert not documented("publishd", COLLECTIONS["sources"][0], text)
    assert documented("published", COLLECTIONS["sources"][0], text)


def test_a_field_counts_only_in_its_own_section(text: str) -> None:
    """``stated_on`` has a row under Figures, not under Sources."""
    assert documented("stated_on", COLLECTIONS["figures"][0], text)
    assert not documented("stated_on", COLLECTIONS["sources"][0], text)


def test_a_made_up_choice_is_not_listed(text: str) -> None:
    row = rows(sections(text)["sources"])["kind"]
    assert "`primary-document`" in row
    assert "`press-release`" not in row


def test_a_broken_example_is_reported(text: str, tmp_path: Path) -> None:
    broken = text.replace("kind: news\n", "kind: newspaper\n", 1)
    assert broken != text
    _, problems = example_problems(broken, tmp_path)
    assert len(problems) == 1
    assert "kind: must be one of primary-document" in problems[0]


def test_an_undocumented_model_is_noticed() -> None:
    class Witness(BaseModel):
        said: Quotation

    assert reachable(Witness) - set(SECTIONS) == {Witness}


def test_a_row_must_start_with_the_field_in_backticks() -> None:
    section = "| `field` | text |\n| value | text |\n| see `note` | text |\n"
    assert set(rows(section)) == {"field"}
