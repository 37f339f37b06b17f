"""The editor's and CI's commands.

python -m macros check [DATA_DIR]        every problem in the data, with file and line
python -m macros schema [--check] [DIR]  write (or verify) the JSON Schemas in data/schemas
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import catalog, load, schema
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


def write_schemas(folder: Path, check_only: bool) -> int:
    """Write the JSON Schemas, or with ``check_only`` report the ones that are out of date."""
    if check_only:
        stale = schema.stale(folder)
        for name in stale:
            print(f"{load.display(folder / name)}: is out of date — run: python -m macros schema")
        return 1 if stale else 0
    for path in schema.write(folder):
        print(f"wrote {load.display(path)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="validate a briefing's data folder")
    checking.add_argument("data_dir", nargs="?", default="data", type=Path)
    schemas = commands.add_parser("schema", help="write the JSON Schemas of the data files")
    schemas.add_argument("folder", nargs="?", default="data/schemas", type=Path)
    schemas.add_argument("--check", action="store_true", help="only report stale schemas")
    args = parser.parse_args(argv)
    if args.command == "schema":
        return write_schemas(args.folder, args.check)
    return check(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
