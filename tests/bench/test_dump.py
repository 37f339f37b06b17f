"""The yardstick (bench/dump.py): our pages dumped as Markdown, and the plain build of them."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import dump  # noqa: E402 — bench/ is not a package; its modules import each other so


def test_a_page_is_dumped_at_its_source_path_with_its_front_matter(tmp_path: Path) -> None:
    dump.dump_markdown(tmp_path, "pack.md", {"hide": ["toc"]}, "# Pack\n")
    dump.dump_markdown(tmp_path, "events/a.md", {}, "# A\n")
    assert (tmp_path / "pack.md").read_text() == "---\nhide:\n- toc\n---\n\n# Pack\n"
    assert (tmp_path / "events" / "a.md").read_text() == "# A\n"


def test_the_plain_config_is_ours_without_the_macros_plugin_and_the_hooks(tmp_path: Path) -> None:
    config = dump.plain_config(ROOT / "mkdocs.yml", tmp_path, ROOT / "data")
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    assert "hooks" not in config and "watch" not in config
    # every plugin of ours but macros: search, and the offline plugin (off unless a preview)
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names == ["search", "offline"]
    assert config["plugins"][0] == "search"  # Material's search on, as plain Material has it
    assert config["docs_dir"] == str(tmp_path)
    assert config["theme"]["custom_dir"] == str(ROOT / ours["theme"]["custom_dir"])
    assert config["markdown_extensions"] == ours["markdown_extensions"]
    assert config["nav"] == ours["nav"]
