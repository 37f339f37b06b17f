"""Benchmark of the validator: `python -m macros check` on synthetic briefings of growing size.

    python bench/check.py [--sizes 100,1000,10000] [--runs 3] [--seed 0]

Each size is generated once into a temporary folder (not timed). Then the validator runs
``--runs`` times, each in a fresh child process with this interpreter, cwd the repository,
pinned to one core with taskset when it is installed. A run's wall time is measured around
the child; its peak RSS comes from the child's own resource usage (``os.wait4``), so runs
never share a maximum. Results go to stdout as a table and to bench/results/check-<size>.json.

The other benchmarks take from here what they share: ``Run`` and ``run_child``, ``machine``,
``parse_sizes`` and ``head``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from synth import generate

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
#: The targets at 10,000 records, on one core.
TARGET_RECORDS, TARGET_SECONDS, TARGET_MB = 10_000, 2.0, 500.0


@dataclass(frozen=True)
class Run:
    seconds: float
    #: user + system CPU seconds of the child: what the run cost, without the waits that
    #: other work on the same core adds to its wall time.
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int


@dataclass(frozen=True)
class Result:
    records: int
    files: int
    counts: dict[str, int]
    runs: list[Run]
    median_seconds: float
    median_cpu_seconds: float
    peak_rss_mb: float
    seconds_per_1000: float
    ratio_to_previous: float | None
    passed: bool
    output: str


def command(data_dir: Path) -> list[str]:
    """The validator's command line, pinned to the first core this process may use."""
    check = [sys.executable, "-m", "macros", "check", str(data_dir)]
    taskset = shutil.which("taskset")
    if taskset is None:
        return check
    core = min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
    return [taskset, "-c", str(core), *check]


def run_child(command: list[str], log: Path, env: dict[str, str] | None = None) -> Run:
    """One fresh child, cwd the repository, its output in ``log``: wall seconds around it,
    and its own CPU seconds and peak resident memory (``os.wait4`` on that child alone)."""
    with log.open("w") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    child.returncode = code = os.waitstatus_to_exitcode(status)  # reaped by wait4
    return Run(round(seconds, 3), round(cpu, 3), round(usage.ru_maxrss / scale, 1), code)


def measure(records: int, runs: int, seed: int, previous: Result | None) -> Result:
    with tempfile.TemporaryDirectory(prefix=f"bench-check-{records}-") as temp:
        data_dir = Path(temp) / "data"
        counts = generate(records, data_dir, seed)
        files = sum(1 for _ in data_dir.rglob("*.yml"))
        output = Path(temp) / "output.txt"
        done = [run_child(command(data_dir), output) for _ in range(runs)]
        printed = head(output.read_text().replace(str(data_dir), "DATA"))
    median = statistics.median(run.seconds for run in done)
    ratio = median / previous.median_seconds if previous else None
    return Result(
        records=records,
        files=files,
        counts=counts,
        runs=done,
        median_seconds=round(median, 3),
        median_cpu_seconds=round(statistics.median(run.cpu_seconds for run in done), 3),
        peak_rss_mb=max(run.peak_rss_mb for run in done),
        seconds_per_1000=round(median / records * 1000, 3),
        ratio_to_previous=round(ratio, 2) if ratio is not None else None,
        passed=all(run.exit_code == 0 for run in done),
        output=printed,
    )


def head(text: str, keep: int = 20) -> str:
    """A child's first lines and its last (the validator's count), not thousands of them."""
    lines = text.strip().splitlines()
    return "\n".join(lines if len(lines) <= keep + 1 else [*lines[:keep], "…", lines[-1]])


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = models[0].split(":", 1)[1].strip() if models else cpu
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pinned": " ".join(command(Path("DATA"))[:3]) if shutil.which("taskset") else "no",
        # Other work on the machine slows every run; the 1-minute load average shows how much.
        "load": f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown",
    }


def table(results: list[Result]) -> list[str]:
    head = (
        f"{'records':>8} {'files':>7} {'median s':>9} {'cpu s':>7} {'peak MB':>8}"
        f" {'s/1k rec':>9} {'×prev':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        ratio = f"{r.ratio_to_previous:.2f}" if r.ratio_to_previous is not None else "—"
        lines.append(
            f"{r.records:>8} {r.files:>7} {r.median_seconds:>9.3f}"
            f" {r.median_cpu_seconds:>7.3f} {r.peak_rss_mb:>8.1f}"
            f" {r.seconds_per_1000:>9.3f} {ratio:>6}" + ("" if r.passed else "  PROBLEMS")
        )
    return lines


def verdict(results: list[Result]) -> list[str]:
    """Whether the targets hold at 10,000 records: under 2 s on one core and under 500 MB."""
    found = [r for r in results if r.records == TARGET_RECORDS]
    if not found:
        return [f"targets: not measured (add {TARGET_RECORDS} to --sizes)"]
    r = found[0]
    fast, small = r.median_seconds < TARGET_SECONDS, r.peak_rss_mb < TARGET_MB
    return [
        f"target at {TARGET_RECORDS} records, time < {TARGET_SECONDS:g} s on one core: "
        f"{'yes' if fast else 'NO'} ({r.median_seconds:.3f} s)",
        f"target at {TARGET_RECORDS} records, peak RSS < {TARGET_MB:g} MB: "
        f"{'yes' if small else 'NO'} ({r.peak_rss_mb:.1f} MB)",
    ]


def write_json(result: Result, about: dict[str, str]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"check-{result.records}.json"
    document = {"benchmark": "python -m macros check", "machine": about, **asdict(result)}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def parse_sizes(parser: argparse.ArgumentParser, text: str) -> list[int]:
    """``--sizes 100,1000,10000`` as sorted numbers, or a usage error."""
    try:
        sizes = sorted({int(size) for size in text.split(",")})
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas (got {text!r})")
    if sizes[0] < 7:
        parser.error(f"every size must be at least 7, one record per collection (got {sizes[0]})")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="records per briefing")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    args = parser.parse_args(argv)
    sizes = parse_sizes(parser, args.sizes)
    about = machine()
    print(", ".join(f"{key}: {value}" for key, value in about.items()))
    results: list[Result] = []
    for records in sizes:
        results.append(measure(records, args.runs, args.seed, results[-1] if results else None))
        write_json(results[-1], about)
    print("\n".join(table(results)))
    print("\n".join(verdict(results)))
    for failed in (r for r in results if not r.passed):
        print(f"\nthe validator refused the {failed.records}-record briefing:\n{failed.output}")
    print(f"results: {RESULTS.relative_to(ROOT)}/check-<size>.json")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
