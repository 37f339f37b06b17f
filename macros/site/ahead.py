"""Generated pages rendered ahead, in a second process, while MkDocs converts the pages.

MkDocs builds on one thread, and a generated page's templates are a third of what it does
with the page. ``Ahead`` forks one worker process that renders every generated page, in the
order MkDocs asks for them, and hands each back as soon as it is ready: the build's own
process then only converts, sanitises and writes, and the two run on two cores. The worker
renders with the very code and data of the build (it is a fork of it), so a page is the
same text whichever process made it; ``tests/site/test_ahead.py`` and the byte-identical
builds of ``tests/test_site.py`` hold that.

Forking is safe only in a process with no other thread (a thread could hold a lock the
child would wait on for ever), so the worker starts only when that is so: in ``mkdocs
build``, before the search index starts its threads, on Linux (elsewhere Python does not
fork by default) and for enough pages to be worth a process. Otherwise ``start`` returns
None and the pages are rendered where they are asked for, as before.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

#: Fewer generated pages than this are rendered in the build's own process: a fork, and its
#: start, cost more than rendering a few dozen pages.
FEWEST = 64
#: Pages the worker is handed at once, and hands back at once.
CHUNK = 16

Result = TypeVar("Result")


class Ahead(Generic[Result]):
    """``render(source)`` for every one of ``sources``, made in a worker process, in order;
    ``get`` gives each, waiting for it if the worker has not made it yet."""

    def __init__(self, render: Callable[[str], Result], sources: Sequence[str]) -> None:
        # Forked now, while this process has one thread; the pool's own threads start after.
        self._pool = multiprocessing.get_context("fork").Pool(1)
        self._results: Iterator[Result] = self._pool.imap(render, sources, CHUNK)
        self._order = iter(sources)
        self._ready: dict[str, Result] = {}

    @classmethod
    def start(cls, render: Callable[[str], Result], sources: Sequence[str]) -> Ahead[Result] | None:
        """A worker for ``sources``, or None where a fork is not safe or not worth it.

        ``render`` must be a function of a module (the worker is told its name), and must
        read only what this process held when ``start`` was called."""
        if len(sources) < FEWEST or not sys.platform.startswith("linux"):
            return None
        if threading.active_count() != 1:
            return None
        return cls(render, sources)

    def get(self, source: str) -> Result:
        """The rendering of ``source``, one of the sources given to the worker."""
        while source not in self._ready:
            made = next(self._order, None)
            if made is None:
                raise KeyError(f"{source} was not given to the worker")
            self._ready[made] = next(self._results)  # the worker's error is raised here
        return self._ready.pop(source)

    def close(self) -> None:
        """Stop the worker: once every page is rendered, or when a build stops early."""
        self._pool.terminate()
        self._pool.join()
