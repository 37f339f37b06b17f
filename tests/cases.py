"""The invalid briefings of tests/fixtures/invalid: each case is the valid briefing plus only
the change it tests (the format is in tests/fixtures/invalid/README.md).

A case is materialised into a temporary folder at the path it has in the project,
``<root>/tests/fixtures/invalid/<name>``, so that a check run from ``<root>`` shows the same
paths as the goldens. A case that would test nothing fails loudly: a file the same as the
valid one, or the removal of a file the valid briefing does not have.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES, ROOT, VALID

INVALID = FIXTURES / "invalid"
#: The list of the valid briefing's files a case deletes: one path a line, relative to the
#: briefing folder; blank lines and lines starting with ``#`` are ignored.
REMOVED = "_removed.txt"


class CaseError(Exception):
    """A case folder that does not apply to the valid briefing."""


@dataclass(frozen=True)
class Case:
    """One case folder: the files it adds or changes, and the files it removes."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    def files(self) -> dict[str, Path]:
        """Each file the case adds or changes, by its path in the briefing."""
        found = (p for p in self.folder.rglob("*") if p.is_file())
        paths = {p.relative_to(self.folder).as_posix(): p for p in found}
        paths.pop(REMOVED, None)
        return dict(sorted(paths.items()))

    def removed(self) -> list[str]:
        """The valid briefing's files the case deletes, each checked to be one."""
        listing = self.folder / REMOVED
        if not listing.exists():
            return []
        names: list[str] = []
        for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
            name = line.strip()
            if not name or name.startswith("#"):
                continue
            where = f"{shown(listing)}:{number}"
            inside = not Path(name).is_absolute() and ".." not in Path(name).parts
            if not inside or not (VALID / name).is_file():
                raise CaseError(f"{where}: must name a file of {shown(VALID)} (got {name!r})")
            if name in names:
                raise CaseError(f"{where}: lists {name!r} twice")
            names.append(name)
        return names

    def materialise(self, root: Path) -> str:
        """Copy the valid briefing to ``root``/tests/fixtures/invalid/<name>, put the case's
        files over it and delete the listed ones; the path as a check run from ``root`` shows it.
        """
        files, removed = self.files(), self.removed()
        for name, path in files.items():
            if name in removed:
                raise CaseError(f"{shown(path)}: is also listed in {REMOVED} — keep one")
            original = VALID / name
            if original.is_file() and original.read_bytes() == path.read_bytes():
                raise CaseError(
                    f"{shown(path)}: is the same as {shown(original)} — a case holds only what "
                    "it changes; delete this file"
                )
        relative = f"tests/fixtures/invalid/{self.name}"
        briefing = root / relative
        shutil.copytree(VALID, briefing)
        for name, path in files.items():
            target = briefing / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        for name in removed:
            (briefing / name).unlink()
        return relative


def shown(path: Path) -> str:
    """A path as the helper's messages show it: from the project folder when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def read(name: str) -> Case:
    """The case tests/fixtures/invalid/<name>."""
    folder = INVALID / name
    if not folder.is_dir():
        raise CaseError(f"{shown(folder)}: is not a case folder")
    return Case(folder)


def names() -> list[str]:
    """Every case, by name."""
    return sorted(p.name for p in INVALID.iterdir() if p.is_dir())
