"""The supply chain: every requirement pinned with its hashes, and installed only so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPILED = sorted(ROOT.glob("requirements*.txt"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def requirements(path: Path) -> dict[str, list[str]]:
    """Each pinned package of a compiled file → its hashes."""
    found: dict[str, list[str]] = {}
    current = None
    for line in path.read_text("utf-8").splitlines():
        pin = PIN.match(line)
        if pin:
            current = re.sub(r"[-_.]+", "-", pin.group(1)).lower() + "==" + pin.group(2)
            found[current] = []
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            found[current].append(line.strip().removesuffix("\\").strip())
        elif line.strip() and not line.lstrip().startswith("#"):
            pytest.fail(f"{path.name}: an unexpected line {line!r}")
    return found


def test_there_are_the_three_compiled_files_each_from_its_source() -> None:
    assert [p.name for p in COMPILED] == [
        "requirements-dev.txt", "requirements-properdocs.txt", "requirements.txt"
    ]  # fmt: skip
    for path in COMPILED:
        assert path.with_suffix(".in").is_file(), path.name
        assert "pip-compile" in path.read_text("utf-8").splitlines()[1], path.name


@pytest.mark.parametrize("path", COMPILED, ids=lambda p: p.name)
def test_every_package_is_pinned_with_its_hashes(path: Path) -> None:
    found = requirements(path)
    assert len(found) > 30
    assert [name for name, hashes in found.items() if not hashes] == []


@pytest.mark.parametrize("path", COMPILED, ids=lambda p: p.name)
def test_every_pin_of_the_source_is_the_pin_compiled(path: Path) -> None:
    """An edited .in not compiled again (`make lock`) fails here."""
    compiled = set(requirements(path))
    sources = [path.with_suffix(".in")]
    sources += [ROOT / line[3:].strip() for line in sources[0].read_text("utf-8").splitlines()
                if line.startswith("-r ")]  # fmt: skip
    for source in sources:
        for line in source.read_text("utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-"):
                name, version = line.split("==")
                assert f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}" in compiled, line


def test_the_twin_a_pin_without_hashes_is_found(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text("a==1 \\\n    --hash=sha256:00\nb==2 \\\n    # via x\n", "utf-8")
    assert requirements(path) == {"a==1": ["--hash=sha256:00"], "b==2": []}


def test_every_install_requires_hashes() -> None:
    """Everywhere a requirements file is installed: the Makefile (the workflows and .ci/run
    install through it, never with pip themselves)."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert len(installs) == 2
    assert all("--require-hashes -r requirements" in line for line in installs), installs
    for path in [*(ROOT / ".github" / "workflows").glob("*.yml"), ROOT / ".ci" / "run"]:
        assert "pip install" not in path.read_text("utf-8"), path.name
