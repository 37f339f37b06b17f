"""The wiring's own work between MkDocs and the sub-packages: here, the cyclic garbage
collector kept off what a build holds (``gc.freeze``) and given it back at the next build."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros import wiring

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
