"""``python -m macros new DIR``: a new briefing, minimal, valid and about no topic at all.

The starter files in ``starter/`` hold one record of each collection, with comments that
teach the format; the command copies them, puts the title and today's date into
briefing.yml, writes the JSON Schemas that the ``# yaml-language-server`` lines name and the
web editor's configuration (``macros cms``), and checks the result. It never writes into a
folder that holds anything, and it writes into a temporary folder first, so a failure leaves
nothing half-made.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from .. import cms
from ..facts import schema
from ..facts.checking import check
from ..facts.load import display

STARTER = Path(__file__).parent / "starter"
DEFAULT_TITLE = "A new briefing"
#: What the command prints when it is done, after the folder's name.
NEXT_STEPS = """\
Next:
  1. Replace the examples with your facts: every field is in data/README.md.
  2. Check them: .venv/bin/python -m macros check {folder}
  3. See the site: BRIEFING_DATA={folder} make serve
     (or set extra.data_dir: {folder} in mkdocs.yml to make it the site's briefing)"""


class ScaffoldError(Exception):
    """The briefing cannot be made there; the message says why and what to do."""


def main(folder: Path, title: str | None) -> int:
    """Make the briefing and say what to do next; 2, with a message, if it cannot be made."""
    try:
        count = create(folder, title or DEFAULT_TITLE)
    except ScaffoldError as error:
        print(error)
        return 2
    name = display(folder)
    print(f"{name}: a new briefing, {count} files, checked: no problems")
    print(NEXT_STEPS.format(folder=name))
    return 0


def create(folder: Path, title: str, today: dt.date | None = None) -> int:
    """Write the starter briefing into ``folder`` (new, or empty); the number of files."""
    name = display(folder)
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{name}: is a file — give the name of a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(
            f"{name}: is not empty — give a new folder, so that nothing there is overwritten"
        )
    if not title.strip() or "\n" in title:
        raise ScaffoldError(f"--title: must be one line of text (got {title!r})")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".new-briefing-", dir=folder.parent) as work:
        draft = Path(work) / "briefing"
        shutil.copytree(STARTER, draft, ignore=shutil.ignore_patterns("__pycache__"))
        _fill(draft / "briefing.yml", title, today or dt.date.today())
        schema.write(draft / "schemas")
        (draft / cms.COMMITTED).write_text(cms.text(name, None), encoding="utf-8")
        problems = check(draft).problems
        if problems:  # the starter files are tested; this guards against a broken install
            report = "\n".join(str(problem) for problem in problems)
            raise ScaffoldError(f"{name}: the starter briefing has problems:\n{report}")
        count = sum(1 for path in draft.rglob("*") if path.is_file())
        if folder.is_dir():
            folder.rmdir()  # empty, as checked above
        draft.rename(folder)
    return count


def _fill(path: Path, title: str, today: dt.date) -> None:
    """The title, as a YAML double-quoted string (JSON's escapes are YAML's), and the date."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("{title}", json.dumps(title.strip(), ensure_ascii=False))
    text = text.replace("{today}", today.isoformat())
    path.write_text(text, encoding="utf-8")
