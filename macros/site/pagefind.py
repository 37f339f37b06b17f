"""Pagefind's indexing service, spoken to directly, and the index it writes, read back.

``Indexer`` runs Pagefind's indexing service (``pagefind --service``, the pinned binary of the
``pagefind_bin`` wheel) as a child process from the start of a build: each page is handed to
it as the page is made, so the indexing runs on the other core while the build goes on.
Once the last page is in (MkDocs' ``env`` event, before the theme writes the pages), the
index is made and written on a thread of its own, so that Pagefind's work and the writing of
its thousand-odd files overlap the writing of the site's pages; the end of the build waits
for it and reports what went wrong. It talks the service's protocol directly (base64 JSON
messages, each ended by a comma): the package's asyncio wrapper polls for one response every
0.1 s, 1,000 s for 10,000 pages.

``read_index`` reads a written index back, for the tests and the serve benchmark. What a
page is made of before Pagefind gets it, and where the index fits in the site, is search.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Where the index goes in the site, and the one file of it a page loads first.
FOLDER = "pagefind"
#: The files Pagefind makes that no page of ours loads: its own search interfaces, the worker
#: its script starts in a page (ours runs it in our worker, where it starts none), and the
#: code for a language it could not tell (the language is the site's).
UNUSED = (
    "pagefind-worker.js",
    "wasm.unknown.pagefind",
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-ui.css",
    "pagefind-ui.js",
)
#: What is not indexed of an article: the headings' permalinks (¶), and what the templates
#: mark for Material's search to leave out (the timeline's filters, drawings of charts).
LEFT_OUT = (".headerlink", "[data-search-exclude]")
#: Pages handed to the writing thread in one piece (about 5 KB each): one thread switch and
#: one write per batch, not per page, which halved the build's context switches.
BATCH = 16
#: The most batches the build hands over before Pagefind has taken them.
QUEUED = 32
#: The longest a build waits for Pagefind to write its index, in seconds.
WAIT = 600


class SearchError(Exception):
    """Pagefind refused a page or could not write the index; the message says which."""


def executable() -> Path:
    """The pinned Pagefind binary, from the ``pagefind_bin`` wheel."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]  # no stubs

    return Path(get_executable())


class Indexer:
    """One build's Pagefind index: ``add`` each page, then ``write`` the index once.

    Three threads: the build's, which hands pages over in batches without waiting for
    Pagefind (up to ``QUEUED`` batches ahead of it); one that writes them to the service;
    one that reads its replies. A fourth writes the index (``start_writing``). A page
    Pagefind refuses is reported when the build waits for the index (``write``)."""

    def __init__(self, language: str, binary: Path | None = None) -> None:
        binary = binary or executable()
        try:
            self._process = subprocess.Popen(  # noqa: S603 — the pinned binary, no shell
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise SearchError(f"Pagefind could not start ({binary}: {error.strerror})") from error
        self._sent = 0
        self._answered = 0
        self._ended = False
        self._pages: dict[int, str] = {}
        self._errors: list[str] = []
        self._replies: dict[int, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED)
        self._batch: list[bytes] = []
        self._writing: threading.Thread | None = None
        self._failure: Exception | None = None
        self._threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._write, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        # Pagefind's default title is the page's first <h1>; the language is the site's.
        config = {"force_language": language, "exclude_selectors": list(LEFT_OUT)}
        self._index = int(self._ask({"type": "NewIndex", "config": config})["index_id"])

    def add(self, url: str, html: str) -> None:
        """Index one page, served at ``url`` (``/`` and the page's address in the site)."""
        if self._writing is not None:  # it would be left out of the index without a word
            raise SearchError(f"{url}: added after the index was started")
        message = {"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html}
        self._send(message, url)

    def start_writing(self, site: Path) -> None:
        """Make the index and write it into ``site/pagefind/`` on a thread of its own, once
        every page is indexed; call it after the last ``add``, and ``write`` to wait for it."""
        if self._writing is None:
            self._flush()
            self._writing = threading.Thread(target=self._write_index, args=(site,))
            self._writing.start()

    def write(self, site: Path) -> None:
        """The index written into ``site/pagefind/`` (started now if it was not), and the
        service stopped; every page Pagefind refused, or what stopped the writing, raised."""
        self.start_writing(site)
        assert self._writing is not None  # noqa: S101 — started just above
        self._writing.join()
        if self._failure is not None:
            raise self._failure
        if self._errors:
            raise SearchError("\n".join(self._errors))

    def _write_index(self, site: Path) -> None:
        folder = site / FOLDER
        try:
            with self._changed:  # every page indexed first: the service may answer out of order
                self._changed.wait_for(lambda: self._answered >= self._sent or self._ended, WAIT)
            try:  # not WriteFiles: the service answers it before its last file is written
                files = self._ask({"type": "GetFiles", "index_id": self._index})["files"]
            finally:
                self.close()
            if folder.exists():
                shutil.rmtree(folder)
            made: set[Path] = set()  # a folder made once, not once per file in it
            for file in files:
                if file["path"] not in UNUSED:
                    path = folder / file["path"]
                    if path.parent not in made:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        made.add(path.parent)
                    path.write_bytes(base64.b64decode(file["content"]))
        except OSError as error:
            said = error.strerror or str(error)
            self._failure = SearchError(f"could not write the index into {folder}: {said}")
        except Exception as error:  # raised by ``write``, in the build's thread
            self._failure = error

    def close(self) -> None:
        """Stop the service (a build that fails stops it too, and waits for any writing)."""
        writing = self._writing
        if writing is not None and writing is not threading.current_thread():
            writing.join()
        if self._threads[1].is_alive():
            self._outbox.put(None)
        self._threads[1].join()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._threads[0].join()
        assert self._process.stdout is not None  # noqa: S101 — asked for in __init__
        self._process.stdout.close()

    def _send(self, payload: dict[str, Any], page: str | None = None) -> int:
        with self._changed:
            self._sent += 1
            number = self._sent
            if page is not None:
                self._pages[number] = page
        request = {"message_id": number, "payload": payload}
        self._batch.append(base64.b64encode(json.dumps(request).encode()) + b",")
        if page is None or len(self._batch) >= BATCH:
            self._flush()
        return number

    def _flush(self) -> None:
        """Hand the pages added since the last flush to the writing thread, in one piece."""
        if self._batch:
            self._outbox.put(b"".join(self._batch))
            self._batch.clear()

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one message and wait for its reply."""
        sent = self._send(payload)
        with self._changed:
            if not self._changed.wait_for(lambda: sent in self._replies or self._ended, WAIT):
                raise SearchError(f"Pagefind did not answer {payload['type']} in {WAIT} s")
            if sent not in self._replies:
                raise SearchError(f"Pagefind stopped (exit status {self._process.wait(10)})")
            reply = self._replies.pop(sent)
        if reply.get("type") == "Error":
            raise SearchError(f"Pagefind could not {payload['type']}: {reply.get('message')}")
        return reply

    def _write(self) -> None:
        """Every message to the service, in order (a thread of its own); then its end."""
        stdin = self._process.stdin
        assert stdin is not None  # noqa: S101 — asked for in __init__
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                stdin.flush()
            stdin.close()
        except OSError:  # the service stopped: the reader says so, at its end of the pipe
            while self._outbox.get() is not None:  # let add() go on to the end of the build
                pass

    def _read(self) -> None:
        """Every reply of the service, as it comes (a thread of its own)."""
        stream = self._process.stdout
        assert stream is not None  # noqa: S101 — asked for in __init__
        parts: list[bytes] = []  # of a reply not yet ended: the index itself is one reply
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]  # a BufferedReader
            while (end := chunk.find(b",")) != -1:
                parts.append(chunk[:end])
                self._receive(json.loads(base64.b64decode(b"".join(parts))))
                parts, chunk = [], chunk[end + 1 :]
            parts.append(chunk)
        with self._changed:  # the service stopped: no reply will come
            self._ended = True
            self._changed.notify_all()

    def _receive(self, response: dict[str, Any]) -> None:
        number, payload = int(response.get("message_id") or 0), response.get("payload", {})
        with self._changed:
            self._answered += 1
            if not number:  # a message the service could not read: it cannot say which
                self._errors.append(f"Pagefind could not read a message: {payload.get('message')}")
            elif number in self._pages:
                url = self._pages.pop(number)
                if payload.get("type") == "Error":
                    self._errors.append(f"{url}: Pagefind could not index it: {payload['message']}")
            else:
                self._replies[number] = payload
            self._changed.notify_all()


#: What Pagefind puts before the JSON or CBOR of each file it writes, once unzipped.
SIGNATURE = b"pagefind_dcd"
#: A page in the index's metadata: a two-item CBOR array of its fragment's name and its words.
_PAGE = re.compile(rb"\x82[\x61-\x77]([a-z]+_[0-9a-f]+)")


@dataclass(frozen=True)
class Indexed:
    """One page as the written index has it: the metadata the results show, and its text."""

    title: str
    collection: str
    text: str


def read_index(site: Path | Callable[[str], bytes]) -> dict[str, Indexed]:
    """A written index read back, for the tests and the serve benchmark: location (as
    Material's search gives it, ``events/x/``) → the page indexed there. ``site`` is the
    built site's folder, or a reader of its files by their path, such as a server's: each
    page is a fragment file, which the metadata file, named in the entry file, lists."""
    read = site if callable(site) else (lambda path: (site / path).read_bytes())
    entry = json.loads(read(f"{FOLDER}/pagefind-entry.json"))
    found = {}
    for language in entry["languages"].values():
        meta = _unzip(read(f"{FOLDER}/pagefind.{language['hash']}.pf_meta"))
        for name in _PAGE.findall(meta):
            page = json.loads(_unzip(read(f"{FOLDER}/fragment/{name.decode()}.pf_fragment")))
            said = page["meta"]
            found[page["url"].removeprefix("/")] = Indexed(
                said.get("title", ""), said.get("collection", ""), page["content"]
            )
    return found


def _unzip(data: bytes) -> bytes:
    data = gzip.decompress(data)
    return data.removeprefix(SIGNATURE)
