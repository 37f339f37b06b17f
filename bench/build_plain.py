"""The yardstick of the build benchmark: the same pages, built by plain mkdocs-material.

Our build, run by dump.py, writes every page's final Markdown (macros
rendered, cited sources appended, front matter kept) to ``DIR/<page>``. ``prepare`` turns that
folder into a docs folder (the Markdown, plus every other file of docs/, such as the assets)
and writes beside it the same ``mkdocs.yml`` minus the macros plugin and the hooks: same
theme and ``custom_dir``, same Markdown extensions, same search, same page tree. The site's
name and description are the briefing's, as our build sets them.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Keys of mkdocs.yml that only our generator uses.
OURS = ("hooks", "watch")


def plain_config(config_file: Path, docs: Path, data: Path) -> dict[str, Any]:
    """mkdocs.yml as plain mkdocs-material reads it, without our plugin and hooks."""
    from mkdocs.utils.yaml import yaml_load  # reads !ENV and INHERIT as mkdocs does

    with config_file.open("rb") as source:
        config: dict[str, Any] = yaml_load(source)
    for key in OURS:
        config.pop(key, None)
    config["plugins"] = [p for p in config.get("plugins", []) if _name(p) != "macros"]
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
