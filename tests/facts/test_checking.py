"""facts/checking.py: the site's address (SITE_URL) against briefing.yml's url."""

from __future__ import annotations

from conftest import Briefing
from macros.facts.checking import check

IDENTITY = (
    "url: https://example.org/inf/\npublisher:\n  name: Example Institute\n"
    "  url: https://example.org/\nauthors:\n  - name: A. Writer\nlicense: cc-by-4.0\n"
    "last_reviewed:"
)


def test_without_url_the_site_s_address_becomes_the_briefing_s(briefing: Briefing) -> None:
    checked = check(briefing.root, "https://example.org/published/")
    assert checked.ok and checked.catalog is not None and checked.catalog.briefing is not None
    assert checked.catalog.briefing.url == "https://example.org/published/"
    unset = check(briefing.root).catalog
    assert unset is not None and unset.briefing is not None and unset.briefing.url is None


def test_a_url_that_disagrees_with_site_url_is_reported_on_its_line(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", "url: https://example.org/inf\nlast_reviewed:")
    assert check(briefing.root, "https://example.org/inf/").problems == []  # the same, slashed
    found = [str(p) for p in check(briefing.root, "https://example.net/").problems]
    line = (
        briefing.root.joinpath("briefing.yml")
        .read_text()
        .splitlines()
        .index("url: https://example.org/inf")
        + 1
    )
    assert found == [
        f"{briefing.root}/briefing.yml:{line}: url: must be the address the site is published at,"
        " which SITE_URL gives as https://example.net/ (got 'https://example.org/inf') — correct"
        " url, or leave it out to use SITE_URL"
    ]


def test_the_identity_fields_are_read_and_the_licence_normalised(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", IDENTITY)
    built = briefing.catalog()
    assert built.briefing is not None
    assert built.briefing.publisher is not None
    assert built.briefing.publisher.name == "Example Institute"
    assert [a.name for a in built.briefing.authors] == ["A. Writer"]
    assert built.briefing.license == "CC-BY-4.0"


def test_an_unknown_licence_is_refused_with_where_to_look(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", "license: CC-BY-4\nlast_reviewed:")
    assert [p.split(": ", 1)[1] for p in briefing.problems()] == [
        "license: must be an SPDX licence identifier, like 'CC-BY-4.0' or 'MIT' — see "
        "https://spdx.org/licenses/ (got 'CC-BY-4')"
    ]


def test_a_branch_that_is_no_branch_name_is_refused(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", 'branch: "../main"\nlast_reviewed:')
    assert [p.split(": ", 1)[1] for p in briefing.problems()] == [
        "branch: must be a branch name of the repository, like 'main' (got '../main')"
    ]
