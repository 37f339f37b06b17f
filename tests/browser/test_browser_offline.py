"""The preview a reviewer opens from disk (``make preview``; the pull request's download):
built with Material's offline plugin, read from ``file://`` in Chromium, its links lead to
pages, search finds and opens records, the timeline's filters work, and the page breaks no
rule of its Content-Security-Policy and asks nothing of the network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.site import offline
from test_site import BRIEFINGS, build_site


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview")
    result = build_site(BRIEFINGS["second"], out, {"BRIEFING_OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def tab(chromium: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A tab, and every console error, page error and request off the disk it sees."""
    page = chromium.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith("file://") else problems.append(f"request {r.url}"),
    )
    yield page, problems
    page.close()


def test_pages_are_files_and_link_to_files(preview: Path) -> None:
    assert (preview / "events" / "inf-signing.html").is_file()
    assert not (preview / "events" / "inf-signing").exists()
    home = (preview / "index.html").read_text(encoding="utf-8")
    assert 'href="events/inf-signing.html"' in home or 'href="timeline.html"' in home
    record = (preview / "events" / "inf-signing.html").read_text(encoding="utf-8")
    assert 'href="../agreements/inf-treaty.html"' in record
    assert 'src="../assets/javascripts/iframe-worker-shim.js"' in record
    assert "unpkg.com" not in record


def test_a_reader_follows_links_from_disk(preview: Path, tab: tuple[Page, list[str]]) -> None:
    page, problems = tab
    page.goto((preview / "index.html").as_uri())
    page.locator("article a[href$='timeline.html']").first.click()
    expect(page).to_have_url((preview / "timeline.html").as_uri())
    page.locator("article a[href$='events/inf-signing.html']").first.click()
    expect(page.locator("article h1")).to_contain_text("The INF Treaty is signed")
    page.locator("article a[href$='agreements/inf-treaty.html']").first.click()
    expect(page.locator("article h1")).to_contain_text("INF Treaty")
    assert problems == []


def test_search_works_from_disk(preview: Path, tab: tuple[Page, list[str]]) -> None:
    page, problems = tab
    page.goto((preview / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("withdrawal")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching"))
    result = page.locator('.md-search-result__item a[href*="withdrawal-statement.html"]').first
    result.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sources/withdrawal-statement\.html\?h=withdrawal"))
    expect(page.locator("article h1")).to_be_visible()
    assert problems == []


def test_the_timeline_filters_work_from_disk(preview: Path, tab: tuple[Page, list[str]]) -> None:
    page, problems = tab
    page.goto((preview / "timeline.html").as_uri())
    entries = page.locator("[data-brief-item]")
    total = entries.count()
    group = page.locator('details[data-filter-group="kind"]')
    if group.get_attribute("open") is None:  # a long list of kinds is folded away
        group.locator("summary").click()
    page.locator('button[data-filter="kind"][data-value="signing"]').click()
    status = page.locator("[data-filter-status]")
    expect(status).to_have_text(re.compile(rf"Showing \d+ of {total} entries\."))
    shown = page.evaluate(
        "() => [...document.querySelectorAll('[data-brief-item]')]"
        ".filter(li => li.checkVisibility()).length"
    )
    assert 0 < shown < total
    assert problems == []


def test_the_one_inline_script_allowed_is_the_shims_for_this_page(preview: Path) -> None:
    """Each page's policy names the hash of the script the shim writes for the worker's
    address as that page links it: one level down, another address, another hash."""
    top = (preview / "index.html").read_text(encoding="utf-8")
    down = (preview / "events" / "inf-signing.html").read_text(encoding="utf-8")
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', top)
    assert worker is not None
    assert f"script-src 'self' {offline.worker_script_hash(worker.group(1))};" in top
    assert f"script-src 'self' {offline.worker_script_hash('../' + worker.group(1))};" in down
