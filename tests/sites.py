"""What the browser tests share, loaded as a pytest plugin (``pytest_plugins`` in conftest.py)
so that it exists once per session (under pytest-xdist, once per worker that runs browser
tests: conftest.py, "Running in parallel"): one Chromium, each briefing built and served
once, and readers: browser tabs that note what a reader would suffer without seeing it
(console errors, failed requests, requests to other origins, dialogs).

A tab is reused from test to test; the ``reader`` fixture lets the last page finish loading,
then puts the tab back to a desktop window, screen media and empty logs, so a test never
inherits another's phone width, print or late requests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from unittest.mock import patch
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Request,
    ViewportSize,
)
from playwright.sync_api import Response as HttpResponse

from browser import browser, serve
from test_site import BRIEFINGS, ROOT, build_site

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 812}
#: The pages every briefing has, and for each briefing one record of each kind worth a look.
PAGES: dict[str, dict[str, str]] = {
    "default": {
        "home": "",
        "timeline": "timeline/",
        "agreement": "agreements/russia-dprk-treaty-2024/",
        "event": "events/treaty-2024-signed/",
        "actor": "actors/daniel-depetris/",
        "sources": "sources/",
    },
    "second": {
        "home": "",
        "timeline": "timeline/",
        "agreement": "agreements/inf-treaty/",
        "event": "events/inf-signing/",
        "actor": "actors/soviet-union/",
        "sources": "sources/",
    },
}
#: Sites served under a sub-path, as GitHub Pages serves a project site (``/<repository>/``):
#: name → (the briefing, the sub-path). Built for their address, as the publish workflow does.
UNDER = {"subpath": ("default", "briefing/")}
Scheme = Literal["light", "dark"]
#: How Chromium reports a request cancelled because its page went away.
ABORTED = "net::ERR_ABORTED"


def _page_types() -> dict[str, str]:
    """The default briefing's kinds of page: every hand-written page, one collection index,
    the fullest record of each collection (its longest file), the timeline with filters
    chosen, and the page shown for a missing address. Worked out from docs/ and data/, so a
    new page or collection is in."""
    docs = (ROOT / "docs").glob("*.md")
    pages = {p.stem: "" if p.stem == "index" else f"{p.stem}/" for p in docs}
    pages["timeline-filtered"] = "timeline/?kind=summit,visit&actor=russia"
    pages["collection"] = "events/"
    for folder in sorted(p for p in (ROOT / "data").iterdir() if p.is_dir()):
        records = sorted(folder.glob("*.yml"), key=lambda p: (-p.stat().st_size, p.name))
        if records and folder.name != "schemas":
            pages[folder.name.removesuffix("s")] = f"{folder.name}/{records[0].stem}/"
    pages["not-found"] = "404.html"
    return dict(sorted(pages.items()))


PAGE_TYPES = _page_types()


@dataclass
class Served:
    """A built site and the address it is served at."""

    name: str
    root: Path
    base: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"

    def pages(self) -> list[str]:
        """Every page of the site, as paths relative to its base (``''`` is the home page)."""
        found = []
        for index in sorted(self.root.rglob("index.html")):
            folder = index.parent.relative_to(self.root).as_posix()
            if folder != "." and not folder.startswith(("search", "data/")):
                found.append(folder + "/")
        return ["", *found]


class Sites:
    """Builds each briefing once, on first use, and serves it until the session ends."""

    def __init__(self, tmp: pytest.TempPathFactory, stack: ExitStack) -> None:
        self._tmp = tmp
        self._stack = stack
        self._built: dict[str, Served] = {}

    def get(self, name: str, data: Path | None = None) -> Served:
        if name not in self._built:
            briefing, under = UNDER.get(name, (name, ""))
            top = self._tmp.mktemp(f"browser-site-{name}")
            out = top / under
            missing = out / "404.html" if under else None
            base = self._stack.enter_context(serve(top, not_found=missing)) + under
            # Material's instant navigation only takes over links listed in sitemap.xml, and
            # it matches them by host and port: the site is built for the address it is served
            # at, as `mkdocs serve` does. (Without a site_url the sitemap is empty, and every
            # link loads a whole page.)
            with patch.dict(os.environ, {"SITE_URL": base}):
                result = build_site(data or BRIEFINGS[briefing], out)
            assert result.returncode == 0, result.stderr
            self._built[name] = Served(name, out, base)
        return self._built[name]


@dataclass
class Reader:
    """A browser tab and what it went through since it was last reset."""

    page: Page
    site: Served
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: Requests of a page that ``open`` left, aborted by leaving it: not failures.
    left_behind: list[str] = field(default_factory=list)
    #: Requests the tab has started and not yet finished (or failed).
    loading: set[Request] = field(default_factory=set, init=False)
    _leaving: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"uncaught: {error}"))
        self.page.on("request", self._on_request)
        self.page.on("requestfinished", self._on_finished)
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", self._on_response)
        self.page.on("dialog", self._on_dialog)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            self.console.append(f"{message.type}: {message.text}")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        self.loading.add(request)

    def _on_finished(self, request: Request) -> None:
        self.loading.discard(request)

    def _on_failed(self, request: Request) -> None:
        self.loading.discard(request)
        line = f"{request.url} ({request.failure})"
        if self._leaving and request.failure == ABORTED and not request.is_navigation_request():
            self.left_behind.append(line)  # see open()
        else:
            self.failed.append(line)

    def _on_response(self, response: HttpResponse) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def finish_loading(self, timeout: float = 10.0) -> None:
        """Wait until every request the tab started has finished or failed.

        After its ``load`` event a Material page still fetches things: the search worker's
        script, search/search_index.json, sitemap.xml, the favicon. A test that navigates
        away at once aborts them, and Chromium reports each as a failed request
        (``net::ERR_ABORTED``) that no reader would ever see: a reader does not leave a page
        within milliseconds of its load. So the tab is let finish before it is sent
        elsewhere; any failure is then the page's own, and none is ignored."""
        deadline = time.monotonic() + timeout
        while self.loading:  # the events arrive while Playwright waits
            if time.monotonic() > deadline:
                still = sorted(request.url for request in self.loading)
                raise AssertionError(f"still loading after {timeout} s: {still}")
            self.page.wait_for_timeout(10)

    def reset(self, viewport: ViewportSize = DESKTOP) -> None:
        """Let the last page finish loading; empty the logs; a desktop window (or
        ``viewport``) and screen media."""
        self.finish_loading()
        for log in (self.console, self.failed, self.requests, self.dialogs, self.left_behind):
            log.clear()
        self.page.set_viewport_size(viewport)
        self.page.emulate_media(media="null")

    def open(self, path: str, *, idle: bool = False) -> None:
        """Load a page of the site; ``idle`` also waits until the network is quiet, so that
        what the page fetches late (the search index, the sitemap) is in the logs.

        The page shown before is let finish loading first (``finish_loading``), so what it
        fetched is in the logs, failed or not. One request can still start after that: the
        favicon, which Chromium itself fetches for the old page just after its ``load``,
        sometimes only once the next navigation has begun. Leaving the page aborts it, and
        that abort is the test's doing, not the site's: an ``ERR_ABORTED`` that arrives
        before the new page has replaced the old one (the commit) can only be a request of
        the old page, and goes to ``left_behind`` instead of ``failed``. Any other failure,
        and every failure of the new page, counts."""
        self.finish_loading()
        self._leaving = True
        try:
            response = self.page.goto(self.site.base + path, wait_until="commit")
        finally:
            self._leaving = False
        self.page.wait_for_load_state("networkidle" if idle else "load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, failed requests and dialogs, in that order."""
        return [*self.console, *self.failed, *self.dialogs]

    def foreign_requests(self) -> list[str]:
        return foreign(self.requests, self.site.origin)

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def settle(self) -> None:
        """Wait until no CSS transition or animation is running (Material animates focus)."""
        self.page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')"
        )


def foreign(urls: list[str], origin: str) -> list[str]:
    """The addresses that are not on ``origin``: any other host, port or scheme."""
    return [url for url in urls if not (url == origin or url.startswith(origin + "/"))]


def sideways_scroll(page: Page) -> int:
    """How many pixels the page could scroll sideways (0 when it fits the window)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    """A command-line tool the tests need (pdftotext), or a failure that says how to get it."""
    if shutil.which(command[0]) is None:
        raise AssertionError(
            f"{command[0]} was not found: run `apt-get install poppler-utils` (as root)"
        )
    return subprocess.run(command, capture_output=True, text=True, check=True)


# --- Fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the whole session; fails with the install command if absent."""
    with browser() as launched:
        yield launched


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    with ExitStack() as stack:
        yield Sites(tmp_path_factory, stack)


class Readers:
    """One tab per site and palette, opened on first use and kept for the session. Each tab
    has a browser context of its own: tabs that share one take turns in the foreground, and
    a tab in the background gets no animation frames, which makes waiting on it slow."""

    def __init__(self, chromium: Browser, sites: Sites) -> None:
        self._chromium = chromium
        self._sites = sites
        self._contexts: list[BrowserContext] = []
        self._readers: dict[tuple[str, Scheme], Reader] = {}

    def new_page(self, scheme: Scheme = "light") -> Page:
        """A tab in a fresh context of its own, closed at the end of the session."""
        context = self._chromium.new_context(viewport=DESKTOP, color_scheme=scheme)
        self._contexts.append(context)
        return context.new_page()

    def get(self, site: str, scheme: Scheme = "light") -> Reader:
        if (site, scheme) not in self._readers:
            self._readers[site, scheme] = Reader(self.new_page(scheme), self._sites.get(site))
        reader = self._readers[site, scheme]
        reader.reset()
        return reader

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture(scope="session")
def readers(chromium: Browser, sites: Sites) -> Iterator[Readers]:
    opened = Readers(chromium, sites)
    yield opened
    opened.close()


@pytest.fixture
def reader(readers: Readers) -> Reader:
    """A tab on the default briefing, light palette, desktop window, logs emptied."""
    return readers.get("default")
