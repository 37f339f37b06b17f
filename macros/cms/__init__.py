"""The web editor at /admin/: Decap CMS, its configuration generated from the models.

``config.py`` makes the configuration; this module writes it, the committed copy in the data
folder (``schemas/cms.yml``, which ``python -m macros cms --check`` compares with the models)
and the editor's page into a built site. ``admin/`` holds the page, the briefing's own widget
(``briefing.js``) and the Decap bundle vendored from npm (``package.json`` pins it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import config

ADMIN = Path(__file__).parent / "admin"
#: Where the site serves the editor.
FOLDER = "admin"
#: The committed configuration, in the data folder beside the JSON Schemas.
COMMITTED = Path("schemas") / "cms.yml"


def text(
    data_path: str,
    repository: str | None,
    sign_in: str | None = None,
    local_backend: str = config.LOCAL_BACKEND,
) -> str:
    """The configuration as a file, for the data folder at ``data_path`` in the repository."""
    return config.render(config.config(data_path, repository, sign_in, local_backend))


def stale(path: Path, expected: str) -> bool:
    """Whether the committed configuration at ``path`` is missing or differs from the models."""
    return not path.is_file() or path.read_text(encoding="utf-8") != expected


def write_admin(site_dir: Path, configuration: str) -> Path:
    """The editor's page, its scripts and ``configuration`` into ``site_dir``/admin/."""
    target = site_dir / FOLDER
    shutil.copytree(ADMIN, target, dirs_exist_ok=True)
    (target / "config.yml").write_text(configuration, encoding="utf-8")
    return target
