"""README.md's "Layout" against the code: every module of macros/ has its row in the table,
and every path the table names exists."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

MACROS = ROOT / "macros"
#: A path in the first cell of a row of the module table: ``| `facts/dates.py`, … |``.
CELL = re.compile(r"^\| (`[^|]*`) \|", re.MULTILINE)
NAME = re.compile(r"`([^`]+)`")


def layout_table(readme: str) -> str:
    start = readme.index("`macros/` is the folder mkdocs-macros loads")
    return readme[start : readme.index("\n## ", start)]


def named_paths(table: str) -> set[str]:
    return {name for cell in CELL.findall(table) for name in NAME.findall(cell)}


def modules() -> set[str]:
    """Every module of the package; a sub-package's __init__.py only where it has code (not
    just a docstring)."""
    found = set()
    for path in MACROS.rglob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        code = [node for node in body if not isinstance(node, ast.Expr)]
        if path.name == "__init__.py" and path.parent != MACROS and not code:
            continue
        found.add(path.relative_to(MACROS).as_posix())
    return found


def covered(paths: set[str]) -> set[str]:
    """The modules the table's paths cover (a folder such as ``site/templates/`` counts as
    named; modules are named one by one)."""
    return {p for p in paths if p.endswith(".py")}


def test_every_module_has_its_row() -> None:
    table = layout_table((ROOT / "README.md").read_text(encoding="utf-8"))
    missing = modules() - covered(named_paths(table))
    assert missing == set(), f"README.md's layout table lacks {sorted(missing)}"


def test_every_path_in_the_table_exists() -> None:
    table = layout_table((ROOT / "README.md").read_text(encoding="utf-8"))
    paths = named_paths(table)
    assert len(paths) > 20
    gone = sorted(p for p in paths if not (MACROS / p).exists())
    assert gone == [], f"README.md's layout table names what macros/ does not have: {gone}"


def test_a_missing_row_and_a_stale_row_are_both_noticed() -> None:
    """The negative controls: a table without one module's row, and with a row for a
    module that is gone."""
    table = "`macros/` is the folder mkdocs-macros loads\n| `facts/dates.py` | dates |\n"
    table += "| `facts/gone.py` | nothing |\n\n## Next"
    paths = named_paths(layout_table(table))
    assert "facts/model.py" in modules() - covered(paths)
    assert not (MACROS / "facts/gone.py").exists() and "facts/gone.py" in paths
