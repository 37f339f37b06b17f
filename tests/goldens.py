"""Golden files: output compared with a reviewed copy in tests/golden/, rewritten on purpose
with ``UPDATE_GOLDEN=1 make test`` (then review the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def match_golden(golden: Path, output: str) -> None:
    """``output`` must be ``golden``'s text, to the letter (or, when updating, becomes it)."""
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
        return
    if not golden.is_file():
        pytest.fail(f"no golden {golden.relative_to(ROOT)}: run UPDATE_GOLDEN=1 pytest, review it")
    assert output == golden.read_text(encoding="utf-8")
