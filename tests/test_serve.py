"""`make serve` as an editor lives it: a real `mkdocs serve` on a copy of the second briefing,
edited while it runs.

- A deleted record's page goes (404) and so does its entry in the search index, without a
  restart.
- A data error shows on every page, as file:line: message, and the next good save recovers.

Each step waits for the rebuild by polling the server, with a generous limit: how fast an
edit is served is measured in bench/ (bench/README.md), never asserted here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, VALID
from macros.site.pagefind import read_index

#: The longest a rebuild may take before a step fails (a full build of this briefing takes
#: about two seconds; the limit only keeps a broken server from hanging the suite).
LIMIT = 60.0
RECORD = "perspectives/arms-control-view.yml"  # a record no other record cites
RECORD_PAGE = "/perspectives/arms-control-view/"
#: The problem an edit below makes, as the banner shows it after the file's folder.
BROKEN = (
    "/events/inf-signing.yml:1: date: must be a date like 2024-06-21, 2024-06 or 2024"
    " (got '8 December')"
)


@dataclass
class Server:
    """A running `mkdocs serve` and the briefing it serves."""

    data: Path
    origin: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> tuple[int, str]:
        """The status and text of a page; a 404 is an answer, not an error."""
        try:
            with urllib.request.urlopen(self.origin + path, timeout=10) as answer:  # noqa: S310 — our own server on 127.0.0.1
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def wait_for(self, what: str, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{self.log()}")
            try:
                if done():
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # rebuilding: the server may not answer for a moment
            time.sleep(0.2)
        pytest.fail(f"not done in {LIMIT:.0f} s: {what}\n{self.log()}")

    def log(self) -> str:
        return (self.data.parent / "serve.log").read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` of a copy of tests/fixtures/valid, as `make serve` runs it."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    port = free_port()
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
        )
    served = Server(data, f"http://127.0.0.1:{port}", process)
    try:
        served.wait_for("the first build", lambda: served.get(RECORD_PAGE)[0] == 200)
        yield served
    finally:
        # SIGTERM, not Ctrl-C: a suite started in the background ignores SIGINT, and so
        # would the server it starts.
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def search_locations(server: Server) -> list[str]:
    """Every page of the search index (Pagefind's) that the server serves."""

    def read(path: str) -> bytes:
        with urllib.request.urlopen(server.origin + "/" + path, timeout=10) as answer:  # noqa: S310 — our own server on 127.0.0.1
            return bytes(answer.read())

    return list(read_index(read))


def _searched(server: Server, location: str) -> bool:
    """Whether the served index has the page, True while it cannot be read (being written)."""
    try:
        return any(place.startswith(location) for place in search_locations(server))
    except (urllib.error.URLError, OSError, ValueError):
        return True


def banner(text: str) -> list[str]:
    """The problems the page's banner lists (none when there is no banner)."""
    found = BeautifulSoup(text, "html.parser").select(".brief-problems li")
    return [item.get_text(strip=True) for item in found]


def test_a_deleted_record_leaves_the_site_and_the_search_index(server: Server) -> None:
    assert any(
        place.startswith("perspectives/arms-control-view/") for place in search_locations(server)
    )
    (server.data / RECORD).unlink()
    server.wait_for("the deleted record's page to go", lambda: server.get(RECORD_PAGE)[0] == 404)
    # The index is written after the pages: wait for it, as a reader would for the rebuild.
    server.wait_for(
        "the deleted record to leave the search index",
        lambda: not _searched(server, "perspectives/arms-control-view/"),
    )
    # Negative control: the rest of the briefing is still there, and nothing is wrong with it.
    status, home = server.get("/")
    assert status == 200 and banner(home) == []
    assert server.get("/events/inf-signing/")[0] == 200


def test_a_data_error_shows_on_every_page_until_a_good_save(server: Server) -> None:
    path = server.data / "events" / "inf-signing.yml"
    good = path.read_text(encoding="utf-8")
    assert "date: 1987-12-08\n" in good
    assert banner(server.get("/")[1]) == []  # negative control: no banner while all is well
    path.write_text(good.replace("date: 1987-12-08\n", "date: 8 December\n"), encoding="utf-8")

    server.wait_for("the problem to show in the page", lambda: banner(server.get("/")[1]) != [])
    lines = banner(server.get("/")[1])
    assert lines == [str(server.data) + BROKEN]
    count = BeautifulSoup(server.get("/")[1], "html.parser").select(".brief-problems > p")
    assert count[-1].get_text(strip=True).startswith("1 problem in 1 file")
    status, text = server.get("/timeline/")
    assert status == 200 and banner(text) == lines  # every page says so
    assert server.get("/events/inf-signing/")[0] == 404  # no record page is built meanwhile

    path.write_text(good, encoding="utf-8")
    server.wait_for("the good save to be served", lambda: server.get(RECORD_PAGE)[0] == 200)
    assert banner(server.get("/")[1]) == []
    assert server.get("/events/inf-signing/")[0] == 200
