"""The hostile-records corpus (tests/corpus.py) in Chromium, with the Content-Security-Policy
taken out of every page: the escaping and the sanitiser alone must keep every record inert.
Nothing runs (no ``window.pwned``, no dialog), and nothing is fetched from another address."""

from __future__ import annotations

import re

import pytest

import corpus
from sites import Reader, Readers, Served, Sites

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*+>')


@pytest.fixture(scope="module")
def corpus_site(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Served:
    data = corpus.with_links(corpus.copy(tmp_path_factory.mktemp("corpus") / "data"), False)
    served = sites.get("corpus", data)
    for page in served.root.rglob("*.html"):
        html = page.read_text("utf-8")
        page.write_text(POLICY.sub("", html), "utf-8")
    return served


@pytest.fixture
def corpus_reader(readers: Readers, corpus_site: Served) -> Reader:
    return readers.get("corpus")


def _pages(served: Served) -> list[str]:
    wanted = ("events/link-", "events/text-")
    return [p for p in served.pages() if p.startswith(wanted) or p in ("", "events/", "timeline/")]


def test_without_the_policy_no_record_runs_or_fetches_anything(
    corpus_site: Served, corpus_reader: Reader
) -> None:
    reader = corpus_reader
    pages = _pages(corpus_site)
    assert len(pages) == 3 + len(corpus.LINK_SYNTAXES) + len(corpus.PUBLISHED)
    for path in pages:
        reader.reset()
        reader.open(path, idle=True)
        assert reader.evaluate(
            "() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"
        ) is None, path  # fmt: skip
        assert reader.evaluate("() => window.pwned || null") is None, path
        assert reader.dialogs == [], path
        assert reader.foreign_requests() == [], path
        assert reader.problems() == [], path


def test_every_link_on_those_pages_goes_somewhere_harmless(
    corpus_site: Served, corpus_reader: Reader
) -> None:
    """Clicking is the other way a link runs: every href is http(s) or on the site."""
    reader = corpus_reader
    for path in _pages(corpus_site):
        reader.reset()
        reader.open(path)
        schemes = reader.evaluate(
            "() => [...document.querySelectorAll('article a[href]')]"
            ".map(a => new URL(a.href, location.href).protocol)"
        )
        assert set(schemes) <= {"http:", "https:", "mailto:"}, (path, schemes)


def test_the_twin_the_same_payload_as_markup_would_run_and_fetch(
    corpus_site: Served, corpus_reader: Reader
) -> None:
    """The negative control: on the same page without the policy, the payload written as
    markup (what escaping prevents) runs and fetches, so the test above could fail."""
    reader = corpus_reader
    reader.reset()
    reader.open("events/text-html-image/")
    with reader.page.expect_request(corpus.FETCH):
        reader.evaluate(
            "(html) => document.querySelector('article').insertAdjacentHTML('beforeend', html)",
            corpus.LINK_SYNTAXES["html-image"],
        )
    reader.page.wait_for_function("() => window.pwned === 1")
    assert corpus.FETCH in reader.foreign_requests()
    reader.reset()  # the failed fetch is this test's own doing
