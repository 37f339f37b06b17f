"""`make audit`: Lighthouse's four scores for the pages a reader meets first, at its mobile
settings (a mid-range phone on a slow 4G line, simulated), with Debian's Chromium.

Lighthouse 12.2.3 comes from npm, pinned in bench/lighthouse/ (`make audit` installs it into
.venv/lighthouse). The built site (site/, from `make site`) is served on 127.0.0.1 as GitHub
Pages serves it (text compressed with gzip), and each page audited in turn; the reports, HTML
and JSON, are written to build/lighthouse/ and the scores printed. A benchmark, not a test:
scores move from run to run and with the machine's load (performance most), so it prints what
it measured, marks each score under the target, and exits 0.

    .venv/bin/python bench/audit.py [--site site] [--out build/lighthouse]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".venv" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The score the issue asks for in every category.
TARGET = 95


def pages(site: Path) -> dict[str, str]:
    """Home, the timeline, a record (the first agreement), the comparison and the pack."""
    agreements = sorted(p.parent.name for p in (site / "agreements").glob("*/index.html"))
    if not agreements:
        raise SystemExit(f"{site}: no agreement pages; build the site first (make site)")
    return {
        "home": "",
        "timeline": "timeline/",
        "record": f"agreements/{agreements[0]}/",
        "compare": "compare/",
        "pack": "pack/",
    }


#: What GitHub Pages sends compressed (gzip), as a reader's browser receives it.
_COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".atom"}


class Pages(http.server.SimpleHTTPRequestHandler):
    """The site as GitHub Pages serves it: text compressed with gzip when the browser asks,
    as Lighthouse's mobile run does; everything else as Python's server sends it."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and path.suffix in _COMPRESSED):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Lighthouse reports the requests; the server need not."""


@contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` on 127.0.0.1 on a free port, in a thread; yields the base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def served(site: Path) -> AbstractContextManager[str]:
    """The built ``site``, gzipped as GitHub Pages sends it; yields its address."""
    return serving(functools.partial(Pages, directory=str(site)))


def audit(url: str, out: Path) -> dict[str, int]:
    """Lighthouse on ``url``; its reports as ``out``.report.html and .report.json."""
    command = [
        shutil.which("node") or "node", str(LIGHTHOUSE), url,
        "--output=json", "--output=html", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--quiet",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True)
    report = json.loads(out.with_suffix(".report.json").read_text("utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lighthouse")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: `make audit` installs it from npm")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    scores = {}
    with served(args.site) as base:
        for name, path in pages(args.site).items():
            scores[name] = audit(base + path, args.out / name)
    print(f"Lighthouse (mobile) on {args.site}, reports in {args.out}/")
    print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, found in scores.items():
        cells = "".join(f"{found[c]:>15}{'*' if found[c] < TARGET else ' '}" for c in CATEGORIES)
        print(f"{name:<10}{cells}")
    under = any(found[c] < TARGET for found in scores.values() for c in CATEGORIES)
    print(f"* under {TARGET}" if under else f"every score is {TARGET} or more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
