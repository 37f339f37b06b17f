"""The allowlist sanitiser of every page (macros/site/sanitise.py)."""

from __future__ import annotations

import re

import pytest

from macros.site import render, sanitise


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,hi">x</a>', "<a>x</a>"),
        ('<p onclick="alert(1)" class="c">x</p>', '<p class="c">x</p>'),
        ('<img src="https://example.org/p.png" onerror="alert(1)">', ""),
        ('<svg onload="alert(1)"><circle/></svg>', "<svg><circle></circle></svg>"),
        ('<iframe src="https://example.org"></iframe>x', "x"),
        ("<style>*{}</style>x", "x"),
        (
            '<form action="https://example.org"><button formaction="x">b</button></form>',
            "<form><button>b</button></form>",
        ),
        ("a\x00b\x01c\x7fd\x85e", "abcde"),
        ("<!-- a comment -->x", "x"),
    ],
)
def test_what_could_run_fetch_or_break_a_page_is_removed(dirty: str, clean: str) -> None:
    assert sanitise.clean(dirty) == clean


@pytest.mark.parametrize(
    "kept",
    [
        '<a href="../events/x/" class="headerlink" title="Permanent link">¶</a>',
        '<a href="https://example.org/a" rel="noopener noreferrer">a</a>',
        '<a href="mailto:desk@example.org">desk</a>',
        '<a href="#sources">s</a>',
        '<time datetime="2024-06-19">19 June 2024</time>',
        '<data value="11000">11,000</data>',
        '<button type="button" data-filter="kind" aria-pressed="false">b</button>',
        '<div role="note" aria-label="n" data-brief-era="e" tabindex="-1">d</div>',
        '<table><thead><tr><th scope="col">h</th></tr></thead>'
        '<tbody><tr><td data-label="x">d</td></tr></tbody></table>',
        '<details open=""><summary>s</summary><p>t</p></details>',
        '<sup class="brief-cite">'
        '<a href="#source-1" title="t" aria-label="Source 1: t">[1]</a></sup>',
    ],
)
def test_what_the_templates_and_markdown_make_is_kept_as_it_is(kept: str) -> None:
    """The negative control: the allowlist takes nothing from an ordinary page."""
    assert sanitise.clean(kept) == kept


def test_every_tag_and_attribute_a_template_writes_is_allowed() -> None:
    """Were a template to add a tag or attribute, the sanitiser would silently drop it: this
    fails first, so the allowlist grows with the templates."""
    allowed_attributes = set().union(*sanitise.ATTRIBUTES.values())
    # Two templates' output is not content: jsonld.html's, whose script the theme puts in
    # <head> (wiring.on_page_context), JSON written by tojson, which escapes < > &; and
    # search.html's, the page as Pagefind is given it to index (site/search.py).
    not_content = {"jsonld.html", "search.html"}
    templates = [t for t in render.TEMPLATES.glob("*.html") if t.name not in not_content]
    for template in sorted(templates):
        source = re.sub(r"\{[{%#].*?[}%#]\}", "", template.read_text("utf-8"), flags=re.S)
        tags = set(re.findall(r"</?([a-z][a-z0-9]*)", source))
        assert tags <= sanitise.TAGS, (template.name, tags - sanitise.TAGS)
        names = set(re.findall(r"\s([a-z][a-z-]*)=\"", source))
        unknown = {
            n for n in names
            if n not in allowed_attributes and not n.startswith(tuple(sanitise.PREFIXES))
        }  # fmt: skip
        assert not unknown, (template.name, unknown)
