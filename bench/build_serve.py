"""How long `make serve` takes to show an edited record: start `mkdocs serve` on a copy of a
synthetic briefing, wait for the first build, change one record's title, and poll its page
until the new title is served.

    python bench/build_serve.py --records 1000 [--edits 2] [--seed 0]
    python bench/build_serve.py --records 1000 --phases [--edits 3]

``--phases`` serves nothing: it replays `mkdocs serve --dirty` in this process (the
configuration loaded again before each build, a first build, then an edit and a dirty build
``--edits`` times) and prints the CPU seconds of the last rebuild by step: each plugin event,
the loading of the data and the data files, and the pages built again, by kind.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phase_clock import PhaseClock
from synth import generate

ROOT = Path(__file__).resolve().parents[1]
POLL = 0.1  # seconds between two requests
#: As `make serve` runs it.
SERVE = ["serve", "--dirty"]


@dataclass
class Served:
    """The first build's seconds, and for each edit the seconds until the page showed it."""

    records: int
    page: str
    first_build_seconds: float | None
    edit_seconds: list[float | None] = field(default_factory=list)
    output: str = ""

    @property
    def worst(self) -> float | None:
        if not self.edit_seconds or None in self.edit_seconds:
            return None
        return max(s for s in self.edit_seconds if s is not None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — our own server
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen[bytes]) -> float | None:
    """Seconds until ``url`` serves a page containing ``text``; None on timeout or exit."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            return None
        body = fetch(url)
        if body is not None and text in body:
            return round(time.perf_counter() - started, 2)
        time.sleep(POLL)
    return None


def retitle(path: Path, marker: str) -> None:
    """Put ``marker`` at the end of the record's ``title:`` line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("title: "):
            lines[number] = line.rstrip("\n").split(" bench-edit-")[0] + f" {marker}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise ValueError(f"{path}: no title line to edit")


def measure(data: Path, edits: int = 2, timeout: float = 600.0) -> Served:
    """Serve ``data`` with `mkdocs serve`, edit the first event ``edits`` times."""
    record = sorted((data / "events").glob("*.yml"))[0]
    page = f"events/{record.stem}/"
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    env = {**os.environ, "BRIEFING_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_DUMP_MARKDOWN", None)
    command = [sys.executable, "-m", "mkdocs", *SERVE, "--dev-addr", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            result = Served(data_records(data), page, wait_for(url, "</html>", timeout, server))
            for number in range(edits if result.first_build_seconds is not None else 0):
                marker = f"bench-edit-{number}-{time.time_ns()}"
                time.sleep(1.0)  # let the watcher settle after the last build
                retitle(record, marker)
                result.edit_seconds.append(wait_for(url, marker, timeout, server))
        finally:
            stop(server)
        log.seek(0)
        result.output = log.read().decode("utf-8", "replace")[-3000:]
    return result


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a person would (mkdocs then removes its temporary site), then harder."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def data_records(data: Path) -> int:
    return sum(1 for p in data.glob("*/*.yml") if p.parent.name != "schemas")


#: Our steps timed in ``--phases``, besides mkdocs' and the plugins' events: (module, function).
OURS = (("load", "load"), ("catalog", "build"), ("export", "downloads"), ("export", "write"))
#: A page's kind, by its source path, for ``--phases``.
COLLECTION_PAGE = re.compile(r"^[a-z]+/index\.md$")


def page_kind(source: str) -> str:
    if source.startswith("timeline/"):
        return "timeline parts"
    if COLLECTION_PAGE.match(source):
        return "collection indexes"
    return "record pages" if "/" in source else "hand-written pages"


def phases(data: Path, edits: int = 3) -> list[str]:
    """CPU seconds of the last of ``edits`` dirty rebuilds, by step (see the docstring)."""
    from mkdocs.commands import build as steps
    from mkdocs.config import load_config

    clock = PhaseClock()
    spent = clock.spent
    pages: dict[str, int] = defaultdict(int)

    def built(step: str) -> Callable[..., str]:
        def label(page: Any, *_: Any) -> str:
            if not page.file.is_modified():
                return f"{step}: pages not built"
            pages[page_kind(page.file.src_uri)] += step == "build"
            return f"{step}: {page_kind(page.file.src_uri)}"

        return label

    os.environ.update(BRIEFING_DATA=str(data), NO_MKDOCS_2_WARNING="1")
    os.chdir(ROOT)
    url = "http://127.0.0.1:8000/"
    record = sorted((data / "events").glob("*.yml"))[0]
    clock.time_events()
    clock.wrap(steps, "_populate_page", built("markdown"))
    clock.wrap(steps, "_build_page", built("build"))
    clock.wrap(steps, "_build_theme_template", lambda name, *_: f"theme {name}")
    clock.wrap(steps, "get_navigation", lambda *_: "navigation")
    total = 0.0
    for number in range(edits + 1):
        if number:
            retitle(record, f"bench-edit-{number}")
        if number == edits:
            spent.clear()
            pages.clear()
        started = time.process_time()
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(data.parent / "site"))
        config.site_url = url
        spent["load mkdocs.yml"] += time.process_time() - started
        if not number:
            config.plugins.on_startup(command="serve", dirty=True)
        steps.build(config, serve_url=url, dirty=True)
        total = time.process_time() - started
        if not number:  # the package is imported now: time our steps too
            for module, function in OURS:
                owner = importlib.import_module(f"macros.{module}")
                label = f"  in it: {module}.{function}"
                clock.wrap(owner, function, lambda *_, label=label: label)
    head = f"{total:6.2f} s CPU, the rebuild after edit {edits} (pages built: {dict(pages)})"
    return clock.report(total, head)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--phases", action="store_true", help="CPU by step, in this process")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"bench-serve-{args.records}-") as temp:
        data = Path(temp) / "data"
        generate(args.records, data, args.seed)
        if args.phases:
            print("\n".join(phases(data, args.edits)))
            return 0
        served = measure(data, args.edits)
    print(f"first build {served.first_build_seconds} s; edits served after {served.edit_seconds} s")
    if served.worst is None:
        print(served.output)
    return 0 if served.worst is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
