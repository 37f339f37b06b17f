"""One entry point to the whole check: load → index → rules → problems.

The command line (``python -m macros check``), the build and the tests all call ``check``,
so an editor sees the same problems, in the same words, wherever the briefing is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from . import problems as words
from .catalog import BRIEFING, Catalog, Reference
from .load import Entry, Loaded, bulk, display, has_file, load
from .model import COLLECTIONS, Briefing
from .names import noun
from .problems import Problem
from .rules import check_rules


class Checked(NamedTuple):
    """A briefing checked: its catalog (None when it could not be indexed), and every problem.

    Only a briefing with no problem is built or exported: ``ok`` says so.
    """

    catalog: Catalog | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not self.problems


def check(folder: Path, site_url: str | None = None) -> Checked:
    """Read every file of the briefing at ``folder`` and check it, every problem at once.

    ``site_url`` is the address the site is built for (``SITE_URL``), if one is given: it
    must agree with ``url`` in briefing.yml, and it becomes the briefing's ``url`` when
    that is left out, so that every page and data file names the same address.
    """
    loaded = load(folder)
    catalog, found = build(loaded)
    if catalog is not None and catalog.briefing is not None:
        found = sorted([*found, *_images(folder, catalog.briefing, loaded)])
    if site_url is None or catalog is None or catalog.briefing is None:
        return Checked(catalog, found)
    url = catalog.briefing.url
    if url is None:
        catalog.briefing = catalog.briefing.model_copy(update={"url": site_url})
    elif _slashed(url) != _slashed(site_url):
        message = words.CROSS["site_url"].format(got=words.got(url), site_url=site_url)
        line = loaded.briefing_lines.of(("url",))
        found = sorted([*found, Problem(loaded.briefing_path, line, "url", message)])
    return Checked(catalog, found)


def _images(folder: Path, briefing: Briefing, loaded: Loaded) -> list[Problem]:
    """The logo and favicon briefing.yml names are files in the data folder."""
    found = []
    for name in ("logo", "favicon"):
        path = getattr(briefing, name)
        if path and not has_file(folder, path):
            message = words.CROSS["image_missing"].format(
                got=words.got(path), folder=display(folder).rstrip("/") + "/"
            )
            line = loaded.briefing_lines.of((name,))
            found.append(Problem(loaded.briefing_path, line, name, message))
    return found


def _slashed(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def build(loaded: Loaded) -> tuple[Catalog | None, list[Problem]]:
    """Index what was loaded and check every rule that spans records; all problems at once."""
    with bulk():
        return _build(loaded)


def _build(loaded: Loaded) -> tuple[Catalog | None, list[Problem]]:
    found = list(loaded.problems)
    entries = _unique(loaded.entries, found)
    catalog = Catalog(loaded.briefing, entries)
    records = catalog.records
    for source, refs in catalog.outgoing.items():
        for ref in refs:
            target = records.get(ref.target)
            if target is not None and (not ref.allowed or target.collection in ref.allowed):
                continue  # the common case, kept cheap: this loop runs once per reference
            message = _unresolved(catalog, ref, loaded.broken)
            if message:
                path, lines = (
                    (loaded.briefing_path, loaded.briefing_lines)
                    if source == BRIEFING
                    else (records[source].path, records[source].lines)
                )
                found.append(Problem(path, lines.of(ref.loc), words.field_name(ref.loc), message))
    complete = not loaded.broken
    found.extend(check_rules(catalog, loaded.briefing_path, loaded.briefing_lines, complete))
    return (catalog if catalog.briefing else None), sorted(found)


def _unique(entries: list[Entry], found: list[Problem]) -> list[Entry]:
    first: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        declared = getattr(entry.record, "id", None)
        if declared is not None and declared != entry.id:
            message = words.CROSS["id_mismatch"].format(name=entry.id, got=words.got(declared))
            found.append(Problem(entry.path, entry.lines.of(("id",)), "id", message))
        if entry.id in first:
            message = words.CROSS["duplicate_id"].format(id=entry.id, other=first[entry.id].path)
            found.append(Problem(entry.path, 1, "", message))
            continue
        first[entry.id] = entry
    return list(first.values())


def _unresolved(catalog: Catalog, ref: Reference, broken: dict[str, str]) -> str | None:
    target = catalog.get(ref.target)
    if target is None and ref.target in broken:
        return None  # the file exists; its own problems are reported where it is
    if target is None:
        kind = noun(ref.allowed[0]) if len(ref.allowed) == 1 else "record"
        pool = [i for name in (ref.allowed or COLLECTIONS) for i in _ids(catalog, name)]
        shown = words.got(ref.target)[1:-1]  # shortened: a link's id was never checked
        hint = words.did_you_mean(ref.target, pool) if shown == ref.target else ""
        key = "link_missing" if ref.in_prose else "ref_missing"
        return words.CROSS[key].format(noun=kind, id=shown, hint=hint)
    if ref.allowed and target.collection not in ref.allowed:
        wanted = " or ".join(COLLECTIONS[name][1] for name in ref.allowed)
        is_a = COLLECTIONS[target.collection][1]
        return words.CROSS["ref_kind"].format(id=ref.target, is_a=is_a, wanted=wanted)
    return None


def _ids(catalog: Catalog, collection: str) -> list[str]:
    return [e.id for e in catalog.collections[collection]]
