"""The Decap CMS bundle the site serves at /admin/: the very files of the npm package pinned in
macros/cms/package.json, with the licence, and nothing fetched from elsewhere."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

VENDORED = ROOT / "macros" / "cms" / "admin" / "decap-cms"
PACKAGE = ROOT / "macros" / "cms" / "package.json"
LOCK = ROOT / "macros" / "cms" / "package-lock.json"
INSTALLED = ROOT / ".venv" / "decap" / "node_modules"


def test_every_package_is_pinned_to_one_version_in_the_lock() -> None:
    wanted = json.loads(PACKAGE.read_text(encoding="utf-8"))["dependencies"]
    locked = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: pin one version (got {version})"
        assert locked[f"node_modules/{name}"]["version"] == version


def test_the_vendored_bundle_is_the_npm_packages_own() -> None:
    dist = INSTALLED / "decap-cms" / "dist"
    if not dist.is_dir():
        pytest.fail(
            f"{dist} is missing: run `make pytest`, which installs macros/cms/package-lock.json"
            " with npm ci into .venv/decap",
            pytrace=False,
        )
    installed = json.loads((INSTALLED / "decap-cms" / "package.json").read_text("utf-8"))
    assert (
        installed["version"] == json.loads(PACKAGE.read_text("utf-8"))["dependencies"]["decap-cms"]
    )
    scripts = {p.name for p in dist.glob("*decap-cms.js")}
    wasm = set(re.findall(r"[0-9a-f]{20}\.wasm", "".join(
        (dist / name).read_text(encoding="utf-8") for name in scripts
    )))  # fmt: skip
    expected = scripts | wasm | {"decap-cms.js.LICENSE.txt"}
    assert {p.name for p in VENDORED.iterdir()} == expected | {"LICENSE"}
    for name in sorted(expected):
        assert (VENDORED / name).read_bytes() == (dist / name).read_bytes(), name


def test_the_licence_is_decaps_mit_licence() -> None:
    text = (VENDORED / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("Copyright (c) 2016 Netlify <decap@p-m.si>\n\nMIT License\n")
    assert json.loads(PACKAGE.read_text("utf-8"))["license"] == "MIT"
