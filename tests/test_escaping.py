"""Every value from data reaches a page as text: markup and template syntax show literally.

A copy of the small briefing gets hostile text in its plain-text fields (titles, names,
places, quotations: the fields that may hold any character), is built with the same code,
and each page is read back: the text is there, verbatim, and nothing of it became markup.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_site import ROOT, build_site

HOSTILE = "First draft <beta> {{ x }} {% if %} <script>alert(1)</script> & [[inf-treaty]]"
BREAKOUT = '"></title></head><script>alert(2)</script>'
SUBTITLE = "A test briefing on the 1987 Intermediate-Range Nuclear Forces Treaty"
EDITS = {  # file → (line in the fixture, the line that replaces it); JSON strings are YAML
    "briefing.yml": ("title: The INF Treaty in brief", f"title: {json.dumps(BREAKOUT)}"),
    "briefing.yml ": (f"subtitle: {SUBTITLE}", f"subtitle: {json.dumps(BREAKOUT + SUBTITLE)}"),
    "events/inf-signing.yml": ("title: The INF Treaty is signed", f"title: {json.dumps(HOSTILE)}"),
    "actors/soviet-union.yml": ("short_name: USSR", f"short_name: {json.dumps(HOSTILE)}"),
    "events/inf-withdrawal-2019.yml": (
        "kind: statement",
        f"kind: statement\nplace: {json.dumps(HOSTILE)}",
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", data)
    for name, (old, new) in EDITS.items():
        path = data / name.strip()
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-site")
    result = build_site(data, out)
    assert result.returncode == 0, result.stderr
    return out


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    "page", ["events/inf-signing", "actors/soviet-union", "events/inf-withdrawal-2019", "timeline"]
)
def test_hostile_text_shows_verbatim(hostile_site: Path, page: str) -> None:
    article = soup(hostile_site, page).select_one("article")
    assert article is not None
    assert HOSTILE in article.get_text(" ")


def test_no_script_from_data_reaches_any_page(hostile_site: Path) -> None:
    """Data reaches a script element only as a string inside a record's JSON-LD (which
    tests/test_jsonld.py checks), never as code."""
    for html_file in hostile_site.rglob("*.html"):
        for script in BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.get_text(), html_file
                json.loads(script.get_text())
                continue
            assert "alert(" not in script.get_text(), html_file


def test_titles_and_descriptions_from_data_stay_text(hostile_site: Path) -> None:
    page = soup(hostile_site, "events/inf-signing")
    assert page.title is not None
    assert page.title.get_text() == f"{HOSTILE} - {BREAKOUT}"
    for tag in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        preview = page.select_one(tag)
        assert preview is not None and preview["content"] == HOSTILE, tag
    assert page.select("head > meta") == page.select("meta"), "no tag broke out of the head"
    for name in ("", "404.html"):  # the home page's first paragraph; the site's description
        path = hostile_site / name / ("index.html" if not name else "")
        found = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        description = found.select_one('meta[name="description"]')
        assert description is not None and description["content"] == BREAKOUT + SUBTITLE, name


def test_no_element_is_made_from_data(hostile_site: Path) -> None:
    page = soup(hostile_site, "events/inf-signing")
    assert page.select("beta") == []
    assert page.select('article script:not([type="application/ld+json"])') == []


def test_the_negative_control_plain_text_is_unchanged(hostile_site: Path) -> None:
    """A record without hostile text renders its title exactly, not escaped twice."""
    heading = soup(hostile_site, "agreements/inf-treaty").select_one("article h1")
    assert heading is not None
    assert heading.get_text(" ", strip=True).removesuffix("¶").strip() == "INF Treaty"
