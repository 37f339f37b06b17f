"""Hostile data never reaches a reader as anything but text, shown in a real browser.

A copy of the small briefing gets, in every plain-text field of every model (titles, names,
places, quotations, units, …: the fields that may hold any character), a string that tries
everything at once: a script, an image whose error runs code, a ``javascript:`` link in
HTML and in Markdown, Jinja ``{{ … }}`` and ``{% … %}``, a Markdown HTML block behind blank
lines, and a very long unbroken word. Which fields those are is read from the models, so a
new text field is attacked too. The Markdown fields get what they accept (template syntax,
long words, a bare ``javascript:``), and the validator's refusal of the rest is tested below.

The site is built and every page opened: no dialog, no console error, no code ran, every
value shows as text, and no page scrolls sideways at phone or desktop width. tests/
test_escaping.py reads the same kind of site statically; this adds what only a browser
shows. The Content-Security-Policy is tested here as well, on a planted inline script.
"""

from __future__ import annotations

import json
import shutil
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
import yaml
from playwright.sync_api import expect
from pydantic import BaseModel

from macros.facts import load, yamlfile
from macros.facts.fields import Prose, Text
from macros.facts.model import COLLECTIONS, Briefing, Disagreement
from sites import PHONE, Reader, Readers, Served, Sites, sideways_scroll
from test_site import ROOT

VALID = ROOT / "tests" / "fixtures" / "valid"
#: Text that must match other text (a field name), so it stays as it is.
KEPT = {(Disagreement, "field")}
#: Optional parts the small briefing leaves out, added so that every field is there; lists of
#: parts are merged item by item (``articles: [{...}]`` adds to the first article).
ADDITIONS: dict[str, dict[str, Any]] = {
    "briefing.yml": {
        "comparisons": [{"summary": "In brief."}],
        "publisher": {"name": "A publisher", "url": "https://example.org/publisher"},
        "authors": [{"name": "An author"}],
        "license": "CC-BY-4.0",
    },
    "sources/treaty-text.yml": {"author": "An author", "note": "A note."},
    "actors/united-states.yml": {"role": "A party", "summary": "A state."},
    "agreements/inf-treaty.yml": {
        "ended": {"note": "By notice."},
        "articles": [
            {
                "title": "Elimination",
                "aspects": {"scope": "Missiles."},
                "text": {"translation": "Official", "note": "As signed."},
            }
        ],
    },
    "events/inf-withdrawal-2019.yml": {
        "place": "Washington",
        "disagreements": [
            {"field": "place", "value": "Brussels", "sources": ["treaty-text"], "note": "Odd."}
        ],
    },
    "figures/missiles-eliminated.yml": {
        "quote": {"text": "Missiles", "source": "withdrawal-statement", "translation": "Ours"},
        "measure": "Missiles eliminated",
    },
    "reactions/withdrawal-statement-2019.yml": {
        "quotes": [{"text": "We withdraw", "source": "withdrawal-statement"}]
    },
    "perspectives/arms-control-view.yml": {
        "quotes": [{"text": "A loss", "source": "withdrawal-statement"}]
    },
}
LONG = "W" * 160


def hostile(tag: str) -> str:
    """Everything at once, marked with ``tag``; if any of it runs, ``window.pwned`` is set."""
    run = f"window.pwned='{tag}'"
    return (
        f'{tag} <script>{run}</script> <img src=x onerror="{run}">'
        f' <a href="javascript:{run}">click</a> [click](javascript:{run})'
        " {{ config.site_name }} {% if true %}jinja{% endif %}"
        f'\n\n<div markdown="1">\n\n**bold** <b onclick="{run}">b</b>\n\n</div>\n\n'
        f"{LONG}{tag}"
    )


def accepted_in_markdown(tag: str) -> str:
    """What a Markdown field may hold that still looks like an attack."""
    return f"{tag} {{{{ config.site_name }}}} {{% raw %}} javascript:alert(1) {LONG}{tag}"


# --- Which fields are text -----------------------------------------------------------------


def _options(hint: Any) -> list[Any]:
    """The types a field may hold: ``list[Text] | None`` → [Text]."""
    if get_origin(hint) in (Union, types.UnionType):
        return [o for a in get_args(hint) if a is not type(None) for o in _options(a)]
    if get_origin(hint) in (list, dict):
        return _options(get_args(hint)[-1])
    return [hint]


def _fields(model: type[BaseModel]) -> dict[str, list[Any]]:
    return {
        name: _options(hint) for name, hint in get_type_hints(model, include_extras=True).items()
    }


def _models() -> set[type[BaseModel]]:
    """Every model a data file can hold, nested parts included."""
    found: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Briefing, *(m for m, _ in COLLECTIONS.values())]
    while todo:
        model = todo.pop()
        if model not in found:
            found.add(model)
            todo += [o for opts in _fields(model).values() for o in opts if _is_model(o)]
    return found


def _is_model(option: Any) -> bool:
    return isinstance(option, type) and issubclass(option, BaseModel)


def fields_of(kind: Any) -> set[tuple[type[BaseModel], str]]:
    """Every (model, field) whose values are of ``kind`` (Text or Prose)."""
    return {(m, f) for m in _models() for f, opts in _fields(m).items() if kind in opts}


# --- The hostile copy ----------------------------------------------------------------------


class Rewriter:
    """Replaces every value of one kind of field, consistently: the same original text gets
    the same replacement everywhere, so a comparison's topic still matches its articles'."""

    def __init__(self, kind: Any, make: Any) -> None:
        self.kind, self.make = kind, make
        self.by_original: dict[str, str] = {}
        self.touched: set[tuple[type[BaseModel], str]] = set()

    def value(self, original: str) -> str:
        if original not in self.by_original:
            self.by_original[original] = self.make(f"Z{len(self.by_original):02d}")
        return self.by_original[original]

    def walk(self, data: Any, model: type[BaseModel]) -> Any:
        if isinstance(data, list):
            return [self.walk(item, model) for item in data]
        if not isinstance(data, dict):
            return data
        fields = _fields(model)
        out = {}
        for key, value in data.items():
            options = fields.get(key, [])
            nested = next((o for o in options if _is_model(o)), None)
            if self.kind in options and (model, key) not in KEPT:
                self.touched.add((model, key))
                out[key] = self._replace(value)
            elif nested is not None:
                out[key] = self.walk(value, nested)
            else:
                out[key] = value
        return out

    def _replace(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._replace(item) for item in value]
        if isinstance(value, dict):
            return {key: self._replace(item) for key, item in value.items()}
        return self.value(value)


def _model_of(relative: str) -> type[BaseModel]:
    return Briefing if relative == "briefing.yml" else COLLECTIONS[relative.split("/")[0]][0]


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in extra.items()}}
    if isinstance(base, list) and isinstance(extra, list):
        merged = [_merge(b, e) for b, e in zip(base, extra, strict=False)]
        return merged + base[len(extra) :] + extra[len(base) :]
    return extra


def hostile_copy(target: Path, rewriter: Rewriter) -> Path:
    """The small briefing, completed with ADDITIONS and rewritten, in ``target``."""
    shutil.copytree(VALID, target)
    for path in sorted(target.rglob("*.yml")):
        relative = path.relative_to(target).as_posix()
        data, _ = yamlfile.read(path, [])
        data = _merge(data, ADDITIONS.get(relative, {}))
        data = rewriter.walk(data, _model_of(relative))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


# --- The validator refuses what Markdown fields must not hold -------------------------------


def test_every_markdown_field_refuses_html_and_script_links(tmp_path: Path) -> None:
    rewriter = Rewriter(Prose, hostile)
    data = hostile_copy(tmp_path / "data", rewriter)
    assert rewriter.touched == fields_of(Prose)
    problems = [str(p).removeprefix(data.as_posix() + "/") for p in load.load(data).problems]
    refused = [p for p in problems if "must not contain HTML" in p]
    assert len(refused) == len(problems) == sum(1 for _ in _prose_values(data, rewriter)), (
        "\n".join(problems)
    )
    assert all(p.endswith("(got '<script>')") for p in refused)


def _prose_values(data: Path, rewriter: Rewriter) -> Iterator[str]:
    """Each Markdown value written into the copy (one problem each)."""
    hostile_values = set(rewriter.by_original.values())
    for path in data.rglob("*.yml"):
        yield from _strings(yaml.safe_load(path.read_text("utf-8")), hostile_values)


def _strings(node: Any, wanted: set[str]) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value, wanted)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, wanted)
    elif node in wanted:
        yield node


def test_a_markdown_link_to_javascript_alone_is_refused_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    event = data / "events" / "inf-signing.yml"
    text = event.read_text("utf-8").replace(
        "summary: The two leaders sign [[inf-treaty|the treaty]].",
        f"summary: {json.dumps('Read [this](javascript:alert(1)) first.')}",
    )
    event.write_text(text, "utf-8")
    assert [str(p).removeprefix(data.as_posix() + "/") for p in load.load(data).problems] == [
        "events/inf-signing.yml:5: summary: must link to a web address starting with https:// "
        "or http://, or to a record with [[record-id]] (got 'javascript:alert(1)')"
    ]


# --- The hostile site in the browser -------------------------------------------------------


class HostileSite:
    def __init__(self, served: Served, text: Rewriter, prose: Rewriter) -> None:
        self.served, self.text, self.prose = served, text, prose

    def values(self) -> list[str]:
        return [*self.text.by_original.values(), *self.prose.by_original.values()]


@pytest.fixture(scope="module")
def hostile_site(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    text = Rewriter(Text, hostile)
    prose = Rewriter(Prose, accepted_in_markdown)
    data = hostile_copy(tmp_path_factory.mktemp("hostile") / "data", text)
    for path in sorted(data.rglob("*.yml")):  # now the Markdown fields, with what they accept
        relative = path.relative_to(data).as_posix()
        walked = prose.walk(yaml.safe_load(path.read_text("utf-8")), _model_of(relative))
        path.write_text(yaml.safe_dump(walked, allow_unicode=True, sort_keys=False), "utf-8")
    assert text.touched == fields_of(Text) - KEPT, "every text field of every model is attacked"
    return HostileSite(sites.get("hostile", data), text, prose)


@pytest.fixture
def hostile_reader(readers: Readers, hostile_site: HostileSite) -> Reader:
    return readers.get("hostile")


def _words(text: str) -> str:
    return " ".join(text.split())


_PLANTED = """() => ({
    pwned: window.pwned || null,
    scripts: [...document.scripts].filter(s => !s.src && s.type !== 'application/json'
        && s.type !== 'application/ld+json').length,
    handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    images: document.querySelectorAll('article.md-content__inner img').length,
    bold: [...document.querySelectorAll('b, strong')]
        .filter(b => ['b', 'bold'].includes(b.textContent)).length,
})"""


def test_on_every_page_nothing_runs_everything_is_text_and_nothing_is_too_wide(
    hostile_site: HostileSite, hostile_reader: Reader
) -> None:
    reader = hostile_reader
    shown: set[str] = set()
    values = {_words(v) for v in hostile_site.values()}
    pages = hostile_site.served.pages()
    assert len(pages) > 15
    for path in pages:
        reader.reset()
        reader.open(path)
        planted = reader.evaluate(_PLANTED)
        assert planted == {
            "pwned": None, "scripts": 0, "handlers": 0, "jsLinks": 0, "images": 0, "bold": 0
        }, path  # fmt: skip
        assert reader.problems() == [], path
        assert sideways_scroll(reader.page) == 0, f"{path} at desktop width"
        # Narrowed, not reloaded: Material leaves its search box out of place when a phone
        # window is widened, which is no fault of the data; the other way round is clean.
        reader.page.set_viewport_size(PHONE)
        assert sideways_scroll(reader.page) == 0, f"{path} at phone width"
        text = _words(str(reader.evaluate("() => document.body.innerText")))
        shown |= {v for v in values if v in text}
    assert values - shown <= {_words(hostile_site.text.by_original[_subtitle()])}


def _subtitle() -> str:
    """The one text field that is only an attribute (the description <meta>), never shown."""
    data, _ = yamlfile.read(VALID / "briefing.yml", [])
    return str(data["subtitle"])


def test_search_shows_hostile_titles_as_text_and_runs_nothing(
    hostile_site: HostileSite, hostile_reader: Reader
) -> None:
    reader = hostile_reader
    reader.open("")
    reader.page.locator("input.md-search__input").click()
    reader.page.keyboard.type("Z01")
    results = reader.page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    planted = reader.evaluate(_PLANTED)
    assert planted["pwned"] is None and planted["handlers"] == 0 and planted["jsLinks"] == 0
    assert reader.page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert reader.problems() == []


# --- The Content-Security-Policy ------------------------------------------------------------


def test_every_page_carries_the_policy(hostile_site: HostileSite) -> None:
    for page in hostile_site.served.root.rglob("*.html"):
        html = page.read_text("utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert "script-src 'self';" in html and "default-src 'self';" in html


def test_the_policy_blocks_a_planted_inline_script_and_a_foreign_image(reader: Reader) -> None:
    """If an escape were ever missed, the browser would still refuse to run or fetch."""
    reader.open("about/")
    reader.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = "window.pwned = 'inline'";
            document.body.append(script);
            const image = new Image();
            image.src = 'http://127.0.0.2:9/pixel.png';
            document.body.append(image);
        }"""
    )
    expect(reader.page.locator("body")).to_be_visible()
    reader.page.wait_for_function("() => document.images[document.images.length - 1].complete")
    assert reader.evaluate("() => window.pwned || null") is None
    assert "http://127.0.0.2:9/pixel.png (csp)" in reader.failed  # refused before it left
    console = " ".join(reader.console)
    assert "Executing inline script violates the following Content Security Policy" in console


def test_without_the_policy_the_same_plant_would_run(readers: Readers) -> None:
    """The twin: the same script and image on a page without the policy run and are fetched."""
    page = readers.new_page()
    page.set_content("<p>no policy here</p>")
    with page.expect_request("http://127.0.0.2:9/pixel.png"):
        page.evaluate(
            """() => {
                const script = document.createElement('script');
                script.textContent = "window.pwned = 'inline'";
                document.body.append(script);
                new Image().src = 'http://127.0.0.2:9/pixel.png';
            }"""
        )
    assert page.evaluate("() => window.pwned") == "inline"
