"""A property, tested by Hypothesis: every briefing the check passes builds.

Hypothesis writes record files into a copy of the small briefing: events, and reactions to
them, whose text is any printable Unicode mixed with Markdown and HTML that is almost a
link, and whose dates are anywhere from year 1 to 9998 at any precision, approximate or
ranges. Whatever the check passes must build: every page the briefing implies and every
macro of the docs rendered, the Markdown converted with the extensions of mkdocs.yml, the
HTML sanitised with no link but http, https, mailto or relative, every data file written.
That runs in-process, for ``EXAMPLES`` examples; a few more go through a real
``mkdocs build --strict``.

The examples are the same in every run (``derandomize``), so that `make test` does not find
a different failure each time; ``HYPOTHESIS_PROFILE=explore`` tries 500 new ones.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from macros.export import history, publish
from macros.facts import checking
from macros.facts.dates import LAST_YEAR
from macros.site import jsonld, pages, sanitise
from macros.site.render import Renderer
from macros.site.views import Views
from test_site import ROOT, build_site

VALID = ROOT / "tests" / "fixtures" / "valid"
EXAMPLES = 40
settings.register_profile(
    "default", max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile("explore", max_examples=500, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: Pieces of Markdown and HTML, some links, most almost links.
SNIPPETS = [
    "[[inf-treaty]]", "[[soviet-union|the USSR]]", "[a page](https://example.org/a_(b))",
    "<https://example.org/x>", "*", "**", "_", "`", "[", "]", "(", ")", "{", "}", "{: .x }",
    "#", "<", ">", "&", "&amp;", "&#91;", "\\", "!", "|", "~", "^", "\n", "\n\n", "- ", "> ",
    "1. ", "    ", "---", "[^1]", "*[HTML]: x", "[x]", "[x][y]", "![", "](", "<b", "</",
    "{{ x }}", "{% if %}", "<!", "javascript:", "::warning::", "%0A", "\u202e", "\ufeff",
    "\u2028", "é", "한국어", "🚀",
]  # fmt: skip
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
TEXT = st.text(PRINTABLE, min_size=1, max_size=40).filter(lambda s: s.strip())
PROSE = (
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(PRINTABLE, max_size=20)), max_size=12)
    .map("".join)
    .filter(lambda s: s.strip())
)


@st.composite
def dates(draw: st.DrawFn) -> str:
    """An EDTF date: a year, a month or a day, perhaps approximate, perhaps a range."""
    year = draw(st.integers(1, LAST_YEAR))
    point = f"{year:04d}"
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision != "year":
        point += f"-{draw(st.integers(1, 12)):02d}"
    if precision == "day":
        point += f"-{draw(st.integers(1, 28)):02d}"
    if draw(st.booleans()) and year < LAST_YEAR:
        point += f"/{draw(st.integers(year + 1, LAST_YEAR)):04d}"
    return point + ("~" if draw(st.booleans()) else "")


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {
        "date": draw(dates()),
        "title": draw(TEXT),
        "kind": draw(st.sampled_from(["summit", "statement", "signing", "other"])),
        "summary": draw(PROSE),
        "sources": ["treaty-text"],
    }
    if draw(st.booleans()):
        event["place"] = draw(TEXT)
    if draw(st.booleans()):
        event["actors"] = ["soviet-union"]
    return event


@st.composite
def briefings(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """File → record: one to three events, and perhaps a reaction to the first."""
    found = {f"events/generated-{i}.yml": draw(events()) for i in range(draw(st.integers(1, 3)))}
    if draw(st.booleans()):
        first = found["events/generated-0.yml"]
        found["reactions/generated-reaction.yml"] = {
            "title": draw(TEXT),
            "by": ["united-states"],
            "date": first["date"],
            "how": "statement",
            "to": ["generated-0"],
            "summary": draw(PROSE),
            "quotes": [{"text": draw(TEXT), "source": "withdrawal-statement"}],
            "sources": ["withdrawal-statement"],
        }
    return found


def written(folder: Path, records: dict[str, dict[str, Any]]) -> Path:
    """The small briefing, its eras widened to every year, with the records added."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(VALID, folder)
    briefing = yaml.safe_load((folder / "briefing.yml").read_text("utf-8"))
    briefing["eras"][0]["start"], briefing["eras"][-1]["end"] = "0001", f"{LAST_YEAR:04d}"
    briefing["eras"] = [{k: str(v) for k, v in era.items()} for era in briefing["eras"]]
    (folder / "briefing.yml").write_text(json.dumps(briefing, default=str), "utf-8")
    for name, record in records.items():
        (folder / name).write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return folder


def extensions() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 — our own file, read as plain text
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]


EXTENSIONS = extensions()
#: The macros the docs pages call with a page alone.
DOCS_MACROS = (
    "timeline", "reactions", "perspectives", "comparisons", "bottom_line", "key_judgments",
    "key_figures", "downloads", "pack_cover", "last_reviewed",
)  # fmt: skip
SAFE_LINK = ("http://", "https://", "mailto:", "#", "../", "./")


def build_in_process(folder: Path) -> None:
    """What a build makes of the briefing, without MkDocs: raises on any failure."""
    checked = checking.check(folder)
    assert checked.ok and checked.catalog is not None
    built = checked.catalog
    renderer = Renderer(built)
    downloads = publish.downloads(built, history.History(history.fallback(built)))
    views = Views(built, renderer, downloads)
    converter = markdown.Markdown(extensions=EXTENSIONS)
    texts = []
    for page in pages.generated(built, views.timeline_parts):
        call = getattr(views, page.macro)
        texts.append(call(renderer.page(page.path), *page.args, **page.kwargs))
    home = renderer.page("index.md")
    for name in DOCS_MACROS:
        texts.append(getattr(views, name)(home))
    texts.append(views.ref(home, "generated-0"))
    for text in texts:
        html = sanitise.clean(converter.reset().convert(text))
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            href = str(link["href"])
            assert href.startswith(SAFE_LINK) or ":" not in href.split("/")[0], href
    for entry in built.records.values():
        json.dumps(jsonld.graph(built, entry))


@given(briefings())
def test_every_briefing_the_check_passes_builds(records: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = written(Path(temporary) / "data", records)
        assume(checking.check(folder).ok)
        build_in_process(folder)


@settings(max_examples=3, deadline=None, database=None, derandomize=True)
@given(briefings())
def test_and_builds_with_mkdocs_too(records: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = written(Path(temporary) / "data", records)
        assume(checking.check(folder).ok)
        result = build_site(folder, Path(temporary) / "site")
        assert result.returncode == 0, result.stderr


def test_most_examples_pass_the_check() -> None:
    """The twin: were the generator to write mostly invalid files, ``assume`` would quietly
    skip them and the property would test little. Most must pass."""
    passed = 0
    with tempfile.TemporaryDirectory() as temporary:

        @settings(max_examples=30, deadline=None, database=None, derandomize=True)
        @given(briefings())
        def count(records: dict[str, dict[str, Any]]) -> None:
            nonlocal passed
            passed += checking.check(written(Path(temporary) / "data", records)).ok

        count()
    assert passed >= 20, passed
