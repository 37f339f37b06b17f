"""The editor's and CI's commands: ``python -m macros check [DATA_DIR]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import catalog, load
from .problems import summary


def check(data_dir: Path) -> int:
    """Print every problem in the briefing at ``data_dir``, then a count; 1 if any."""
    if not data_dir.is_dir():
        print(f"{data_dir}: is not a folder — give the briefing's data folder, like data/")
        return 2
    built, problems = catalog.build(load.load(data_dir))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if in_actions:
            print(problem.annotation())
    if problems or built is None:
        print(summary(problems))
        return 1
    count = len(built.records)
    print(f"{load.display(data_dir)}: {count} records checked, no problems")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="validate a briefing's data folder")
    checking.add_argument("data_dir", nargs="?", default="data", type=Path)
    args = parser.parse_args(argv)
    return check(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
