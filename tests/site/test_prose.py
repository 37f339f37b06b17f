"""Markdown from data → HTML (macros/prose.py): escaped first, links named, same text same HTML."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from macros.facts.links import RecordLink, WebLink, scan
from macros.site import prose


def _names(record_id: str) -> str:
    return {"inf-treaty": "INF Treaty", "odd": "A *starred* <name>"}[record_id]


def test_a_record_link_gets_the_record_name_or_its_own_words() -> None:
    html = prose.to_html("See [[inf-treaty]] and [[inf-treaty|the treaty]].", _names)
    assert html == (
        '<p>See <a href="record:inf-treaty">INF Treaty</a> and '
        '<a href="record:inf-treaty">the treaty</a>.</p>'
    )
    assert prose.RECORD_HREF.findall(html) == ["inf-treaty", "inf-treaty"]


def test_a_name_is_shown_as_text_never_as_markup() -> None:
    assert prose.to_html("[[odd]]", _names) == (
        '<p><a href="record:odd">A *starred* &lt;name&gt;</a></p>'
    )


def test_html_typed_in_data_is_escaped_and_a_web_address_in_brackets_is_a_link() -> None:
    html = prose.to_html("<b>bold</b> & <https://example.org/a(b)>", _names)
    assert html == (
        "<p>&lt;b&gt;bold&lt;/b&gt; &amp; "
        '<a href="https://example.org/a%28b%29">https://example.org/a(b)</a></p>'
    )


def test_markdown_text_escapes_what_markdown_would_act_on_and_joins_lines() -> None:
    assert prose.markdown_text("a *b*\n [c] <d>") == r"a \*b\* \[c\] &lt;d&gt;"


def _hrefs(html: str) -> list[str]:
    return [str(a["href"]) for a in BeautifulSoup(html, "html.parser").find_all("a")]


@pytest.mark.parametrize("name", sorted(corpus.LINK_SYNTAXES))
def test_the_page_has_exactly_the_links_the_check_read(name: str) -> None:
    """The check and the build cannot disagree on what is a link: Python-Markdown's HTML
    holds the links the scan found (facts/links.py), no other, and never an image."""
    text = corpus.LINK_SYNTAXES[name]
    found = [t for t in scan(text) if isinstance(t, (RecordLink, WebLink))]
    html = prose.to_html(text, lambda record_id: record_id)
    expected = [
        prose.RECORD_SCHEME + t.id
        if isinstance(t, RecordLink)
        else t.url.replace("(", "%28").replace(")", "%29")
        for t in found
    ]
    assert _hrefs(html) == expected
    assert "<img" not in html and "<script" not in html


PIECES = [
    "[", "]", "(", ")", "[[", "]]", "|", "!", "<", ">", ":", "\n", " ", "a", "*", "`",
    "https://example.org/p", "javascript:x", "[[inf-treaty]]", "[w](https://example.org/q)",
    "<https://example.org/r>", "[r]: ", "&#91;", "\\",
]  # fmt: skip


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_for_any_text_the_page_has_exactly_the_links_the_scan_found(text: str) -> None:
    """Every link of the page is one the check read, in order; and all of them are there,
    except inside a code span (between backticks), which the scan does not know: there the
    page shows the link's text as code, and the check has been the stricter of the two."""
    found = [t for t in scan(text) if isinstance(t, (RecordLink, WebLink))]
    html = prose.to_html(text, lambda record_id: record_id)
    targets = [prose.RECORD_SCHEME + t.id if isinstance(t, RecordLink) else t.url for t in found]
    expected = [t.replace("(", "%28").replace(")", "%29") for t in targets]
    shown = _hrefs(html)
    remaining = iter(expected)
    assert all(href in remaining for href in shown), (shown, expected)  # a subsequence
    if "`" not in text:
        assert shown == expected
    assert "<img" not in html


UNPRUNED = [
    *PIECES, "@", "a@b.example", "<a@b.example>", "mailto:a@b.example",
    "![i](https://example.org/i.png)", "[x][y]", "[y]: https://example.org/y", "  \n",
]  # fmt: skip


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(UNPRUNED), max_size=30).map("".join))
def test_the_patterns_the_converter_leaves_out_would_never_have_matched(text: str) -> None:
    """prose.UNREACHABLE: with every inline pattern of Python-Markdown, the same HTML."""
    pruned = prose.to_html(text, lambda record_id: record_id)
    kept = prose._CONVERTER
    prose._CONVERTER = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    prose._convert.cache_clear()
    try:
        whole = prose.to_html(text, lambda record_id: record_id)
    finally:
        prose._CONVERTER = kept
        prose._convert.cache_clear()
    assert pruned == whole


def test_the_converter_leaves_out_exactly_the_unreachable_patterns() -> None:
    """A negative control for the test above: the pruned converter lacks those patterns,
    and an unpruned one has every one of them (so the comparison compares something)."""
    whole = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    for name in prose.UNREACHABLE:
        assert name in whole.inlinePatterns
        assert name not in prose._CONVERTER.inlinePatterns
    assert "link" in prose._CONVERTER.inlinePatterns
