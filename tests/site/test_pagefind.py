"""Pagefind's indexing service (macros/site/pagefind.py): pages handed over in batches, the
index made and written on a thread of its own while the build goes on, the same bytes every
time, and every way it can fail said in words. What each page is made of before Pagefind
gets it is tests/site/test_search.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.site import pagefind


def _page(title: str, body: str) -> str:
    """A page as the build hands it over: a document with its language, and its article."""
    return f'<html lang="en"><body><h1>{title}</h1>\n{body}</body></html>'


def _index(site: Path) -> None:
    indexer = pagefind.Indexer("en")
    indexer.add("/events/inf-signing/", _page("The INF Treaty is signed", "<p>8 December 1987</p>"))
    indexer.add("/about/", _page("About &amp; more", "<p>How the <em>briefing</em> is made.</p>"))
    indexer.write(site)


def test_the_same_pages_write_the_same_bytes(tmp_path: Path) -> None:
    _index(tmp_path / "a")
    _index(tmp_path / "b")
    written = (tmp_path / "a").rglob("*")
    files = sorted(p.relative_to(tmp_path / "a") for p in written if p.is_file())
    assert len(files) > 5
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path
    assert not (tmp_path / "a" / pagefind.FOLDER / "pagefind-ui.js").exists()  # unused, left out


def _many(site: Path, early: bool) -> list[Path]:
    """One full batch of pages and a part of one, the index started early or not."""
    indexer = pagefind.Indexer("en")
    for number in range(pagefind.BATCH + 3):
        page = _page(f"Event {number}", f"<p>word {number}</p>")
        indexer.add(f"/events/e{number}/", page)
    if early:
        indexer.start_writing(site)
    indexer.write(site)
    return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())


def test_the_index_written_while_the_build_goes_on_is_the_same(tmp_path: Path) -> None:
    """``start_writing`` at MkDocs' env event, then ``write`` at the end of the build, writes
    what ``write`` alone does, with every page of every batch sent to Pagefind."""
    alone, early = tmp_path / "alone", tmp_path / "early"
    files = _many(alone, early=False)
    assert files == _many(early, early=True)
    for path in files:
        assert (alone / path).read_bytes() == (early / path).read_bytes(), path
    pages = pagefind.read_index(early)
    assert len(pages) == pagefind.BATCH + 3
    assert pages["events/e18/"].text == "Event 18. word 18."  # the last page of the last batch


def test_an_index_that_cannot_be_written_says_where(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.write_text("a file where the site's folder should be")
    indexer = pagefind.Indexer("en")
    indexer.add("/about/", _page("About", "<p>text</p>"))
    indexer.start_writing(site)
    with pytest.raises(pagefind.SearchError) as raised:
        indexer.write(site)
    assert str(raised.value) == (
        f"could not write the index into {site / pagefind.FOLDER}: Not a directory"
    )


def test_a_page_added_once_the_index_is_started_is_an_error(tmp_path: Path) -> None:
    indexer = pagefind.Indexer("en")
    indexer.add("/about/", _page("About", ""))
    indexer.start_writing(tmp_path)
    with pytest.raises(pagefind.SearchError) as raised:
        indexer.add("/late/", _page("Late", "<p>text</p>"))
    assert str(raised.value) == "/late/: added after the index was started"
    indexer.write(tmp_path)
    assert sorted(pagefind.read_index(tmp_path)) == ["about/"]


def test_a_missing_binary_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "pagefind"
    with pytest.raises(pagefind.SearchError) as raised:
        pagefind.Indexer("en", missing)
    assert str(raised.value) == f"Pagefind could not start ({missing}: No such file or directory)"


def test_a_service_that_stops_says_so(tmp_path: Path) -> None:
    """A binary that is not Pagefind's service (here one that exits at once, status 1)."""
    stops = tmp_path / "pagefind"
    stops.write_text("#!/bin/sh\nexit 1\n")
    stops.chmod(0o755)
    with pytest.raises(pagefind.SearchError) as raised:
        pagefind.Indexer("en", stops)
    assert str(raised.value) == "Pagefind stopped (exit status 1)"
