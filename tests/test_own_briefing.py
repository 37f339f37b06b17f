"""A briefing of one's own: made by ``macros new``, built by the same generator, and free of
every word that only the default briefing uses, in its site, its data files and its PDF.

The words are taken from data/ itself (the briefing's title, its actors' names), with the
three the issue names, so the test follows the default briefing as it grows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from browser import serve
from conftest import ROOT
from pdf import print_pack
from playwright.sync_api import Browser
from sites import run_tool
from test_site import build_site

from macros import scaffold
from macros.facts.checking import check

#: Words that only the default briefing uses, besides its title and its actors' names.
NAMED = ("DPRK", "Pyongyang", "Korea")
#: Material's own search-language files name languages, Korean among them: not our text.
MATERIAL_LUNR = "assets/javascripts/lunr/"


def default_words() -> list[str]:
    built = check(ROOT / "data").catalog
    assert built is not None and built.briefing is not None
    words = {built.briefing.title, *NAMED}
    for entry in built.collections["actors"]:
        record = entry.record
        words |= {record.name, getattr(record, "short_name", None) or record.name}  # type: ignore[attr-defined]
    return sorted(w for w in words if len(w) >= 4)  # "NSC", "UK" are letters, not names


def leaks(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A briefing made by ``macros new --title Test``, and its site built strictly."""
    data = tmp_path_factory.mktemp("own") / "briefing"
    scaffold.create(data, "Test", dt.date(2026, 12, 7))
    out = tmp_path_factory.mktemp("own-site")
    result = build_site(data, out)
    assert result.returncode == 0, result.stderr
    return data, out


def test_the_words_are_found_where_they_are() -> None:
    """Negative control: the default briefing's own files are full of them."""
    words = default_words()
    assert {"Pyongyang", "Korea", "Vladimir Putin"} <= set(words)
    text = (ROOT / "data" / "briefing.yml").read_text(encoding="utf-8")
    assert "Pyongyang" in leaks(text, words)


def test_the_new_briefing_s_data_files_name_nothing_of_the_default(own: tuple[Path, Path]) -> None:
    data, _ = own
    words = default_words()
    for path in sorted(data.rglob("*")):
        if path.is_file():
            assert leaks(path.read_text(encoding="utf-8"), words) == [], path.name


def test_its_site_names_nothing_of_the_default(own: tuple[Path, Path]) -> None:
    _, site = own
    words = default_words()
    checked = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative.startswith(MATERIAL_LUNR) or path.suffix == ".gz":
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert leaks(text, words) == [], relative
        checked += 1
    assert checked > 40  # every page, the data files, the search index, the theme's assets
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1" in home and "Test" in home


def test_its_printed_pack_names_nothing_of_the_default(
    own: tuple[Path, Path], chromium: Browser, tmp_path: Path
) -> None:
    _, site = own
    with serve(site) as base:
        written = print_pack(chromium, base, site, tmp_path, {"a4": "A4"})
    text = run_tool("pdftotext", "-layout", str(written[0]), "-").stdout
    assert "Test" in text and "example agreement" in text.lower()
    assert leaks(text, default_words()) == []
