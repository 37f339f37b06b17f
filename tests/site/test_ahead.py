"""The worker that renders generated pages ahead of MkDocs (macros/site/ahead.py): each
page comes back from another process, whatever order they are asked in; where a fork is
not safe or not worth it there is no worker. That a page is the same text from the worker
as from the build's own process is checked on a whole site, in tests/test_wiring.py."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.site import ahead

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [f"events/e{number}.md" for number in range(ahead.FEWEST)]


def made_by(source: str) -> tuple[int, str]:
    """What the worker is asked to render: here, which process did it, and the source."""
    return os.getpid(), source.upper()


def fails_on_the_last(source: str) -> str:
    if source == SOURCES[-1]:
        raise ValueError(f"no such record: {source}")
    return source


@pytest.fixture
def worker() -> Iterator[ahead.Ahead[tuple[int, str]]]:
    started = ahead.Ahead(made_by, SOURCES)
    yield started
    started.close()


def test_each_page_comes_from_the_worker_in_any_order(worker: ahead.Ahead[tuple[int, str]]) -> None:
    last = worker.get(SOURCES[-1])
    first = worker.get(SOURCES[0])
    assert last[1] == "EVENTS/E63.MD" and first[1] == "EVENTS/E0.MD"
    assert last[0] == first[0] != os.getpid()  # one worker, not this process


def test_a_page_not_given_to_the_worker_is_an_error(worker: ahead.Ahead[tuple[int, str]]) -> None:
    worker.get(SOURCES[1])
    with pytest.raises(KeyError) as raised:
        worker.get(SOURCES[1])  # handed over once only
    assert raised.value.args == ("events/e1.md was not given to the worker",)


def test_the_workers_error_is_raised_where_the_page_is_asked_for() -> None:
    failing = ahead.Ahead(fails_on_the_last, SOURCES)
    try:
        assert failing.get(SOURCES[0]) == SOURCES[0]
        with pytest.raises(ValueError) as raised:
            failing.get(SOURCES[-1])
        assert str(raised.value) == "no such record: events/e63.md"
    finally:
        failing.close()


def test_no_worker_for_a_few_pages_or_beside_another_thread() -> None:
    assert ahead.Ahead.start(made_by, SOURCES[:-1]) is None  # fewer than FEWEST
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert ahead.Ahead.start(made_by, SOURCES) is None  # a fork beside a thread
    finally:
        stop.set()
        other.join()


#: A process of one thread (pytest-xdist runs a thread of its own in each of its workers).
ONE_THREAD = """
import os, threading
from macros.site import ahead
from tests.site.test_ahead import SOURCES, made_by
assert threading.active_count() == 1
started = ahead.Ahead.start(made_by, SOURCES)
print(started is not None and started.get(SOURCES[0])[0] != os.getpid())
started.close()
"""


def test_a_worker_starts_in_a_process_of_one_thread() -> None:
    """The negative control of the test above, in a process of its own."""
    ran = subprocess.run(
        [sys.executable, "-c", ONE_THREAD], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "True\n", "")
