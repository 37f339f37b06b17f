"""Benchmark of the site build: ours against plain mkdocs-material on the same pages.

    python bench/build.py [--sizes 100,1000,10000] [--runs 3] [--seed 0]

For each size a synthetic briefing is generated (bench/synth.py), then built once, untimed,
by bench/dump.py, which writes every page's final Markdown and turns it into a docs folder
and a mkdocs.yml without our plugin and hooks. Then, ``--runs`` times and interleaved so that
both share the machine's load alike: our full build (``mkdocs build --strict``) and the plain
build of the same Markdown. Each is a fresh child of this interpreter, cwd the repository:
wall time around it, CPU seconds and peak RSS from its own ``os.wait4``. The sites are
measured after the last run: total size, the HTML of every record's page, the largest page.
Results: a table on stdout, ours over plain on a row of ratios, the verdict on each target,
and bench/results/build-<size>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import dump
from check import RESULTS, ROOT, Run, head, machine, parse_sizes, run_child
from synth import generate

#: The targets (docs: bench/README.md, "What build.py measures").
MAX_OVERHEAD, SMALL, LARGE = 0.9, 1_000, 10_000  # ours/plain at both sizes, the median
MAX_PAIR = 1.0  # ours/plain in every interleaved pair
MAX_GROWTH = 11.0  # time and size at 10× the records
MAX_RSS_MB, MAX_PAGE_BYTES = 1024.0, 1_000_000


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
    def pairs(self) -> list[float]:
        """The ratio of each pair of runs: ours, then plain right after it, so that each pair
        met the same load on the machine."""
        pairs = zip(self.ours.runs, self.plain.runs, strict=False)
        return [ours.seconds / plain.seconds for ours, plain in pairs]

    @property
    def overhead(self) -> float:
        """The median of the pairs' ratios."""
        return statistics.median(self.pairs)

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


def verdict(results: list[Result]) -> list[str]:
    """Each target, met or not, with the measured value."""
    by_size = {r.records: r for r in results}
    out = []

    def say(what: str, ok: bool, got: str) -> None:
        out.append(f"target {what}: {'yes' if ok else 'NO'} ({got})")

    for size in (SMALL, LARGE):
        r = by_size.get(size)
        if r is None or not (r.ours.passed and r.plain.passed):
            out.append(f"target overhead at {size}: not measured")
            continue
        say(f"ours/plain ≤ {MAX_OVERHEAD:g} at {size}", r.overhead <= MAX_OVERHEAD,
            f"wall {r.overhead:.2f}; cpu {r.cpu_overhead:.2f}")  # fmt: skip
        say(f"every pair ≤ {MAX_PAIR:g} at {size}", max(r.pairs) <= MAX_PAIR,
            "pairs " + " ".join(f"{pair:.2f}" for pair in r.pairs))  # fmt: skip
    big, little = by_size.get(LARGE), by_size.get(SMALL)
    if big and little and big.ours.site and little.ours.site:
        time_growth = big.ours.median_seconds / little.ours.median_seconds
        cpu_growth = big.ours.median_cpu_seconds / little.ours.median_cpu_seconds
        size_growth = big.ours.site.mb / little.ours.site.mb
        pair = f"{big.records}/{little.records}"
        say(f"time({pair}) ≤ {MAX_GROWTH:g}", time_growth <= MAX_GROWTH,
            f"wall {time_growth:.2f}; cpu {cpu_growth:.2f}")  # fmt: skip
        say(f"site size({pair}) ≤ {MAX_GROWTH:g}", size_growth <= MAX_GROWTH,
            f"{size_growth:.2f}")  # fmt: skip
    else:
        out.append("target growth: not measured (needs 10× sizes, e.g. 1000 and 10000)")
    if big and big.ours.site:
        say(f"peak RSS ≤ {MAX_RSS_MB:g} MB at {big.records}",
            big.ours.peak_rss_mb <= MAX_RSS_MB, f"{big.ours.peak_rss_mb:.1f} MB")  # fmt: skip
        biggest = big.ours.site.largest_kb * 1000
        say(f"no page over {MAX_PAGE_BYTES / 1e6:g} MB of HTML at {big.records}",
            biggest <= MAX_PAGE_BYTES,
            f"largest {big.ours.site.largest_page}, {biggest / 1e6:.2f} MB")  # fmt: skip
    return out


def mkdocs(site: Path, config: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return command + (["--config-file", str(config)] if config else [])


def environment(**extra: str) -> dict[str, str]:
    """This process's environment, with ``extra``."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    return {**env, **extra}


def measure_site(site: Path, data: Path) -> Site:
    """Sizes of a built site; record pages are <collection>/<id>/index.html."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = {p: p.stat().st_size for p in files if p.suffix == ".html"}
    records = [
        pages.get(site / p.parent.name / p.stem / "index.html", 0)
        for p in data.glob("*/*.yml")
        if p.parent.name != "schemas"
    ]
    largest = max(pages, key=lambda p: pages[p])
    return Site(
        files=len(files),
        pages=len(pages),
        mb=round(sum(p.stat().st_size for p in files) / 1e6, 1),
        record_kb_mean=round(statistics.mean(records) / 1e3, 1),
        record_kb_max=round(max(records) / 1e3, 1),
        largest_page=largest.relative_to(site).as_posix(),
        largest_kb=round(pages[largest] / 1e3, 1),
    )


def measure(records: int, runs: int, seed: int, temp: Path) -> Result:
    data, dumped_pages, plain = temp / "data", temp / "dump", temp / "plain"
    counts = generate(records, data, seed)
    ours_env = environment(BRIEFING_DATA=str(data))
    ours_site, plain_site, log = temp / "site-ours", temp / "site-plain", temp / "log.txt"
    # The untimed build that writes the Markdown (and warms the disk cache for both).
    dumping = [sys.executable, str(ROOT / "bench" / "dump.py"), str(dumped_pages), str(ours_site)]
    dumped = run_child(dumping, temp / "dump.txt", ours_env)
    if dumped.exit_code != 0:
        failed = Build([dumped], 0.0, 0.0, 0.0, None, _log(temp / "dump.txt"))
        return Result(records, counts, failed, failed)
    config = dump.prepare(dumped_pages, plain, data)
    done: dict[str, list[Run]] = {"ours": [], "plain": []}
    output = {"ours": "", "plain": ""}
    for _ in range(runs):
        for name, command, env in (
            ("ours", mkdocs(ours_site), ours_env),
            ("plain", mkdocs(plain_site, config), environment()),
        ):
            done[name].append(run_child(command, log, env))
            if done[name][-1].exit_code != 0:
                output[name] = _log(log)
    sites = {"ours": ours_site, "plain": plain_site}
    builds = {
        name: Build(
            runs=done[name],
            median_seconds=round(statistics.median(r.seconds for r in done[name]), 2),
            median_cpu_seconds=round(statistics.median(r.cpu_seconds for r in done[name]), 2),
            peak_rss_mb=max(r.peak_rss_mb for r in done[name]),
            site=measure_site(sites[name], data) if (sites[name] / "index.html").exists() else None,
            output=output[name],
        )
        for name in done
    }
    return Result(records, counts, builds["ours"], builds["plain"])


def _log(path: Path) -> str:
    return head(path.read_text(errors="replace"))


def write_json(name: str, document: dict[str, object]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"build-{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="records per briefing")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build per size")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    args = parser.parse_args(argv)
    sizes = parse_sizes(parser, args.sizes)
    about = machine()
    about.pop("pinned", None)  # builds are not pinned: mkdocs is single-threaded anyway
    print(", ".join(f"{key}: {value}" for key, value in about.items()), flush=True)
    results: list[Result] = []
    for records in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-build-{records}-") as temp:
            results.append(measure(records, args.runs, args.seed, Path(temp)))
        write_json(str(records), {"machine": about, **asdict(results[-1])})
        print(f"{records} records: ours {results[-1].ours.median_seconds} s, "
              f"plain {results[-1].plain.median_seconds} s", flush=True)  # fmt: skip
    about["load at the end"] = f"{os.getloadavg()[0]:.2f}"
    print(", ".join(f"{key}: {value}" for key, value in about.items()))
    print("\n".join(table(results)))
    print("\n".join(largest(results)))
    print("\n".join(verdict(results)))
    failed = [(r.records, b) for r in results for b in (r.ours, r.plain) if not b.passed]
    for records, build in failed:
        print(f"\na build of {records} records failed:\n{build.output}")
    print(f"results: {RESULTS.relative_to(ROOT)}/build-<size>.json")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
