"""The import contracts of macros/ (pyproject.toml), run by `lint-imports` as `make test` does,
on the project as it is and on copies that each break one rule."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

LINT_IMPORTS = ROOT / ".venv" / "bin" / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    command = [str(LINT_IMPORTS), "--no-cache"]
    env = {**os.environ, "COLUMNS": "200"}  # a contract's name on one line
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The package and its contracts, to break."""
    shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_line(path: Path, line: str) -> None:
    """Put ``line`` right after the module's ``from __future__`` import."""
    text = path.read_text()
    future = "from __future__ import annotations\n"
    assert future in text, path
    path.write_text(text.replace(future, future + line + "\n", 1))


def test_the_project_keeps_every_contract() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout
    assert "Contracts: 5 kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract", "broken"),
    [
        (
            "facts/dates.py",
            "import jinja2",
            "facts, export and diff know neither Jinja nor Markdown BROKEN",
            1,
        ),
        (
            "export/atom.py",
            "from ..site import render",
            "The rooms are layered: wiring, cli, scaffold, site, export | cms, diff, facts"
            " | settings BROKEN",
            3,  # and a cycle (site imports export), and Jinja through site
        ),
        (
            "site/pages.py",
            "import mkdocs",
            "Only the wiring knows MkDocs and mkdocs-macros BROKEN",
            1,
        ),
        (
            "facts/catalog.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import rules",
            "Inside facts: model ← load ← catalog ← rules ← checking, problems a leaf BROKEN",
            2,  # and a cycle: rules imports catalog
        ),
    ],
    ids=["facts-imports-jinja", "export-imports-site", "site-imports-mkdocs", "type-only-cycle"],
)
def test_a_broken_rule_fails_with_its_contract_named(
    copy: Path, module: str, line: str, contract: str, broken: int
) -> None:
    add_line(copy / "macros" / module, line)
    done = lint_imports(copy)
    assert done.returncode == 1
    assert contract in done.stdout
    assert f"Contracts: {5 - broken} kept, {broken} broken." in done.stdout
