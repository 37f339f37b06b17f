"""site/editing.py: from a record's page to its file in GitHub's editor and to the correction
form, filled in; nothing at all without a GitHub repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Briefing
from macros.facts.checking import check
from macros.site.editing import FORM, WHERE, Editing
from test_site import build_site

GITHUB = "https://github.com/example/inf"


def test_the_addresses_of_a_github_repository(briefing: Briefing) -> None:
    briefing.edit(
        "briefing.yml",
        "repository: https://example.org/inf/repository",
        f"repository: {GITHUB}.git",
    )
    built = briefing.catalog()
    assert built.briefing is not None
    editing = Editing.of(built.briefing, "briefings/inf")
    assert editing is not None
    entry = built.records["inf-signing"]
    assert editing.edit(entry) == f"{GITHUB}/edit/main/briefings/inf/events/inf-signing.yml"
    assert editing.docs() == f"{GITHUB}/edit/main/docs/"
    address = "https://example.org/inf/events/inf-signing/"
    correction = urlsplit(editing.correction(entry, "The INF Treaty is signed", address))
    assert correction.path == "/example/inf/issues/new"
    assert parse_qs(correction.query) == {
        "template": [FORM],
        "title": ["Correction: The INF Treaty is signed"],
        WHERE: [f"{address} (inf-signing)"],
    }


def test_another_branch_is_followed(briefing: Briefing) -> None:
    briefing.edit(
        "briefing.yml",
        "repository: https://example.org/inf/repository",
        f"repository: {GITHUB}\nbranch: trunk",
    )
    built = briefing.catalog()
    assert built.briefing is not None
    editing = Editing.of(built.briefing, "data")
    assert editing is not None and editing.docs() == f"{GITHUB}/edit/trunk/docs/"


@pytest.mark.parametrize(
    "repository",
    ["https://example.org/inf/repository", "https://gitlab.com/example/inf", f"{GITHUB}/tree/x"],
)
def test_no_links_without_a_github_repository(briefing: Briefing, repository: str) -> None:
    briefing.edit(
        "briefing.yml",
        "repository: https://example.org/inf/repository",
        f"repository: {repository}",
    )
    built = briefing.catalog()
    assert built.briefing is not None and Editing.of(built.briefing, "data") is None


def test_the_correction_form_has_the_field_the_link_fills_in() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / FORM).read_text("utf-8"))
    assert [item["id"] for item in form["body"] if item.get("id") == WHERE] == [WHERE]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose data folder is the small briefing with a GitHub
    repository and an address, built strictly."""
    project = tmp_path_factory.mktemp("editing")
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, project / name)
    for folder in ("docs", "macros"):
        shutil.copytree(
            ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", project / "data")
    config = project / "data" / "briefing.yml"
    text = config.read_text("utf-8").replace(
        "repository: https://example.org/inf/repository", f"repository: {GITHUB}"
    )
    config.write_text(text + "url: https://example.org/inf/\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_DATA", "SITE_URL")}
    env["SOURCE_DATE_EPOCH"] = "0"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"]
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return project / "out"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")


def test_every_record_page_links_to_its_file_and_to_the_filled_in_form(site: Path) -> None:
    built = check(ROOT / "tests" / "fixtures" / "valid").catalog
    assert built is not None
    for entry in built.records.values():
        page = f"{entry.collection}/{entry.id}"
        soup = _soup(site, page)
        nav = soup.select_one('nav.brief-fix[aria-label="Improve this record"]')
        assert nav is not None, page
        edit, correction = (str(a["href"]) for a in nav.select("a"))
        path = f"data/{entry.collection}/{entry.id}.yml"
        assert edit == f"{GITHUB}/edit/main/{path}", page
        assert (
            ROOT / "tests" / "fixtures" / "valid" / entry.collection / f"{entry.id}.yml"
        ).is_file()
        query = parse_qs(urlsplit(correction).query)
        assert query[WHERE] == [f"https://example.org/inf/{page}/ ({entry.id})"], page
        assert query["template"] == [FORM]
        # Material's own edit button on the page opens the same file.
        assert [str(a["href"]) for a in soup.select("a.md-content__button[rel=edit]")] == [edit]


def test_a_hand_written_page_has_materials_edit_button_on_its_markdown(site: Path) -> None:
    about = _soup(site, "about")
    assert [str(a["href"]) for a in about.select("a.md-content__button[rel=edit]")] == [
        f"{GITHUB}/edit/main/docs/about.md"
    ]
    assert (ROOT / "docs" / "about.md").is_file()


def test_without_a_repository_there_is_no_edit_link(tmp_path: Path) -> None:
    """A repository that is not on GitHub (the small briefing's, on example.org) gives no
    link at all, rather than a broken one."""
    out = tmp_path / "site"
    result = build_site(ROOT / "tests" / "fixtures" / "valid", out)  # example.org: not GitHub
    assert result.returncode == 0, result.stderr
    for page in sorted(out.rglob("index.html")):
        html = page.read_text("utf-8")
        assert "brief-fix" not in html and 'rel="edit"' not in html, page
