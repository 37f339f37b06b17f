"""The pages of a site's search index (Pagefind's, macros/site/search.py), read back.

Pagefind writes each indexed page as a fragment (gzip: a signature, then JSON with its URL,
metadata and text) and lists the fragments in its metadata file, whose name the entry file
gives. ``indexed`` reads them with any reader of the site's files: from disk, or from a
server (tests/test_serve.py), where no folder can be listed.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: What Pagefind puts before the JSON or CBOR of each of its files, once unzipped.
SIGNATURE = b"pagefind_dcd"
#: A page in the metadata: a two-item CBOR array of its fragment's name and its word count.
_PAGE = re.compile(rb"\x82[\x61-\x77]([a-z]+_[0-9a-f]+)")


@dataclass(frozen=True)
class Indexed:
    """One page as search finds it: its title and collection (the metadata shown in the
    results) and the text of its article."""

    title: str
    collection: str
    text: str


def _unzip(data: bytes) -> bytes:
    data = gzip.decompress(data)
    return data[len(SIGNATURE) :] if data.startswith(SIGNATURE) else data


def indexed(read: Callable[[str], bytes]) -> dict[str, Indexed]:
    """Location (as Material's search gives it: ``events/x/``) → the page indexed there."""
    entry = json.loads(read("pagefind/pagefind-entry.json"))
    found = {}
    for language in entry["languages"].values():
        meta = _unzip(read(f"pagefind/pagefind.{language['hash']}.pf_meta"))
        for name in _PAGE.findall(meta):
            page = json.loads(_unzip(read(f"pagefind/fragment/{name.decode()}.pf_fragment")))
            location = page["url"].removeprefix("/")
            meta_data = page["meta"]
            found[location] = Indexed(
                meta_data.get("title", ""), meta_data.get("collection", ""), page["content"]
            )
    return found


def on_disk(root: Path) -> dict[str, Indexed]:
    """The pages of the index of the site built in ``root``."""
    return indexed(lambda path: (root / path).read_bytes())
