"""A briefing of one's own: made by ``macros new``, built by the same generator, free of
every word that only the default briefing uses (in its site, its data files and its PDF), and
kept in its own files, so that the generator's updates merge in without conflict.

The words are taken from data/ itself (the briefing's title, its actors' names), with the
three the issue names, so the test follows the default briefing as it grows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import serve
from conftest import ROOT
from macros import scaffold
from macros.facts.checking import check
from pdf import print_pack
from sites import run_tool
from test_site import build_site

#: Words that only the default briefing uses, besides its title and its actors' names.
NAMED = ("DPRK", "Pyongyang", "Korea")
#: Material's own search-language files name languages, Korean among them: not our text.
MATERIAL_LUNR = "assets/javascripts/lunr/"


def default_words() -> list[str]:
    built = check(ROOT / "data").catalog
    assert built is not None and built.briefing is not None
    words = {built.briefing.title, *NAMED}
    for entry in built.collections["actors"]:
        record = entry.record
        words |= {record.name, getattr(record, "short_name", None) or record.name}  # type: ignore[attr-defined]
    return sorted(w for w in words if len(w) >= 4)  # "NSC", "UK" are letters, not names


def leaks(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


#: The starter's optional lines, switched on: the briefing's address and identity.
ADDRESS = "https://example.org/briefing/"
IDENTITY_LINES = [
    f"url: {ADDRESS}",
    "repository: https://example.org/your-repository",
    "publisher:",
    "  name: Your organisation",
    "  url: https://example.org/",
    "authors:",
    "  - name: Your name",
    "license: CC-BY-4.0",
]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A briefing made by ``macros new --title Test``, with the optional lines of its
    briefing.yml switched on (address, repository, publisher, author, licence), and its site
    built strictly."""
    data = tmp_path_factory.mktemp("own") / "briefing"
    scaffold.create(data, "Test", dt.date(2026, 12, 7))
    path = data / "briefing.yml"
    text = path.read_text(encoding="utf-8")
    for line in IDENTITY_LINES:  # "# url: …" → "url: …", and so on
        assert text.count("\n# " + line) == 1, line
        text = text.replace("\n# " + line, "\n" + line)
    path.write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("own-site")
    result = build_site(data, out)
    assert result.returncode == 0, result.stderr
    return data, out


def test_the_words_are_found_where_they_are() -> None:
    """Negative control: the default briefing's own files are full of them."""
    words = default_words()
    assert {"Pyongyang", "Korea", "Vladimir Putin"} <= set(words)
    text = (ROOT / "data" / "briefing.yml").read_text(encoding="utf-8")
    assert "Pyongyang" in leaks(text, words)


def test_the_new_briefing_s_data_files_name_nothing_of_the_default(own: tuple[Path, Path]) -> None:
    data, _ = own
    words = default_words()
    for path in sorted(data.rglob("*")):
        if path.is_file():
            assert leaks(path.read_text(encoding="utf-8"), words) == [], path.name


def test_its_site_names_nothing_of_the_default(own: tuple[Path, Path]) -> None:
    _, site = own
    words = default_words()
    checked = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative.startswith(MATERIAL_LUNR) or path.suffix == ".gz":
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert leaks(text, words) == [], relative
        checked += 1
    assert checked > 40  # every page, the data files, the search index, the theme's assets
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1" in home and "Test" in home


def test_its_address_and_identity_reach_every_output(own: tuple[Path, Path]) -> None:
    """url: a canonical link on every page and a full sitemap; publisher, author and
    licence: the footer, About, the JSON-LD, the feed; the home page shows the subtitle."""
    _, site = own
    pages = sorted(site.rglob("index.html"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len(pages) and f"<loc>{ADDRESS}</loc>" in sitemap
    for page in pages:
        html = page.read_text(encoding="utf-8")
        folder = page.parent.relative_to(site).as_posix()
        expected = ADDRESS if folder == "." else f"{ADDRESS}{folder}/"
        assert f'<link rel="canonical" href="{expected}">' in html, folder
        assert "Published by <a" in html and "Your organisation" in html, folder
        assert 'rel="license">CC-BY-4.0</a>' in html, folder
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="brief-subtitle">What this briefing covers, in one sentence</p>' in home
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    links = BeautifulSoup(about, "html.parser").select(
        'a[href="https://example.org/your-repository"]'
    )
    assert [a.get_text() for a in links] == [
        "the briefing's repository",
        "https://example.org/your-repository",
    ]
    assert "<dt>Author</dt>" in about and "Your name" in about
    record = (site / "events" / "example-agreement-signed" / "index.html").read_text("utf-8")
    script = record[record.index('type="application/ld+json">') :]
    graph = json.loads(script[script.index(">") + 1 : script.index("</script>")])["@graph"]
    assert graph[0]["@type"] == "WebPage"
    assert graph[0]["publisher"]["name"] == "Your organisation"
    assert graph[0]["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert graph[1]["@id"] == f"{ADDRESS}events/example-agreement-signed/"
    feed = (site / "data" / "changes.atom").read_text(encoding="utf-8")
    assert "<name>Your name</name>" in feed and "<rights>Licence: CC-BY-4.0</rights>" in feed


def test_its_printed_pack_names_nothing_of_the_default(
    own: tuple[Path, Path], chromium: Browser, tmp_path: Path
) -> None:
    _, site = own
    with serve(site) as base:
        written = print_pack(chromium, base, site, tmp_path, {"a4": "A4"})
    text = run_tool("pdftotext", "-layout", str(written[0]), "-").stdout
    assert "Test" in text and "example agreement" in text.lower()
    assert "Your organisation" in text and "CC-BY-4.0" in text
    assert leaks(text, default_words()) == []


# --- Taking the generator's updates ---------------------------------------------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


#: A generator change in every area that belongs to the generator, each as near as can be
#: to what a briefing of one's own changes (mkdocs.yml: the lines around data_dir).
GENERATOR_CHANGE = [
    (
        "mkdocs.yml",
        '  # (README.md, "Your own briefing")',
        '  # (README.md, "Your own briefing"; changed)',
    ),
    ("mkdocs.yml", "  generator: false\n", "  generator: false # changed\n"),
    (
        "macros/facts/dates.py",
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\n# changed\n",
    ),
    (
        "tests/test_cli.py",
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\n# changed\n",
    ),
    ("docs/about.md", "## Method\n", "## Method\n\nChanged.\n"),
    ("data/briefing.yml", "\nlast_reviewed: ", "\n# changed\nlast_reviewed: "),
    (".github/workflows/publish.yml", "name: Publish\n", "name: Publish # changed\n"),
    ("Makefile", "check: $(STAMP)\n", "check: $(STAMP) # changed\n"),
]


def adopted(tmp_path: Path) -> Path:
    """A copy of this repository on ``main``, and a branch ``mine`` with a briefing of its own
    and the one documented line of mkdocs.yml changed; left on ``main``."""
    repo = tmp_path / "repo"
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    assert git(repo, "init", "--quiet", "--initial-branch=main").returncode == 0
    git(repo, "add", "--all")
    assert git(repo, "commit", "--quiet", "--no-verify", "-m", "the generator").returncode == 0
    git(repo, "checkout", "--quiet", "-b", "mine")
    scaffold.create(repo / "briefings" / "mine", "Mine", dt.date(2026, 12, 7))
    edit(repo / "mkdocs.yml", "\n  data_dir: data\n", "\n  data_dir: briefings/mine\n")
    git(repo, "add", "--all")
    assert git(repo, "commit", "--quiet", "--no-verify", "-m", "our briefing").returncode == 0
    assert git(repo, "diff", "--name-only", "main", "mine").stdout.split() == [
        *sorted(p.relative_to(repo).as_posix() for p in (repo / "briefings").rglob("*.*")),
        "mkdocs.yml",
    ]
    git(repo, "checkout", "--quiet", "main")
    return repo


def update(repo: Path, changes: list[tuple[str, str, str]]) -> subprocess.CompletedProcess[str]:
    """Commit ``changes`` on main, then merge main into ``mine``."""
    for path, old, new in changes:
        edit(repo / path, old, new)
    git(repo, "add", "--all")
    assert git(repo, "commit", "--quiet", "--no-verify", "-m", "an update").returncode == 0
    git(repo, "checkout", "--quiet", "mine")
    return git(repo, "merge", "--no-edit", "main")


def test_a_briefing_of_one_s_own_takes_generator_updates_without_conflict(
    tmp_path: Path,
) -> None:
    repo = adopted(tmp_path)
    merged = update(repo, GENERATOR_CHANGE)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  data_dir: briefings/mine\n" in config and "generator: false # changed" in config
    changed = sorted({path for path, _, _ in GENERATOR_CHANGE})
    assert git(repo, "diff", "--name-only", "HEAD~1", "HEAD").stdout.split() == changed
    env = {**os.environ, "PYTHONPATH": str(repo)}
    env.pop("BRIEFING_DATA", None)
    done = subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout == "data: 7 records checked in briefings/mine/, no problems\n"


def test_a_change_to_the_briefing_s_own_line_would_conflict(tmp_path: Path) -> None:
    """Negative control: the merge does report a conflict where both sides change a line."""
    repo = adopted(tmp_path)
    merged = update(repo, [("mkdocs.yml", "  data_dir: data\n", "  data_dir: facts\n")])
    assert merged.returncode == 1 and "CONFLICT (content): Merge conflict in mkdocs.yml" in (
        merged.stdout
    )
