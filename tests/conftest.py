"""Shared fixtures: a fresh copy of the valid briefing, to break one thing in and check."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.facts import checking, load
from macros.facts.catalog import Catalog
from macros.facts.problems import Problem

#: The browser tests' Chromium, built sites and readers, shared by every module once per session.
pytest_plugins = ["sites"]

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"


@dataclass
class Briefing:
    """A copy of tests/fixtures/valid in a temporary folder, to edit, load and check."""

    root: Path

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace ``old``, which must occur exactly once, so a test never edits by accident."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def load(self) -> load.Loaded:
        return load.load(self.root)

    def build(self) -> tuple[Catalog | None, list[Problem]]:
        return checking.build(self.load())

    def catalog(self) -> Catalog:
        built, found = self.build()
        assert not found, [str(p) for p in found]
        assert built is not None
        return built

    def problems(self) -> list[str]:
        """Every problem as printed, with paths relative to the briefing folder."""
        prefix = self.root.as_posix() + "/"
        return [str(p).removeprefix(prefix) for p in self.build()[1]]


@pytest.fixture
def briefing(tmp_path: Path) -> Briefing:
    """The valid briefing, copied so that a test may change it."""
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    return Briefing(root)
