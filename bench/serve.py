"""Benchmark of `make serve`: seconds from saving a record's file to its page served anew.

    python bench/serve.py [--records 1000] [--edits 5] [--seed 0]

`make serve` runs plain `mkdocs serve`, which builds the whole site again after every save.
For the default briefing (a copy of data/) and a synthetic one of ``--records`` records (0: the
default only), this starts `mkdocs serve` as `make serve` does, on a free port of 127.0.0.1 with
BRIEFING_DATA pointing at the copy, and waits until the site is served. Then ``--edits`` times
it changes one event's ``title:`` line and polls the event's page: the figure is the seconds
from the write to the first response that shows the new title. Last, untimed, a correctness
check: it deletes a record that no other file names, and the record's page must answer 404
and be gone from the search index (both having been there before). The
server is stopped with Ctrl-C (SIGINT), as a person would. Results: a table on stdout, the
verdict on the target, and bench/results/serve-<briefing>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from check import RESULTS, ROOT, machine
from synth import generate

sys.path.insert(0, str(ROOT))
# After the line above: a script in bench/ starts with bench/, not the root, on sys.path.
from macros.facts import urls
from macros.site import pagefind

#: The target: the median edit to the default briefing served within this many seconds.
TARGET_SECONDS = 2.0
#: What MkDocs prints when a save starts a rebuild, and when a build is done.
REBUILD, BUILT = "Detected file changes", re.compile(r"Documentation built in ([0-9.]+) seconds")
POLL = 0.05  # seconds between two requests
SETTLE = 1.0  # seconds between an edit served and the next one: MkDocs polls every 0.5 s
FIRST_TIMEOUT, EDIT_TIMEOUT = 900.0, 300.0
#: An id, or any other word an id could be mistaken for (``[[id|words]]`` ends at ``|``).
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
#: Collections searched in this order for a record to delete that no other file names.
DELETABLE = ("reactions", "perspectives", "figures", "events", "agreements", "actors", "sources")


@dataclass(frozen=True)
class Edit:
    """One edit: seconds until its page showed it (None: never), the seconds MkDocs says its
    build took, and how many rebuilds the server started meanwhile (1 unless another watched
    file changed too: mkdocs.yml watches the repository's data/ and macros/ as well)."""

    seconds: float | None
    build_seconds: float | None
    rebuilds: int


@dataclass
class Served:
    """One briefing served: the first build's seconds, then each edit; the deletion check."""

    briefing: str
    records: int
    page: str
    first_seconds: float | None = None
    edits: list[Edit] = field(default_factory=list)
    deleted: str = "not checked"
    problems: list[str] = field(default_factory=list)
    output: str = ""

    @property
    def seen(self) -> list[float]:
        return [e.seconds for e in self.edits if e.seconds is not None]

    @property
    def build_median(self) -> float | None:
        built = [e.build_seconds for e in self.edits if e.build_seconds is not None]
        return statistics.median(built) if built else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seen) if self.seen else None

    @property
    def worst(self) -> float | None:
        return max(self.seen) if self.seen else None

    @property
    def passed(self) -> bool:
        return bool(self.edits) and len(self.seen) == len(self.edits) and not self.problems


@dataclass(frozen=True)
class Response:
    status: int
    body: str


def fetch(url: str, timeout: float) -> Response | None:
    """The server's answer, an error status included; None when it does not answer.

    While MkDocs builds again, it holds every request until the build is done."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:  # noqa: S310 — our server
            return Response(reply.status, reply.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """`mkdocs serve` as `make serve` runs it, on a free port, serving ``data``."""

    def __init__(self, data: Path, log: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "BRIEFING_DATA": str(data)}
        env.setdefault("SOURCE_DATE_EPOCH", "0")
        env.pop("SITE_URL", None)  # a path in it would move the site off the server's root
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.log_path, self.log = log, log.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # Ctrl-C must reach it even when this runs in the background, which ignores SIGINT.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def wait(self, path: str, done: Callable[[Response], bool], timeout: float) -> float | None:
        """Seconds until ``path`` answers as ``done`` wants; None on timeout or exit."""
        started = time.perf_counter()
        deadline = started + timeout
        while (now := time.perf_counter()) < deadline and self.process.poll() is None:
            response = fetch(self.url(path), min(60.0, deadline - now))
            if response is not None and done(response):
                return round(time.perf_counter() - started, 2)
            time.sleep(POLL)
        return None

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int) -> str:
        """What the server printed after ``offset``."""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        """Ctrl-C (MkDocs then removes its temporary site), then harder if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page_of(path: Path) -> str:
    """Where the record of ``data/<collection>/<id>.yml`` is served."""
    return urls.served_at(urls.record_page(path.parent.name, path.stem))


def editable(data: Path) -> tuple[Path, str]:
    """The first event whose title is one line, and that title."""
    for path in sorted((data / "events").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if not line.startswith("title:"):
                continue
            value = yaml.safe_load(line)["title"]
            follows = lines[number + 1] if number + 1 < len(lines) else ""
            if isinstance(value, str) and value and not follows.startswith(" "):
                return path, value
    raise ValueError(f"{data}: no event with a one-line title")


def retitle(path: Path, title: str) -> None:
    """Make ``title`` the record's title, written as a quoted scalar (JSON is YAML)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    path.write_text("".join(lines), encoding="utf-8")


def unnamed(data: Path, keep: Path) -> Path | None:
    """A record whose id no other file of the briefing contains as a word, and which names
    no source that no other record names, so deleting it leaves the briefing valid; None if
    there is no such record."""
    words = {p: Counter(WORD.findall(p.read_text(encoding="utf-8"))) for p in data.rglob("*.yml")}
    everywhere: Counter[str] = Counter()
    for counted in words.values():
        everywhere.update(counted)
    sources = {p.stem: p for p in (data / "sources").glob("*.yml")}

    def orphans(path: Path) -> bool:  # a source that only this record names: it would be uncited
        named = words[path]
        return any(
            named[s] and everywhere[s] - named[s] - words[own][s] == 0
            for s, own in sources.items()
            if own != path
        )

    for collection in DELETABLE:
        for path in sorted((data / collection).glob("*.yml")):
            unnamed_here = everywhere[path.stem] == words[path][path.stem]
            if path != keep and unnamed_here and not orphans(path):
                return path
    return None


def in_search(server: Server, page: str) -> bool | None:
    """Whether the search index (Pagefind's, macros/site/pagefind.py) has ``page``; None if it
    cannot be read."""

    def read(path: str) -> bytes:
        with urllib.request.urlopen(server.url(path), timeout=60.0) as reply:  # noqa: S310 — our server
            return bytes(reply.read())

    try:
        return page in pagefind.read_index(read)
    except (OSError, ValueError):  # urllib's errors are OSErrors
        return None


def delete_check(server: Server, data: Path, edited: Path) -> tuple[str, list[str]]:
    """Delete an unnamed record: its page must then answer 404 and leave the search index."""
    victim = unnamed(data, edited)
    if victim is None:
        return "not checked: every record is named by another", []
    page, problems = page_of(victim), []
    before = fetch(server.url(page), 60.0)
    if before is None or before.status != 200 or not in_search(server, page):
        problems.append(f"before the delete, {page} was not served or not in the search index")
    victim.unlink()
    gone = server.wait(page, lambda r: r.status == 404, EDIT_TIMEOUT)
    if gone is None:
        problems.append(f"{page} still answers after its file was deleted")
    elif in_search(server, page) is not False:
        problems.append(f"{page} is still in the search index (or it cannot be read)")
    after = fetch(server.url(page_of(edited)), 60.0)
    if after is None or after.status != 200:
        problems.append(f"after the delete, {page_of(edited)} is not served: the data broke")
    return ("gone" if not problems else "NOT gone") + f" ({victim.parent.name})", problems


def measure(name: str, data: Path, edits: int, log: Path) -> Served:
    """Serve ``data``, edit one event ``edits`` times, then delete a record."""
    edited, title = editable(data)
    records = sum(1 for p in data.glob("*/*.yml") if p.parent.name != "schemas")
    served = Served(name, records, page_of(edited))
    server = Server(data, log)
    try:
        served.first_seconds = server.wait(served.page, lambda r: r.status == 200, FIRST_TIMEOUT)
        for number in range(edits if served.first_seconds is not None else 0):
            time.sleep(SETTLE)
            marker = f"bench-edit-{number}-{time.time_ns()}"
            offset = server.log_size()
            retitle(edited, f"{title} {marker}")
            seconds = server.wait(served.page, showing(marker), EDIT_TIMEOUT)
            said = server.log_since(offset)
            built = BUILT.findall(said)
            edit = Edit(seconds, float(built[-1]) if built else None, said.count(REBUILD))
            served.edits.append(edit)
            print(f"  {name}, edit {number + 1}: {describe(edit)}", flush=True)
        if served.seen:
            served.deleted, served.problems = delete_check(server, data, edited)
    finally:
        server.stop()
    text = log.read_text(encoding="utf-8", errors="replace")
    served.output = "\n".join(text.strip().splitlines()[-40:])
    return served


def describe(edit: Edit) -> str:
    rebuilds = "" if edit.rebuilds == 1 else f", {edit.rebuilds} rebuilds"
    built = _s(edit.build_seconds)
    return f"served after {_s(edit.seconds)} s (the build took {built} s{rebuilds})"


def showing(text: str) -> Callable[[Response], bool]:
    return lambda response: text in response.body


def table(results: list[Served]) -> list[str]:
    """One row per briefing; ×default is its median over the default briefing's."""
    head = (
        f"{'briefing':<10} {'records':>7} {'first s':>8} {'edits':>6} {'median s':>9}"
        f" {'worst s':>8} {'build s':>8} {'rebuilds':>8} {'×default':>9}  deleted record"
    )
    lines = [head, "-" * len(head)]
    base = results[0].median if results else None
    for r in results:
        ratio = f"{r.median / base:.2f}" if r.median and base and r is not results[0] else "—"
        lines.append(
            f"{r.briefing:<10} {r.records:>7} {_s(r.first_seconds):>8} {len(r.seen):>6}"
            f" {_s(r.median):>9} {_s(r.worst):>8} {_s(r.build_median):>8}"
            f" {sum(e.rebuilds for e in r.edits):>8} {ratio:>9}  {r.deleted}"
        )
    return lines


def _s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f}"


def verdict(default: Served) -> str:
    """The target holds when the median edit of the default briefing was served within it,
    as the other benchmarks judge their medians; the worst is printed beside it."""
    median = default.median
    ok = default.passed and median is not None and median <= TARGET_SECONDS
    return (
        f"target edit served in ≤ {TARGET_SECONDS:g} s on the default briefing (median): "
        f"{'yes' if ok else 'NO'} ({_s(median)} s; worst {_s(default.worst)} s)"
    )


def run(name: str, make: Callable[[Path], object], edits: int) -> Served:
    with tempfile.TemporaryDirectory(prefix=f"bench-serve-{name}-") as temp:
        data = Path(temp) / "data"
        make(data)
        return measure(name, data, edits, Path(temp) / "serve.log")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1000, help="synthetic records (0: none)")
    parser.add_argument("--edits", type=int, default=5, help="edits per briefing (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    args = parser.parse_args(argv)
    if args.records and args.records < 7:
        parser.error(f"--records must be 0 or at least 7 (got {args.records})")
    about = machine()
    about.pop("pinned", None)  # not pinned: the server's watcher and builder are threads
    print(", ".join(f"{key}: {value}" for key, value in about.items()), flush=True)
    results = [run("default", lambda d: shutil.copytree(ROOT / "data", d), args.edits)]
    if args.records:
        synthetic = run("synthetic", lambda d: generate(args.records, d, args.seed), args.edits)
        results.append(synthetic)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for r in results:
        document = {"benchmark": "make serve", "machine": about, **asdict(r)}
        path = RESULTS / f"serve-{r.briefing}.json"
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    about["load at the end"] = f"{os.getloadavg()[0]:.2f}"
    print(", ".join(f"{key}: {value}" for key, value in about.items()))
    print("\n".join(table(results)))
    print(verdict(results[0]))
    for r in results:
        if not r.passed:
            print(f"\n{r.briefing}: {'; '.join(r.problems) or 'an edit was not seen'}")
            print(f"the server's last lines:\n{r.output}")
    print(f"results: {RESULTS.relative_to(ROOT)}/serve-<briefing>.json")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
