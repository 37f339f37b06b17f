"""Every page of both briefings, checked by the Nu HTML Checker (vnu, the W3C validator's
engine), fails on any error or warning of ours.

vnu comes from npm (``vnu-jar``, pinned in tests/vnu/package.json; `make pytest` installs it
into .venv/vnu without its Java downloader) and runs on Debian's Java. What it still reports is
on ``ALLOWED`` below, each message with who causes it and why it stays; an entry that no
longer matches anything fails too, so the list only shrinks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from test_site import BRIEFINGS, ROOT, build_site

VNU = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: The default briefing is built with an address (canonical links, absolute ids), the second
#: without one, so that both ways of building a page are checked.
ADDRESS = {"default": "https://briefing.example.org/brief/", "second": None}


@dataclass(frozen=True)
class Allowed:
    """A message vnu may report: a pattern of its text, whose it is, and why it stays."""

    pattern: str
    cause: str

    def matches(self, message: dict[str, Any]) -> bool:
        return re.fullmatch(self.pattern, message["message"]) is not None


ALLOWED = [
    Allowed(
        r"Attribute “autocomplete” is only allowed when the input type is .*",
        'Material (base.html) puts autocomplete="off" on the checkboxes that open its drawer'
        " and search (__drawer, __search), so that Firefox does not restore them open on Back;"
        " changing it means copying base.html whole.",
    ),
    Allowed(
        r"The value of the “for” attribute of the “label” element must be the ID of a"
        r" non-hidden form control\.",
        'Material (partials/toc.html) writes <label for="__toc">; the __toc checkbox is'
        " written only for a page in the navigation (partials/nav-item.html), and record pages"
        " are not in it, so the label points at nothing there.",
    ),
    Allowed(
        r"Resource violates Content Security Policy \(meta tag\): (external (stylesheet|script)"
        r"|image) “[^”]*” blocked by “(style|script|img)-src” directive\.",
        "vnu checks files, whose origin (file:) never matches the policy's 'self'; served,"
        " every stylesheet, script and image (the header's mark) is on the page's own origin"
        " (the browser tests fail on any console error, a refused resource included).",
    ),
    Allowed(
        r"Inline script violates Content Security Policy \(meta tag\): blocked by “script-src”"
        r" directive \(missing “‘unsafe-inline’” or nonce/hash\)\.",
        "vnu counts data blocks as scripts: Material's configuration (<script"
        ' type="application/json">) and our JSON-LD, which no browser runs;'
        " test_every_inline_script_is_data checks that no other inline script exists.",
    ),
]
#: A script element's types that hold data, which a browser never runs.
DATA_TYPES = {"application/json", "application/ld+json"}


def vnu(*paths: Path) -> list[dict[str, Any]]:
    """vnu's messages (errors, warnings and info) about every HTML file under ``paths``."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java was not found: run `apt-get install default-jre-headless` (as root)")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: `make pytest` installs it from npm")
    command = [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always"]
    done = subprocess.run(
        [*command, "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages: list[dict[str, Any]] = json.loads(done.stderr)["messages"]
    return messages


def _own(messages: list[dict[str, Any]]) -> list[str]:
    """The messages on no allowlist, as ``file:line: type: message``."""
    return [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in messages
        if not any(allowed.matches(m) for allowed in ALLOWED)
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for name, data in BRIEFINGS.items():
        out = tmp_path_factory.mktemp(f"vnu-{name}")
        address = ADDRESS[name]
        with pytest.MonkeyPatch.context() as patch:
            if address:
                patch.setenv("SITE_URL", address)
            else:
                patch.delenv("SITE_URL", raising=False)
            result = build_site(data, out)
        assert result.returncode == 0, result.stderr
        sites[name] = out
    return sites


@pytest.fixture(scope="module")
def messages(built: dict[str, Path]) -> list[dict[str, Any]]:
    return vnu(*built.values())


def test_every_page_is_checked(built: dict[str, Path], messages: list[dict[str, Any]]) -> None:
    """vnu read the pages: Material's own messages are there on every one of them."""
    pages = {str(p) for site in built.values() for p in site.rglob("*.html")}
    assert len(pages) > 200
    seen = {m["url"].removeprefix("file:") for m in messages if ALLOWED[0].matches(m)}
    assert seen == pages


def test_no_page_has_an_error_or_warning_of_ours(messages: list[dict[str, Any]]) -> None:
    assert _own(messages) == []


def test_every_allowed_message_still_occurs(messages: list[dict[str, Any]]) -> None:
    stale = [a.pattern for a in ALLOWED if not any(a.matches(m) for m in messages)]
    assert stale == [], "no longer reported: take it off ALLOWED"


def test_every_inline_script_is_data(built: dict[str, Path]) -> None:
    for site in built.values():
        for path in site.rglob("*.html"):
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            inline = [s.get("type") for s in soup.select("script:not([src])")]
            assert set(inline) <= DATA_TYPES, path


def test_an_error_of_ours_is_reported(tmp_path: Path) -> None:
    """The negative control: a label named by aria-label, as our navigation once had, and a
    heading-less article are reported, and not allowed."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>t</title><input type="checkbox" id="x">'
        '<label for="x" aria-label="Section">+</label><article><p>1</p></article>',
        encoding="utf-8",
    )
    found = _own(vnu(page))
    assert any("“aria-label” attribute must not be used" in line for line in found), found
    assert any("Article lacks heading" in line for line in found), found
