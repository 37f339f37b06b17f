"""The build benchmark's results (bench/build.py): the ratio of each pair, the table, the
verdict; and the child process of every benchmark (bench/check.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import build  # noqa: E402 — bench/ is not a package; its modules import each other so
import check  # noqa: E402
from build import Build, Result, Site  # noqa: E402
from check import Run  # noqa: E402

SITE = Site(files=10, pages=8, mb=2.0, record_kb_mean=20.0, record_kb_max=30.0,
            largest_page="timeline/index.html", largest_kb=200.0)  # fmt: skip


def builder(seconds: list[float], mb: float = 2.0) -> Build:
    runs = [Run(s, s, 100.0, 0) for s in seconds]
    site = Site(**{**SITE.__dict__, "mb": mb})
    return Build(runs, sorted(seconds)[len(seconds) // 2], seconds[0], 100.0, site, "")


def test_overhead_is_the_median_of_the_ratios_of_each_interleaved_pair() -> None:
    # Pairs 1.1, 1.5 and 1.2: the median is 1.2, not the ratio of the medians (13/10).
    result = Result(1000, {}, builder([11.0, 15.0, 13.0]), builder([10.0, 10.0, 10.83334]))
    assert result.overhead == pytest.approx(1.2, abs=1e-3)


def test_the_table_has_ours_plain_and_their_ratio_for_each_size() -> None:
    results = [
        Result(1000, {}, builder([12.0]), builder([10.0])),
        Result(10000, {}, builder([120.0], mb=20.0), builder([100.0], mb=20.0)),
    ]
    rows = [line.split()[:4] for line in build.table(results)[2:]]
    assert rows == [
        ["1000", "ours", "12.00", "12.00"],
        ["1000", "plain", "10.00", "10.00"],
        ["1000", "ours/plain", "1.20", "1.20"],
        ["10000", "ours", "120.00", "120.00"],
        ["10000", "plain", "100.00", "100.00"],
        ["10000", "ours/plain", "1.20", "1.20"],
    ]
    assert build.table(results)[5].split()[-2:] == ["10.00", "10.00"]  # ×prev s and MB


def test_the_verdict_says_yes_or_no_with_the_value_measured() -> None:
    fast = Result(1000, {}, builder([12.0]), builder([10.0]))
    slow = Result(10000, {}, builder([130.0], mb=25.0), builder([100.0], mb=20.0))
    said = build.verdict([fast, slow])
    assert "target ours/plain ≤ 0.9 at 1000: NO (wall 1.20; cpu 1.20)" in said
    assert "target every pair ≤ 1 at 1000: NO (pairs 1.20)" in said
    assert "target ours/plain ≤ 0.9 at 10000: NO (wall 1.30; cpu 1.30)" in said
    assert "target time(10000/1000) ≤ 11: yes (wall 10.83; cpu 10.83)" in said
    assert "target site size(10000/1000) ≤ 11: yes (12.50)" not in said
    assert "target site size(10000/1000) ≤ 11: NO (12.50)" in said


def test_the_verdict_holds_the_median_to_0_9_and_every_pair_to_1() -> None:
    # Pairs 0.80, 0.85 and 1.05: the median meets its target, the worst pair does not.
    mixed = Result(1000, {}, builder([8.0, 8.5, 10.5]), builder([10.0, 10.0, 10.0]))
    said = build.verdict([mixed])
    assert "target ours/plain ≤ 0.9 at 1000: yes (wall 0.85; cpu 0.85)" in said
    assert "target every pair ≤ 1 at 1000: NO (pairs 0.80 0.85 1.05)" in said
    fast = Result(1000, {}, builder([8.0, 8.5, 9.0]), builder([10.0, 10.0, 10.0]))
    assert "target every pair ≤ 1 at 1000: yes (pairs 0.80 0.85 0.90)" in build.verdict([fast])


def test_a_child_reports_its_exit_code_and_its_own_cpu_and_memory(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    ok = check.run_child([sys.executable, "-c", "print('hello')"], log)
    failed = check.run_child([sys.executable, "-c", "raise SystemExit(3)"], log)
    assert (ok.exit_code, failed.exit_code) == (0, 3)
    assert ok.peak_rss_mb > 1 and ok.cpu_seconds > 0 and ok.seconds >= ok.cpu_seconds / 2


def test_sizes_are_numbers_of_at_least_7_records() -> None:
    parser = argparse.ArgumentParser()
    assert check.parse_sizes(parser, "1000,100,1000") == [100, 1000]
    with pytest.raises(SystemExit):
        check.parse_sizes(parser, "100,many")
    with pytest.raises(SystemExit):
        check.parse_sizes(parser, "6")
