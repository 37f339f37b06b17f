"""The hostile-records corpus (tests/corpus.py), checked and built: each record is refused at
its file and line, or published inert. The browser half is tests/browser/test_browser_corpus.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import corpus
from macros.facts.checking import check
from test_site import build_site

#: The link syntaxes the check refuses; the others are published, inert.
REFUSED = set(corpus.LINK_SYNTAXES) - corpus.PUBLISHED
SAFE_HREF = re.compile(r"(https?://|mailto:|#|\.\.?/|[a-z0-9-]+/)")


def problems_in(data: Path) -> list[str]:
    return [str(p).removeprefix(data.as_posix() + "/") for p in check(data).problems]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The corpus of link syntaxes checked, then, without what was refused, built."""
    data = corpus.with_links(corpus.copy(tmp_path_factory.mktemp("corpus") / "data"))
    found = problems_in(data)
    for name in REFUSED:
        (data / corpus.link_file(name)).unlink()
    site = tmp_path_factory.mktemp("corpus-site")
    result = build_site(data, site)
    assert result.returncode == 0, result.stderr
    return site, found


def test_each_refused_link_syntax_is_reported_at_its_file_and_line(
    built: tuple[Path, list[str]],
) -> None:
    _, found = built
    refused = {
        name for name in corpus.LINK_SYNTAXES
        if any(p.startswith(f"{corpus.link_file(name)}:5: summary: must ") for p in found)
    }  # fmt: skip
    assert refused == REFUSED
    assert len(found) == len(REFUSED), "one problem each, and none in the titles"


@pytest.mark.parametrize("name", sorted(corpus.LINK_SYNTAXES))
def test_what_is_published_is_inert(built: tuple[Path, list[str]], name: str) -> None:
    """In a title every syntax is published, and where the check lets it, in a summary too:
    as text, never as a link elsewhere, an image, a script or a handler."""
    site, _ = built
    pages = [f"events/text-{name}"] + ([] if name in REFUSED else [f"events/link-{name}"])
    for page in pages:
        html = (site / page / "index.html").read_text("utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        assert article is not None
        assert article.find_all(["img", "script", "iframe", "object", "embed"]) == [], page
        for element in article.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], (page, element)
        for link in article.find_all("a", href=True):
            assert SAFE_HREF.match(str(link["href"])), (page, link)
        assert "javascript:" not in " ".join(str(a.get("href")) for a in article.find_all("a"))
    page = (site / f"events/text-{name}" / "index.html").read_text("utf-8")
    article = BeautifulSoup(page, "html.parser").select_one("article")
    assert article is not None
    assert " ".join(corpus.LINK_SYNTAXES[name].split()) in " ".join(article.get_text().split())


def test_the_one_web_link_stays_a_link() -> None:
    """The twin: a link the check accepts is published as a link."""
    assert "web-link" not in REFUSED


def test_every_control_character_is_refused_with_its_file_line_and_code_point(
    tmp_path: Path,
) -> None:
    data = corpus.copy(tmp_path / "data")
    for index, char in enumerate(corpus.CONTROL_CHARACTERS):
        text = corpus.event("A title", "A summary.").replace("place: Geneva", f"place: A{char}B")
        (data / f"events/control-{index}.yml").write_text(text, "utf-8")
    found = problems_in(data)
    assert found == sorted(
        f"events/control-{index}.yml:4: contains the control character U+{ord(char):04X}, "
        "which no output can show — delete it (most editors do not show it; retype the text "
        "around it)"
        for index, char in enumerate(corpus.CONTROL_CHARACTERS)
    )


@pytest.mark.parametrize("kind", sorted(corpus.FILE_KINDS))
def test_every_kind_of_odd_file_is_refused_at_its_path_quoting_nothing_outside(
    tmp_path: Path, kind: str
) -> None:
    data = corpus.copy(tmp_path / "data")
    make, path = corpus.FILE_KINDS[kind]
    make(data)
    found = problems_in(data)
    shown = path.replace("\n", "<U+000A>").replace("\x1b", "<U+001B>")
    assert len(found) == 1 and found[0].startswith(f"{shown}:1: "), found
    assert "passwd" not in found[0] and "/etc" not in found[0]
