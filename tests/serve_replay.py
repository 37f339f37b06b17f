"""`mkdocs serve --dirty` replayed in one process, for tests/test_serve_dirty.py.

    python tests/serve_replay.py DATA OUT '[["events/a.yml", "old text", "new text"], ...]'

As `make serve` does it, without the server: the configuration loaded again before each
build, the first build, then for each edit the file changed and a dirty build. After each
build the site is copied to OUT/<n> (OUT/0 after the first build). With no edits, OUT/0 is
what a fresh server builds from DATA: the reference a replayed edit must match.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/"


def replay(data: Path, out: Path, edits: list[tuple[str, str, str]]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(BRIEFING_DATA=str(data), NO_MKDOCS_2_WARNING="1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.chdir(ROOT)
    site = out / "serving"

    def configured() -> MkDocsConfig:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    config = configured()
    config.plugins.on_startup(command="serve", dirty=True)
    for number in range(len(edits) + 1):
        if number:
            name, old, new = edits[number - 1]
            path = data / name
            text = path.read_text(encoding="utf-8")
            if text.count(old) != 1:
                raise ValueError(f"{name}: {old!r} occurs {text.count(old)} times")
            path.write_text(text.replace(old, new), encoding="utf-8")
            config = configured()
        build(config, serve_url=SERVE_URL, dirty=True)
        shutil.copytree(site, out / str(number))


if __name__ == "__main__":
    replay(Path(sys.argv[1]), Path(sys.argv[2]), [tuple(e) for e in json.loads(sys.argv[3])])
