"""The editor's and CI's commands.

python -m macros new DIR [--title T]     start a briefing of your own in the folder DIR
python -m macros check [DATA_DIR]        every problem in the data, with file and line
python -m macros schema [--check] [DIR]  write (or verify) the JSON Schemas in DATA_DIR/schemas
python -m macros cms [--check] [FILE]    write (or verify) the web editor's configuration,
                                         generated from the models (DATA_DIR/schemas/cms.yml)
python -m macros export [--format F] OUT  the data files a build publishes in site/data/
                                         (F: json, csv, ics or atom; repeat it; default all)
python -m macros diff BASE [HEAD]        what changed in the facts from BASE to HEAD (a git
                                         revision or a data folder; HEAD: the data as it is now)

DATA_DIR is the briefing's data folder: by default BRIEFING_DATA, else extra.data_dir in
mkdocs.yml, else data/ (settings.py), the folder the site is built from.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import settings
from .facts import load, schema
from .facts.checking import check as check_folder
from .facts.problems import summary

#: What the last command read. A process that ends with ``os._exit`` (below) keeps it, rather
#: than free ten thousand records object by object only to exit.
_last_read: list[object] = []


def check(data_dir: Path) -> int:
    """Print every problem in the briefing at ``data_dir``, then a count; 1 if any."""
    if not data_dir.is_dir():
        print(f"{data_dir}: is not a folder — give the briefing's data folder, like data/")
        return 2
    built, problems = check_folder(data_dir, settings.site_url())
    _last_read[:] = [built, problems]
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if in_actions:
            print(problem.annotation())
    if problems or built is None:
        print(summary(problems, load.display(data_dir)))
        return 1
    count = len(built.records)
    print(f"data: {count} records checked in {load.display(data_dir)}/, no problems")
    return 0


def _touches(files: Sequence[Path], data_dir: Path) -> bool:
    """Whether a commit of ``files`` can change what the check of ``data_dir`` finds."""
    folder = data_dir.resolve()
    return any(
        path.name == settings.CONFIG or path.resolve().is_relative_to(folder) for path in files
    )


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


def web_editor(data_dir: Path, path: Path | None, check_only: bool) -> int:
    """Write the web editor's configuration, or with ``check_only`` say whether it is stale."""
    from . import cms  # the editor's configuration, only for this command

    briefing = load.load(data_dir).briefing
    repository, sign_in = (briefing.repository, briefing.sign_in) if briefing else (None, None)
    expected = cms.text(load.display(data_dir), repository, sign_in)
    path = path or data_dir / cms.COMMITTED
    if check_only:
        if cms.stale(path, expected):
            print(f"{load.display(path)}: is out of date — run: python -m macros cms")
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(expected, encoding="utf-8")
    print(f"wrote {load.display(path)}")
    return 0


def changes(base: str, head: str | None, data_dir: Path, markdown: bool) -> int:
    """Print what changed in the facts from ``base`` to ``head``, each a git revision or a
    data folder; without ``head``, to ``data_dir`` as it is on disk."""
    # git and the comparison, imported only for this command
    from .diff import compare, revisions, words

    try:
        with revisions.data_at(base, data_dir) as old, revisions.data_at(head, data_dir) as new:
            before, after = compare.snapshot(old.folder), compare.snapshot(new.folder, new.root)
    except revisions.RevisionError as error:
        print(error)
        return 2
    found = compare.compare(before, after)
    if markdown:
        print(words.markdown(found, after.unreadable, old.label, new.label), end="")
    else:
        print(words.plain(found, after.unreadable), end="")
    return 0


#: What each command that reads data says of its default folder.
_DEFAULT = "default: BRIEFING_DATA, else extra.data_dir in mkdocs.yml, else data/"

#: export.publish.FORMATS, written out so that ``check`` never imports the exporters; a test
#: keeps the two the same.
EXPORT_FORMATS = ("json", "csv", "ics", "atom")


def export_files(data_dir: Path, out: Path, formats: Sequence[str]) -> int:
    """Write the data files of the given formats into ``out``: the bytes a build publishes."""
    # the exporters' imports, only for this command
    from .export import history, publish

    built, problems = check_folder(data_dir, settings.site_url())
    if problems or built is None:
        for problem in problems:
            print(problem)
        print(summary(problems, load.display(data_dir)))
        return 1
    dated = history.read(data_dir, built)
    for notice in dated.notices:
        print(notice, file=sys.stderr)
    files = publish.downloads(built, dated, formats)
    for path, file in zip(publish.write(out, files), files, strict=True):
        print(f"wrote {load.display(path)} ({file.size_words})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    starting = commands.add_parser("new", help="start a briefing of your own in a new folder")
    starting.add_argument("folder", type=Path, help="the folder to make; it must be empty")
    starting.add_argument("--title", default=None, help="the briefing's title")
    checking = commands.add_parser("check", help="validate a briefing's data folder")
    checking.add_argument("data_dir", nargs="?", type=Path, help=_DEFAULT)
    checking.add_argument(
        "--if-changed", nargs="*", type=Path, metavar="FILE", dest="changed",
        help="check only if one of these files is in the data folder, or is mkdocs.yml "
        "(the pre-commit hook passes the files of a commit)",
    )  # fmt: skip
    schemas = commands.add_parser("schema", help="write the JSON Schemas of the data files")
    schemas.add_argument("folder", nargs="?", type=Path, help="default: DATA_DIR/schemas")
    schemas.add_argument("--check", action="store_true", help="only report stale schemas")
    editing = commands.add_parser("cms", help="write the web editor's configuration")
    editing.add_argument("file", nargs="?", type=Path, help="default: DATA_DIR/schemas/cms.yml")
    editing.add_argument("--check", action="store_true", help="only report a stale configuration")
    editing.add_argument("--data", type=Path, help=f"the data folder; {_DEFAULT}")
    diffing = commands.add_parser("diff", help="what changed in the facts between two versions")
    diffing.add_argument("base", help="a git revision (main, HEAD~1, a commit) or a data folder")
    diffing.add_argument("head", nargs="?", help="the same; by default, data/ as it is now")
    diffing.add_argument("--format", choices=("plain", "markdown"), default="plain")
    diffing.add_argument("--data", type=Path, help=f"the data folder in git; {_DEFAULT}")
    exporting = commands.add_parser("export", help="write the data files a build publishes")
    exporting.add_argument("out", type=Path, help="the folder to write them into")
    exporting.add_argument(
        "--format", action="append", choices=EXPORT_FORMATS, dest="formats",
        help="json (with its schema), csv, ics or atom; repeat for several (default: all)",
    )  # fmt: skip
    exporting.add_argument("--data", type=Path, help=f"the data folder; {_DEFAULT}")
    args = parser.parse_args(argv)
    if args.command == "new":
        from . import scaffold  # the starter files, only for this command

        return scaffold.main(args.folder, args.title)
    try:
        data_dir = getattr(args, "data_dir", None) or getattr(args, "data", None)
        data_dir = data_dir or settings.data_dir()
    except settings.SettingsError as error:
        print(error)
        return 2
    if args.command == "diff":
        return changes(args.base, args.head, data_dir, args.format == "markdown")
    if args.command == "export":
        return export_files(data_dir, args.out, args.formats or EXPORT_FORMATS)
    if args.command == "cms":
        return web_editor(data_dir, args.file, args.check)
    if args.command == "schema":
        return write_schemas(args.folder or data_dir / "schemas", args.check)
    if args.changed is not None and not _touches(args.changed, data_dir):
        return 0
    return check(data_dir)


def run() -> None:
    """``python -m macros``: run one command, then end the process (``__main__.py``).

    A one-shot process: what a command reads lives until it ends and holds no cycles, so
    the cyclic collector would only walk it again and again (a third of a second for
    10,000 records). Reference counting still frees what a command drops.
    """
    gc.disable()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early, as `… | head` does: nothing to add
        code = 1
    # Exit without freeing what was read, as mypy does: the operating system takes it back
    # at once. Nothing is left to run: there is no atexit handler, and stdout is flushed.
    os._exit(code)
