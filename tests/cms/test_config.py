"""The web editor's configuration (macros/cms/config.py): made from the models, committed in
the data folder, never stale; every collection, every field with a fitting widget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, Field

from conftest import ROOT
from macros import cms
from macros.cli import main
from macros.cms import config
from macros.facts.dates import JSON_PATTERN
from macros.facts.fields import Date
from macros.facts.model import COLLECTIONS

COMMITTED = ROOT / "data" / "schemas" / "cms.yml"
REPOSITORY = "https://github.com/example/briefing"


@pytest.fixture(scope="module")
def made() -> dict[str, Any]:
    loaded = yaml.safe_load(cms.text("data", REPOSITORY))
    assert isinstance(loaded, dict)
    return loaded


def collection(made: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in made["collections"] if c["name"] == name)


def field(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(f for f in fields if f["name"] == name)


def test_the_committed_configuration_matches_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cms", "--check"]) == 0, "run: python -m macros cms"
    assert capsys.readouterr().out == ""


def test_a_changed_configuration_is_reported_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cms.yml"
    path.write_text(COMMITTED.read_text(encoding="utf-8").replace("- summons\n", "", 1), "utf-8")
    assert main(["cms", "--check", str(path)]) == 1
    assert capsys.readouterr().out == f"{path}: is out of date — run: python -m macros cms\n"
    assert main(["cms", str(path)]) == 0
    assert capsys.readouterr().out == f"wrote {path}\n"
    assert path.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_file_says_it_is_generated() -> None:
    assert COMMITTED.read_text(encoding="utf-8").startswith(
        "# Generated from the models by `python -m macros cms`: do not edit by hand.\n"
    )


def test_every_draft_is_a_branch_and_a_pull_request_on_github(made: dict[str, Any]) -> None:
    assert made["publish_mode"] == "editorial_workflow"
    assert made["backend"] == {"name": "github", "branch": "main", "repo": "example/briefing"}


def test_sign_in_goes_through_the_helper_briefing_yml_names() -> None:
    backend = config.config("data", REPOSITORY, "https://auth.example.org/oauth/start")["backend"]
    assert (backend["base_url"], backend["auth_endpoint"]) == (
        "https://auth.example.org",
        "oauth/start",
    )
    bare = config.config("data", REPOSITORY, "https://auth.example.org")["backend"]
    assert bare["auth_endpoint"] == "auth"  # what the usual helpers answer on
    assert "base_url" not in config.config("data", REPOSITORY)["backend"]  # Decap's: Netlify


def test_a_fields_description_is_its_help_text() -> None:
    class Part(BaseModel):
        place: str | None = Field(default=None, description="Where it happened, as reported.")
        on: Date

    place, on = config.fields(Part)
    assert place["hint"] == "Where it happened, as reported."
    assert on["hint"] == config.DATE_HINT  # no description: what the type asks for


@pytest.mark.parametrize("repository", [None, "https://gitlab.com/example/briefing"])
def test_without_a_github_repository_the_backend_names_none(repository: str | None) -> None:
    assert "repo" not in config.config("data", repository)["backend"]


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_every_collection_is_a_folder_of_one_file_per_record(
    made: dict[str, Any], name: str
) -> None:
    found = collection(made, name)
    model = COLLECTIONS[name][0]
    assert found["folder"] == f"data/{name}" and found["extension"] == "yml"
    assert found["slug"] == "{{slug}}"  # the file name, the id, from the title or name
    assert found["identifier_field"] in model.model_fields
    assert {f["name"] for f in found["fields"]} == set(model.model_fields) - {"id"}
    for one in found["fields"]:
        assert one["required"] == model.model_fields[one["name"]].is_required(), one["name"]
    first = found["fields"][0]
    assert first["comment"] == f"yaml-language-server: $schema=../schemas/{name}.schema.json"


def test_fields_come_in_the_order_of_the_data_files(made: dict[str, Any]) -> None:
    names = [f["name"] for f in collection(made, "reactions")["fields"]]
    assert names == [
        "title", "by", "date", "how", "to", "summary", "quotes",
        "sources", "disagreements", "confidence",
    ]  # fmt: skip


def test_each_kind_of_field_has_its_widget(made: dict[str, Any]) -> None:
    reaction = collection(made, "reactions")["fields"]
    assert field(reaction, "title")["widget"] == "string"
    how = field(reaction, "how")
    assert how["widget"] == "select" and "summons" in how["options"]
    date = field(reaction, "date")
    assert date["widget"] == "string" and date["pattern"][0] == JSON_PATTERN
    assert "2024-06-19" in date["hint"]
    by = field(reaction, "by")
    assert (by["widget"], by["collection"], by["multiple"], by["min"]) == (
        "relation",
        "actors",
        True,
        1,
    )
    assert by["search_fields"] == ["name", "{{slug}}"] and by["value_field"] == "{{slug}}"
    to = field(reaction, "to")
    assert (to["widget"], to["collections"]) == (config.RECORD_WIDGET, ["events", "agreements"])
    summary = field(reaction, "summary")
    assert summary["widget"] == "text"  # a plain text box: the Markdown as typed
    assert "`[[its-id]]`" in summary["hint"]
    quotes = field(reaction, "quotes")
    assert quotes["widget"] == "list" and quotes["required"] is False
    assert [f["name"] for f in quotes["fields"]] == ["text", "source", "translation", "note"]
    assert field(quotes["fields"], "source")["widget"] == "relation"


def test_parts_are_objects_and_single_references_are_single(made: dict[str, Any]) -> None:
    agreement = collection(made, "agreements")["fields"]
    signed = field(agreement, "signed")
    assert signed["widget"] == "object" and signed["required"] is True
    assert [f["name"] for f in signed["fields"]] == ["date", "place"]
    ended = field(agreement, "ended")
    assert ended["required"] is False
    assert field(ended["fields"], "replaced_by")["multiple"] is False
    figure = collection(made, "figures")["fields"]
    assert field(figure, "value")["widget"] == "number"
    caveats = field(figure, "caveats")
    assert caveats["widget"] == "list" and caveats["field"]["widget"] == "text"
    source = collection(made, "sources")["fields"]
    assert field(source, "url")["pattern"][0] == "^https?://"
    assert field(source, "title_kind")["default"] == "headline"


def test_a_multiple_reference_to_one_collection_is_not_mistaken_for_several(
    made: dict[str, Any],
) -> None:
    perspective = collection(made, "perspectives")["fields"]
    assert field(perspective, "responds_to")["widget"] == "relation"
    about = field(perspective, "about")
    assert about["widget"] == config.RECORD_WIDGET
    assert about["collections"] == list(COLLECTIONS)


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        ("https://github.com/owner/name", "owner/name"),
        ("https://github.com/owner/name.git", "owner/name"),
        ("https://github.com/owner/name/", "owner/name"),
        ("https://github.com/owner", None),
        ("https://example.org/owner/name", None),
        (None, None),
    ],
)
def test_the_github_repository_is_read_from_its_address(
    repository: str | None, expected: str | None
) -> None:
    assert config.github_repo(repository) == expected
