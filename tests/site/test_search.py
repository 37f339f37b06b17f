"""The search index (macros/site/search.py): Pagefind's service, fed page by page, writes an
index that holds each page's article with its title and collection, the same bytes every time.
The whole flow in a browser is in tests/browser/test_browser_pages.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import VALID
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.site import search
from macros.site.render import Renderer


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    built, problems = check(VALID, None)
    assert built is not None and not problems
    return Renderer(built)


def _page(title: str, body: str) -> str:
    return f'<h1 id="top">{title}<a class="headerlink" href="#top">¶</a></h1>\n{body}'


def _index(renderer: Renderer, site: Path) -> dict[str, search.Indexed]:
    indexer = search.Indexer("en")
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
    return search.read_index(site)


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


def test_the_same_pages_write_the_same_bytes(renderer: Renderer, tmp_path: Path) -> None:
    _index(renderer, tmp_path / "a")
    _index(renderer, tmp_path / "b")
    written = (tmp_path / "a").rglob("*")
    files = sorted(p.relative_to(tmp_path / "a") for p in written if p.is_file())
    assert len(files) > 5
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path
    assert not (tmp_path / "a" / search.FOLDER / "pagefind-ui.js").exists()  # unused, left out


def _many(renderer: Renderer, site: Path, early: bool) -> list[Path]:
    """One full batch of pages and a part of one, the index started early or not."""
    indexer = search.Indexer("en")
    for number in range(search.BATCH + 3):
        page = _page(f"Event {number}", f"<p>word {number}</p>")
        indexer.add(f"/events/e{number}/", search.document(renderer, "a.md", "", page, "en"))
    if early:
        indexer.start_writing(site)
    indexer.write(site)
    return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())


def test_the_index_written_while_the_build_goes_on_is_the_same(
    renderer: Renderer, tmp_path: Path
) -> None:
    """``start_writing`` at MkDocs' env event, then ``write`` at the end of the build, writes
    what ``write`` alone does, with every page of every batch sent to Pagefind."""
    alone, early = tmp_path / "alone", tmp_path / "early"
    files = _many(renderer, alone, early=False)
    assert files == _many(renderer, early, early=True)
    for path in files:
        assert (alone / path).read_bytes() == (early / path).read_bytes(), path
    pages = search.read_index(early)
    assert len(pages) == search.BATCH + 3
    assert pages["events/e18/"].text == "Event 18. word 18."  # the last page of the last batch


def test_an_index_that_cannot_be_written_says_where(renderer: Renderer, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.write_text("a file where the site's folder should be")
    indexer = search.Indexer("en")
    indexer.add("/about/", _page("About", "<p>text</p>"))
    indexer.start_writing(site)
    with pytest.raises(search.SearchError) as raised:
        indexer.write(site)
    assert str(raised.value) == (
        f"could not write the index into {site / search.FOLDER}: Not a directory"
    )


def test_a_page_added_once_the_index_is_started_is_an_error(
    renderer: Renderer, tmp_path: Path
) -> None:
    indexer = search.Indexer("en")
    indexer.add("/about/", search.document(renderer, "about.md", "", _page("About", ""), "en"))
    indexer.start_writing(tmp_path)
    with pytest.raises(search.SearchError) as raised:
        indexer.add("/late/", _page("Late", "<p>text</p>"))
    assert str(raised.value) == "/late/: added after the index was started"
    indexer.write(tmp_path)
    assert sorted(search.read_index(tmp_path)) == ["about/"]


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


def test_a_missing_binary_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "pagefind"
    with pytest.raises(search.SearchError) as raised:
        search.Indexer("en", missing)
    assert str(raised.value) == f"Pagefind could not start ({missing}: No such file or directory)"


def test_a_service_that_stops_says_so(tmp_path: Path) -> None:
    """A binary that is not Pagefind's service (here one that exits at once, status 1)."""
    stops = tmp_path / "pagefind"
    stops.write_text("#!/bin/sh\nexit 1\n")
    stops.chmod(0o755)
    with pytest.raises(search.SearchError) as raised:
        search.Indexer("en", stops)
    assert str(raised.value) == "Pagefind stopped (exit status 1)"


def test_without_an_index_the_search_box_still_gets_its_stub(tmp_path: Path) -> None:
    """A serve build of data with problems makes no index; the box's fetch still succeeds."""
    search.publish(tmp_path, None)
    assert (tmp_path / "search" / "search_index.json").read_text() == search.stub()
    assert not (tmp_path / search.FOLDER).exists()
