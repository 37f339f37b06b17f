"""The wiring's own work between MkDocs and the sub-packages: here, the cyclic garbage
collector kept off what a build holds (``gc.freeze``) and given it back at the next build,
and the generated pages rendered ahead in a worker process (site/ahead.py) the same as in
the build's own."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros import wiring
from macros.site import ahead

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def thawed() -> Iterator[None]:
    """Whatever a build left frozen is unfrozen after the test, for the tests after it."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_build_leaves_what_it_holds_frozen_and_the_next_build_thaws_it_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    monkeypatch.setenv("BRIEFING_DATA", str(ROOT / "tests" / "fixtures" / "valid"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    assert gc.get_freeze_count() == 0
    build(config)
    assert gc.get_freeze_count() > 10_000  # the briefing, the pages, the imports
    # The next build's define_env thaws first, even when the data then stops it.
    monkeypatch.setenv(
        "BRIEFING_DATA", str(ROOT / "tests" / "fixtures" / "invalid" / "bad-date-format")
    )
    with pytest.raises(PluginError):
        wiring.define_env(SimpleNamespace(conf=config))
    assert gc.get_freeze_count() == 0


def _files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_pages_rendered_ahead_by_the_worker_are_the_pages_the_build_renders_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    """``mkdocs build`` of the default briefing, a process of one thread with more than
    ``ahead.FEWEST`` generated pages, renders them in the worker; the same build run here
    with no worker (as ``mkdocs serve`` and small briefings do) writes the same bytes."""
    data = ROOT / "data"
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    site = str(tmp_path / "ahead")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d", site]
    ran = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "generated pages are rendered ahead in a worker" in ran.stderr
    monkeypatch.setenv("BRIEFING_DATA", str(data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setattr(ahead, "FEWEST", 10**9)  # no worker: every page rendered here
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "here"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    ahead_files, here_files = _files(tmp_path / "ahead"), _files(tmp_path / "here")
    assert len(ahead_files) > 500 and ahead_files.keys() == here_files.keys()
    assert [name for name in ahead_files if ahead_files[name] != here_files[name]] == []


class _Stoppable:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_a_build_that_stops_early_stops_its_worker_and_search_index(
    monkeypatch: pytest.MonkeyPatch, thawed: None
) -> None:
    worker, indexer = _Stoppable(), _Stoppable()
    monkeypatch.setattr(wiring, "_build", wiring.Build(ahead=worker, indexer=indexer))  # type: ignore[arg-type]
    wiring.on_build_error(RuntimeError("a page failed"))
    assert worker.closed and indexer.closed
    assert wiring._build.ahead is None and wiring._build.indexer is None
    # and the next build's define_env, even when MkDocs never said the last one failed
    worker, indexer = _Stoppable(), _Stoppable()
    monkeypatch.setattr(wiring, "_build", wiring.Build(ahead=worker, indexer=indexer))  # type: ignore[arg-type]
    monkeypatch.setenv(
        "BRIEFING_DATA", str(ROOT / "tests" / "fixtures" / "invalid" / "bad-date-format")
    )
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True)
    with pytest.raises(PluginError):
        wiring.define_env(SimpleNamespace(conf=config))
    assert worker.closed and indexer.closed
