"""settings.py: the data folder and the site's address that every command shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from macros import settings
from macros.cli import main

VALID = ROOT / "tests" / "fixtures" / "valid"


def project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def test_the_default_is_data_beside_mkdocs_yml(tmp_path: Path) -> None:
    assert settings.data_dir(tmp_path, environ={}) == tmp_path / "data"
    assert settings.data_dir(project(tmp_path, "site_name: x\n"), environ={}) == tmp_path / "data"


def test_extra_data_dir_names_the_folder_and_briefing_data_overrides_it(tmp_path: Path) -> None:
    root = project(tmp_path, "site_name: x\nextra:\n  data_dir: briefings/new-start\n")
    assert settings.data_dir(root, environ={}) == root / "briefings/new-start"
    chosen = settings.data_dir(root, environ={"BRIEFING_DATA": "/elsewhere/data"})
    assert chosen == Path("/elsewhere/data")


def test_mkdocs_yml_is_read_with_its_env_tags_and_nothing_is_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    monkeypatch.delenv("MY_DATA", raising=False)
    root = project(
        tmp_path,
        "site_url: !ENV [SITE_URL, '']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  data_dir: !ENV [MY_DATA, mine]\n",
    )
    assert settings.data_dir(root, environ={}) == root / "mine"
    monkeypatch.setenv("MY_DATA", "theirs")
    assert settings.data_dir(root, environ={}) == root / "theirs"


def test_a_broken_mkdocs_yml_is_named_with_its_line(tmp_path: Path) -> None:
    root = project(tmp_path, "site_name: x\nextra:\n  data_dir: [unclosed\n")
    with pytest.raises(settings.SettingsError) as failed:
        settings.data_dir(root, environ={})
    assert str(failed.value) == (
        "mkdocs.yml:4: cannot be read as YAML — fix it, or run from the folder that holds "
        "the project's mkdocs.yml"
    )


def test_the_site_address_is_site_url_when_set() -> None:
    assert settings.site_url({"SITE_URL": "https://example.org/b/"}) == "https://example.org/b/"
    assert settings.site_url({"SITE_URL": ""}) is None
    assert settings.site_url({}) is None


def test_every_command_reads_the_folder_that_mkdocs_yml_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """check, schema, export and diff, without a folder, all use extra.data_dir."""
    monkeypatch.delenv("BRIEFING_DATA", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.chdir(project(tmp_path, "extra:\n  data_dir: briefings/inf\n"))
    main(["new", "briefings/inf"])  # schemas for `schema --check`
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "data: 7 records checked in briefings/inf/, no problems\n"
    assert main(["schema", "--check"]) == 0
    assert main(["export", "--format", "csv", "out"]) == 0
    assert "wrote out/events.csv" in capsys.readouterr().out
    assert main(["diff", str(VALID)]) == 0
    assert "added event example-agreement-signed" in capsys.readouterr().out


def test_a_broken_mkdocs_yml_stops_a_command_with_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFING_DATA", raising=False)
    monkeypatch.chdir(project(tmp_path, "extra: [\n"))
    assert main(["check"]) == 2
    assert capsys.readouterr().out.startswith("mkdocs.yml:2: cannot be read as YAML")
