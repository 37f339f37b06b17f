"""What every page says about itself (site/meta.py, theme/main.html): a description of its
own, at most 160 characters of plain text; Open Graph and Twitter tags from data; links to the
feed and the calendar; and robots.txt, which names the sitemap."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import Briefing
from macros.site import meta
from test_site import BRIEFINGS, build_site

ADDRESS = "https://briefing.example.org/brief/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default briefing built with an address, the second without one."""
    sites = {}
    for name, address in (("default", ADDRESS), ("second", None)):
        out = tmp_path_factory.mktemp(f"meta-{name}")
        with pytest.MonkeyPatch.context() as patch:
            if address:
                patch.setenv("SITE_URL", address)
            else:
                patch.delenv("SITE_URL", raising=False)
            result = build_site(BRIEFINGS[name], out)
        assert result.returncode == 0, result.stderr
        sites[name] = out
    return sites


def heads(site: Path) -> dict[str, Tag]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        head = BeautifulSoup(path.read_text("utf-8"), "html.parser").head
        assert head is not None, path
        found[path.relative_to(site).as_posix()] = head
    return found


def content(head: Tag, selector: str) -> str | None:
    found = head.select(selector)
    assert len(found) <= 1, selector
    return str(found[0]["content"]) if found else None


@pytest.mark.parametrize("name", ["default", "second"])
def test_every_page_has_a_description_of_its_own(built: dict[str, Path], name: str) -> None:
    pages = {path: head for path, head in heads(built[name]).items() if path != "404.html"}
    said = {path: content(head, 'meta[name="description"]') for path, head in pages.items()}
    assert all(said.values()), [path for path, text in said.items() if not text]
    twice = {text for text, count in Counter(said.values()).items() if count > 1}
    assert twice == set()
    for path, text in said.items():
        assert text is not None and len(text) <= meta.LIMIT, path
        assert "<" not in text and "[[" not in text and "](" not in text, (path, text)


def test_link_previews_come_from_the_page(built: dict[str, Path]) -> None:
    pages = heads(built["default"])
    event = pages["events/treaty-2024-signed/index.html"]
    description = content(event, 'meta[name="description"]')
    assert content(event, 'meta[property="og:description"]') == description
    assert content(event, 'meta[name="twitter:description"]') == description
    assert content(event, 'meta[property="og:type"]') == "article"
    assert content(event, 'meta[property="og:url"]') == ADDRESS + "events/treaty-2024-signed/"
    title = content(event, 'meta[property="og:title"]')
    assert title and event.title and (event.title.string or "").startswith(title)
    home = pages["index.html"]
    assert content(home, 'meta[property="og:type"]') == "website"
    assert content(home, 'meta[property="og:title"]') == content(
        home, 'meta[property="og:site_name"]'
    )
    for path, head in pages.items():
        if path == "404.html":  # no page: Material renders it without one
            continue
        assert content(head, 'meta[name="twitter:card"]') == "summary", path
        assert not head.select('meta[property="og:image"], meta[name="twitter:image"]'), path


def test_without_an_address_a_preview_names_no_url(built: dict[str, Path]) -> None:
    for path, head in heads(built["second"]).items():
        assert not head.select('meta[property="og:url"], link[rel="canonical"]'), path


@pytest.mark.parametrize("name", ["default", "second"])
def test_every_page_links_the_feed_and_the_calendar(built: dict[str, Path], name: str) -> None:
    site = built[name]
    for path, head in heads(site).items():
        kinds = {}
        for link in head.select('link[rel~="alternate"]'):
            kinds[link["type"]] = link["href"]
            # "feed" too: Material fetches a sitemap.xml beside every rel="alternate" alone
            assert link["rel"] == ["alternate", "feed"], path
        assert set(kinds) == {"application/atom+xml", "text/calendar"}, path
        if path != "404.html":  # its addresses start from the site's root (tests/browser)
            for href in kinds.values():
                assert (site / Path(path).parent / str(href)).resolve().is_file(), (path, href)


def test_the_missing_page_is_not_indexed(built: dict[str, Path]) -> None:
    pages = heads(built["default"])
    assert content(pages["404.html"], 'meta[name="robots"]') == "noindex"
    assert content(pages["index.html"], 'meta[name="robots"]') is None


def test_robots_txt_names_the_sitemap(built: dict[str, Path]) -> None:
    robots = (built["default"] / "robots.txt").read_text("utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {ADDRESS}sitemap.xml\n"
    assert (built["second"] / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"


def test_a_long_text_is_cut_at_a_word() -> None:
    text = "word " * 40
    cut = meta.shortened(text)
    assert len(cut) <= meta.LIMIT and cut.endswith("word…")
    assert meta.shortened("A short one.\n  On two lines.") == "A short one. On two lines."


def test_a_page_is_described_by_its_first_paragraph() -> None:
    html = (
        "<h1>Events</h1><table><tr><td><p>not this</p></td></tr></table>"
        "<p></p><p>What <em>happened</em>, &amp; when.</p><p>Not this either.</p>"
    )
    assert meta.page_description("Events", html) == "Events: What happened, & when."
    long = "<p>" + "A paragraph that says enough on its own to stand alone. " * 2 + "</p>"
    assert not meta.page_description("Events", long).startswith("Events")


@pytest.mark.parametrize("before", [0, meta._PIECE - 20, meta._PIECE * 3 + 7])
def test_the_first_paragraph_is_found_wherever_the_pieces_of_content_are_cut(before: int) -> None:
    """page_description reads the content a piece at a time and stops at the first
    paragraph: the same words wherever a piece ends (in a tag, a word or an entity), and
    nothing from after that paragraph."""
    filler = "<table><tr><td>" + "x" * max(0, before - 30) + "</td></tr></table>"
    html = filler + "<p>What <em>happened</em>, &amp; when, at " + "length " * 20 + "end.</p>"
    tail = "<p>Not this.</p>" + "<div>" * 5000
    said = meta.page_description("Events", html + tail)
    assert said == meta.shortened("What happened, & when, at " + "length " * 20 + "end.")
    assert "Not this" not in said


def test_a_record_without_a_summary_is_named(briefing: Briefing) -> None:
    built = briefing.catalog()
    source = built.records["treaty-text"]
    said = meta.record_description(built, source)
    assert said.startswith("Treaty text (")
    event = built.records["inf-signing"]
    assert meta.record_description(built, event) == "The two leaders sign the treaty."
