"""Benchmark of the site build: ours against plain mkdocs-material on the same pages.

    python bench/build.py [--sizes 100,1000,10000] [--runs 3] [--seed 0] [--serve 1000|0]

For each size a synthetic briefing is generated (bench/synth.py), then built once, untimed,
by bench/dump.py, which writes every page's final Markdown; build_plain.py
turns that into a docs folder and a mkdocs.yml without our plugin and hooks. Then, ``--runs``
times and interleaved so that both share the machine's load alike: our full build
(``mkdocs build --strict``) and the plain build of the same Markdown. Each is a fresh child of
this interpreter, cwd the repository: wall time around it, peak RSS from its own
``os.wait4``. The sites are measured after the last run: total size, the HTML of every
record's page, the largest page. Last, ``mkdocs serve`` on the ``--serve`` size: seconds from
an edited record to its page served anew (build_serve.py). Results: a table on stdout, and
bench/results/build-<size>.json and build-serve.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import build_plain
import build_report
import build_serve
from build_report import Build, Result, Site
from check import RESULTS, ROOT, Run, machine, parse_sizes
from synth import generate

#: The targets (docs: bench/README.md#the-build-benchmark).
MAX_OVERHEAD, OVERHEAD_AT = 1.25, (1_000, 10_000)
MAX_GROWTH = 11.0  # time and size at 10× the records
MAX_RSS_MB, MAX_PAGE_BYTES, LARGE = 1024.0, 1_000_000, 10_000
MAX_SERVE_SECONDS = 5.0


def run_child(command: list[str], env: dict[str, str], log: Path) -> Run:
    """One fresh child: wall seconds around it, and its own peak resident memory."""
    with log.open("w") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(round(seconds, 2), round(cpu, 2), round(usage.ru_maxrss / scale, 1), code)


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
    data, dump, plain = temp / "data", temp / "dump", temp / "plain"
    counts = generate(records, data, seed)
    ours_env = environment(BRIEFING_DATA=str(data))
    ours_site, plain_site, log = temp / "site-ours", temp / "site-plain", temp / "log.txt"
    # The untimed build that writes the Markdown (and warms the disk cache for both).
    dumping = [sys.executable, str(ROOT / "bench" / "dump.py"), str(dump), str(ours_site)]
    dumped = run_child(dumping, ours_env, temp / "dump.txt")
    if dumped.exit_code != 0:
        failed = Build([dumped], 0.0, 0.0, 0.0, None, _head(temp / "dump.txt"))
        return Result(records, counts, failed, failed)
    config = build_plain.prepare(dump, plain, data)
    done: dict[str, list[Run]] = {"ours": [], "plain": []}
    output = {"ours": "", "plain": ""}
    for _ in range(runs):
        for name, command, env in (
            ("ours", mkdocs(ours_site), ours_env),
            ("plain", mkdocs(plain_site, config), environment()),
        ):
            done[name].append(run_child(command, env, log))
            if done[name][-1].exit_code != 0:
                output[name] = _head(log)
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


def _head(log: Path, keep: int = 20) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return "\n".join(lines if len(lines) <= keep + 1 else [*lines[:keep], "…", lines[-1]])


def write_json(name: str, document: dict[str, object]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"build-{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def serve(records: int, seed: int, edits: int) -> build_serve.Served:
    with tempfile.TemporaryDirectory(prefix=f"bench-serve-{records}-") as temp:
        data = Path(temp) / "data"
        generate(records, data, seed)
        return build_serve.measure(data, edits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="records per briefing")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build per size")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--serve", type=int, default=1000, help="records to serve (0: none)")
    parser.add_argument("--edits", type=int, default=2, help="edits in the serve test")
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
    served = serve(args.serve, args.seed, args.edits) if args.serve else None
    if served is not None:
        write_json("serve", {"machine": about, **asdict(served)})
    about["load at the end"] = f"{os.getloadavg()[0]:.2f}"
    print(", ".join(f"{key}: {value}" for key, value in about.items()))
    print("\n".join(build_report.table(results)))
    print("\n".join(build_report.largest(results)))
    limits = {"overhead": MAX_OVERHEAD, "growth": MAX_GROWTH, "rss": MAX_RSS_MB,
              "page": MAX_PAGE_BYTES, "serve": MAX_SERVE_SECONDS}  # fmt: skip
    print("\n".join(build_report.verdict(results, served, limits, OVERHEAD_AT[0], LARGE)))
    failed = [(r.records, b) for r in results for b in (r.ours, r.plain) if not b.passed]
    for records, build in failed:
        print(f"\na build of {records} records failed:\n{build.output}")
    if served is not None and served.worst is None:
        print(f"\nthe serve test did not see the edit:\n{served.output}")
    print(f"results: {RESULTS.relative_to(ROOT)}/build-<size>.json, build-serve.json")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
