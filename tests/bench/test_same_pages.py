"""Our build against plain Material building the same Markdown (bench/dump.py), page by page
(bench/same_pages.py): the HTML held out of Python-Markdown (site/passthrough.py) comes back
exactly where and as Python-Markdown would have put it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import dump  # noqa: E402 — bench/ is not a package; its modules import each other so
import same_pages  # noqa: E402 — the same


def _run(command: list[str], data: Path) -> None:
    env = {**os.environ, "BRIEFING_DATA": str(data), "SOURCE_DATE_EPOCH": "0"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default briefing built by us (dumping its Markdown) and by plain Material."""
    temp, data = tmp_path_factory.mktemp("same-pages"), ROOT / "data"
    ours, plain = temp / "ours", temp / "plain"
    _run([sys.executable, str(ROOT / "bench" / "dump.py"), str(temp / "dump"), str(ours)], data)
    config = dump.prepare(temp / "dump", temp / "yardstick", data)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    _run([*mkdocs, "--site-dir", str(plain), "--config-file", str(config)], data)
    return ours, plain


def test_every_page_has_the_content_python_markdown_makes_of_its_whole_text(
    built: tuple[Path, Path],
) -> None:
    ours, plain = built
    assert len(same_pages.files(ours, ".html")) > 200
    assert list(same_pages.differences(ours, plain, only_content=True)) == []


def test_the_dump_holds_the_html_not_the_marks(built: tuple[Path, Path]) -> None:
    """The yardstick converts every byte our templates made: no page of it is marks alone."""
    ours, _ = built
    dumped = ours.parent / "dump"
    treaty = (dumped / "agreements" / "russia-dprk-treaty-2024.md").read_text(encoding="utf-8")
    assert '<dl class="brief-facts">' in treaty
    assert not any("<!--briefing-html-" in p.read_text() for p in dumped.rglob("*.md"))


def test_a_changed_article_a_missing_page_and_a_changed_file_are_reported(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """The negative control: the comparison sees a difference where there is one."""
    ours, _ = built
    copy = tmp_path / "copy"
    shutil.copytree(ours, copy)
    page = copy / "agreements" / "russia-dprk-treaty-2024" / "index.html"
    page.write_text(page.read_text().replace(">Agreement · treaty<", ">Agreement<"))
    shutil.rmtree(copy / "events" / "treaty-2024-signed")
    found = list(same_pages.differences(ours, copy, only_content=True))
    assert found[0] == f"events/treaty-2024-signed/index.html: only in {ours}"
    assert found[1].startswith("agreements/russia-dprk-treaty-2024/index.html: -")
    assert "Agreement · treaty" in found[1]
    assert len(found) == 2
    assert len(list(same_pages.differences(ours, copy))) == 2  # byte for byte, the same two
