"""Where pages live and how one links to another: relative links, worked out without the disk."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from macros.facts import urls

#: Pages at every depth, in folders that share a prefix and folders that do not.
PAGES = [
    "index.md",
    "timeline.md",
    "events/index.md",
    "events/putin-visit.md",
    "events/putin-visit-2024.md",
    "actors/kim-jong-un.md",
    "timeline/cold-war.md",
    "timeline/cold-war-1954-to-1958.md",
    "a/b/c.md",
    "a/b/index.md",
    "a/bc/d.md",
]


@pytest.mark.parametrize(("here", "there"), list(itertools.product(PAGES, PAGES)))
def test_relative_agrees_with_posixpath_relpath(here: str, there: str) -> None:
    start, target = urls.served_at(here), urls.served_at(there)
    assert urls.relative(target, start) == posixpath.relpath(target or ".", start or ".")


@pytest.mark.parametrize(
    ("there", "here"),
    list(itertools.product(["", "a/b/", "a/./b/", "a/../b/", "a//b", "../x/", "y.png"], repeat=2)),
)
def test_relative_agrees_with_posixpath_for_dotted_and_doubled_parts(there: str, here: str) -> None:
    """The parts compared by urls.relative, and the '.' and '..' left to posixpath."""
    assert urls.relative(there, here) == posixpath.relpath("/" + there, "/" + here)


def test_a_link_between_record_pages_climbs_out_of_both_folders() -> None:
    assert (
        urls.href("events/putin-visit.md", "actors/kim-jong-un.md") == "../../actors/kim-jong-un/"
    )


def test_a_link_to_the_same_page_is_its_anchor_alone() -> None:
    assert urls.href("timeline.md", "timeline.md", "era-x") == "#era-x"
    assert urls.href("timeline.md", "timeline.md") == "./"


def test_a_link_from_the_home_page_goes_down_into_folders() -> None:
    assert urls.href("index.md", "timeline/cold-war.md") == "timeline/cold-war/"
    assert urls.href("timeline/cold-war.md", "index.md") == "../../"


@pytest.mark.parametrize(
    ("here", "there", "anchor", "link"),
    [
        ("index.md", "events/x.md", "", "events/x.html"),
        ("events/x.md", "events/y.md", "", "y.html"),
        ("events/x.md", "agreements/t.md", "article-4", "../agreements/t.html#article-4"),
        ("events/x.md", "index.md", "", "../index.html"),
        ("events/index.md", "events/x.md", "", "x.html"),
        ("events/x.md", "events/x.md", "sources", "#sources"),
    ],
)
def test_without_directory_urls_links_name_html_files(
    here: str, there: str, anchor: str, link: str
) -> None:
    """A site built to be read from disk (Material's offline plugin) has no folder pages."""
    assert urls.href(here, there, anchor, directory_urls=False) == link


def test_without_directory_urls_assets_are_relative_to_the_page_s_folder() -> None:
    assert urls.asset("index.md", "assets/a.js", directory_urls=False) == "assets/a.js"
    assert urls.asset("events/x.md", "assets/a.js", directory_urls=False) == "../assets/a.js"
    assert urls.asset("events/x.md", "assets/a.js") == "../../assets/a.js"


@pytest.mark.parametrize(
    ("address", "found"),
    [
        ("https://github.com/owner/name", "owner/name"),
        ("https://github.com/owner/name.git", "owner/name"),
        ("https://github.com/owner/name/", "owner/name"),
        ("https://github.com/owner/name/tree/main", None),
        ("http://github.com/owner/name", None),
        ("https://gitlab.com/owner/name", None),
        ("https://example.org/inf/repository", None),
        (None, None),
    ],
)
def test_a_repository_on_github_is_read_from_its_address(
    address: str | None, found: str | None
) -> None:
    """The one reading that the edit links and the web editor share."""
    assert urls.github_repository(address) == found
