"""The reader's side (bench/reader.py): which page of each kind is opened, what each response
counts as, the sums, the table's wording; and one real load in Chromium, gzipped."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import reader  # noqa: E402 — bench/ is not a package
from reader import Fetch, Load  # noqa: E402


def _page(site: Path, path: str, size: int) -> None:
    page = site / path / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("x" * size)


def test_each_kind_of_response_is_named_by_its_content_type() -> None:
    assert reader.kind_of("text/html; charset=utf-8") == "HTML"
    assert reader.kind_of("text/css") == "CSS"
    assert reader.kind_of("application/javascript") == "JS"
    assert reader.kind_of("text/javascript; charset=utf-8") == "JS"
    assert reader.kind_of("application/json") == "JSON"
    assert reader.kind_of("font/woff2") == "fonts"
    assert reader.kind_of("image/svg+xml") == "images"
    assert reader.kind_of("application/xml") == "other"
    assert reader.kind_of("") == "other"


def test_the_pages_are_home_the_timeline_its_largest_part_a_median_record_the_largest_index(
    tmp_path: Path,
) -> None:
    for path, size in [("", 10), ("timeline", 10), ("timeline/early", 50), ("timeline/late", 90),
                       ("events/a", 10), ("events/b", 30), ("actors/c", 20), ("sources/d", 40),
                       ("events", 60), ("sources", 80), ("assets/x", 999)]:  # fmt: skip
        _page(tmp_path, path, size)
    assert reader.pages(tmp_path) == {
        "home": "",
        "timeline": "timeline/",
        "timeline part": "timeline/late/",
        "record": "actors/c/",  # 10, 20, 30, 40 bytes: the lower of the middle two
        "collection index": "sources/",
    }


def test_a_timeline_on_one_page_has_no_part_to_open(tmp_path: Path) -> None:
    for path in ("", "timeline", "events/a", "events"):
        _page(tmp_path, path, 10)
    assert "timeline part" not in reader.pages(tmp_path)
    assert reader.pages(tmp_path)["record"] == "events/a/"


LOAD = Load(
    "record",
    "events/a/",
    [
        Fetch("events/a/", "HTML", 20_000, 5_000),
        Fetch("assets/main.css", "CSS", 130_000, 20_000),
        Fetch("search/search_index.json", "JSON", 400_000, 90_000),
        Fetch("assets/mark.svg", "images", 300, 300),
    ],
)


def test_a_load_sums_its_responses_read_and_sent_and_by_kind() -> None:
    assert (LOAD.total, LOAD.sent) == (550_300, 115_300)
    assert LOAD.by_kind() == {
        "HTML": 20_000, "CSS": 130_000, "JS": 0, "JSON": 400_000, "fonts": 0, "images": 300,
        "other": 0,
    }  # fmt: skip


def test_the_table_gives_requests_totals_and_each_kind_in_kilobytes() -> None:
    lines = reader.table({"1000": [LOAD]})
    assert lines[0].split() == [
        "site", "page", "requests", "KB", "gzip", "KB", "HTML", "CSS", "JS", "JSON", "fonts",
        "images", "other",
    ]  # fmt: skip
    assert lines[2].split() == [
        "1000", "record", "4", "550.3", "115.3", "20.0", "130.0", "—", "400.0", "—", "0.3", "—",
    ]  # fmt: skip
    assert lines[-1] == "1000: record /events/a/"


def test_the_summary_names_the_median_page_and_the_largest_file() -> None:
    other = Load("home", "", [Fetch("", "HTML", 100_000, 20_000)])
    assert reader.summary({"site": [LOAD, other]}) == [
        "site: median page 325.1 KB; largest file /search/search_index.json 400.0 KB (90.0 KB gzip)"
    ]


def test_a_real_load_in_chromium_counts_every_response_and_what_gzip_sent(
    tmp_path: Path, chromium: Browser
) -> None:
    css = "body { color: black; }\n" * 200
    page = '<!doctype html><title>t</title><link rel="stylesheet" href="/a.css"><p>hello</p>'
    for path in ("", "timeline"):
        (tmp_path / path).mkdir(exist_ok=True)
        (tmp_path / path / "index.html").write_text(page)
    (tmp_path / "a.css").write_text(css)
    home = reader.measure_site(tmp_path, chromium)[0]
    assert (home.page, home.path) == ("home", "")
    fetched = {f.path: f for f in home.fetches if f.path != "favicon.ico"}
    assert sorted(fetched) == ["", "a.css"]
    assert (fetched[""].kind, fetched[""].bytes) == ("HTML", len(page))
    assert (fetched["a.css"].kind, fetched["a.css"].bytes) == ("CSS", len(css))
    assert fetched["a.css"].sent < len(css) / 10  # gzip, as GitHub Pages sends it
