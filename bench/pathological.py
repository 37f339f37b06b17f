"""Benchmark of hostile input: one record with a 1 MB pathological field, checked and built.

    python bench/pathological.py [--size 1000000]

For each pattern (nested brackets, runs of ``[[a``, ``[``, ``*``, ``_``, backticks, ``<``,
``[a](``, ``![``) the small briefing in tests/fixtures/valid gets one event whose summary
(a Markdown field), then whose title (a text field), is that pattern, ``--size`` characters
long, and then:

- **check**: ``check(folder)``, the whole check of the briefing, as ``make check`` runs it;
- **scan**: the link scan of the field alone (facts/links.py), which reads any length;
- **at the limit**: the same pattern at the longest the field may be (10,000 characters for
  Markdown, 2,000 for text): the check, then, if it passes, the **build** of that record:
  its page rendered by the templates, the page's Markdown converted with the extensions of
  mkdocs.yml, the HTML sanitised, and every data file written (json, csv, ics, atom).

Last, a whole ``mkdocs build --strict`` of the small briefing, with and without one record
whose summary is 10,000 ``<``: what an editor waits for, most of it MkDocs starting.

Each figure is the best of ``--runs`` runs in this process. The goal (issue 15): each step
under 2 seconds. Results are printed as a Markdown table, for bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.export import history, publish  # noqa: E402
from macros.facts import links  # noqa: E402
from macros.facts.checking import check  # noqa: E402
from macros.facts.fields import MAX_PROSE, MAX_TEXT  # noqa: E402
from macros.site import sanitise  # noqa: E402
from macros.site.render import Renderer  # noqa: E402
from macros.site.views import Views  # noqa: E402

VALID = ROOT / "tests" / "fixtures" / "valid"
PATTERNS = {
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "[[a runs": lambda n: "[[a" * (n // 3),
    "[ runs": lambda n: "[" * n,
    "* runs": lambda n: "*" * n,
    "_ runs": lambda n: "_" * n,
    "` runs": lambda n: "`" * n,
    "< runs": lambda n: "<" * n,
    "*a runs": lambda n: "*a" * (n // 2),
    "[a]( runs": lambda n: "[a](" * (n // 4),
    "![ runs": lambda n: "![" * (n // 2),
}
EVENT = "events/hostile-record.yml"


def extensions() -> list[str]:
    """The Markdown extensions of mkdocs.yml, by name (their options left at defaults)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 — our own file, read as plain text
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]


def briefing_with(folder: Path, text: str, field: str = "summary") -> Path:
    """The small briefing with one more event, whose ``field`` is ``text``."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(VALID, folder)
    record = {
        "date": "1987-12-09",
        "title": "A hostile record",
        "kind": "statement",
        "summary": "A summary.",
        "sources": ["treaty-text"],
    }
    record[field] = text
    (folder / EVENT).write_text(json.dumps(record), "utf-8")  # JSON is YAML
    return folder


def best(runs: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def build_record(folder: Path) -> None:
    """What the build does for the hostile record: its page, Markdown, sanitiser, data files."""
    checked = check(folder)
    assert checked.ok and checked.catalog is not None, checked.problems  # noqa: S101
    built = checked.catalog
    views = Views(built, Renderer(built))
    page_markdown = views.record(views.renderer.page("events/hostile-record.md"), "hostile-record")
    html = markdown.Markdown(extensions=extensions()).convert(page_markdown)
    sanitise.clean(html)
    publish.downloads(built, history.History(history.fallback(built)))


def row(
    temporary: Path, field: str, limit: int, name: str, make: Callable[[int], str],
    args: argparse.Namespace,
) -> float:  # fmt: skip
    """One line of the table; the slowest of its checks and build."""
    big = make(args.size)
    folder = briefing_with(temporary / "big", big, field)
    refused = check(folder).problems
    assert any("must be at most" in p.message for p in refused), refused  # noqa: S101
    check_big = best(args.runs, lambda: check(folder))
    scan = best(args.runs, lambda: list(links.scan(big)))
    capped = briefing_with(temporary / "capped", make(limit), field)
    check_capped = best(args.runs, lambda: check(capped))
    shown = [f"{t:.3f} s" for t in (check_big, scan, check_capped)]
    build = 0.0
    if check(capped).ok:
        build = best(args.runs, lambda: build_record(capped))
        shown.append(f"{build:.3f} s")
    else:  # refused as it stands (a link to no record, say): nothing is built
        shown.append("refused by the check")
    print(f"| {field}, {limit:,} | {name} | " + " | ".join(shown) + " |")
    return max(check_big, check_capped, build)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"| field | pattern | check, {args.size:,} chars | scan | check, at the limit | build |")
    print("| --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    with tempfile.TemporaryDirectory() as temporary:
        for field, limit in (("summary", MAX_PROSE), ("title", MAX_TEXT)):
            for name, make in PATTERNS.items():
                worst = max(worst, row(Path(temporary), field, limit, name, make, args))
    print(f"\nslowest check or build: {worst:.3f} s (goal: under 2 s)")
    with tempfile.TemporaryDirectory() as temporary:
        plain = _mkdocs(VALID, Path(temporary) / "plain")
        hostile = briefing_with(Path(temporary) / "data", "<" * MAX_PROSE)
        with_record = _mkdocs(hostile, Path(temporary) / "hostile")
    print(f"mkdocs build --strict: {plain:.2f} s; with the record: {with_record:.2f} s")


def _mkdocs(data: Path, out: Path) -> float:
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(out)]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
