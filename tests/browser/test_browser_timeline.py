"""The timeline's filters in a real browser (docs/assets/timeline.js): by mouse and by keyboard
alone, kept in the address through a reload, set up again after Material's instant
navigation, and absent, with every entry shown, when JavaScript is off.

Which entries should show is worked out here from the entries' own data attributes, so each
check compares the page with an independent answer, and each filter hides some entries.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Locator, expect

from sites import Reader

GROUPS = ("kind", "actor", "agreement")
State = dict[str, set[str]]


def _entries(reader: Reader) -> list[dict[str, Any]]:
    return list(
        reader.evaluate(
            """() => [...document.querySelectorAll('[data-brief-item]')].map(li => ({
                id: li.id,
                kind: [li.dataset.kind],
                actor: li.dataset.actor.split(' ').filter(Boolean),
                agreement: li.dataset.agreement.split(' ').filter(Boolean),
                shown: li.checkVisibility(),
            }))"""
        )
    )


def _expected(entries: list[dict[str, Any]], state: State) -> set[str]:
    return {
        e["id"]
        for e in entries
        if all(not values or values & set(e[group]) for group, values in state.items())
    }


def _shown(reader: Reader) -> set[str]:
    return {e["id"] for e in _entries(reader) if e["shown"]}


def _pressed(reader: Reader) -> set[tuple[str, str]]:
    return {
        (str(b.get_attribute("data-filter")), str(b.get_attribute("data-value")))
        for b in reader.page.locator('[data-filter][aria-pressed="true"]').all()
    }


def _query(reader: Reader) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(urlsplit(reader.page.url).query).items()}


def _button(reader: Reader, group: str, value: str) -> Locator:
    return reader.page.locator(f'button[data-filter="{group}"][data-value="{value}"]')


def _group(reader: Reader, group: str) -> Locator:
    return reader.page.locator(f'details[data-filter-group="{group}"]')


def _check(reader: Reader, everything: list[dict[str, Any]], state: State) -> None:
    """The page shows exactly the entries the state selects, says so, and hides empty eras.
    (The status line is awaited first: after instant navigation the page arrives late.)"""
    expected = _expected(everything, state)
    chosen = {(group, value) for group, values in state.items() for value in values}
    status = reader.page.locator("[data-filter-status]")
    if chosen:
        expect(status).to_have_text(f"Showing {len(expected)} of {len(everything)} entries.")
    else:
        expect(status).to_have_text(f"Showing all {len(everything)} entries.")
    assert _shown(reader) == expected
    assert _pressed(reader) == chosen
    assert _query(reader) == {g: sorted(v) for g, v in state.items() if v}
    eras = reader.evaluate(
        """() => [...document.querySelectorAll('[data-brief-era]')].map(era => [
            era.previousElementSibling.checkVisibility(),
            [...era.querySelectorAll('[data-brief-item]')].some(li => li.checkVisibility()),
        ])"""
    )
    assert all(heading == has_entries for heading, has_entries in eras)


def test_filters_by_mouse_narrow_across_groups_and_widen_within_one(reader: Reader) -> None:
    reader.open("timeline/")
    everything = _entries(reader)
    assert all(e["shown"] for e in everything)
    expect(_group(reader, "kind")).not_to_have_attribute("open", "")  # 18 kinds: folded away
    _group(reader, "kind").locator("summary").click()
    _button(reader, "kind", "summit").click()
    state: State = {"kind": {"summit"}}
    _check(reader, everything, state)
    assert 0 < len(_shown(reader)) < len(everything)
    _button(reader, "kind", "visit").click()
    state["kind"].add("visit")
    _check(reader, everything, state)
    _button(reader, "agreement", "russia-dprk-treaty-2024").click()
    state["agreement"] = {"russia-dprk-treaty-2024"}
    _check(reader, everything, state)
    _button(reader, "kind", "summit").click()
    state["kind"].discard("summit")
    _check(reader, everything, state)
    reader.page.get_by_role("button", name="Show everything").click()
    _check(reader, everything, {})
    assert reader.problems() == []


def _tab_to(reader: Reader, selector: str, presses: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(presses):
        reader.page.keyboard.press("Tab")
        if reader.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {selector}")


def test_filters_work_by_keyboard_alone(reader: Reader) -> None:
    reader.open("timeline/")
    everything = _entries(reader)
    _tab_to(reader, '[data-filter-group="kind"] > summary')
    reader.page.keyboard.press("Enter")
    expect(_group(reader, "kind")).to_have_attribute("open", "")
    reader.page.keyboard.press("Tab")
    first = str(reader.evaluate("() => document.activeElement.dataset.value"))
    reader.page.keyboard.press("Space")
    state: State = {"kind": {first}}
    _check(reader, everything, state)
    reader.page.keyboard.press("Tab")
    second = str(reader.evaluate("() => document.activeElement.dataset.value"))
    reader.page.keyboard.press("Enter")
    state["kind"].add(second)
    _check(reader, everything, state)
    reader.page.keyboard.press("Space")  # the same button again: off
    state["kind"].discard(second)
    _check(reader, everything, state)
    _tab_to(reader, "[data-filter-reset]")
    reader.page.keyboard.press("Enter")
    _check(reader, everything, {})
    assert reader.problems() == []


def test_the_choice_lives_in_the_address_and_survives_a_reload(reader: Reader) -> None:
    reader.open("timeline/?kind=summit,visit&actor=russia")
    everything = _entries(reader)
    state: State = {"kind": {"summit", "visit"}, "actor": {"russia"}}
    _check(reader, everything, state)
    expect(_group(reader, "actor")).to_have_attribute("open", "")  # a chosen filter shows
    _button(reader, "agreement", "soviet-dprk-treaty-1961").click()
    state["agreement"] = {"soviet-dprk-treaty-1961"}
    reader.page.reload()
    _check(reader, everything, state)


def test_a_value_no_button_offers_is_dropped_not_left_to_hide_everything(reader: Reader) -> None:
    """An old link may name a filter that no longer exists: it is ignored, and said so by
    the address, rather than leaving an empty timeline with no pressed button to undo."""
    reader.open("timeline/?kind=summit,no-such-kind&actor=nobody")
    _check(reader, _entries(reader), {"kind": {"summit"}})


def test_filters_are_set_up_again_after_instant_navigation(reader: Reader) -> None:
    reader.open("timeline/")
    everything = _entries(reader)
    reader.evaluate("() => { window.sameDocument = true; }")  # gone if a page is reloaded
    _group(reader, "kind").locator("summary").click()
    _button(reader, "kind", "summit").click()
    link = reader.page.locator("[data-brief-item] .brief-item-title a").filter(visible=True).first
    title = link.inner_text()
    link.click()
    expect(reader.page.locator("article.md-content__inner h1")).to_contain_text(title)
    reader.page.locator(".md-tabs__link", has_text="Timeline").click()
    expect(reader.page).to_have_url(re.compile(r"/timeline/$"))
    expect(reader.page.locator("[data-brief-filters]")).to_be_visible()
    assert reader.evaluate("() => window.sameDocument") is True  # no reload happened
    _check(reader, everything, {})
    _button(reader, "agreement", "russia-dprk-treaty-2000").click()
    _check(reader, everything, {"agreement": {"russia-dprk-treaty-2000"}})
    reader.page.go_back()  # Material restores the previous address, and with it the filter
    expect(reader.page.locator("article.md-content__inner h1")).to_contain_text(title)
    reader.page.go_back()
    expect(reader.page).to_have_url(re.compile(r"/timeline/\?kind=summit"))
    _check(reader, everything, {"kind": {"summit"}})
    assert reader.evaluate("() => window.sameDocument") is True
    assert reader.problems() == []


def test_without_javascript_every_entry_shows_and_no_filter_does(
    chromium: Browser, reader: Reader
) -> None:
    html = (reader.site.root / "timeline" / "index.html").read_text(encoding="utf-8")
    # every entry, however the sanitiser writes the attribute (data-brief-item="")
    written = len(re.findall(r"\sdata-brief-item[\s=>]", html))
    assert written > 40
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reader.site.base + "timeline/")
        assert page.locator("[data-brief-item]").filter(visible=True).count() == written
        expect(page.locator("[data-brief-filters]")).to_be_hidden()
    finally:
        context.close()
