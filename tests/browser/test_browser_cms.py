"""The web editor end to end, offline: Decap CMS in Chromium against decap-server, its local
backend, in git mode, on a temporary clone of the test briefing.

A reaction is made through the form, with a relation to an existing event and a date; saved
as a draft (a branch cms/reactions/<id> appears, as a pull request would on GitHub); set
ready and published (the branch is merged: the YAML file appears in the data folder). Then
``macros check`` passes, ``macros diff`` names the new record, and the file keeps the
``# yaml-language-server`` line and the fields in the order of the model. The form refuses
an invalid date and an unknown reference before anything is saved.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Response as HttpResponse

from browser import serve
from conftest import ROOT, VALID
from macros import cms
from test_site import build_site

DECAP_SERVER = ROOT / ".venv" / "decap" / "node_modules" / "decap-server" / "dist" / "index.js"
REPOSITORY = "https://github.com/example/briefing"
TITLE = "The Soviet Union answers the withdrawal"
ID = "the-soviet-union-answers-the-withdrawal"
#: Markdown longer than a line, with a colon, a link and two paragraphs.
SUMMARY = (
    "Moscow answers [[inf-withdrawal-2019]]: the withdrawal, it says, is the end of the"
    " treaty and of the limits it set on intermediate-range missiles.\n\n"
    "It adds that it will *not* deploy such missiles first."
)


#: What the local backend answers when it is asked for the draft of an entry that has none.
NO_DRAFT = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@dataclass
class Editor:
    repo: Path
    base: str
    chromium: Browser
    page: Page
    #: Console errors, and failed responses other than the backend's "no draft".
    errors: list[str]

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.repo), *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def macros(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("BRIEFING_DATA", None)
        command = [sys.executable, "-m", "macros", *args]
        return subprocess.run(command, cwd=self.repo, env=env, capture_output=True, text=True)

    def new_reaction(self) -> None:
        """A new reaction's form, on a page loaded afresh: nothing left from a test before."""
        self.page.goto(self.base + "admin-local/#/collections/reactions/new")
        self.page.reload()
        self.page.locator("#title-field-1").wait_for()

    def pick(self, field: str, typed: str, option: str) -> None:
        self.page.click(f"#{field}")
        self.page.keyboard.type(typed)
        self.page.get_by_role("option", name=option, exact=True).click()


def until(done: Callable[[], bool], what: str, seconds: float = 20) -> None:
    """Wait for the local backend to finish what the page asked of it."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _decap_server(repo: Path, port: int) -> subprocess.Popen[bytes]:
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        pytest.fail(
            "decap-server is not installed: run `make pytest` (it runs npm ci into .venv/decap"
            " from macros/cms/package-lock.json; npm from `apt-get install nodejs npm`)",
            pytrace=False,
        )
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}  # fmt: skip
    server = subprocess.Popen([node, str(DECAP_SERVER)], env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1", timeout=1)
        except OSError as error:
            if not getattr(error, "code", None):  # no answer yet (it answers a GET with 404)
                time.sleep(0.2)
                continue
        return server
    server.kill()
    pytest.fail("decap-server did not start within 20 s", pytrace=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the test briefing in data/, on GitHub for its briefing.yml."""
    repo = tmp_path_factory.mktemp("cms-clone")
    shutil.copytree(VALID, repo / "data")
    briefing = repo / "data" / "briefing.yml"
    text = briefing.read_text(encoding="utf-8")
    briefing.write_text(
        text.replace("repository: https://example.org/inf/repository", f"repository: {REPOSITORY}")
    )
    for command in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Test editor"],
        ["config", "user.email", "editor@example.org"],
        ["add", "-A"],
        ["commit", "-q", "-m", "The briefing"],
    ):
        subprocess.run(["git", "-C", str(repo), *command], check=True)
    return repo


@pytest.fixture(scope="module")
def site(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cms-site")
    result = build_site(clone / "data", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def editor(clone: Path, site: Path, chromium: Browser) -> Iterator[Editor]:
    """The built editor, at admin-local/ with the local backend on a port of its own, in
    the worker's Chromium (tests/sites.py: one Playwright per process)."""
    port = _free_port()
    local = site / "admin-local"
    shutil.copytree(site / "admin", local)
    backend = f"http://127.0.0.1:{port}/api/v1"
    configuration = cms.text("data", REPOSITORY, local_backend=backend)
    (local / "config.yml").write_text(configuration, encoding="utf-8")
    server = _decap_server(clone, port)
    try:
        with serve(site) as base:
            page = chromium.new_page()
            errors: list[str] = []

            def failed(response: HttpResponse) -> None:
                if response.status >= 400 and response.url != backend:
                    errors.append(f"{response.url}: HTTP {response.status}")

            page.on("response", failed)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda dialog: dialog.accept())
            page.goto(base + "admin-local/")
            page.get_by_role("button", name="Login").click()
            page.get_by_role("link", name="Workflow").wait_for()
            yield Editor(clone, base, chromium, page, errors)
            page.close()
    finally:
        server.terminate()
        server.wait(10)


def test_the_built_editor_is_configured_from_the_models(site: Path) -> None:
    built = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert built == cms.text("data", REPOSITORY)
    assert (site / "admin" / "decap-cms" / "decap-cms.js").is_file()


def test_the_form_refuses_an_invalid_date_and_an_unknown_reference(editor: Editor) -> None:
    page = editor.page
    editor.new_reaction()
    page.fill("#title-field-1", "A reaction that is not saved")
    editor.pick("by-field-2", "Soviet", "Union of Soviet Socialist Republics")
    page.fill("#date-field-3", "3 August 2019")
    editor.pick("how-field-4", "statement", "statement")
    page.fill("#to-field-5", "inf-withdrawl-2019")
    page.fill("#summary-field-6", "Not saved.")
    page.click("#sources-field-9")
    page.keyboard.type("no-such-source")
    page.get_by_text("No options").wait_for()  # a relation offers only the records there are
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save").click()
    errors = page.locator("[class*=ControlErrorsList] li").all_text_contents()
    assert errors == [
        "Date didn't match the pattern: write it like 2024-06-19, 2024-06 or 2024 (1995~ is "
        "about 1995; 2024-06-27/2024-06-29 a range).",
        "no events or agreements 'inf-withdrawl-2019': pick one from the list, which searches "
        "the titles",
        "Sources is required.",
    ]
    assert "cms/" not in editor.git("branch", "--list")
    page.get_by_role("button", name="Save").wait_for()


def test_a_reaction_made_in_the_form_is_a_draft_branch_then_a_record(editor: Editor) -> None:
    page = editor.page
    editor.new_reaction()
    page.fill("#title-field-1", TITLE)
    editor.pick("by-field-2", "Soviet", "Union of Soviet Socialist Republics")
    page.fill("#date-field-3", "2019-08")
    editor.pick("how-field-4", "statement", "statement")
    page.fill("#to-field-5", "inf-withdrawal-2019")
    page.click("#summary-field-6")
    first, second = SUMMARY.split("\n\n")
    page.keyboard.type(first)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(second)
    editor.pick("sources-field-9", "withdrawal", "Statement on withdrawal")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Status: Draft").wait_for()
    # The draft: a branch, as the GitHub backend opens a pull request; main is unchanged.
    branch = f"cms/reactions/{ID}"
    assert branch in editor.git("branch", "--list")
    path = editor.repo / "data" / "reactions" / f"{ID}.yml"
    assert not path.exists()
    page.get_by_role("button", name="Status: Draft").click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name="Status: Ready").wait_for()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    until(path.exists, "the published file")
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/reactions.schema.json\n"
        f"title: {TITLE}\n"
        "by:\n  - soviet-union\n"
        "date: 2019-08\n"
        "how: statement\n"
        "to:\n  - inf-withdrawal-2019\n"
        "summary: >-\n"
        "  Moscow answers [[inf-withdrawal-2019]]: the withdrawal, it says, is the end of\n"
        "  the treaty and of the limits it set on intermediate-range missiles.\n\n\n"
        "  It adds that it will *not* deploy such missiles first.\n"
        "sources:\n  - withdrawal-statement\n"
    )
    until(lambda: branch not in editor.git("branch", "--list"), "the branch merged and gone")
    checked = editor.macros("check")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout == "data: 12 records checked in data/, no problems\n"
    diff = editor.macros("diff", "HEAD~1", "HEAD")
    assert diff.stdout == f"added reaction {ID} — '{TITLE}'\n1 record differs: 1 added\n"
    assert [error for error in editor.errors if error != NO_DRAFT] == []


def test_the_editor_asks_no_other_site_for_anything_before_sign_in(editor: Editor) -> None:
    """As published: the GitHub backend, and only this machine's decap-server tried."""
    page = editor.chromium.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(editor.base + "admin/")
    page.get_by_role("button", name="Login with GitHub").wait_for()
    page.wait_for_timeout(500)
    page.close()
    origins = {"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in asked}
    assert origins == {editor.base.rstrip("/"), "http://localhost:8081"}
