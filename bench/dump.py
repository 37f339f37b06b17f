"""Our build, writing every page's final Markdown into a folder: the yardstick's input.

    python bench/dump.py DUMP_DIR SITE_DIR      (BRIEFING_DATA picks the briefing)

The Markdown is taken after every other handler of MkDocs' ``page_markdown`` event has run
(macros rendered, cited sources appended), with the page's front matter, and written to
``DUMP_DIR/<page>``: build_plain.py then builds the same pages with plain mkdocs-material.
This is a plugin of the benchmark's own, added to the configuration here; the generator
knows nothing of it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

ROOT = Path(__file__).resolve().parents[1]


def dump_markdown(folder: Path, src_uri: str, meta: dict[str, Any], markdown: str) -> None:
    """Write a page as plain Markdown, with its front matter, to ``folder/<src_uri>``."""
    front = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False) if meta else ""
    target = folder / src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((f"---\n{front}---\n\n" if front else "") + markdown, encoding="utf-8")


class DumpMarkdown(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Writes each page's final Markdown into ``folder``."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    @event_priority(-100)  # after mkdocs-macros and every other handler
    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        dump_markdown(self.folder, page.file.src_uri, page.meta, markdown)
        return markdown


def main(dump: Path, site: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins["bench-dump"] = DumpMarkdown(dump)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
