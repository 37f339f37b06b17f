"""A real browser for the tests and tools: Debian's Chromium driven by Playwright.

Playwright's own browser download cannot run here, so this launches /usr/bin/chromium.
Without it, it fails with the command that installs it; it never skips.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
INSTALL = "apt-get install chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class NoChromium(RuntimeError):
    """Chromium is not installed where the tests look for it."""


def chromium_path() -> str:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        raise NoChromium(
            f"Chromium was not found at {CHROMIUM}. The browser tests need Debian's Chromium: "
            f"run `{INSTALL}` (as root), or set CHROMIUM to its path."
        )
    return CHROMIUM


@contextmanager
def browser() -> Iterator[Browser]:
    """Headless Chromium, closed afterwards."""
    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    #: The page sent, with status 404, for an address that names no file (GitHub Pages sends
    #: a site's own 404.html); None for Python's own error page.
    not_found: Path | None = None

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the tests read the browser's network log instead."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 on a free port; yields the base address. A missing file
    gets ``not_found``, as GitHub Pages answers with a site's 404.html."""
    quiet = type("_Served", (_Quiet,), {"not_found": not_found})
    handler = functools.partial(quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
