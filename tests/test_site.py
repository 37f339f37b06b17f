"""The built site, read with BeautifulSoup selectors: both briefings, the same structure.

Each briefing is built once per test session with ``mkdocs build --strict`` into a temporary
folder; the tests then check meaning (pages, links, backlinks, order), not whole-page text.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from macros.cms.config import github_repo
from macros.facts import catalog, urls
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.facts.dates import FuzzyDate

ROOT = Path(__file__).resolve().parent.parent
BRIEFINGS = {"default": ROOT / "data", "second": ROOT / "tests" / "fixtures" / "valid"}
#: The default briefing again, with a page budget so small that its timeline is cut into
#: parts (by era, years, months and numbered parts of a month), as a long briefing's would be.
SPLIT = {"split": (BRIEFINGS["default"], {"BRIEFING_PAGE_ITEMS": "8"})}


def build_site(
    data: Path, out: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_DATA": str(data), **(extra or {})}
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@dataclass
class Site:
    """A built site and the catalog of the data it was built from."""

    name: str
    root: Path
    catalog: Catalog
    log: str
    #: Each page parsed once for all the tests of the session, since parsing is most of
    #: their time; shared, so a test that changes a page parses its own (``parse``).
    _soups: dict[Path, BeautifulSoup] = field(default_factory=dict, repr=False)

    def page(self, source: str) -> BeautifulSoup:
        return self.soup(self.root / urls.served_at(source) / "index.html")

    def soup(self, path: Path) -> BeautifulSoup:
        if path not in self._soups:
            self._soups[path] = self.parse(path)
        return self._soups[path]

    def parse(self, path: Path) -> BeautifulSoup:
        """The page parsed anew, the test's own to change."""
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def _built_from(name: str) -> tuple[Path, dict[str, str]]:
    return SPLIT[name] if name in SPLIT else (BRIEFINGS[name], {})


@pytest.fixture(scope="session", params=[*sorted(BRIEFINGS), *SPLIT])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    data, extra = _built_from(request.param)
    out = tmp_path_factory.mktemp(f"site-{request.param}")
    result = build_site(data, out, extra)
    assert result.returncode == 0, result.stderr
    built, problems = check(data)
    assert built is not None and not problems
    return Site(request.param, out, built, result.stderr)


#: A line that MkDocs logs as a warning or an error ("WARNING -  Doc file ...").
LOGGED_PROBLEM = re.compile(r"^(?:WARNING|ERROR)\s+-", re.MULTILINE)
#: The one place Material's platform notice says WARNING: the variable that would hide it.
NOTICE_VARIABLE = "NO_MKDOCS_2_WARNING"


def test_build_is_strict_and_quiet(site: Site) -> None:
    assert LOGGED_PROBLEM.findall(site.log) == []
    # As strict as ever: no WARNING or ERROR anywhere, but for the notice's variable's name.
    rest = site.log.replace(NOTICE_VARIABLE, "")
    assert "WARNING" not in rest
    assert "ERROR" not in rest


def test_the_platform_notices_are_shown_not_hidden(site: Site) -> None:
    """Material's notice of its end of life reaches the editor: nothing sets
    NO_MKDOCS_2_WARNING (README, "The platform and its future")."""
    assert "Material for MkDocs reaches end of life" in site.log


def test_a_logged_warning_is_caught() -> None:
    """The negative control of the two tests above: a warning line is found, the notice's
    own mention of a warning is not."""
    log = "  To disable this warning, set NO_MKDOCS_2_WARNING=1.\nWARNING -  Doc file 'x.md'\n"
    assert LOGGED_PROBLEM.findall(log) == ["WARNING -"]


def test_every_record_has_a_page_named_after_it(site: Site) -> None:
    for entry in site.catalog.records.values():
        page = site.page(urls.record_page(entry.collection, entry.id))
        heading = page.select_one("article h1")
        assert heading is not None, entry.id
        expected = getattr(entry.record, "short_name", None) or getattr(entry.record, "name", None)
        expected = expected or getattr(entry.record, "title", None)
        assert heading.get_text(" ", strip=True).removesuffix("¶").strip() == expected


def test_every_collection_index_lists_its_records(site: Site) -> None:
    for name, entries in site.catalog.collections.items():
        page = site.page(urls.collection_page(name))
        linked = {a["href"] for a in page.select("table.brief-index a")}
        for entry in entries:
            assert f"{entry.id}/" in linked, (name, entry.id)


def _references(site: Site) -> Iterator[tuple[str, str]]:
    for source, refs in site.catalog.outgoing.items():
        for ref in refs:
            if source != catalog.BRIEFING and ref.target != source:
                yield source, ref.target


def test_backlinks_are_present_and_symmetric(site: Site) -> None:
    pairs = set(_references(site))
    assert pairs, "the briefing should cross-reference its records"
    for source, target in pairs:
        source_entry, target_entry = site.catalog.records[source], site.catalog.records[target]
        source_page = urls.record_page(source_entry.collection, source)
        target_page = urls.record_page(target_entry.collection, target)
        forward = urls.href(source_page, target_page)
        back = urls.href(target_page, source_page)
        assert site.page(source_page).select(f'article a[href="{forward}"]'), (source, target)
        backlinks = site.page(target_page).select(f'.brief-backlinks a[href="{back}"]')
        assert backlinks, f"{target} does not link back to {source}"


def test_a_record_nobody_cites_has_no_backlinks_section(site: Site) -> None:
    uncited = [i for i in site.catalog.records if not site.catalog.backlinks.get(i)]
    for record_id in uncited:
        entry = site.catalog.records[record_id]
        page = site.page(urls.record_page(entry.collection, record_id))
        assert page.select_one("#referred-to-by") is None


def _timeline_parts(site: Site) -> list[Path]:
    """The pages of the timeline's parts, in the order its page lists them (none if whole)."""
    links = site.page("timeline.md").select("a[data-brief-part]")
    found = [_resolve(site, site.root / "timeline" / "index.html", str(a["href"])) for a in links]
    return [resolved[0] for resolved in found if resolved is not None]


def _timeline_items(site: Site) -> list[Tag]:
    """The timeline's entries in reading order: on its page, or on its parts' pages in turn."""
    items = site.page("timeline.md").select("li[data-brief-item]")
    for part in _timeline_parts(site):
        items += site.soup(part).select("li[data-brief-item]")
    return items


def test_timeline_is_in_date_order_and_complete(site: Site) -> None:
    items = _timeline_items(site)
    dated = site.catalog.dated("events", "reactions")
    assert [li["id"] for li in items] == [e.id for e in dated]
    starts = [FuzzyDate.parse(str(li.select_one("time")["datetime"])).earliest for li in items]  # type: ignore[index]
    assert starts == sorted(starts)


def _resolve(site: Site, html_file: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    here = html_file.parent.relative_to(site.root).as_posix()
    target = posixpath.normpath(posixpath.join(here, unquote(parts.path))) if parts.path else ""
    path = site.root / target if parts.path else html_file
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    # Material writes the 404 page with links from the site's root, since it is served for
    # any missing path; those links resolve once site_url is set, so they are left out here.
    for html_file in (f for f in site.html_files if f.name != "404.html"):
        soup = site.soup(html_file)
        for link in soup.select("a[href]"):
            resolved = _resolve(site, html_file, str(link["href"]))
            if resolved is None:
                continue
            path, fragment = resolved
            if not path.is_file():
                broken.append(f"{html_file.relative_to(site.root)} → {link['href']}")
                continue
            if fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = {str(t["id"]) for t in site.soup(path).select("[id]")}
                if fragment not in ids[path]:
                    broken.append(f"{html_file.relative_to(site.root)} → {link['href']} (anchor)")
    assert not broken, "\n".join(broken[:20])


def test_no_template_syntax_is_left_in_any_page(site: Site) -> None:
    """Outside code examples, no page shows ``{{``."""
    for html_file in site.html_files:
        soup = site.parse(html_file)  # its own, since the examples are cut out of it
        for example in soup.select("pre, code"):
            example.decompose()
        text = soup.get_text()
        assert "{{" not in text and "{%" not in text, html_file


def test_the_macro_guide_is_for_editors_not_readers(site: Site) -> None:
    """The guide to the macros is in CONTRIBUTING.md, not among the reader's pages."""
    assert not (site.root / "macros").exists()
    assert not any("Macros for" in site.parse(f).get_text() for f in site.html_files)
    assert "{{ bottom_line() }}" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


_LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


def test_without_a_repository_on_github_there_is_no_web_editor(site: Site) -> None:
    """Absent, not broken: an editor that could not sign in is not published. (Its twin,
    with a repository on GitHub, is in tests/browser/test_browser_cms.py.)"""
    assert site.catalog.briefing is not None
    assert github_repo(site.catalog.briefing.repository) is None
    assert not (site.root / "admin").exists()


def test_no_page_loads_anything_from_another_host(site: Site) -> None:
    for html_file in site.html_files:
        soup = site.soup(html_file)
        for tag, attribute in _LOADS.items():
            for element in soup.select(f"{tag}[{attribute}]"):
                if tag == "link" and "canonical" in (element.get("rel") or []):
                    continue
                value = str(element[attribute])
                assert not re.match(r"^(https?:)?//", value), f"{html_file}: {tag} {value}"


def test_every_page_ends_with_the_sources_it_cites(site: Site) -> None:
    for html_file in site.html_files:
        soup = site.soup(html_file)
        cited = {a["href"] for a in soup.select("a.brief-cite")}
        listed = {f"#{li['id']}" for li in soup.select("ol.brief-sources li")}
        assert cited <= listed, html_file
        if cited:
            assert soup.select("article > h2")[-1]["id"] == "sources", html_file


def test_the_same_data_builds_the_same_bytes(site: Site, tmp_path: Path) -> None:
    data, extra = _built_from(site.name)
    again = tmp_path / "again"
    assert build_site(data, again, extra).returncode == 0
    first = {p.relative_to(site.root): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


#: Milestones the default briefing's timeline must hold, in this order: the treaties of 1953,
#: 1961 and 2000, the summits of 2019 and 2023, the 2024 signing and the June 2024 responses.
MILESTONES = [
    ("us-rok-mdt-signed-1953", "1953-10-01"),
    ("soviet-dprk-treaty-signed-1961", "1961-07-06"),
    ("china-dprk-treaty-signed-1961", "1961-07-11"),
    ("treaty-2000-signed", "2000-02-09"),
    ("vladivostok-summit-2019", "2019-04-25"),
    ("vostochny-summit-2023", "2023-09-13"),
    ("treaty-2024-signed", "2024-06-19"),
    ("rok-summons-russian-ambassador", "2024-06-21"),
    ("trilateral-joint-statement-2024", "2024-06-24"),
]


@pytest.mark.parametrize("site", ["default"], indirect=True)
def test_the_default_timeline_holds_its_milestones_from_1953_to_june_2024(site: Site) -> None:
    items = site.page("timeline.md").select("li[data-brief-item]")
    found = {str(li["id"]): str(li.select_one("time")["datetime"]) for li in items}  # type: ignore[index]
    order = [str(li["id"]) for li in items]
    for record_id, day in MILESTONES:
        assert found.get(record_id) == day, record_id
    positions = [order.index(record_id) for record_id, _ in MILESTONES]
    assert positions == sorted(positions)


def test_a_timeline_within_the_page_budget_stays_on_one_page(site: Site) -> None:
    if site.name in SPLIT:
        assert site.page("timeline.md").select("li[data-brief-item]") == []
    else:
        assert _timeline_parts(site) == []


@pytest.mark.parametrize("site", sorted(SPLIT), indirect=True)
def test_each_part_of_a_long_timeline_holds_at_most_a_page_and_filters_its_own(
    site: Site,
) -> None:
    budget = int(SPLIT[site.name][1]["BRIEFING_PAGE_ITEMS"])
    parts = _timeline_parts(site)
    assert len(parts) >= len(site.catalog.dated("events", "reactions")) / budget
    for part in parts:
        soup = site.soup(part)
        items = soup.select("li[data-brief-item]")
        assert 0 < len(items) <= budget, part
        assert len(soup.select("[data-brief-filters]")) == 1, part
        offered = {str(b["data-value"]) for b in soup.select("button[data-filter=kind]")}
        assert offered == {str(li["data-kind"]) for li in items}, part
        assert soup.select("a[data-brief-part]"), f"{part} does not link back to the timeline"
