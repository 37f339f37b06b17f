"""The project's two settings that every command shares, read without MkDocs.

- **The data folder**: ``BRIEFING_DATA`` if it is set, else ``extra.data_dir`` in mkdocs.yml,
  else ``data``. The build reads it from its configuration (wiring.py); the commands of
  ``python -m macros`` read the same mkdocs.yml here, so both always agree on the folder.
- **The site's address**: ``SITE_URL`` if it is set (the publish workflow sets it from
  GitHub Pages), else ``url`` in the briefing's briefing.yml (facts/checking.py compares
  the two).

mkdocs.yml is read with the one tag it uses beyond plain YAML, ``!ENV``, understood as
MkDocs understands it: ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``. Any other tag is
read as plain YAML, never run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

#: The environment variable that names another briefing's data folder.
DATA_ENV = "BRIEFING_DATA"
#: The environment variable that gives the site's published address.
SITE_ENV = "SITE_URL"
#: The data folder when nothing names one.
DEFAULT_DATA = "data"
CONFIG = "mkdocs.yml"


class SettingsError(Exception):
    """mkdocs.yml cannot be read; the message says where and what to do."""


def data_dir(project: Path = Path(), environ: Mapping[str, str] | None = None) -> Path:
    """The briefing's data folder, as the build would use it, for the project at ``project``."""
    return choose_data_dir(extra(project).get("data_dir"), project, environ)


def choose_data_dir(
    configured: object, project: Path = Path(), environ: Mapping[str, str] | None = None
) -> Path:
    """``BRIEFING_DATA``, else ``configured`` (``extra.data_dir``), else ``data``: relative
    to ``project``, the folder that holds mkdocs.yml."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(DATA_ENV) or str(configured or DEFAULT_DATA)
    return project / chosen


def site_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The address given by ``SITE_URL``, or None when it is unset or empty."""
    environ = os.environ if environ is None else environ
    return environ.get(SITE_ENV) or None


def extra(project: Path) -> dict[str, Any]:
    """The ``extra:`` section of the project's mkdocs.yml (empty when there is no file)."""
    path = project / CONFIG
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        config = yaml.load(text, Loader=_Loader)  # noqa: S506 — a SafeLoader, see below
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SettingsError(
            f"{CONFIG}{line}: cannot be read as YAML — fix it, or run from the folder that "
            "holds the project's mkdocs.yml"
        ) from None
    section = config.get("extra") if isinstance(config, dict) else None
    return section if isinstance(section, dict) else {}


class _Loader(yaml.SafeLoader):
    """A SafeLoader that resolves ``!ENV`` and reads every other tag as plain YAML."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        return None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return value
    return default


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _untagged)
