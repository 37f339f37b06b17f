"""JSON Schemas of every collection, for editors' autocompletion and for published data.

VS Code's YAML extension reads the ``# yaml-language-server: $schema=…`` line at the top of
each data file and checks fields as the editor types. The schemas are generated from the
models and committed under data/schemas/; a test fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import COLLECTIONS, Briefing

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every collection and for the briefing."""
    models: dict[str, type[BaseModel]] = {name: model for name, (model, _) in COLLECTIONS.items()}
    models["briefing"] = Briefing
    out = {}
    for name, model in models.items():
        schema = {"$schema": DIALECT, **model.model_json_schema(mode="validation")}
        out[f"{name}.schema.json"] = schema
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from the models."""
    out = []
    for name, schema in schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(schema):
            out.append(name)
    return out
