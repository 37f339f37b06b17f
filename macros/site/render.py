"""The only module that touches Jinja: records in, HTML (inside Markdown pages) out.

Python gathers what a page needs; the templates in ``templates/`` hold every piece of
markup. Every value from data is escaped (autoescape is on, and Markdown from data is
escaped before it is converted), so text such as ``<beta>`` or ``{{ x }}`` shows literally.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from ..export.text import page_url
from ..facts import urls
from ..facts.catalog import Catalog
from ..facts.load import Entry
from ..facts.model import COLLECTIONS, Era, Quotation
from ..facts.names import (
    field_words,
    figure_number,
    figure_words,
    name_of,
    noun,
    reported_words,
    value_words,
)
from . import chart, prose
from .editing import Editing, Fix
from .timeline import OVERVIEW

TEMPLATES = Path(__file__).with_name("templates")
#: The characters of a value that Markdown (with the extensions of mkdocs.yml) could read as
#: syntax once a template's output is part of a page: links, images, emphasis, code,
#: attribute lists, headings, tables, footnotes, and line breaks, which could end an HTML
#: block. As numeric entities they are text to Markdown and the same characters to a reader.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]{}*_`\\!#\n"})
_OUTER_P = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


@dataclass
class Page:
    """What one page is rendering: where it lives, and the sources it has cited so far."""

    source: str
    renderer: Renderer
    cited: dict[str, int] = field(default_factory=dict)

    @property
    def catalog(self) -> Catalog:
        return self.renderer.catalog

    # Links between our own pages are markup already (Markup): a relative path of page
    # names and ids, whose alphabet holds nothing HTML or Markdown could read as syntax, so
    # a template writes them as they are, and an anchor keeps its plain '#'.
    def href(self, record_id: str, anchor: str = "") -> Markup:
        return self.href_page(self.renderer.page_of(record_id), anchor)

    def href_page(self, page: str, anchor: str = "") -> Markup:
        link = urls.href(self.source, page, anchor, self.renderer.directory_urls)
        return Markup(link)  # noqa: S704 — page names and ids (urls.py)

    def asset(self, path: str) -> Markup:
        link = urls.asset(self.source, path, self.renderer.directory_urls)
        return Markup(link)  # noqa: S704 — a file of the site

    def entry(self, record_id: str) -> Entry:
        return self.catalog.records[record_id]

    def fix(self, entry: Entry) -> Fix | None:
        """The record's edit link and filled-in correction form; None without a repository."""
        editing, briefing = self.renderer.editing, self.catalog.briefing
        if editing is None or briefing is None:
            return None
        return editing.fix(entry, self.name(entry.id), page_url(briefing, entry))

    def name(self, record_id: str) -> str:
        return self.renderer.name(record_id)

    def cite(self, source_ids: Iterable[str]) -> list[tuple[int, str]]:
        """Number each source the first time this page cites it: ``[(1, 'id'), …]``."""
        numbers = []
        for source_id in dict.fromkeys(source_ids):
            number = self.cited.setdefault(source_id, len(self.cited) + 1)
            numbers.append((number, source_id))
        return numbers

    def md(self, text: str | None) -> Markup:
        """Markdown from data → HTML; ``[[id]]`` becomes a link relative to this page."""
        if not text:
            return Markup("")
        converted = self.renderer.markdown(text)
        return Markup(  # noqa: S704 — converted from escaped text; hrefs are our own
            prose.RECORD_HREF.sub(
                lambda m: 'href="' + str(self.href(m.group(1))) + '"',
                converted,
            )
        )

    def md_inline(self, text: str | None) -> Markup:
        """Like ``md`` for a single paragraph, without the ``<p>`` around it."""
        rendered = str(self.md(text))
        match = _OUTER_P.match(rendered)
        return Markup(match.group(1) if match else rendered)  # noqa: S704 — built by md()

    def heading(self, text: str) -> Markup:
        """Text for a Markdown heading line: escaped for Markdown, on one line (and marked
        safe, so that the templates do not escape the escapes)."""
        return Markup(prose.markdown_text(text))  # noqa: S704 — markdown_text escaped it

    def kind_label(self, entry: Entry) -> str:
        """'Event · summit', 'Source · news' — what a record is, in a few words."""
        kind_noun = noun(entry.collection).capitalize()
        kind = getattr(entry.record, "kind", None) or getattr(entry.record, "how", None)
        return f"{kind_noun} · {kind.replace('-', ' ')}" if kind else kind_noun

    def shower(self, part: Any) -> Any:
        """A function that shows a field of ``part`` as the page shows it (for comparisons)."""
        return lambda name: self.show(getattr(part, name, None))

    def show(self, value: Any) -> str:
        """A field's value in words (``names.value_words``); a quotation, which the page
        shows in full, is pointed to."""
        if isinstance(value, Quotation):
            return "the wording quoted above"
        return value_words(value, self.catalog.records)

    def sources_of(self, record_ids: Iterable[str]) -> list[str]:
        """The first source each of the given records cites (or the record, if a source)."""
        found: dict[str, None] = {}
        for record_id in record_ids:
            entry = self.catalog.records[record_id]
            first = [record_id] if entry.collection == "sources" else entry.record.sources[:1]  # type: ignore[attr-defined]
            found.update(dict.fromkeys(first))
        return list(found)

    def show_value(self, name: str, value: str) -> str:
        """A value another source reports, in the words of this page's own
        (``names.reported_words``)."""
        return reported_words(name, value, self.catalog.records)

    def figure_words(self, figure: Any) -> str:
        """'more than 11,000 containers' (``names.figure_words``)."""
        return figure_words(figure)

    def figure_number(self, figure: Any) -> str:
        """'more than 11,000' (``names.figure_number``)."""
        return figure_number(figure)

    def timeline_place(self, record_id: str) -> tuple[str, str, Era] | None:
        """Where a record stands on the timeline: links to its entry and to its era's
        heading, and the era; None for a record the timeline does not list."""
        found = self.renderer.places.get(record_id)
        if found is None:
            return None
        page, era = found
        return self.href_page(page, record_id), self.href_page(OVERVIEW, f"era-{era.id}"), era

    def field_words(self, field: str) -> str:
        """'who stated it' (``names.field_words``)."""
        return field_words(field)

    def chart(self, measure: str) -> chart.Chart:
        """The chart of the figures that share ``measure`` (chart.py)."""
        return self.renderer.charts()[measure]

    def article_anchor(self, article: Any) -> str:
        return "article-" + re.sub(r"[^a-z0-9]+", "-", str(article.number).lower()).strip("-")

    def backlink_groups(self, record_id: str) -> list[tuple[str, list[tuple[str, Any]]]]:
        """Who refers to a record, grouped by collection in the catalog's order: each one's
        id and date (None for a record without one), by date, then by name."""
        groups: dict[str, list[tuple[str, Any]]] = {}
        for source_id in self.catalog.cited_by(record_id):
            entry = self.catalog.get(source_id)
            if entry is not None:
                groups.setdefault(entry.collection, []).append((source_id, entry.record.when()))
        return [
            (name.capitalize(), sorted(groups[name], key=self._order))
            for name in COLLECTIONS
            if name in groups
        ]

    def _order(self, item: tuple[str, Any]) -> tuple[Any, ...]:
        record_id, when = item
        return (when.sort_key() if when else (), self.name(record_id).lower())


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process.

    ``mkdocs serve`` makes a new theme, and so a new Jinja environment, for every rebuild, and
    Material's templates were compiled afresh each time (a tenth of a rebuild). Given to an
    environment as its ``bytecode_cache`` (Jinja's public API for this), a template is
    compiled once; Jinja checks each template's source against the checksum it was compiled
    from, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.stored.clear()


#: The theme's compiled templates, shared by every build of this process (wiring.on_env).
COMPILED = CompiledTemplates()


@functools.cache
def environment(templates: Path) -> Environment:
    """The Jinja environment of a folder of templates, made once for the life of the package.

    Under `mkdocs serve` every build makes a new ``Renderer``; keeping the environment keeps
    the templates compiled from one build to the next. Nothing in it depends on the briefing.
    """
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        finalize=inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Jinja's own check that a template file is unchanged (a stat() per template used):
        # under `mkdocs serve`, an edit to a template shows at the next rebuild.
        auto_reload=True,
    )
    env.filters["words"] = lambda date: date.words() if date else ""
    env.filters["machine"] = lambda date: date.machine() if date else ""
    env.filters["n"] = number
    return env


def inert(value: Any) -> Any:
    """Every ``{{ value }}`` of a template: text escaped for HTML, as autoescape would, and
    for Markdown (``_INERT``, as numeric entities), so that no value becomes markup when
    MkDocs reads the page. What is markup already (a macro's output) and numbers pass."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(value.translate(_INERT))  # noqa: S704 — every special character escaped
    return value


def number(value: float) -> str:
    """A coordinate in a drawing, to a tenth, without a needless '.0': the same bytes from
    the same data, whatever sum produced it."""
    return f"{value:.1f}".removesuffix(".0").replace("-0", "0") if value else "0"


class Renderer:
    """Renders records and pages of one briefing with the templates."""

    def __init__(
        self,
        catalog: Catalog,
        templates: Path = TEMPLATES,
        directory_urls: bool = True,
        editing: Editing | None = None,
    ) -> None:
        self.catalog = catalog
        #: MkDocs' use_directory_urls: False in a build to be read from disk (urls.py).
        self.directory_urls = directory_urls
        #: Where a reader goes to fix a record, when the briefing has a GitHub repository.
        self.editing = editing
        self.env = environment(templates)
        self._converted: dict[str, str] = {}
        # Worked out once per build, not once per link: every page names and links records.
        self._names: dict[str, str] = {}
        self._pages: dict[str, str] = {}
        self._modules: dict[str, Any] = {}
        self._charts: dict[str, chart.Chart] | None = None
        #: Each timeline entry's page and era (timeline.places), set by the views.
        self.places: dict[str, tuple[str, Era]] = {}

    def charts(self) -> dict[str, chart.Chart]:
        """The chart of every measure figures share, worked out once per build."""
        if self._charts is None:
            self._charts = {
                measure: chart.chart(measure, entries, self.name)
                for measure, entries in chart.measures(self.catalog).items()
            }
        return self._charts

    def name(self, record_id: str) -> str:
        """The record's name in links (``name_of``)."""
        found = self._names.get(record_id)
        if found is None:
            found = self._names[record_id] = name_of(self.catalog.records[record_id])
        return found

    def page_of(self, record_id: str) -> str:
        """The source path of the record's page (``urls.record_page``)."""
        found = self._pages.get(record_id)
        if found is None:
            entry = self.catalog.records[record_id]
            found = self._pages[record_id] = urls.record_page(entry.collection, entry.id)
        return found

    def page(self, source: str) -> Page:
        return Page(source, self)

    def markdown(self, text: str) -> str:
        """Markdown from data → HTML, once per text (``prose.to_html``): ``[[id]]`` links come
        out as ``href="record:id"``, which each page then points at the record."""
        cached = self._converted.get(text)
        if cached is None:
            cached = self._converted[text] = prose.to_html(text, self.name)
        return cached

    def macro(self, family: str, name: str, page: Page, *args: Any, **kwargs: Any) -> str:
        """Call macro ``name`` of ``templates/<family>.html`` and return its text."""
        module = self._modules.get(family)
        if module is None:  # once per build: Jinja checks the file's date at every look-up
            module = self._modules[family] = self.env.get_template(f"{family}.html").module
        return str(getattr(module, name)(page, *args, **kwargs)).strip() + "\n"
