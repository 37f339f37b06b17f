"""The yardstick of the build benchmark: our pages as Markdown, built by plain mkdocs-material.

    python bench/dump.py DUMP_DIR SITE_DIR      (BRIEFING_DATA picks the briefing)

runs our build with one more plugin, the benchmark's own (the generator knows nothing of it),
that writes every page's final Markdown to ``DUMP_DIR/<page>``: taken after every other
handler of MkDocs' ``page_markdown`` event has run (macros rendered, cited sources appended),
with the page's front matter, and with the HTML our build keeps out of Python-Markdown put
back in (``macros.wiring.page_markdown``): the plain build converts every byte of it.
``prepare`` then turns that folder into a docs folder (the Markdown, plus every other file
of docs/, such as the assets) and writes beside it the same
``mkdocs.yml`` minus the macros plugin, the hooks and ``watch``: same theme and
``custom_dir``, same Markdown extensions, same page tree, and Material's search on, as plain
Material has it (ours is Pagefind's, site/search.py). The site's name and description are
the briefing's, as our build sets them.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils.yaml import yaml_load  # reads !ENV and INHERIT as mkdocs does

ROOT = Path(__file__).resolve().parents[1]
#: Keys of mkdocs.yml that only our generator uses.
OURS = ("hooks", "watch")


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
        from macros import wiring  # the package the hooks file put on sys.path

        source = page.file.src_uri
        dump_markdown(self.folder, source, page.meta, wiring.page_markdown(source, markdown))
        return markdown


def plain_config(config_file: Path, docs: Path, data: Path) -> dict[str, Any]:
    """mkdocs.yml as plain mkdocs-material reads it, without our plugin and hooks."""
    with config_file.open("rb") as source:
        config: dict[str, Any] = yaml_load(source)
    for key in OURS:
        config.pop(key, None)
    config["plugins"] = [
        # plain Material has its own search on; ours is Pagefind's, made in our hooks
        "search" if _name(p) == "search" else p
        for p in config.get("plugins", [])
        if _name(p) != "macros"
    ]
    config["docs_dir"] = str(docs)
    theme = dict(config.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str(config_file.parent / theme["custom_dir"])
    config["theme"] = theme
    extra = dict(config.get("extra") or {})
    extra.pop("data_dir", None)
    config["extra"] = extra
    briefing = yaml.safe_load((data / "briefing.yml").read_text(encoding="utf-8"))
    config["site_name"] = html.escape(str(briefing["title"]))
    config["site_description"] = html.escape(str(briefing["subtitle"]))
    return config


def _name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def prepare(dump: Path, folder: Path, data: Path, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """Make ``folder/docs`` from the dumped Markdown and docs/'s other files; write
    ``folder/mkdocs.yml`` and return its path."""
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(dump, docs)
    written = config_file.parent / "docs"
    shutil.copytree(written, docs, ignore=_markdown, dirs_exist_ok=True)
    pages = {p.relative_to(docs) for p in docs.rglob("*.md")}
    missing = [p for p in written.rglob("*.md") if p.relative_to(written) not in pages]
    if missing:
        raise RuntimeError(f"the dump lacks pages of docs/: {missing[:5]}")
    target = folder / "mkdocs.yml"
    config = plain_config(config_file, docs, data)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return target


def _markdown(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.endswith(".md")]


def main(dump: Path, site: Path) -> None:
    """Our build, as ``mkdocs build --strict`` runs it, dumping every page into ``dump``."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins["bench-dump"] = DumpMarkdown(dump)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
