"""Pages as a reader's browser loads them: no error, no failed request, nothing from elsewhere;
search that finds what a reader looks for; a palette toggle that works.

Both briefings are built once and served on 127.0.0.1 (tests/sites.py); one Chromium runs it
all. Each check has a twin showing that it can fail: the logs do catch an error, a failed
request and a request to another origin, and search does say when nothing matches.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sites import PAGES, Reader, Readers, foreign

CASES = [(site, kind) for site, pages in PAGES.items() for kind in pages]


@pytest.mark.parametrize(("site", "kind"), CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_a_page_loads_cleanly_from_its_own_origin_only(
    readers: Readers, site: str, kind: str
) -> None:
    reader = readers.get(site)
    reader.open(PAGES[site][kind], idle=True)
    assert reader.problems() == []
    assert reader.foreign_requests() == []
    assert len(reader.requests) > 5  # the page, its styles, scripts and the search index
    assert reader.page.locator("article.md-content__inner h1").count() == 1


def test_the_logs_catch_an_error_a_failed_request_and_a_dialog(reader: Reader) -> None:
    reader.open("")
    reader.evaluate("() => console.error('planted')")
    with reader.page.expect_response("**/no-such-file.css"):
        reader.evaluate("() => fetch('no-such-file.css').catch(() => null)")
    reader.evaluate("() => alert('planted')")
    assert "error: planted" in reader.console
    assert any("no-such-file.css (HTTP 404)" in failure for failure in reader.failed)
    assert reader.dialogs == ["alert: planted"]


def test_leaving_a_page_at_once_is_no_failed_request(reader: Reader) -> None:
    """Pages opened one straight after another: what the page left behind was still
    loading (the search worker's script, the search index, the sitemap, the favicon), and
    navigating away aborts it (``net::ERR_ABORTED``); that is the test's doing, not a fault
    of the site (``Reader.open``). Before the fix, nearly every pair failed here."""
    for path in ["timeline/", "about/", "", "sources/", "timeline/", "about/"]:
        reader.open(path)
    assert reader.problems() == []


def test_a_request_the_page_itself_aborts_is_a_failed_request(reader: Reader) -> None:
    """The twin: only aborts caused by the test leaving a page are let pass; a request that
    the page aborts while the reader stays is still a failure. (The request is held open by
    a route that never answers, so that it is surely under way when it is aborted.)"""
    reader.open("")
    reader.page.route("**/planted.json", lambda route: None)
    try:
        with reader.page.expect_request("**/planted.json"):
            reader.evaluate(
                """() => {
                    window.stop = new AbortController();
                    fetch('planted.json', {signal: window.stop.signal}).catch(() => null);
                }"""
            )
        reader.evaluate("() => window.stop.abort()")
        reader.finish_loading()
    finally:
        reader.page.unroute("**/planted.json")
    assert any("planted.json (net::ERR_ABORTED)" in failure for failure in reader.failed)


def test_a_request_to_another_origin_is_noticed(reader: Reader) -> None:
    """Outside the site (no policy forbids it there) a foreign image is requested and flagged."""
    reader.page.goto("about:blank")
    reader.page.set_content('<img src="http://127.0.0.2:9/pixel.png" alt="">')
    assert foreign(reader.requests, reader.site.origin) == ["http://127.0.0.2:9/pixel.png"]


def _search(reader: Reader, query: str) -> None:
    reader.open("")
    box = reader.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)


@pytest.mark.parametrize(
    ("query", "page", "anchor", "heading"),
    [
        ("Article 4", "agreements/russia-dprk-treaty-2024/", "article-4", "Article 4"),
        ("Daniel DePetris", "actors/daniel-depetris/", None, "Daniel DePetris"),
    ],
)
def test_search_finds_it_and_the_result_opens_the_right_page(
    reader: Reader, query: str, page: str, anchor: str | None, heading: str
) -> None:
    _search(reader, query)
    exact = f'[href$="#{anchor}"]' if anchor else ':not([href*="#"])'
    results = reader.page.locator(f'.md-search-result__item a[href^="{reader.site.base}{page}?h="]')
    result = results.and_(reader.page.locator(f"a{exact}")).first
    expect(result).to_be_visible()
    result.click()
    expect(reader.page).to_have_url(re.compile(re.escape(reader.site.base + page) + r"\?h="))
    if anchor:
        target = reader.page.locator(f"#{anchor}")
        expect(target).to_contain_text(heading)
        expect(target).to_be_in_viewport()
    else:
        expect(reader.page.locator("article.md-content__inner h1")).to_contain_text(heading)
    assert reader.problems() == []


def test_search_by_keyboard_loads_pagefind_only_then_and_opens_the_result(reader: Reader) -> None:
    """The whole flow with the keys alone: Material's shortcut to the box, a query, the
    results (collection, title, a snippet with its words apart), the arrow to the first one
    and Enter. Nothing of Pagefind's index is fetched before the query (site/search.py)."""
    reader.open("", idle=True)
    assert not [url for url in reader.requests if "/pagefind/" in url]
    reader.page.keyboard.press("/")
    expect(reader.page.locator("input.md-search__input")).to_be_focused()
    reader.page.keyboard.type("Daniel DePetris")
    first = reader.page.locator(".md-search-result__item").first
    # The results of the whole query, not of one typed on the way (a list that is drawn again
    # under the arrow key would take the focus with it): their links carry the query.
    expect(first.locator("a").first).to_have_attribute("href", re.compile(r"\?h=daniel\+depetris$"))
    expect(first.locator("h1")).to_have_text("Actors Daniel DePetris")
    expect(first.locator(".brief-search-collection")).to_have_text("Actors")
    snippet = first.locator(".md-search-result__article p").first.inner_text()
    assert "DePetris" in snippet
    assert not re.search(r"[a-z][A-Z0-9]", snippet.replace("DePetris", "")), snippet
    assert [url for url in reader.requests if "/pagefind/" in url]
    reader.page.keyboard.press("ArrowDown")
    expect(first.locator("a").first).to_be_focused()
    reader.page.keyboard.press("Enter")
    page = "actors/daniel-depetris/"
    expect(reader.page).to_have_url(re.compile(re.escape(reader.site.base + page) + r"\?h="))
    expect(reader.page.locator("article.md-content__inner h1")).to_contain_text("DePetris")
    assert reader.problems() == []


def test_search_counts_every_match_when_it_shows_the_first_20(reader: Reader) -> None:
    """The worker shows Pagefind's first 20 results; the count says how many there are
    (docs/assets/search-count.js), and a query with fewer is counted as Material counts."""
    _search(reader, "Article 4")
    meta = reader.page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"^20 / \d+ matching documents$"))
    assert int(meta.inner_text().split("/")[1].split()[0]) > 20
    assert reader.page.locator(".md-search-result__item").count() == 10  # the rest on scroll
    reader.page.locator("input.md-search__input").fill("")
    reader.page.locator("input.md-search__input").press_sequentially("Daniel DePetris")
    expect(meta).to_have_text(re.compile(r"^1?[0-9] matching documents$"))  # under 20
    assert reader.problems() == []


def test_search_says_when_nothing_matches(reader: Reader) -> None:
    _search(reader, "qzxqzv")
    expect(reader.page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    assert reader.page.locator(".md-search-result__item").count() == 0


def _scheme(reader: Reader) -> str:
    return str(reader.evaluate("() => document.body.dataset.mdColorScheme"))


def _background(reader: Reader) -> str:
    return str(reader.evaluate("() => getComputedStyle(document.body).backgroundColor"))


def test_the_palette_toggle_switches_to_dark_and_back_and_is_remembered(reader: Reader) -> None:
    reader.open("")
    try:
        assert _scheme(reader) == "default"
        light = _background(reader)
        reader.page.locator('label[title="Switch to dark mode"]').click()
        expect(reader.page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        dark = _background(reader)
        assert dark != light
        reader.open("timeline/")  # a new page keeps the reader's choice
        assert _scheme(reader) == "slate"
        reader.page.locator('label[title="Switch to light mode"]').click()
        expect(reader.page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        assert _background(reader) == light
        assert reader.problems() == []
    finally:
        reader.evaluate("() => localStorage.clear()")
