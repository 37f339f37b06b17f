"""The search benchmark (bench/search.py): its two configurations differ in the search plugin
alone, its table and its verdict say what was measured."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import search  # noqa: E402 — bench/ is not a package; its modules import each other so


def _result(records: int, search_bytes: int, seconds: float) -> dict[str, object]:
    reading = {"search_bytes": search_bytes, "search_requests": 30, "page_bytes": 350_000,
               "seconds": seconds, "results": 10}  # fmt: skip
    engine = {"median_seconds": 9.5, "median_cpu_seconds": 8.25, "index_bytes": 1_234_000,
              "reading": reading}  # fmt: skip
    return {"records": records, "query": "Aldoria", "material": engine, "pagefind": engine}


def test_the_configurations_differ_in_the_search_plugin_alone(tmp_path: Path) -> None:
    found = search.configs(tmp_path)
    ours, material = found["pagefind"].read_text(), found["material"].read_text()
    assert ours == (ROOT / "mkdocs.yml").read_text()
    assert search.OURS.search(ours) and not search.OURS.search(material)
    assert search.OURS.sub("- search", ours) == material
    assert (found["material"].parent / "macros").resolve() == ROOT / "macros"


def test_the_table_has_a_row_per_size_and_search() -> None:
    lines = search.table([_result(1000, 250_000, 0.3)])
    assert lines[2] == (
        "| 1,000 | material | 9.5 (8.25) | 1,234 KB | 350 KB | 250 KB (30) | 0.30 s |"
    )
    assert lines[3].startswith("| 1,000 | pagefind |")


def test_the_verdict_is_on_the_largest_size() -> None:
    good = search.verdict([_result(100, 2_000_000, 3.0), _result(10_000, 400_000, 0.6)])
    assert good == [
        "PASS  a first query at 10,000 records transfers ≤ 1 MB (got 0.40 MB)",
        "PASS  its first result shows in ≤ 1 s (got 0.60 s)",
    ]
    bad = search.verdict([_result(10_000, 1_500_000, 1.5)])
    assert [line[:4] for line in bad] == ["FAIL", "FAIL"]


def test_the_query_is_a_word_of_the_first_events_title(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "b.yml").write_text("title: Borvia Summit\n")
    (tmp_path / "events" / "a.yml").write_text("date: 2001-01-01\ntitle: Aldoria Call\n")
    assert search.query_for(tmp_path) == "Aldoria"
