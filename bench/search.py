"""The search benchmark: Material's search (before) against Pagefind's (ours), for readers.

    python bench/search.py [--sizes 100,1000,10000] [--runs 1] [--seed 0] [--no-relevance]

For each size, a synthetic briefing (synth.py) is built by our build twice, interleaved: with
Material's search plugin on (the site before Pagefind) and as it is built now (Pagefind,
macros/site/search.py). The two configurations differ in the search plugin alone; both are
written beside links to docs/ and macros/, so that MkDocs reads everything else as usual.
For each:

- the build's wall and CPU seconds (CPU with Pagefind's own process); the difference is
  what Pagefind costs instead of Material's search index;
- the index's bytes on disk (search/search_index.json; the pagefind/ folder and the stub);
- in Chromium (Debian's, tests/browser.py), the home page loaded and idle, then the search
  box clicked and a query put in at once (as pasted, so that both searches answer the
  query itself, not each prefix of it): the bytes transferred for search from the page's
  start to the first result (the index, the worker, Pagefind's files; uncompressed, as
  Python's server sends them), and the seconds from the query to the first result.

Then relevance on the default briefing (data/): every record's name, as links show it, is a
query, and the rank of the record's page among the results, in both. Results:
bench/results/search-<size>.json and search-relevance.json (git-ignored), and a table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from check import RESULTS, ROOT, Run, machine, parse_sizes, run_child
from synth import generate

sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))
from playwright.sync_api import Request

from browser import browser, serve  # tests/browser.py: Debian's Chromium
from macros.facts import urls
from macros.facts.checking import check
from macros.facts.names import name_of

ENGINES = ("material", "pagefind")
#: Our search plugin's line, and what it becomes for the build with Material's search.
OURS = re.compile(r"- search:\n\s+enabled: !ENV \[BRIEFING_OFFLINE, false\]")
#: The requests that are search's: its index, its worker, Pagefind's files.
SEARCH = re.compile(r"/(search/|pagefind/|assets/javascripts/(workers/search\.|search\.js))")
#: The issue's targets at 10,000 records: bytes for a first query, and seconds to a result.
TARGET_BYTES, TARGET_SECONDS = 1_000_000, 1.0


@dataclass(frozen=True)
class Reading:
    """What a reader's browser did: bytes for search from the page's start to the first
    result, those of the page's own load, and seconds from the query to a result."""

    search_bytes: int
    search_requests: int
    page_bytes: int
    seconds: float
    results: int


@dataclass(frozen=True)
class Engine:
    runs: list[Run]
    median_seconds: float
    median_cpu_seconds: float
    index_bytes: int
    reading: Reading | None


def configs(folder: Path) -> dict[str, Path]:
    """mkdocs.yml as it is (Pagefind) and with Material's search on, each in a folder of its
    own beside links to docs/ and macros/ (mkdocs-macros imports ``macros`` from there)."""
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not OURS.search(ours):
        raise SystemExit("mkdocs.yml: the search plugin is not where bench/search.py looks")
    found = {}
    for engine, text in (("pagefind", ours), ("material", OURS.sub("- search", ours))):
        home = folder / engine
        home.mkdir(parents=True)
        for name in ("docs", "macros"):
            (home / name).symlink_to(ROOT / name)
        (home / "mkdocs.yml").write_text(text, encoding="utf-8")
        found[engine] = home / "mkdocs.yml"
    return found


def index_bytes(site: Path) -> int:
    """The search index on disk: Material's JSON, or Pagefind's folder and the stub."""
    files = [site / "search" / "search_index.json", *(site / "pagefind").rglob("*")]
    return sum(p.stat().st_size for p in files if p.is_file())


def first_query(site: Path, query: str) -> Reading:
    """Open the home page, wait until it is idle, click the search box, put ``query`` in."""
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: sizes.append((r.url, _body_bytes(r))))
        page.goto(base, wait_until="networkidle")
        loaded = sum(size for _, size in sizes)
        page.locator("input.md-search__input").click()
        started = time.perf_counter()
        page.keyboard.insert_text(query)  # the query at once, as pasted; then a key that
        page.keyboard.press("End")  # Material hears (it reads the box at each key's release)
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        seconds = time.perf_counter() - started
        results = page.locator(".md-search-result__item").count()
        page.wait_for_load_state("networkidle")
        searched = [(url, size) for url, size in sizes if SEARCH.search(url)]
        return Reading(
            search_bytes=sum(size for _, size in searched),
            search_requests=len(searched),
            page_bytes=loaded,
            seconds=round(seconds, 3),
            results=results,
        )


def _body_bytes(request: Request) -> int:
    """A response's bytes; for a worker's own script, which Chromium reports as 0, its
    Content-Length (Python's server sends one with every file)."""
    size = request.sizes()["responseBodySize"]
    response = request.response()
    if size <= 0 and response is not None:
        return int(response.headers.get("content-length", "0"))
    return max(size, 0)


def query_for(data: Path) -> str:
    """A reader's query on a synthetic briefing: the first word of the first event's title."""
    first = sorted((data / "events").glob("*.yml"))[0].read_text(encoding="utf-8")
    title = re.search(r"^title: (\S+)", first, re.M)
    return title.group(1) if title else "treaty"


def measure(records: int, runs: int, seed: int, temp: Path) -> dict[str, Any]:
    data = temp / "data"
    generate(records, data, seed)
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    config = configs(temp / "config")
    done: dict[str, list[Run]] = {engine: [] for engine in ENGINES}
    for _ in range(runs):
        for engine in ENGINES:
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config[engine])]
            site = temp / f"site-{engine}"
            done[engine].append(run_child([*command, "-d", str(site)], temp / "log.txt", env))
            if done[engine][-1].exit_code != 0:
                raise SystemExit((temp / "log.txt").read_text(errors="replace")[-3000:])
    query = query_for(data)
    engines = {
        engine: Engine(
            runs=done[engine],
            median_seconds=round(statistics.median(r.seconds for r in done[engine]), 2),
            median_cpu_seconds=round(statistics.median(r.cpu_seconds for r in done[engine]), 2),
            index_bytes=index_bytes(temp / f"site-{engine}"),
            reading=first_query(temp / f"site-{engine}", query),
        )
        for engine in ENGINES
    }
    return {"records": records, "query": query, **{e: asdict(engines[e]) for e in ENGINES}}


def relevance(data: Path, temp: Path) -> dict[str, Any]:
    """Each record's name as a query; the rank of its page in each engine's results."""
    built = check(data, None).catalog
    if built is None:
        raise SystemExit(f"{data}: the briefing has problems (python -m macros check)")
    wanted = {
        name_of(entry): urls.served_at(urls.record_page(entry.collection, entry.id))
        for entry in (built.get(i) for i in sorted(built.records))
        if entry is not None
    }
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    config = configs(temp / "config")
    ranks: dict[str, dict[str, int | None]] = {}
    for engine in ENGINES:
        site = temp / f"site-{engine}"
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config[engine])]
        run_child([*command, "-d", str(site)], temp / "log.txt", env)
        ranks[engine] = _ranks(site, wanted)
    summary = {engine: _summary(list(ranks[engine].values())) for engine in ENGINES}
    return {"queries": len(wanted), "summary": summary, "ranks": ranks}


#: Talks to a site's search worker as Material's search box does, one query at a time.
_ASK = """async ([queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const worker = new Worker(new URL(config.search, location.href))
  const index = await (await fetch("search/search_index.json")).json()
  const next = () => new Promise(done => {
    worker.addEventListener("message", message => done(message.data), {once: true})
  })
  const ready = next()
  const options = {suggest: false}
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options}})
  await ready
  const found = {}
  for (const query of queries) {
    let answer = next()
    worker.postMessage({type: 2, data: query})
    let message = await answer
    while (message.type !== 3) { answer = next(); message = await answer }
    found[query] = message.data.items.map(item => {
      const page = item.find(d => !d.location.includes("#")) || item[0]
      return page.location.split("#")[0]
    })
  }
  worker.terminate()
  return found
}"""


def _ranks(site: Path, wanted: dict[str, str]) -> dict[str, int | None]:
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base, wait_until="networkidle")
        found = page.evaluate(_ASK, [list(wanted)])
    return {
        query: found[query].index(location) + 1 if location in found[query] else None
        for query, location in wanted.items()
    }


def _summary(ranks: list[int | None]) -> dict[str, float]:
    return {
        "first": round(sum(r == 1 for r in ranks) / len(ranks), 3),
        "top 5": round(sum(r is not None and r <= 5 for r in ranks) / len(ranks), 3),
        "found": round(sum(r is not None for r in ranks) / len(ranks), 3),
        "mean reciprocal rank": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
    }


def table(results: list[dict[str, Any]]) -> list[str]:
    out = [
        "| records | search | build s (CPU s) | index on disk | page load | search bytes "
        "(requests) | first result |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for engine in ENGINES:
            e, r = result[engine], result[engine]["reading"]
            out.append(
                f"| {result['records']:,} | {engine} | {e['median_seconds']} "
                f"({e['median_cpu_seconds']}) | {e['index_bytes'] / 1e3:,.0f} KB | "
                f"{r['page_bytes'] / 1e3:,.0f} KB | {r['search_bytes'] / 1e3:,.0f} KB "
                f"({r['search_requests']}) | {r['seconds']:.2f} s |"
            )
    return out


def verdict(results: list[dict[str, Any]]) -> list[str]:
    largest = results[-1]
    reading = largest["pagefind"]["reading"]
    ok_bytes = reading["search_bytes"] <= TARGET_BYTES
    ok_time = reading["seconds"] <= TARGET_SECONDS
    return [
        f"{'PASS' if ok_bytes else 'FAIL'}  a first query at {largest['records']:,} records "
        f"transfers ≤ {TARGET_BYTES / 1e6:g} MB (got {reading['search_bytes'] / 1e6:.2f} MB)",
        f"{'PASS' if ok_time else 'FAIL'}  its first result shows in ≤ {TARGET_SECONDS:g} s "
        f"(got {reading['seconds']:.2f} s)",
    ]


def write_json(name: str, document: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    (RESULTS / f"search-{name}.json").write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="records per briefing")
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind per size")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--no-relevance", action="store_true", help="skip the relevance check")
    args = parser.parse_args(argv)
    about = machine()
    about.pop("pinned", None)
    print(", ".join(f"{key}: {value}" for key, value in about.items()), flush=True)
    results = []
    for records in parse_sizes(parser, args.sizes):
        with tempfile.TemporaryDirectory(prefix=f"bench-search-{records}-") as temp:
            results.append(measure(records, args.runs, args.seed, Path(temp)))
        write_json(str(records), {"machine": about, **results[-1]})
        print(f"{records} records measured; load {os.getloadavg()[0]:.2f}", flush=True)
    print("\n".join(table(results)))
    if not args.no_relevance:
        with tempfile.TemporaryDirectory(prefix="bench-search-relevance-") as temp:
            found = relevance(ROOT / "data", Path(temp))
        write_json("relevance", {"machine": about, **found})
        print(f"relevance, each of the {found['queries']} records' names as a query:")
        for engine, summary in found["summary"].items():
            print(f"  {engine}: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    about["load at the end"] = f"{os.getloadavg()[0]:.2f}"
    print(", ".join(f"{key}: {value}" for key, value in about.items()))
    print("\n".join(verdict(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
