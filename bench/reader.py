"""The reader's side: the bytes a browser fetches to open each kind of page of a built site.

    python bench/reader.py [--sizes 100,1000,10000] [--seed 0]
    python bench/reader.py --site DIR [--site DIR …]      # sites built already, anywhere

For each size it generates a synthetic briefing and builds it (``mkdocs build --strict``,
this checkout); ``--site`` measures sites already built instead (another checkout's, or
``site/`` after ``make site``). Each site is served on 127.0.0.1 as GitHub Pages serves it,
text compressed with gzip (bench/audit.py's server), and each kind of page is opened in a
fresh Chromium context (an empty cache, Debian's Chromium through tests/browser.py), until
the network has been quiet for half a second. Every response of that load is counted: the
page, its CSS, JavaScript, JSON (Material's search index), fonts, images and the rest (the
sitemap Material reads for instant navigation), each by its size as the page reads it
(uncompressed) and as the server sent it (gzip, what a reader on GitHub Pages transfers).
Headers are not counted. Prints a table, and writes ``results/reader-<size or site>.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Request

from audit import served
from build import environment, mkdocs
from check import RESULTS, ROOT, head, machine, parse_sizes
from synth import generate

sys.path.insert(0, str(ROOT / "tests"))
from browser import NoChromium, browser  # tests/ holds the one way we launch Chromium

#: The collections whose records have pages, ``<collection>/<id>/``.
COLLECTIONS = ("sources", "actors", "agreements", "events", "figures", "reactions", "perspectives")
#: The kinds of file counted, in the table's order, by the start of their Content-Type.
KINDS = {
    "HTML": ("text/html",),
    "CSS": ("text/css",),
    "JS": ("text/javascript", "application/javascript"),
    "JSON": ("application/json",),
    "fonts": ("font/", "application/font", "application/x-font"),
    "images": ("image/",),
}
OTHER = "other"


@dataclass(frozen=True)
class Fetch:
    """One response of a page load: its address (from the site's root), kind and sizes."""

    path: str
    kind: str
    bytes: int  # as the page reads it
    sent: int  # as the server sent it: gzip's bytes when compressed


@dataclass
class Load:
    """One kind of page opened with an empty cache: every response it fetched."""

    page: str  # home, timeline, timeline part, record, collection index
    path: str
    fetches: list[Fetch] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(f.bytes for f in self.fetches)

    @property
    def sent(self) -> int:
        return sum(f.sent for f in self.fetches)

    def by_kind(self) -> dict[str, int]:
        """Uncompressed bytes of each kind, every kind present (0 when none)."""
        found = dict.fromkeys([*KINDS, OTHER], 0)
        for fetch in self.fetches:
            found[fetch.kind] += fetch.bytes
        return found


def kind_of(content_type: str) -> str:
    """The kind of a response from its Content-Type (``text/css; charset=utf-8`` → CSS)."""
    media = content_type.split(";")[0].strip().lower()
    for kind, starts in KINDS.items():
        if media.startswith(starts):
            return kind
    return OTHER


def pages(site: Path) -> dict[str, str]:
    """The page of each kind, by its address from the site's root: home; the timeline; its
    largest part (when it is cut into parts); the record page of median size; the largest
    collection index."""
    found = {"home": "", "timeline": "timeline/"}
    parts = _by_size(site, "timeline/*/index.html")
    if parts:
        found["timeline part"] = parts[-1]
    records = [p for c in COLLECTIONS for p in _by_size(site, f"{c}/*/index.html")]
    records.sort(key=lambda p: ((site / p / "index.html").stat().st_size, p))
    if records:
        found["record"] = records[(len(records) - 1) // 2]
    indexes = [p for c in COLLECTIONS for p in _by_size(site, f"{c}/index.html")]
    indexes.sort(key=lambda p: ((site / p / "index.html").stat().st_size, p))
    if indexes:
        found["collection index"] = indexes[-1]
    return found


def _by_size(site: Path, pattern: str) -> list[str]:
    """Addresses (``events/x/``) of the pages matching ``pattern``, smallest first."""
    files = sorted(site.glob(pattern), key=lambda p: (p.stat().st_size, p.as_posix()))
    return [p.parent.relative_to(site).as_posix() + "/" for p in files]


def measure_site(site: Path, chromium: Browser) -> list[Load]:
    """Open each kind of page of ``site`` with an empty cache; every response counted."""
    with served(site) as base:
        return [_open(chromium, base, page, path) for page, path in pages(site).items()]


def _open(chromium: Browser, base: str, page: str, path: str) -> Load:
    """One page in a fresh context, until the network is quiet: each finished response."""
    context = chromium.new_context()
    tab = context.new_page()
    done: list[Request] = []  # once their response has ended
    tab.on("requestfinished", lambda request: done.append(request))
    tab.goto(base + path, wait_until="networkidle")
    load = Load(page, path)
    for request in done:
        response = request.response()
        if response is None:
            continue
        body = len(response.body())
        length = response.headers.get("content-length")
        kind = kind_of(response.headers.get("content-type", ""))
        sent = int(length) if length is not None else body
        load.fetches.append(Fetch(request.url.removeprefix(base), kind, body, sent))
    context.close()
    return load


def build_synthetic(records: int, seed: int, temp: Path) -> Path:
    """A synthetic briefing of ``records``, built as ``make site`` builds; the site's folder."""
    data, site, log = temp / "data", temp / "site", temp / "build.txt"
    generate(records, data, seed)
    with log.open("w") as out:
        built = subprocess.run(
            mkdocs(site), cwd=ROOT, env=environment(BRIEFING_DATA=str(data)),
            stdout=out, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    if built.returncode != 0:
        raise SystemExit(f"the build of {records} records failed:\n{head(log.read_text())}")
    return site


#: The table's columns after the page's name: requests, totals, then each kind (uncompressed).
COLUMNS = ("requests", "KB", "gzip KB", *KINDS, OTHER)


def table(measured: dict[str, list[Load]]) -> list[str]:
    """One row per page of each site (its name: the records, or the folder), in KB of 1,000
    bytes; the page's address under the table."""
    width = max([len("site"), *map(len, measured)])
    title = f"{'site':<{width}} {'page':<17}" + "".join(f"{c:>9}" for c in COLUMNS)
    lines = [title, "-" * len(title)]
    for name, loads in measured.items():
        for load in loads:
            kinds = load.by_kind().values()
            cells = [f"{len(load.fetches):>9}", *(f"{kb(n):>9}" for n in (load.total, load.sent))]
            cells += [f"{kb(n):>9}" for n in kinds]
            lines.append(f"{name:<{width}} {load.page:<17}" + "".join(cells))
    lines.append("")
    for name, loads in measured.items():
        lines.append(f"{name}: " + ", ".join(f"{load.page} /{load.path}" for load in loads))
    return lines


def kb(size: int) -> str:
    """Bytes in kilobytes of 1,000, to a tenth: '102.1'; '—' for none."""
    return f"{size / 1000:.1f}" if size else "—"


def summary(measured: dict[str, list[Load]]) -> list[str]:
    """The median page of each site, and what the largest single file was."""
    lines = []
    for name, loads in measured.items():
        largest = max((f for load in loads for f in load.fetches), key=lambda f: f.bytes)
        median = statistics.median(load.total for load in loads)
        lines.append(
            f"{name}: median page {kb(int(median))} KB; largest file /{largest.path} "
            f"{kb(largest.bytes)} KB ({kb(largest.sent)} KB gzip)"
        )
    return lines


def write_json(name: str, loads: list[Load], about: dict[str, str]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"reader-{name.strip('/').replace('/', '-')}.json"
    document = {"benchmark": "bytes to open each page", "machine": about,
                "pages": [{**asdict(load), "total": load.total, "sent": load.sent}
                          for load in loads]}  # fmt: skip
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000", help="records per briefing")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--site", type=Path, action="append", help="a built site instead")
    args = parser.parse_args(argv)
    about = machine()
    about.pop("pinned", None)
    measured: dict[str, list[Load]] = {}
    for site in args.site or []:
        if not (site / "index.html").is_file():
            parser.error(f"--site {site}: no index.html there; build the site first")
    try:
        with browser() as chromium:
            for site in args.site or []:
                measured[site.as_posix()] = measure_site(site, chromium)
            for records in [] if args.site else parse_sizes(parser, args.sizes):
                with tempfile.TemporaryDirectory(prefix=f"bench-reader-{records}-") as temp:
                    site = build_synthetic(records, args.seed, Path(temp))
                    measured[str(records)] = measure_site(site, chromium)
    except NoChromium as missing:
        print(missing, file=sys.stderr)
        return 1
    for name, loads in measured.items():
        write_json(name, loads, about)
    print("\n".join(table(measured)))
    print("\n".join(summary(measured)))
    print(f"results: {RESULTS.relative_to(ROOT)}/reader-<size or site>.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
