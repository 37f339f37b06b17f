"""The worker that renders generated pages ahead of MkDocs (macros/site/ahead.py): each
page comes back from another process, whatever order they are asked in, with the error of
its own rendering; where a fork is not safe or not worth it there is no worker. That a page
is the same text from the worker as from the build's own process is checked on a whole
site, in tests/test_wiring.py.

Each worker here is forked from a process of its own, of one thread, as the build's is:
pytest-xdist runs a thread in each of its workers, and a fork beside a thread is what the
module refuses to do."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

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


def _in_one_thread(script: str) -> list[str]:
    """``script`` run in a Python process of one thread, with ``worker`` started on
    ``made_by``; its printed lines."""
    preamble = (
        "import os, threading\n"
        "from macros.site import ahead\n"
        "from tests.site.test_ahead import SOURCES, fails_on_the_last, made_by\n"
        "assert threading.active_count() == 1\n"
        "worker = ahead.Ahead.start(made_by, SOURCES)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", preamble + script + "\nworker.close()\n"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (ran.returncode, ran.stderr) == (0, "")
    return ran.stdout.splitlines()


def test_each_page_comes_from_the_worker_in_any_order() -> None:
    printed = _in_one_thread(
        "last, first = worker.get(SOURCES[-1]), worker.get(SOURCES[0])\n"
        "print(last[1], first[1])\n"
        "print(last[0] == first[0] != os.getpid())\n"
    )
    assert printed == ["EVENTS/E63.MD EVENTS/E0.MD", "True"]  # one worker, not this process


def test_a_page_not_given_to_the_worker_is_an_error() -> None:
    printed = _in_one_thread(
        "worker.get(SOURCES[1])\n"
        "try:\n"
        "    worker.get(SOURCES[1])\n"  # handed over once only
        "except KeyError as error:\n"
        "    print(error.args[0])\n"
    )
    assert printed == ["events/e1.md was not given to the worker"]


def test_a_pages_error_is_raised_where_that_page_is_asked_for() -> None:
    """Not at another page of the chunk the worker rendered it in."""
    printed = _in_one_thread(
        "failing = ahead.Ahead(fails_on_the_last, SOURCES)\n"
        "print(failing.get(SOURCES[-2]))\n"
        "try:\n"
        "    failing.get(SOURCES[-1])\n"
        "except ValueError as error:\n"
        "    print(error)\n"
        "failing.close()\n"
    )
    assert printed == ["events/e62.md", "no such record: events/e63.md"]


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


def test_a_worker_starts_in_a_process_of_one_thread() -> None:
    """The negative control of the test above."""
    assert _in_one_thread("print(worker is not None)") == ["True"]
