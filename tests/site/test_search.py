"""What the search index is given (macros/site/search.py): each page's article with its title
and collection, read back from the index Pagefind writes (tests/site/test_pagefind.py tests
the service itself). The whole flow in a browser is in tests/browser/test_browser_pages.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import VALID
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.site import pagefind, search
from macros.site.render import Renderer


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    built, problems = check(VALID, None)
    assert built is not None and not problems
    return Renderer(built)


def _page(title: str, body: str) -> str:
    return f'<h1 id="top">{title}<a class="headerlink" href="#top">¶</a></h1>\n{body}'


def _index(renderer: Renderer, site: Path) -> dict[str, pagefind.Indexed]:
    indexer = pagefind.Indexer("en")
    pages = {
        "/events/inf-signing/": _page(
            "The INF Treaty is signed",
            "<dl>\n<dt>Date</dt>\n<dd>8 December 1987</dd>\n</dl>"
            "<form data-search-exclude><button>Show everything</button></form>",
        ),
        "/events/": _page("Events", "<table><tr><td>Kind</td><td>signing</td></tr></table>"),
        "/about/": _page("About & more", "<p>How the <em>briefing</em> is made.</p>"),
    }
    sources = {"/events/inf-signing/": "events/inf-signing.md", "/events/": "events/index.md"}
    for url, html in pages.items():
        title = html.split(">", 1)[1].split("<", 1)[0]
        source = sources.get(url, "about.md")
        indexer.add(url, search.document(renderer, source, title, html, "en"))
    indexer.write(site)
    return pagefind.read_index(site)


def test_each_page_is_indexed_with_its_title_collection_and_article(
    renderer: Renderer, tmp_path: Path
) -> None:
    pages = _index(renderer, tmp_path)
    assert sorted(pages) == ["about/", "events/", "events/inf-signing/"]
    signing = pages["events/inf-signing/"]
    assert (signing.title, signing.collection) == ("The INF Treaty is signed", "Events")
    # Words apart where the templates put whitespace (tests/test_search_index.py checks they do)
    assert "Date 8 December 1987" in signing.text
    assert pages["events/"].collection == "Events"  # a collection's index
    assert (pages["about/"].title, pages["about/"].collection) == ("About & more", "")


def test_what_readers_do_not_search_is_left_out(renderer: Renderer, tmp_path: Path) -> None:
    text = _index(renderer, tmp_path)["events/inf-signing/"].text
    assert "¶" not in text  # the headings' permalinks
    assert "Show everything" not in text  # a control marked data-search-exclude
    assert "Events" not in text  # the metadata is shown, not searched
    assert "8 December 1987" in text  # negative control: the article is there


def test_a_page_can_ask_to_be_left_out() -> None:
    assert search.excluded({"search": {"exclude": True}})
    assert not search.excluded({"search": {"exclude": False}})
    assert not search.excluded({})
    assert not search.excluded({"search": "exclude"})


def test_the_collection_is_a_records_or_a_collection_indexs(renderer: Renderer) -> None:
    catalog: Catalog = renderer.catalog
    assert search.collection(catalog, "events/inf-signing.md") == "Events"
    assert search.collection(catalog, "actors/index.md") == "Actors"
    assert search.collection(catalog, "timeline.md") == ""
    assert search.collection(catalog, "events/no-such-record.md") == ""
    assert search.collection(catalog, "actors/inf-signing.md") == ""  # not where it lives


def test_the_document_escapes_the_title(renderer: Renderer) -> None:
    html = search.document(renderer, "about.md", "</span><b>x</b>", "<p>text</p>", "en")
    assert "<b>x</b>" not in html
    assert '<html lang="en">' in html and "<p>text</p>" in html


def test_materials_search_box_gets_an_index_with_no_documents() -> None:
    stub = json.loads(search.stub())
    assert stub["docs"] == []
    assert stub["config"]["separator"] == r"[\s\-]+"  # Material's ?h= highlighting reads it
    assert len(search.stub()) < 100


def test_without_an_index_the_search_box_still_gets_its_stub(tmp_path: Path) -> None:
    """A serve build of data with problems makes no index; the box's fetch still succeeds."""
    search.publish(tmp_path, None)
    assert (tmp_path / "search" / "search_index.json").read_text() == search.stub()
    assert not (tmp_path / pagefind.FOLDER).exists()
