"""Generated pages rendered ahead, in a second process, while MkDocs converts the pages.

MkDocs builds on one thread, and a generated page's templates are a third of what it does
with the page. ``Ahead`` forks one worker process that renders the generated pages, in the
order it is given them (the order MkDocs asks for them), a few chunks ahead of the build:
the build's own process then only converts, sanitises and writes, and the two run on two
cores. The worker renders with the very code and data of the build (it is a fork of it),
so a page is the same text whichever process made it; ``tests/test_wiring.py`` builds the
default briefing both ways and compares every byte.

Forking is safe only in a process with no other thread (a thread could hold a lock the
child would wait on for ever), so the worker starts only when that is so, on Linux (where
Python forks by default), for enough pages to be worth a process; the wiring asks for one
in ``mkdocs build`` only, before the search index starts its threads. Otherwise, or if the
fork fails, ``start`` returns None and the pages are rendered where they are asked for.
A worker that dies (killed, out of memory) stops the build with ``BrokenProcessPool``.
"""

from __future__ import annotations

import functools
import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

#: Fewer generated pages than this are rendered in the build's own process: a fork, and its
#: start, cost more than rendering a few dozen pages.
FEWEST = 64
#: Pages the worker renders in one task, and hands back at once.
CHUNK = 16
#: Tasks handed to the worker ahead of the build: how far it may run ahead (8 × 16 pages),
#: so that the pages it has made and the build has not yet taken stay few.
WINDOW = 8

Result = TypeVar("Result")


def _render_all(
    render: Callable[[str], Result], sources: Sequence[str]
) -> list[tuple[Result | None, BaseException | None]]:
    """One task of the worker: each page, or the error its rendering raised (so that the
    error is raised where that page, and no other of its chunk, is asked for)."""
    made: list[tuple[Result | None, BaseException | None]] = []
    for source in sources:
        try:
            made.append((render(source), None))
        except Exception as error:  # handed back, and raised by ``get``
            made.append((None, error))
    return made


class Ahead(Generic[Result]):
    """``render(source)`` for every one of ``sources``, made in a worker process, in order;
    ``get`` gives each, waiting for it if the worker has not made it yet."""

    def __init__(self, render: Callable[[str], Result], sources: Sequence[str]) -> None:
        self._task = functools.partial(_render_all, render)
        self._chunks = deque(sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK))
        self._pending: deque[tuple[Sequence[str], Future[list[Any]]]] = deque()
        self._ready: dict[str, tuple[Result | None, BaseException | None]] = {}
        # The first task forks the worker, before the pool starts its own thread.
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        for _ in range(WINDOW):
            self._hand_over()

    @classmethod
    def start(cls, render: Callable[[str], Result], sources: Sequence[str]) -> Ahead[Result] | None:
        """A worker for ``sources``, or None where a fork is not safe, not worth it, or
        fails. ``render`` must be a function of a module (the worker is told its name), and
        must read only what this process holds when ``start`` is called."""
        if len(sources) < FEWEST or not sys.platform.startswith("linux"):
            return None
        if threading.active_count() != 1:
            return None
        try:
            return cls(render, sources)
        except OSError:  # no fork (out of memory, too many processes): render here
            return None

    def get(self, source: str) -> Result:
        """The rendering of ``source``, one of the sources given to the worker; the error
        its rendering raised, raised here."""
        while source not in self._ready:
            if not self._pending:
                raise KeyError(f"{source} was not given to the worker")
            chunk, task = self._pending.popleft()
            self._ready.update(zip(chunk, task.result(), strict=True))
            self._hand_over()
        made, error = self._ready.pop(source)
        if error is not None:
            raise error
        return made  # type: ignore[return-value]  # None only with an error

    def close(self) -> None:
        """Stop the worker: once every page is rendered, or when a build stops early (the
        task it is on is finished, the others dropped)."""
        self._chunks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _hand_over(self) -> None:
        if self._chunks:
            chunk = self._chunks.popleft()
            self._pending.append((chunk, self._pool.submit(self._task, chunk)))
