"""The open data: every file the build writes under site/data/, from the same catalog as the pages.

One function makes them all as bytes, and two callers write them: the build (the
mkdocs-macros ``on_post_build`` hook in ``wiring.py``) and ``python -m macros export``.
So the command gives, byte for byte, the files the site publishes. Each format has its
module: document.py, tables.py, ics.py, atom.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..facts.catalog import Catalog
from ..facts.model import COLLECTIONS
from . import atom, document, ics, tables
from .history import History

#: The formats, in the order the Data page lists them; ``--format`` takes these names.
FORMATS = ("json", "csv", "ics", "atom")
#: Where the files go inside the built site.
FOLDER = "data"


@dataclass(frozen=True)
class Download:
    """One published file: its name under data/, its format, what it holds, and its bytes."""

    name: str
    format: str
    media_type: str
    title: str
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body)

    @property
    def size_words(self) -> str:
        """'812 bytes', '24.5 kB', '1.2 MB' (SI units, as browsers show downloads)."""
        size = self.size
        if size < 1000:
            return f"{size} bytes"
        return f"{size / 1000:.1f} kB" if size < 999_950 else f"{size / 1_000_000:.1f} MB"


def downloads(
    catalog: Catalog, history: History, formats: Sequence[str] = FORMATS
) -> list[Download]:
    """Every file of the given formats, in the order of ``FORMATS``."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"no format {', '.join(unknown)}: choose from {', '.join(FORMATS)}")
    out: list[Download] = []
    if "json" in formats:
        out += [
            Download(
                document.NAME, "json", "application/json",
                f"All {len(catalog.records)} records, with their references resolved to pages",
                document.render_document(document.document(catalog)),
            ),
            Download(
                document.SCHEMA_NAME, "json", "application/schema+json",
                f"The JSON Schema that {document.NAME} follows",
                document.render(document.schema()),
            ),
        ]  # fmt: skip
    if "csv" in formats:
        bodies = tables.tables(catalog)
        for name in COLLECTIONS:
            count = len(catalog.collections[name])
            title = f"The {name}, {count} in all: a row for each, a column for each field"
            body = bodies[tables.file_name(name)]
            out.append(Download(tables.file_name(name), "csv", "text/csv", title, body))
    if "ics" in formats:
        count = len(catalog.dated(*ics.COLLECTIONS))
        title = f"The {count} events and reactions of the timeline, as all-day calendar events"
        body = ics.calendar(catalog, history)
        out.append(Download(ics.NAME, "ics", "text/calendar", title, body))
    if "atom" in formats:
        title = f"The newest changes (up to {atom.SIZE}), each saying what changed, as an Atom feed"
        body = atom.feed(catalog, history)
        out.append(Download(atom.NAME, "atom", "application/atom+xml", title, body))
    return out


def write(folder: Path, files: Sequence[Download]) -> list[Path]:
    """Write ``files`` into ``folder`` (made if missing); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in files:
        path = folder / download.name
        path.write_bytes(download.body)
        written.append(path)
    return written
