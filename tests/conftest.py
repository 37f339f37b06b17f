"""Shared fixtures: a fresh copy of the valid briefing, to break one thing in and check."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from xdist.remote import Producer  # type: ignore[import-untyped]  # pytest-xdist has no types
from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]  # the same

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


# --- Running in parallel ---------------------------------------------------------------------
#
# `make pytest` runs two pytest-xdist workers (`-n 2 --dist loadscope`), which take the tests
# in groups, each group run whole by one worker. A module is a group, so its module fixtures
# are set up once. Session fixtures are set up once per worker, so the modules that use the
# served sites or Chromium (tests/sites.py) are one group, "browser", and each briefing is
# built once; all but the accessibility checks, the longest module, which are a group of their
# own, with a Chromium and a build of the default briefing of their own, so that they run
# beside the rest instead of after it. (xdist's own `--dist loadgroup` cannot do this here:
# pytest-xdist 3.8 writes a test's `xdist_group` into `item._nodeid`, which pytest 9 no longer
# reads, so the marks are silently ignored.)

#: The modules outside tests/browser/ that use the served sites or Chromium.
SERVED = (
    "tests/export/test_atom.py",
    "tests/export/test_ics.py",
    "tests/export/test_publish.py",
    "tests/site/test_jsonld.py",
    "tests/site/test_pack.py",
    "tests/test_search_index.py",
    "tests/test_own_briefing.py",
    "tests/bench/test_reader_benchmark.py",
)
#: Modules that use them and still run apart, each in its own group.
APART = ("tests/browser/test_browser_a11y.py", "tests/browser/test_browser_cms.py")


def group_of(nodeid: str) -> str:
    """The group of tests that ``nodeid`` runs with (under xdist, in one worker)."""
    module = nodeid.split("::")[0]
    if module in APART:
        return f"browser: {module}"
    if module.startswith("tests/browser/") or module in SERVED:
        return "browser"
    return module


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadScopeScheduling | None:
    """``--dist loadscope``, with the groups of ``group_of`` for scopes."""
    if config.getoption("dist") != "loadscope":
        return None  # xdist's own

    class ByGroup(LoadScopeScheduling):  # type: ignore[misc]  # untyped, as above
        def _split_scope(self, nodeid: str) -> str:  # the method xdist's own schedulers override
            return group_of(nodeid)

    return ByGroup(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A module that uses the served sites or Chromium outside the browser group would, under
    xdist, build the briefings and start a Chromium again in another worker: its tests fail
    first, naming the module to add to SERVED."""
    uses = {"sites", "chromium"} & set(getattr(item, "fixturenames", ()))
    if uses and not group_of(item.nodeid).startswith("browser"):
        pytest.fail(
            f"{item.nodeid.split('::')[0]} uses {', '.join(sorted(uses))} (tests/sites.py): add"
            " it to SERVED in tests/conftest.py, so that it runs in the browser's worker",
            pytrace=False,
        )
