"""Accessibility in a real browser: axe-core on every kind of page in both palettes, with no
violation of any impact allowed; headings in order, landmarks, a skip link that works, and
a focus that shows on every kind of element a keyboard reaches.

Stock Material fails several axe rules; the fixes live in macros/site/theme/ and
docs/assets/briefing.css, each with the rule's name beside it. axe-core comes bundled with
axe-playwright-python, so nothing is fetched. Each check has a twin on a planted fault.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # no types
from playwright.sync_api import Page, expect

from sites import PAGE_TYPES, Reader, Readers, Scheme

AXE = Axe()


def violations(reader: Reader) -> list[str]:
    """axe-core's violations on the current page, one line per element, readable."""
    reader.settle()
    results: dict[str, Any] = AXE.run(reader.page).response
    found = []
    for rule in results["violations"]:
        for node in rule["nodes"]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            why = checks[0]["message"] if checks else rule["help"]
            found.append(f"{rule['id']} ({rule['impact']}) {node['target']}: {why}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_finds_no_violation(readers: Readers, scheme: Scheme, kind: str) -> None:
    reader = readers.get("default", scheme)
    reader.open(PAGE_TYPES[kind])
    assert reader.evaluate("() => document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default"
    )
    assert violations(reader) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_search_results_open(readers: Readers, scheme: Scheme) -> None:
    reader = readers.get("default", scheme)
    reader.open("")
    reader.page.locator("input.md-search__input").click()
    reader.page.keyboard.type("treaty")
    expect(reader.page.locator(".md-search-result__item").first).to_be_visible()
    assert violations(reader) == []


def test_axe_does_report_a_planted_fault(reader: Reader) -> None:
    reader.open("about/")
    reader.evaluate(
        """() => {
            const button = document.createElement('button');  // no text: no accessible name
            button.id = 'planted';
            document.querySelector('article.md-content__inner').append(button);
        }"""
    )
    found = violations(reader)
    assert len(found) == 1 and found[0].startswith("button-name (critical) ['#planted']")


def test_without_the_theme_overrides_material_fails_axe(reader: Reader) -> None:
    """The overrides in macros/site/theme/ are what passes: undone, axe finds Material's faults."""
    reader.open("about/")
    reader.evaluate(
        """() => {
            document.querySelector('.md-search').removeAttribute('aria-label');
            document.querySelector('.md-progress').removeAttribute('aria-hidden');
        }"""
    )
    rules = {line.split(" ")[0] for line in violations(reader)}
    assert rules == {"aria-dialog-name", "aria-progressbar-name", "region"}


def test_without_the_sites_styles_material_fails_axe_on_colour(reader: Reader) -> None:
    """The colour fixes in docs/assets/briefing.css are what passes: without them, axe finds
    the dim navigation tabs and the links told from text by colour alone."""
    reader.open("")
    reader.evaluate(
        "() => { document.querySelector('link[href$=\"briefing.css\"]').disabled = true; }"
    )
    rules = {line.split(" ")[0] for line in violations(reader)}
    assert {"color-contrast", "link-in-text-block"} <= rules


# --- Headings and landmarks ----------------------------------------------------------------


def heading_jumps(levels: list[int]) -> list[str]:
    """Where an outline skips a level going down (h2 → h4), or does not start at h1."""
    problems = [] if levels[:1] == [1] else [f"starts at h{levels[0] if levels else '-'}"]
    for before, after in pairwise(levels):
        if after > before + 1:
            problems.append(f"h{before} → h{after}")
    return problems


def test_heading_jumps_are_found() -> None:
    assert heading_jumps([1, 2, 3, 2, 3, 3, 2]) == []
    assert heading_jumps([1, 3]) == ["h1 → h3"]
    assert heading_jumps([2, 3]) == ["starts at h2"]


@pytest.mark.parametrize("kind", sorted(set(PAGE_TYPES) - {"timeline-filtered"}))
def test_headings_are_in_order_and_landmarks_are_there(reader: Reader, kind: str) -> None:
    reader.open(PAGE_TYPES[kind])
    levels = reader.evaluate(
        "() => [...document.querySelectorAll('article.md-content__inner :is(h1,h2,h3,h4,h5,h6)')]"
        ".filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]))"
    )
    assert heading_jumps(levels) == []
    assert levels.count(1) == 1
    page = reader.page
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("search")).to_have_count(1)
    expect(page.get_by_role("main").locator("h1")).to_have_count(1)
    names = reader.evaluate(
        """() => [...document.querySelectorAll('nav, [role=navigation]')].map(nav =>
            nav.getAttribute('aria-label') || (nav.hasAttribute('aria-labelledby') &&
            document.getElementById(nav.getAttribute('aria-labelledby'))?.textContent.trim()))"""
    )
    assert names and all(names), f"every navigation landmark has a name: {names}"


def test_the_skip_link_comes_first_shows_and_leads_to_the_content(reader: Reader) -> None:
    reader.open("agreements/russia-dprk-treaty-2024/")
    reader.page.keyboard.press("Tab")
    skip = reader.page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    reader.settle()
    expect(skip).to_be_in_viewport()
    assert reader.evaluate("() => getComputedStyle(document.activeElement).opacity") == "1"
    target = str(skip.get_attribute("href")).split("#")[1]
    reader.page.keyboard.press("Enter")
    expect(reader.page).to_have_url(
        f"{reader.site.base}agreements/russia-dprk-treaty-2024/#{target}"
    )
    expect(reader.page.locator(f'[id="{target}"]')).to_be_in_viewport()


# --- Visible focus -------------------------------------------------------------------------

_DESCRIBE = """() => {
    const e = document.activeElement;
    // A visually hidden radio button shows its focus on the label after it (Material's palette).
    const shown = e.getBoundingClientRect().width ? e : (e.labels && e.nextElementSibling) || e;
    const r = shown.getBoundingClientRect();
    const classes = [...e.classList].filter(c => c !== 'focus-visible').join('.');
    const parent = e.parentElement;
    const where = `${parent.tagName.toLowerCase()}.${parent.className}`;
    return {
        kind: `${e.tagName.toLowerCase()}.${classes} in ${where}`,
        text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
        rect: {x: Math.max(0, r.x - 6), y: Math.max(0, r.y - 6),
               width: r.width + 12, height: r.height + 12},
        scroll: window.scrollY,
    };
}"""


def invisible_focus(reader: Reader, unfocused: Page, stops: int) -> list[str]:
    """Tab through ``stops`` focus stops; for one element of each kind, compare the box around
    it focused with the same box in ``unfocused``, the same page at the same scroll, where
    nothing has the focus. Returns the kinds whose focus cannot be seen."""
    seen: set[str] = set()
    unseen = []
    for _ in range(stops):
        reader.page.keyboard.press("Tab")
        stop = reader.evaluate(_DESCRIBE)
        if stop["kind"] in seen:
            continue
        seen.add(stop["kind"])
        rect = stop["rect"]
        if rect["width"] <= 12 or rect["height"] <= 12:
            unseen.append(f"{stop['kind']} {stop['text']!r}: nothing to see, yet a Tab stop")
            continue
        reader.settle()
        focused = reader.page.screenshot(clip=rect)
        unfocused.evaluate("y => window.scrollTo(0, y)", stop["scroll"])
        unfocused.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')"
        )
        if unfocused.screenshot(clip=rect) == focused:
            unseen.append(f"{stop['kind']} {stop['text']!r}")
        if reader.evaluate("() => document.getElementById('__search').checked"):
            reader.page.keyboard.press("Escape")  # close search again, its overlay dims the rest
    assert len(seen) > 5, seen
    return unseen


@pytest.fixture(scope="module")
def unfocused(readers: Readers) -> Page:
    """A second tab, beside the reader's, to show pages as they look before any focus."""
    page = readers.new_page()
    page.mouse.move(0, 0)
    return page


def _twins(reader: Reader, unfocused: Page, path: str) -> None:
    reader.open(path)
    reader.page.mouse.move(0, 0)  # no hover effect stands in for focus
    unfocused.goto(reader.site.base + path)


@pytest.mark.parametrize("path", ["agreements/russia-dprk-treaty-2024/", "timeline/", "compare/"])
def test_every_kind_of_focus_stop_shows_its_focus(
    reader: Reader, unfocused: Page, path: str
) -> None:
    _twins(reader, unfocused, path)
    assert invisible_focus(reader, unfocused, stops=60) == []


def test_a_focus_without_a_mark_is_found(reader: Reader, unfocused: Page) -> None:
    _twins(reader, unfocused, "about/")
    reader.evaluate(
        """() => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync('.md-tabs__link { outline: none !important; opacity: 1 !important }');
            document.adoptedStyleSheets = [sheet];
        }"""
    )
    found = invisible_focus(reader, unfocused, stops=12)
    assert any(kind.startswith("a.md-tabs__link") for kind in found)


def test_a_tab_stop_with_nothing_to_see_is_found(reader: Reader, unfocused: Page) -> None:
    _twins(reader, unfocused, "about/")
    reader.evaluate(
        """() => {
            const ghost = document.createElement('div');
            ghost.tabIndex = 0;
            ghost.className = 'planted-ghost';
            document.querySelector('.md-header__inner').prepend(ghost);
        }"""
    )
    assert any("planted-ghost" in kind for kind in invisible_focus(reader, unfocused, stops=8))
