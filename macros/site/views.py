"""The macros editors call in docs/*.md, as plain functions of (page, arguments) → text.

Nothing here knows mkdocs: ``wiring.py`` registers each public method of ``Views`` as a
macro and hands it the page being rendered. A wrong id or argument raises ``MacroError``
with a message that names the macro and suggests the fix; the build reports it with the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from ..export.publish import Download
from ..facts import urls
from ..facts.catalog import Catalog
from ..facts.model import COLLECTIONS, Agreement, Briefing, Perspective, Reaction
from ..facts.names import noun
from ..facts.problems import MACRO, did_you_mean
from . import overview as glance
from . import pages
from . import timeline as chronology
from .render import Page, Renderer

#: The widths, in the drawing's units, of the timeline at a glance on wide screens and phones.
WIDE, NARROW = 720.0, 360.0


class MacroError(ValueError):
    """A macro called with an id or argument that does not fit the briefing."""


class Views:
    """Every macro: each public method is one, documented in CONTRIBUTING.md ("Macros for
    hand-written pages")."""

    def __init__(
        self, catalog: Catalog, renderer: Renderer, downloads: Sequence[Download] = (),
        page_items: int = chronology.PAGE_ITEMS,
    ) -> None:  # fmt: skip
        if catalog.briefing is None:
            raise ValueError("only a catalog with its briefing.yml can be rendered")
        self.catalog = catalog
        self.briefing: Briefing = catalog.briefing
        self.renderer = renderer
        #: The data files this build publishes (export/publish.py), for the Data page.
        self.files = list(downloads)
        #: The most entries a list shows on one page (the timeline, perspectives, reactions).
        self.page_items = page_items
        #: Worked out once per build: the timeline's lines, and its parts if it has any.
        self.timeline_items = chronology.items(catalog)
        self.timeline_parts = chronology.parts(self.briefing.eras, self.timeline_items, page_items)
        self._overviews: dict[tuple[str, ...], tuple[glance.Overview, glance.Overview]] = {}
        renderer.places = chronology.places(
            self.briefing.eras, self.timeline_items, self.timeline_parts
        )

    # --- records ---------------------------------------------------------------------------

    def ref(self, page: Page, record_id: str, text: str | None = None) -> str:
        """A link to any record, named by its short name, name or title."""
        self._need(record_id, "ref")
        return self.renderer.macro("inline", "ref", page, record_id, text)

    def record(self, page: Page, record_id: str) -> str:
        """The whole page of one record (used by the generated record pages)."""
        entry = self.catalog.records[self._need(record_id, "record")]
        return self.renderer.macro("record", "record", page, entry)

    def collection(self, page: Page, name: str) -> str:
        """The index of one collection: every record in it, in a table."""
        if name not in COLLECTIONS:
            hint = did_you_mean(name, COLLECTIONS)
            raise MacroError(
                MACRO["no_collection"].format(macro="collection", name=name, hint=hint)
            )
        return self.renderer.macro(
            "collection", "index", page, name, pages.listed(self.catalog, name)
        )

    def agreement(self, page: Page, record_id: str) -> str:
        """An agreement's infobox and its articles."""
        entry = self.catalog.records[self._need(record_id, "agreement", "agreements")]
        return self.renderer.macro("record", "agreement", page, entry)

    def figure(self, page: Page, record_id: str) -> str:
        """One figure as a card: the number with its qualifier, who stated it, its caveats."""
        entry = self.catalog.records[self._need(record_id, "figure", "figures")]
        return self.renderer.macro("briefing", "figure_card", page, entry)

    # --- lists -----------------------------------------------------------------------------

    def reactions(self, page: Page, to: str | None = None, latest: int | None = None) -> str:
        """Reactions, newest first: all, those to one record (``to=``), or the ``latest`` n."""
        if to is not None:
            self._need(to, "reactions")
        found = [
            e
            for e in self.catalog.dated("reactions")
            if to is None or (isinstance(e.record, Reaction) and to in e.record.to)
        ][::-1]
        if latest:
            return self.renderer.macro("briefing", "reactions", page, found[:latest])
        shown = found[: self.page_items]
        note = self._more(page, "reactions", len(shown), len(found))
        return note + self.renderer.macro("briefing", "reactions", page, shown)

    def perspectives(self, page: Page, about: str | None = None) -> str:
        """Perspectives side by side, grouped by stance: all, or those ``about`` one record."""
        if about is not None:
            self._need(about, "perspectives")
        found = [
            e for e in self.catalog.dated("perspectives")
            if about is None or (isinstance(e.record, Perspective) and about in e.record.about)
        ]  # fmt: skip
        shown = found[-self.page_items :]
        note = self._more(page, "perspectives", len(shown), len(found))
        return note + self.renderer.macro("briefing", "perspectives", page, shown)

    def _more(self, page: Page, name: str, shown: int, total: int) -> str:
        """Above a list cut to fit on one page: how much of it shows, and where all of it is."""
        if shown == total:
            return ""
        index = urls.collection_page(name)
        return self.renderer.macro("collection", "more", page, name, index, shown, total)

    def timeline(
        self, page: Page, kind: str | None = None, actor: str | None = None,
        agreement: str | None = None, part: str | None = None, glance: bool = True,
    ) -> str:  # fmt: skip
        """The chronology by era, with filters; optional arguments preset a filter. A timeline
        too long for one page lists its parts instead; ``part=`` shows one of them. Above it,
        the drawing at a glance, unless ``glance=False`` (the timeline page, which links to
        the drawing on a page of its own, ``timeline_at_a_glance``)."""
        if part is not None:
            return self._timeline_part(page, part)
        for value in (actor, agreement):
            if value is not None:
                self._need(value, "timeline")
        items = [
            i for i in self.timeline_items
            if (kind is None or i.kind == kind) and (actor is None or actor in i.actors)
            and (agreement is None or agreement in i.agreements)
        ]  # fmt: skip
        if self.timeline_parts and len(items) > self.page_items:
            shown = {i.entry.id for i in items}
            counts = [sum(i.entry.id in shown for i in p.items) for p in self.timeline_parts]
            listed = [(p, n) for p, n in zip(self.timeline_parts, counts, strict=True) if n]
            presets = {"kind": kind, "actor": actor, "agreement": agreement}
            query = urlencode({k: v for k, v in presets.items() if v is not None})
            return self.renderer.macro(
                "timeline", "overview", page, chronology.by_part_era(listed), len(items), query
            )
        eras = chronology.by_era(list(self.briefing.eras), items)
        filters = chronology.filters(self.catalog, items, page.name)
        drawn = self._overview(tuple(i.entry.id for i in items)) if glance else None
        return self.renderer.macro("timeline", "timeline", page, eras, filters, drawn)

    def timeline_at_a_glance(self, page: Page) -> str:
        """The whole timeline drawn on a time axis, each mark linking to its entry on the
        timeline's page; a timeline in parts is not drawn, and this says so."""
        items = self.timeline_items
        timeline = page.href_page(chronology.OVERVIEW)
        if self.timeline_parts and len(items) > self.page_items:
            return self.renderer.macro("overview", "too_many", page, len(items), timeline)
        drawn = self._overview(tuple(i.entry.id for i in items))
        if drawn is None:
            return ""
        return self.renderer.macro("overview", "figure", page, *drawn, timeline)

    def _overview(self, ids: tuple[str, ...]) -> tuple[glance.Overview, glance.Overview] | None:
        """The timeline at a glance, wide and narrow (overview.py), worked out once per build
        for each set of entries (the timeline page and the pack show the same)."""
        if not ids:
            return None
        found = self._overviews.get(ids)
        if found is None:
            entries = [self.catalog.records[i] for i in ids]
            eras = self.briefing.eras
            found = (glance.overview(eras, entries, WIDE), glance.overview(eras, entries, NARROW))
            self._overviews[ids] = found
        return found

    def _timeline_part(self, page: Page, slug: str) -> str:
        found = [p.slug for p in self.timeline_parts]
        if slug not in found:
            hint = did_you_mean(slug, found)
            noun = "part of the timeline"
            raise MacroError(
                MACRO["no_record"].format(macro="timeline", noun=noun, id=slug, hint=hint)
            )
        index = found.index(slug)
        part = self.timeline_parts[index]
        before = self.timeline_parts[index - 1] if index else None
        after = self.timeline_parts[index + 1] if index + 1 < len(found) else None
        filters = chronology.filters(self.catalog, list(part.items), page.name)
        return self.renderer.macro(
            "timeline", "part", page, part, index + 1, len(found), before, after, filters,
            chronology.OVERVIEW,
        )  # fmt: skip

    def comparisons(self, page: Page) -> str:
        """Every comparison data/briefing.yml defines, each a titled table."""
        out = []
        for index, comparison in enumerate(self.briefing.comparisons):
            table = self.compare(page, comparison.agreements, comparison.topic)
            out.append(self.renderer.macro("compare", "section", page, comparison, index, table))
        return "\n".join(out)

    def compare(self, page: Page, ids: Sequence[str], topic: str) -> str:
        """What several agreements say on one topic, side by side."""
        entries = [self.catalog.records[self._need(i, "compare", "agreements")] for i in ids]
        rows = []
        for entry in entries:
            articles = entry.record.articles if isinstance(entry.record, Agreement) else []
            found = [a for a in articles if a.topic == topic]
            if not found:
                topics = {a.topic for a in articles}
                hint = did_you_mean(topic, topics)
                raise MacroError(
                    MACRO["no_article"].format(macro="compare", id=entry.id, topic=topic, hint=hint)
                )
            rows.append((entry, found[0]))
        aspects = list(dict.fromkeys(key for _, article in rows for key in article.aspects))
        return self.renderer.macro("compare", "compare", page, rows, aspects, topic)

    # --- the briefing ----------------------------------------------------------------------

    def bottom_line(self, page: Page) -> str:
        """The briefing's bottom line, from data/briefing.yml."""
        return self.renderer.macro("briefing", "bottom_line", page, self.briefing)

    def key_judgments(self, page: Page) -> str:
        """The key judgments, each with links to the records that support it."""
        return self.renderer.macro("briefing", "key_judgments", page, self.briefing)

    def key_figures(self, page: Page) -> str:
        """The figures data/briefing.yml names as key, as cards."""
        entries = [self.catalog.records[i] for i in self.briefing.key_figures]
        return self.renderer.macro("briefing", "figure_cards", page, entries)

    def figure_charts(self, page: Page) -> str:
        """A chart of each measure the figures share (``measure`` in data/figures/), with a
        table of the same figures; nothing when no figure names a measure."""
        found = list(self.renderer.charts().values())
        if not found:
            return ""
        return self.renderer.macro("chart", "charts", page, found)

    def briefing_title(self, page: Page) -> str:
        """The briefing's title, as a Markdown heading line."""
        return "# " + page.heading(self.briefing.title) + "\n"

    def subtitle(self, page: Page) -> str:
        """The briefing's subtitle, from data/briefing.yml, as a lead paragraph."""
        return self.renderer.macro("briefing", "subtitle", page, self.briefing)

    def colophon(self, page: Page) -> str:
        """Who publishes and writes the briefing, its licence and its repository, as far as
        data/briefing.yml gives them; nothing when it gives none."""
        return self.renderer.macro("briefing", "colophon", page, self.briefing)

    def repository(self, page: Page, text: str = "the briefing's repository") -> str:
        """``text`` as a link to the briefing's repository (``repository`` in
        data/briefing.yml), or as plain words when it has none."""
        return self.renderer.macro("inline", "repository", page, self.briefing, text).strip()

    def last_reviewed(self, page: Page) -> str:
        """The date the briefing was last reviewed."""
        return self.renderer.macro("inline", "last_reviewed", page, self.briefing)

    # --- open data and the briefing pack ---------------------------------------------------

    def downloads(self, page: Page) -> str:
        """Every data file the build publishes under data/: a link, what it holds, its size."""
        rows = [(file, file.size_words) for file in self.files]
        return self.renderer.macro("downloads", "downloads", page, rows)

    def pack_cover(self, page: Page) -> str:
        """The briefing pack's opening: subtitle, last review, the live briefing's address."""
        return self.renderer.macro("pack", "cover", page, self.briefing)

    # --- helpers ---------------------------------------------------------------------------

    def _need(self, record_id: Any, macro: str, collection: str | None = None) -> str:
        entry = self.catalog.get(record_id) if isinstance(record_id, str) else None
        wanted = noun(collection) if collection else "record"
        if entry is None:
            pool = [
                e.id
                for e in (
                    self.catalog.collections[collection]
                    if collection
                    else self.catalog.records.values()
                )
            ]
            hint = did_you_mean(str(record_id), pool)
            raise MacroError(
                MACRO["no_record"].format(macro=macro, noun=wanted, id=record_id, hint=hint)
            )
        if collection and entry.collection != collection:
            wanted = COLLECTIONS[collection][1]
            raise MacroError(MACRO["wrong_kind"].format(macro=macro, id=record_id, wanted=wanted))
        return entry.id


#: The names editors call, in the order the macro reference documents them.
MACROS = [
    name for name in vars(Views) if not name.startswith("_") and callable(getattr(Views, name))
]
