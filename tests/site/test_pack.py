"""The briefing pack (docs/pack.md): everything it promises is on the page, laid out on
paper nothing sticks out of the page, and ``make pdf``'s tool prints it on A4 and Letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.site.pagefind import read_index
from pdf import PAPERS, open_pack, print_pack, published_url
from sites import Sites
from test_site import BRIEFINGS

#: A4 less the pack's side margins (15 mm each): the narrower of the two papers' columns.
PRINT_WIDTH = round((210 - 30) / 25.4 * 96)
#: Elements wider than the column, by tag and class, and the first words of their text.
_OVERFLOWING = """() => {
  const article = document.querySelector("article.md-content__inner");
  const limit = article.getBoundingClientRect().right + 1;
  const wide = [];
  for (const el of article.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > limit) {
      wide.push(`${el.tagName}.${el.className}: ${(el.textContent || "").slice(0, 40)}`);
    }
  }
  return wide;
}"""

_WIDE_TABLE = """() => {
  const table = document.createElement("table");
  table.className = "wide";
  table.append(document.createElement("tr"));
  table.firstChild.append(document.createElement("td"));
  table.style.width = "2000px";
  document.querySelector("article.md-content__inner").append(table);
}"""


#: The address the pack's links are pointed at in these tests, as make pdf points them at
#: the published briefing's.
PUBLISHED = "https://example.org/inf/"


def catalog_of(data: Path, site_url: str | None = None) -> Catalog:
    built, problems = check(data, site_url)
    assert built is not None and not problems, [str(p) for p in problems]
    return built


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def pack(name: str, sites: Sites) -> BeautifulSoup:
    html = (sites.get(name).root / "pack" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def test_the_pack_gathers_the_whole_briefing(name: str, pack: BeautifulSoup, sites: Sites) -> None:
    built = catalog_of(BRIEFINGS[name], sites.get(name).base)
    briefing = built.briefing
    assert briefing is not None
    article = pack.select_one("article")
    assert article is not None
    heading = article.select_one("h1")
    assert heading is not None and heading.get_text(strip=True).rstrip("¶") == briefing.title
    assert briefing.subtitle in article.get_text(" ")
    assert article.select_one(".brief-pack-cover a[href]")["href"] == briefing.url  # type: ignore[index]
    assert article.select_one(".brief-bottom-line") is not None
    assert len(article.select(".brief-judgments > li")) == len(briefing.key_judgments)
    assert len(article.select(".brief-figure-card")) == len(briefing.key_figures)
    assert len(article.select("table.brief-compare")) == len(briefing.comparisons)
    items = [li["id"] for li in article.select("li[data-brief-item]")]
    assert items == [e.id for e in built.dated("events", "reactions")]
    cited = {a["href"] for a in article.select("a.brief-cite")}
    listed = {f"#{li['id']}" for li in article.select("ol.brief-sources li")}
    assert cited and cited == listed


def test_only_the_pack_is_laid_out_as_the_pack(name: str, sites: Sites) -> None:
    """pack.css is scoped by .brief-pack-cover: no other page has it, and search skips the pack."""
    root = sites.get(name).root
    with_cover = [
        p.parent.relative_to(root).as_posix()
        for p in root.rglob("index.html")
        if "brief-pack-cover" in p.read_text("utf-8")
    ]
    assert with_cover == ["pack"]
    locations = set(read_index(root))
    assert not any(loc.startswith("pack/") for loc in locations)
    assert any(loc.startswith("timeline/") for loc in locations), "search itself works"


@pytest.mark.parametrize("paper", ["a4"])
def test_on_paper_nothing_is_wider_than_the_page(
    name: str, paper: str, chromium: Browser, sites: Sites
) -> None:
    served = sites.get(name)
    page = chromium.new_page(viewport={"width": PRINT_WIDTH, "height": 1100})
    try:
        open_pack(page, served.base, PUBLISHED)
        assert page.evaluate(_OVERFLOWING) == []
        width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], "no sideways scroll on paper"
        # Negative control: a table wider than the paper is found. (Its width is set through
        # the CSSOM: the site's Content-Security-Policy ignores style attributes.)
        page.evaluate(_WIDE_TABLE)
        assert any(found.startswith("TABLE.wide") for found in page.evaluate(_OVERFLOWING))
    finally:
        page.close()


def test_the_pack_links_to_the_published_briefing(chromium: Browser, sites: Sites) -> None:
    """Printed, the pack's links to other pages lead to the published site, whose address
    make pdf reads from briefing.json (tests/pdf.py); with none, they are left out."""
    served = sites.get("second")
    assert published_url(served.root) == served.base, "built for the address it is served at"
    page = chromium.new_page()
    try:
        open_pack(page, served.base, PUBLISHED)
        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        own = page.evaluate(
            "() => [...document.querySelectorAll('a.brief-cite[href]')].map(a => a.href)"
        )
    finally:
        page.close()
    pack = served.base + "pack/"
    local = [h for h in hrefs if h.startswith(served.base) and h.split("#")[0] != pack]
    assert local == [], "links to pages lead to the published briefing, not this server"
    assert any(h.startswith(PUBLISHED + "events/") for h in hrefs)
    assert own and all(h.startswith(pack + "#source-") for h in own), "in-pack links stay"
    page = chromium.new_page()
    try:
        open_pack(page, served.base, "")
        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    finally:
        page.close()
    assert [h for h in hrefs if h.startswith(served.base) and h.split("#")[0] != pack] == []
    assert any(h.startswith(pack + "#source-") for h in hrefs)


def test_the_tool_prints_the_pack_on_a4_and_letter(
    chromium: Browser, sites: Sites, tmp_path: Path
) -> None:
    served = sites.get("second")
    written = print_pack(chromium, served.base, served.root, tmp_path)
    assert [p.name for p in written] == [f"briefing-pack-{n}.pdf" for n in PAPERS]
    sizes = {}
    for path in written:
        body = path.read_bytes()
        assert body.startswith(b"%PDF-")
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", body)
        assert len(boxes) >= 2, "the timeline starts a page of its own"
        sizes[path.name] = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert sizes == {
        "briefing-pack-a4.pdf": {(596, 843)},
        "briefing-pack-letter.pdf": {(612, 792)},
    }
