"""The build benchmark's results (bench/build.py), their table and the verdict on each target."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from check import Run  # one run of a child process, as the validator benchmark records it

if TYPE_CHECKING:
    from build_serve import Served


@dataclass(frozen=True)
class Site:
    """What one build wrote."""

    files: int
    pages: int
    mb: float
    record_kb_mean: float
    record_kb_max: float
    largest_page: str
    largest_kb: float


@dataclass(frozen=True)
class Build:
    """One builder at one size: its runs, the median, and the site of its last run."""

    runs: list[Run]
    median_seconds: float
    median_cpu_seconds: float
    peak_rss_mb: float
    site: Site | None
    output: str

    @property
    def passed(self) -> bool:
        return all(run.exit_code == 0 for run in self.runs) and self.site is not None


@dataclass(frozen=True)
class Result:
    records: int
    counts: dict[str, int]
    ours: Build
    plain: Build

    @property
    def overhead(self) -> float:
        """The median of the ratios of each pair of runs: ours, then plain right after it,
        so that each pair met the same load on the machine."""
        pairs = zip(self.ours.runs, self.plain.runs, strict=False)
        return statistics.median(ours.seconds / plain.seconds for ours, plain in pairs)

    @property
    def cpu_overhead(self) -> float:
        pairs = zip(self.ours.runs, self.plain.runs, strict=False)
        return statistics.median(ours.cpu_seconds / plain.cpu_seconds for ours, plain in pairs)


COLUMNS = (
    f"{'records':>8}  {'build':<10} {'median s':>8} {'cpu s':>7} {'peak MB':>8} {'site MB':>8}"
    f" {'pages':>6}"
    f" {'rec KB':>7} {'rec max':>8} {'largest KB':>10}  {'×prev s':>7} {'×prev MB':>8}"
)


def table(results: list[Result]) -> list[str]:
    """Two rows per size, ours and plain, then their ratio; growth against the size before."""
    lines = [COLUMNS, "-" * len(COLUMNS)]
    for index, result in enumerate(results):
        before = results[index - 1] if index else None
        for name in ("ours", "plain"):
            build: Build = getattr(result, name)
            earlier: Build | None = getattr(before, name) if before else None
            lines.append(_row(result.records, name, build, earlier))
        lines.append(_ratio_row(result))
    return lines


def _row(records: int, name: str, build: Build, earlier: Build | None) -> str:
    if not build.passed or build.site is None:
        return f"{records:>8}  {name:<10} FAILED (exit {[r.exit_code for r in build.runs]})"
    site = build.site
    grew_s = grew_mb = "—"
    if earlier is not None and earlier.site is not None and earlier.median_seconds:
        grew_s = f"{build.median_seconds / earlier.median_seconds:.2f}"
        grew_mb = f"{site.mb / earlier.site.mb:.2f}"
    return (
        f"{records:>8}  {name:<10} {build.median_seconds:>8.2f} {build.median_cpu_seconds:>7.2f}"
        f" {build.peak_rss_mb:>8.1f} {site.mb:>8.1f} {site.pages:>6}"
        f" {site.record_kb_mean:>7.1f} {site.record_kb_max:>8.1f}"
        f" {site.largest_kb:>10.1f}  {grew_s:>7} {grew_mb:>8}"
    )


def _ratio_row(result: Result) -> str:
    ours, plain = result.ours, result.plain
    if ours.site is None or plain.site is None or not plain.median_seconds:
        return f"{result.records:>8}  {'ours/plain':<10} —"
    return (
        f"{result.records:>8}  {'ours/plain':<10} {result.overhead:>8.2f}"
        f" {result.cpu_overhead:>7.2f} {ours.peak_rss_mb / plain.peak_rss_mb:>8.2f}"
        f" {ours.site.mb / plain.site.mb:>8.2f}"
        f" {'':>6} {ours.site.record_kb_mean / plain.site.record_kb_mean:>7.2f}"
        f" {ours.site.record_kb_max / plain.site.record_kb_max:>8.2f}"
        f" {ours.site.largest_kb / plain.site.largest_kb:>10.2f}"
    )


def largest(results: list[Result]) -> list[str]:
    """Which page is the largest, per size and build."""
    return [
        f"largest page at {r.records}: {b.site.largest_page} ({b.site.largest_kb:.1f} KB, {name})"
        for r in results
        for name, b in (("ours", r.ours), ("plain", r.plain))
        if b.site is not None
    ]


def verdict(
    results: list[Result], served: Served | None, limits: dict[str, float], small: int, large: int
) -> list[str]:
    """Each target, met or not, with the measured value."""
    by_size = {r.records: r for r in results}
    out = []

    def say(what: str, ok: bool, got: str) -> None:
        out.append(f"target {what}: {'yes' if ok else 'NO'} ({got})")

    for size in (small, large):
        r = by_size.get(size)
        if r is None or not (r.ours.passed and r.plain.passed):
            out.append(f"target overhead at {size}: not measured")
            continue
        say(f"ours/plain ≤ {limits['overhead']:g} at {size}", r.overhead <= limits["overhead"],
            f"wall {r.overhead:.2f}; cpu {r.cpu_overhead:.2f}")  # fmt: skip
    big, little = by_size.get(large), by_size.get(small)
    if big and little and big.ours.site and little.ours.site:
        time_growth = big.ours.median_seconds / little.ours.median_seconds
        cpu_growth = big.ours.median_cpu_seconds / little.ours.median_cpu_seconds
        size_growth = big.ours.site.mb / little.ours.site.mb
        pair = f"{big.records}/{little.records}"
        say(f"time({pair}) ≤ {limits['growth']:g}", time_growth <= limits["growth"],
            f"wall {time_growth:.2f}; cpu {cpu_growth:.2f}")  # fmt: skip
        say(f"site size({pair}) ≤ {limits['growth']:g}", size_growth <= limits["growth"],
            f"{size_growth:.2f}")  # fmt: skip
    else:
        out.append("target growth: not measured (needs 10× sizes, e.g. 1000 and 10000)")
    if big and big.ours.site:
        say(f"peak RSS ≤ {limits['rss']:g} MB at {big.records}",
            big.ours.peak_rss_mb <= limits["rss"], f"{big.ours.peak_rss_mb:.1f} MB")  # fmt: skip
        biggest = big.ours.site.largest_kb * 1000
        say(f"no page over {limits['page'] / 1e6:g} MB of HTML at {big.records}",
            biggest <= limits["page"],
            f"largest {big.ours.site.largest_page}, {biggest / 1e6:.2f} MB")  # fmt: skip
    if served is None:
        out.append("target serve: not measured (--serve 0)")
    else:
        worst = served.worst
        say(f"edit served in < {limits['serve']:g} s at {served.records}",
            worst is not None and worst < limits["serve"],
            f"{served.edit_seconds} s; first build {served.first_build_seconds} s")  # fmt: skip
    return out
