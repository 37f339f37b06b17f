"""The header's mark and the tab's icon: a neutral mark, or the briefing's own."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from test_site import BRIEFINGS, build_site

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle r="1"/></svg>\n'


def marks(site: Path) -> tuple[str, str]:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    icon, logo = soup.select_one("link[rel=icon]"), soup.select_one(".md-logo img")
    assert icon is not None and logo is not None
    return str(icon["href"]), str(logo["src"])


def test_a_briefing_shows_its_own_logo_and_favicon_or_the_neutral_mark(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BRIEFINGS["second"], data)
    (data / "images").mkdir()
    (data / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    briefing = data / "briefing.yml"
    text = briefing.read_text(encoding="utf-8")
    briefing.write_text(text + "logo: images/logo.svg\n", encoding="utf-8")
    result = build_site(data, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    icon, logo = marks(tmp_path / "site")
    assert logo == "assets/briefing/logo.svg"
    assert (tmp_path / "site" / logo).read_text(encoding="utf-8") == LOGO
    assert icon == "assets/mark.svg"  # no favicon given: the neutral mark
    assert (tmp_path / "site" / icon).is_file()
