"""Platform insurance: the briefing built by ProperDocs, the maintained fork of MkDocs 1.6, is
the briefing MkDocs builds.

ProperDocs runs from a venv of its own, .venv-properdocs (pinned in requirements-properdocs.txt,
made by `make test`), as ``python -m properdocs build --strict`` on the same mkdocs.yml, with
the same Material and mkdocs-macros, found through their ``mkdocs.*`` entry points. Both
engines build the default briefing once for this module, with SOURCE_DATE_EPOCH=0 and one
site_url (so the sitemap lists every page); the one difference allowed is the generator tag
each engine signs its pages with. Without the venv the tests fail; they never skip.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.site.pagefind import read_index
from test_site import BRIEFINGS, LOGGED_PROBLEM, ROOT

VENV = ROOT / ".venv-properdocs"
PINS = ROOT / "requirements-properdocs.txt"
#: A record page with links and backlinks: its article is compared, normalised, line by line.
RECORD = "agreements/russia-dprk-treaty-2024/index.html"
#: The tag each engine signs every page with, the one difference the builds may have.
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


@dataclass
class Built:
    root: Path
    log: str

    def files(self) -> dict[str, bytes]:
        found = (p for p in self.root.rglob("*") if p.is_file())
        return {p.relative_to(self.root).as_posix(): p.read_bytes() for p in found}

    def pages(self) -> set[str]:
        return {p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html")}

    def article(self, page: str) -> str:
        html = (self.root / page).read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        assert article is not None, f"{page} has no <article>"
        return article.prettify()


def properdocs_python(venv: Path) -> Path:
    """The venv's Python, or a failure that says how to make the venv."""
    if not (venv / ".installed").is_file():
        pytest.fail(
            f"ProperDocs is not installed in {venv.name}/: run `make {venv.name}/.installed` "
            "(`make test` runs it first), which installs requirements-properdocs.txt there"
        )
    return venv / "bin" / "python"


def build(python: Path | str, engine: str, out: Path) -> Built:
    env = {
        **os.environ,
        "BRIEFING_DATA": str(BRIEFINGS["default"]),
        "SOURCE_DATE_EPOCH": "0",
        "SITE_URL": "https://briefing.example.org/",
    }
    command = [str(python), "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml"]
    done = subprocess.run(
        [*command, "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{engine} build failed:\n{done.stderr}"
    return Built(out, done.stderr)


@pytest.fixture(scope="module")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    python = properdocs_python(VENV)
    return build(python, "properdocs", tmp_path_factory.mktemp("properdocs-site"))


@pytest.fixture(scope="module")
def mkdocs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(sys.executable, "mkdocs", tmp_path_factory.mktemp("mkdocs-site"))


def test_properdocs_builds_strictly_and_quietly(properdocs: Built) -> None:
    assert LOGGED_PROBLEM.findall(properdocs.log) == []


def signature(built: Built) -> str:
    """What the engine wrote in the home page's generator tag."""
    found = GENERATOR.findall((built.root / "index.html").read_text(encoding="utf-8"))
    assert len(found) == 1, found
    return str(found[0])


def test_each_engine_signs_its_own_pages(properdocs: Built, mkdocs: Built) -> None:
    """The negative control of the comparisons below: two different engines built the sites,
    with one Material."""
    ours, theirs = signature(mkdocs), signature(properdocs)
    assert re.fullmatch(r"mkdocs-1\.6\.\d+, mkdocs-material-\S+", ours), ours
    assert re.fullmatch(r"mkdocs-ProperDocs \S+, mkdocs-material-\S+", theirs), theirs
    assert ours.split(", ")[1] == theirs.split(", ")[1]


def test_both_build_the_same_pages_sitemap_and_search_index(
    properdocs: Built, mkdocs: Built
) -> None:
    assert RECORD in mkdocs.pages()
    assert sorted(mkdocs.pages() - properdocs.pages()) == [], "pages ProperDocs did not build"
    assert sorted(properdocs.pages() - mkdocs.pages()) == [], "pages only ProperDocs built"
    for name in ("sitemap.xml", "search/search_index.json"):
        assert (properdocs.root / name).is_file(), name
        assert (properdocs.root / name).read_bytes() == (mkdocs.root / name).read_bytes(), name
    indexed = read_index(mkdocs.root)  # Pagefind's index, page by page (site/pagefind.py)
    assert RECORD.removesuffix("index.html") in indexed
    assert read_index(properdocs.root) == indexed
    listed = re.findall(r"<loc>([^<]*)</loc>", (mkdocs.root / "sitemap.xml").read_text("utf-8"))
    assert len(listed) > 100, "the sitemap should list every page of the briefing"


def test_a_record_page_has_the_same_article(properdocs: Built, mkdocs: Built) -> None:
    ours, theirs = mkdocs.article(RECORD), properdocs.article(RECORD)
    diff = difflib.unified_diff(
        ours.splitlines(), theirs.splitlines(), "mkdocs", "properdocs", lineterm=""
    )
    assert ours == theirs, "\n".join(diff)


def test_every_file_is_the_same_but_the_generator_tag(properdocs: Built, mkdocs: Built) -> None:
    def unsigned(content: bytes) -> bytes:
        return GENERATOR.sub("", content.decode("utf-8")).encode("utf-8")

    ours, theirs = mkdocs.files(), properdocs.files()
    assert sorted(ours.keys() ^ theirs.keys()) == []
    differ = [
        name
        for name in sorted(ours.keys() & theirs.keys())
        if ours[name] != theirs[name]
        and not (name.endswith(".html") and unsigned(ours[name]) == unsigned(theirs[name]))
    ]
    assert differ == [], "files that differ beyond the generator tag"


def test_without_the_venv_the_test_fails_and_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"run `make \.venv-properdocs/\.installed`"):
        properdocs_python(tmp_path / ".venv-properdocs")


# --- The pins ------------------------------------------------------------------------------


def pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a compiled requirements file (their hashes and comments
    left out), by normalised name (PEP 503); ``-r`` lines are followed."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip().removesuffix("\\").strip()
        if line.startswith("-r "):
            found |= pins(path.parent / line.removeprefix("-r ").strip())
        elif line and not line.startswith("--hash"):
            name, version = line.split("==")
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def disagreements(ours: dict[str, str], theirs: dict[str, str]) -> list[str]:
    return [
        f"{name}: {ours[name]} in .venv, {theirs[name]} in .venv-properdocs"
        for name in sorted(ours.keys() & theirs.keys())
        if ours[name] != theirs[name]
    ]


def test_the_properdocs_venv_runs_the_same_packages_as_the_main_one() -> None:
    main, properdocs = pins(ROOT / "requirements-dev.txt"), pins(PINS)
    assert disagreements(main, properdocs) == []
    assert sorted(pins(ROOT / "requirements.txt").keys() - properdocs.keys()) == []
    assert "properdocs" in properdocs


def test_a_pin_that_differs_is_named() -> None:
    ours, theirs = {"mkdocs-material": "9.8.2", "click": "8.5.1"}, {"mkdocs-material": "9.8.3"}
    assert disagreements(ours, theirs) == [
        "mkdocs-material: 9.8.2 in .venv, 9.8.3 in .venv-properdocs"
    ]
