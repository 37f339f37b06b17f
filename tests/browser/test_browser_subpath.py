"""The site under a sub-path, as GitHub Pages serves a project site
(``https://<owner>.github.io/<repository>/``): the default briefing built for that address (as
the publish workflow sets SITE_URL) and served at ``/briefing/`` with its 404 page for any
missing address (tests/sites.py, ``UNDER``). Every kind of page loads with nothing asked of
the server's root, the 404 page keeps its styles at any depth, search finds and opens pages,
the timeline filters, and every data file downloads.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from sites import PAGE_TYPES, Reader, Readers

SUBPATH = "subpath"


@pytest.fixture
def under(readers: Readers) -> Reader:
    """A tab on the default briefing as served at /briefing/."""
    return readers.get(SUBPATH)


def outside(html: str, prefix: str) -> list[str]:
    """The addresses in ``html`` that name a path from the server's root outside ``prefix``."""
    soup = BeautifulSoup(html, "html.parser")
    found = [str(e.get(a)) for a in ("href", "src") for e in soup.select(f"[{a}]")]
    return [url for url in found if url.startswith("/") and not url.startswith(("//", prefix))]


def _prefix(reader: Reader) -> str:
    return urlsplit(reader.site.base).path


@pytest.mark.parametrize("kind", sorted(k for k in PAGE_TYPES if k != "not-found"))
def test_every_kind_of_page_works_under_the_sub_path(under: Reader, kind: str) -> None:
    under.open(PAGE_TYPES[kind], idle=True)
    assert under.problems() == []
    assert [url for url in under.requests if not url.startswith(under.site.base)] == []
    assert outside(under.page.content(), _prefix(under)) == []


@pytest.mark.parametrize("missing", ["no-such-page", "events/no-such-event/", "a/b/c/d.html"])
def test_a_missing_address_gets_the_404_page_with_its_styles(under: Reader, missing: str) -> None:
    under.finish_loading()
    response = under.page.goto(under.site.base + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    expect(under.page.locator("article.md-content__inner h1")).to_contain_text("404")
    failed = [line for line in under.failed if missing not in line]
    console = [line for line in under.console if "status of 404" not in line]  # the page itself
    assert (console, failed) == ([], [])
    assert [url for url in under.requests if not url.startswith(under.site.base)] == []
    assert outside(under.page.content(), _prefix(under)) == []
    styled = "() => getComputedStyle(document.querySelector('.md-header')).position"
    assert under.evaluate(styled) == "sticky", "Material's stylesheet applies"


def test_a_404_page_built_for_the_root_would_break_under_a_sub_path(readers: Readers) -> None:
    """The negative control: the 404 page of the site built for the server's root names its
    assets from the root, which the check above catches."""
    root = readers.get("default").site.root
    assert outside((root / "404.html").read_text("utf-8"), "/briefing/") != []


def test_search_finds_and_opens_a_page_under_the_sub_path(under: Reader) -> None:
    under.open("")
    box = under.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Daniel DePetris")
    page = under.site.base + "actors/daniel-depetris/"
    result = under.page.locator(f'.md-search-result__item a[href^="{page}?h="]').first
    expect(result).to_be_visible()
    result.click()
    expect(under.page).to_have_url(re.compile(re.escape(page) + r"\?h="))
    expect(under.page.locator("article.md-content__inner h1")).to_contain_text("Daniel DePetris")
    assert under.problems() == []


def test_the_timeline_filters_under_the_sub_path(under: Reader) -> None:
    under.open("timeline/")
    total = under.page.locator("[data-brief-item]").count()
    under.page.locator("[data-filter]:visible").first.click()
    status = under.page.locator("[data-filter-status]")
    expect(status).to_have_text(re.compile(rf"Showing \d+ of {total} entries\."))
    chosen = re.escape(under.site.base + "timeline/") + r"\?(kind|actor|agreement)="
    assert re.match(chosen, under.page.url), under.page.url
    shown = under.page.locator("[data-brief-item]:visible").count()
    under.page.reload()
    expect(status).to_have_text(f"Showing {shown} of {total} entries.")
    assert under.problems() == []


def test_every_data_file_downloads_under_the_sub_path(under: Reader) -> None:
    under.open("data/")
    links = under.page.locator("article a[type]")
    addresses = [urljoin(under.page.url, str(a.get_attribute("href"))) for a in links.all()]
    assert len(addresses) >= 10, "briefing.json, its schema, the CSVs, the calendar, the feed"
    for address in addresses:
        assert address.startswith(under.site.base + "data/"), address
        response = under.page.request.get(address)
        assert response.ok and len(response.body()) > 100, address
