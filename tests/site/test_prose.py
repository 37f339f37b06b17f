"""Markdown from data → HTML (macros/prose.py): escaped first, links named, same text same HTML."""

from __future__ import annotations

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
