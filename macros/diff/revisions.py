"""A briefing's data folder as it is on disk, or as it was at a git revision.

``python -m macros diff`` compares two of these. A revision is read with git itself
(``ls-tree`` and ``cat-file``), its data files written into a temporary folder, and that
folder loaded like any other, so facts/load.py stays the only code that reads data files.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..facts.git import GitError, git
from ..facts.load import display

NOT_FOUND = (
    "'{spec}' is neither a folder nor a commit of this repository — name a branch, tag or "
    "commit (like main or HEAD~1), or a data folder"
)
NOT_A_FOLDER = "{folder}: is not a folder — give the briefing's data folder, like data/"
NO_GIT = "git is not installed — install it to compare revisions, or compare two data folders"
_BLOB_MODES = {"100644", "100755"}  # regular files; submodules are skipped
#: A symbolic link in the revision becomes a link to nowhere here (its target is never
#: read): the check refuses it as it refuses one on disk, so the summary names it too.
_LINK_MODE = "120000"


class RevisionError(Exception):
    """A revision that cannot be read; its message is shown to the editor as it is."""


@dataclass(frozen=True)
class Version:
    """A data folder to load, how to name it in the report, and how to name its files."""

    folder: Path
    label: str
    root: str


@contextmanager
def data_at(spec: str | None, data_dir: Path) -> Iterator[Version]:
    """The briefing ``spec`` names: ``None`` for ``data_dir`` as it is on disk, a folder, or a
    git revision (a branch, tag or commit), at which ``data_dir`` is read from git."""
    if spec is None or Path(spec).is_dir():
        folder = data_dir if spec is None else Path(spec)
        if not folder.is_dir():
            raise RevisionError(NOT_A_FOLDER.format(folder=display(folder)))
        yield Version(folder, display(folder), display(folder))
        return
    top = _git(Path.cwd(), "rev-parse", "--show-toplevel", spec=spec).decode().strip()
    revision = f"{spec}^{{commit}}"
    commit = _git(Path(top), "rev-parse", "--verify", "--quiet", revision, spec=spec).decode()
    prefix = _inside(Path(top), data_dir)
    with tempfile.TemporaryDirectory(prefix="briefing-revision-") as temporary:
        folder = Path(temporary) / "data"
        folder.mkdir()
        _export(Path(top), commit.strip(), prefix, folder)
        yield Version(folder, f"{spec} ({commit[:7]})", prefix)


def _inside(top: Path, data_dir: Path) -> str:
    """``data_dir`` as a path inside the repository, like ``data``."""
    absolute = Path.cwd().resolve() / data_dir
    try:
        return absolute.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise RevisionError(f"{data_dir}: is not inside the repository at {top}") from None


def _export(top: Path, commit: str, prefix: str, folder: Path) -> None:
    """Write every regular file under ``prefix`` at ``commit`` into ``folder``."""
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix, spec=commit)
    names = listing.decode("utf-8")
    wanted: list[tuple[str, PurePosixPath]] = []
    for line in filter(None, names.split("\0")):
        meta, _, name = line.partition("\t")
        mode, kind, blob = meta.split()
        inner = PurePosixPath(name).relative_to(prefix) if prefix != "." else PurePosixPath(name)
        if kind != "blob" or ".." in inner.parts:
            continue
        if mode in _BLOB_MODES:
            wanted.append((blob, inner))
        elif mode == _LINK_MODE:
            link = folder.joinpath(*inner.parts)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to("a-symbolic-link-in-git")
    contents = _blobs(top, [blob for blob, _ in wanted])
    for (_, inner), content in zip(wanted, contents, strict=True):
        target = folder.joinpath(*inner.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _blobs(top: Path, blobs: list[str]) -> list[bytes]:
    """The contents of ``blobs``, read by one ``git cat-file --batch``."""
    if not blobs:
        return []
    done = _git(top, "cat-file", "--batch", spec=blobs[0], stdin="\n".join(blobs) + "\n")
    out, at = [], 0
    for _ in blobs:
        end = done.index(b"\n", at)
        size = int(done[at:end].split()[2])
        out.append(done[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the content is followed by a newline
    return out


def _git(cwd: Path, *args: str, spec: str, stdin: str = "") -> bytes:
    """Run git; a failure means ``spec`` does not name a revision here."""
    try:
        return git(cwd, *args, stdin=stdin.encode())
    except GitError as error:
        raise RevisionError(NO_GIT if error.missing else NOT_FOUND.format(spec=spec)) from None
