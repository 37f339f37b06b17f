"""changes.atom, read with xml.etree, and the git history that dates it.

A throwaway git repository with commits at fixed dates shows that a record changed later
comes first, with its own dates and what changed in the words of ``macros diff``; that an
actor or source is listed when what it said changed, not when it was added, and a reformatted
file not at all; a copy outside any repository falls back to the briefing's
``last_reviewed``. Both give the same bytes every time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import VALID, Briefing
from macros.diff.recent import FOLLOWED
from macros.export import atom as export_feed
from macros.export import history as export_history
from macros.export.text import page_url
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from sites import Sites
from test_site import BRIEFINGS

NS = {"atom": "http://www.w3.org/2005/Atom"}


#: The address the feed is published at, in the tests that give one (as SITE_URL would).
ADDRESS = "https://example.org/inf/"


def catalog_of(data: Path, site_url: str | None = ADDRESS) -> Catalog:
    built, problems = check(data, site_url)
    assert built is not None and not problems, [str(p) for p in problems]
    return built


def feed_of(data: Path, site_url: str | None = ADDRESS) -> bytes:
    built = catalog_of(data, site_url)
    return export_feed.feed(built, export_history.read(data, built))


def parse(body: bytes) -> ET.Element:
    return ET.fromstring(body)  # noqa: S314 — the feed this project wrote, not foreign input


def entries(body: bytes) -> list[dict[str, str]]:
    root = parse(body)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    out = []
    for entry in root.findall("atom:entry", NS):
        fields = {child.tag.split("}")[1]: (child.text or "") for child in entry}
        link = entry.find("atom:link[@rel='alternate']", NS)
        assert link is not None
        fields["href"] = link.attrib["href"]
        out.append(fields)
    return out


def git(folder: Path, *args: str, when: str = "2020-01-01T00:00:00Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    command = ["git", *identity, "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The small briefing in a new repository: added in 2020, one event changed in 2021."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(VALID, data)
    git(data.parent, "init", "--quiet")
    git(data.parent, "add", ".")
    git(data.parent, "commit", "--quiet", "-m", "add")
    event = data / "events" / "inf-withdrawal-2019.yml"
    event.write_text(event.read_text("utf-8") + "place: Washington\n", encoding="utf-8")
    git(data.parent, "commit", "--quiet", "-am", "change", when="2021-06-01T12:30:00Z")
    return data


@pytest.mark.parametrize("name", sorted(BRIEFINGS))
def test_the_feed_lists_the_newest_records_with_their_pages(name: str, sites: Sites) -> None:
    site = sites.get(name).root
    body = (site / "data" / "changes.atom").read_bytes()
    found = entries(body)
    expected = catalog_of(BRIEFINGS[name], sites.get(name).base)
    assert 0 < len(found) <= export_feed.SIZE
    assert len({e["id"] for e in found}) == len(found)
    updated = [e["updated"] for e in found]
    assert updated == sorted(updated, reverse=True)
    base = str(expected.briefing.url if expected.briefing else "")
    for entry in found:
        assert entry["id"] == entry["href"] and entry["title"] and entry["published"]
        assert entry["summary"], entry["href"]
        assert entry["published"] <= entry["updated"]
        page = entry["href"].removeprefix(base.rstrip("/") + "/")
        assert (site / page / "index.html").is_file(), entry["href"]
    root = parse(body)
    assert root.findtext("atom:updated", namespaces=NS) == updated[0]
    assert root.find("atom:author/atom:name", NS) is not None


def test_a_record_changed_later_comes_first_with_its_dates(repository: Path) -> None:
    found = entries(feed_of(repository))
    first, *rest = found
    assert first["href"] == ADDRESS + "events/inf-withdrawal-2019/"
    assert (first["published"], first["updated"]) == (
        "2020-01-01T00:00:00Z",
        "2021-06-01T12:30:00Z",
    )
    assert first["summary"] == "place added Washington"
    assert {(e["published"], e["updated"]) for e in rest} == {
        ("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z")
    }
    assert {e["summary"].split()[0] for e in rest} == {"added"}
    kinds = {e["href"].removeprefix(ADDRESS).split("/")[0] for e in found}
    assert kinds <= set(FOLLOWED), "an actor or a source that was only added is no news"


def test_a_changed_source_is_listed_a_reformatted_event_is_not(repository: Path) -> None:
    source = repository / "sources" / "treaty-text.yml"
    text = source.read_text("utf-8")
    source.write_text(text.replace("title: Treaty text", "title: The treaty's text"), "utf-8")
    event = repository / "events" / "inf-signing.yml"
    event.write_text("# a comment changes no value\n" + event.read_text("utf-8"), "utf-8")
    git(repository.parent, "commit", "--quiet", "-am", "edit", when="2022-03-04T05:06:07Z")
    first, second, *_ = entries(feed_of(repository))
    assert first["href"] == ADDRESS + "sources/treaty-text/"
    assert first["updated"] == "2022-03-04T05:06:07Z"
    assert first["summary"] == "title 'Treaty text' → 'The treaty's text'"
    assert second["href"] == ADDRESS + "events/inf-withdrawal-2019/", "not the reformatted one"


def test_a_file_not_yet_committed_gets_the_fallback_date(repository: Path) -> None:
    briefing = Briefing(repository)
    signing = (repository / "events" / "inf-signing.yml").read_text("utf-8")
    briefing.write("events/inf-signing-again.yml", signing)
    new = next(e for e in entries(feed_of(repository)) if e["href"].endswith("/inf-signing-again/"))
    assert new["updated"] == new["published"] == "2026-11-27T00:00:00Z"  # last_reviewed
    assert new["summary"] == "added event inf-signing-again — 'The INF Treaty is signed'"


def test_outside_git_every_record_is_dated_by_last_reviewed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    built = catalog_of(data)
    assert export_history.read(data, built).changes == {}
    found = entries(feed_of(data))
    assert {e["updated"] for e in found} == {"2026-11-27T00:00:00Z"}
    ids = [e["href"].rsplit("/", 2)[1] for e in found]
    assert ids == sorted(ids, key=lambda i: (built.records[i].collection, i)), "ties: stable"


def test_the_same_history_gives_the_same_bytes(repository: Path) -> None:
    assert feed_of(repository) == feed_of(repository)
    assert feed_of(BRIEFINGS["default"]) == feed_of(BRIEFINGS["default"])


def test_the_dates_are_the_commit_times_of_each_file(repository: Path) -> None:
    """A repository of our own, so the test needs no history of this one (an export has none)."""
    built = catalog_of(repository)
    history = export_history.read(repository, built)
    assert set(history.changes) == set(built.records)
    changed = history.of("inf-withdrawal-2019")
    assert changed.added == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert changed.changed == dt.datetime(2021, 6, 1, 12, 30, tzinfo=dt.UTC)
    untouched = history.of("inf-signing")
    assert untouched.added == untouched.changed == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def test_the_log_reader_keeps_only_record_files() -> None:
    built = catalog_of(VALID)
    log = (
        "\0" + "1600000000\n\nREADME.md\nevents/inf-signing.yml\nschemas/events.schema.json\n"
        "\0" + "1500000000\n\nevents/inf-signing.yml\nactors/inf-signing.yml\nevents/gone.yml\n"
    )
    changes = export_history.changes(log, built)
    assert list(changes) == ["inf-signing"]
    change = changes["inf-signing"]
    assert (change.added.timestamp(), change.changed.timestamp()) == (1500000000, 1600000000)


@pytest.mark.parametrize("when", ["253402300800", "-99999999999999", "1e3", "99999999999999999999"])
def test_a_commit_dated_out_of_range_is_left_out_with_a_notice_never_a_crash(when: str) -> None:
    """git takes any date a committer gives: year 10000 once broke every later build."""
    built = catalog_of(VALID)
    log = (
        "\0"
        + f"{when}\n\nevents/inf-signing.yml\n"
        + "\0"
        + "1500000000\n\nevents/inf-signing.yml\n"
    )
    notices: list[str] = []
    changes = export_history.changes(log, built, notices)
    assert changes["inf-signing"].changed.timestamp() == 1500000000
    assert notices == [
        f"git history: a commit of events/inf-signing.yml is dated {when} seconds from 1970, "
        "outside 1970 to 9998; its date is left out of the feed and the calendar"
    ]


def test_entry_ids_are_the_record_pages() -> None:
    built = catalog_of(VALID)
    assert built.briefing is not None
    found = {e["id"] for e in entries(feed_of(VALID))}
    followed = [e for e in built.records.values() if e.collection in FOLLOWED]
    assert found == {page_url(built.briefing, entry) for entry in followed}


def test_without_an_address_links_are_paths_from_the_site_s_root_and_ids_are_urns() -> None:
    """A briefing with no url, built without SITE_URL: xml:base takes the feed's readers from
    data/ to the site's root, and each id is a name-based UUID, the same at every build."""
    body = feed_of(VALID, site_url=None)
    root = parse(body)
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "../"
    found = entries(body)
    assert {e["href"] for e in found} >= {"events/inf-signing/", "agreements/inf-treaty/"}
    ids = [e["id"] for e in found]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    assert ids == [e["id"] for e in entries(feed_of(VALID, site_url=None))]
    assert root.findtext("atom:id", namespaces=NS, default="").startswith("urn:uuid:")
