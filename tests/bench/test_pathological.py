"""The hostile-input benchmark (bench/pathological.py): each row checks and builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_pattern_is_refused_at_a_megabyte_and_built_at_the_limit_quickly() -> None:
    command = [sys.executable, str(ROOT / "bench" / "pathological.py"), "--runs", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith(("| summary", "| title"))]
    assert len(rows) == 20
    slowest = next(line for line in done.stdout.splitlines() if line.startswith("slowest"))
    assert float(slowest.split(": ")[1].split(" s")[0]) < 2.0, done.stdout
