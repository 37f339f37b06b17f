"""site/passthrough.py: a generated page's HTML held out of Python-Markdown and put back.

The whole-site check, that the pages come out as Python-Markdown made them, is
tests/bench/test_same_pages.py: our build against plain Material converting the full text.
"""

from __future__ import annotations

import markdown

from macros.site import passthrough

PAGE = """# Treaty \\(1961\\)

<p class="brief-kind">Agreement · treaty</p>

<dl class="brief-facts">
<dt>Kind</dt> <dd>treaty</dd>
</dl>



<div class="brief-summary"><p>Signed *in* Moscow.</p></div>

## Articles {: #articles }

### Article 1 {: #article-1 }

<div class="brief-article">
<p>One.</p>
</div>
"""

EXTENSIONS = ["attr_list", "md_in_html", "toc"]


def test_headings_stay_markdown_and_each_run_of_html_becomes_one_mark() -> None:
    held = passthrough.hold(PAGE)
    assert held.text == (
        "# Treaty \\(1961\\)\n\n<!--briefing-html-0-->\n\n## Articles {: #articles }\n"
        "### Article 1 {: #article-1 }\n\n<!--briefing-html-1-->\n"
    )
    assert len(held.blocks) == 2
    assert held.blocks[0].startswith('<p class="brief-kind">')
    assert held.blocks[0].endswith("Moscow.</p></div>")
    assert "\n\n\n" not in held.blocks[0]  # blank lines in a row made one, as Markdown does


def test_the_page_converted_with_its_html_held_is_the_page_converted_whole() -> None:
    whole = markdown.Markdown(extensions=EXTENSIONS).convert(PAGE)
    held = passthrough.hold(PAGE)
    converted = markdown.Markdown(extensions=EXTENSIONS).convert(held.text)
    assert "brief-kind" not in converted  # Python-Markdown saw the marks only
    assert held.restore(converted) == whole
    assert "<em>" not in whole  # HTML from the templates is never read as Markdown


def test_the_markdown_comes_back_whole_but_for_blank_lines() -> None:
    held = passthrough.hold(PAGE)
    assert held.markdown().split() == PAGE.split()


def test_a_page_without_marks_is_left_alone() -> None:
    """The negative control: text that holds no mark, or a mark of no block, is untouched."""
    held = passthrough.hold("# Only a title\n")
    assert held.blocks == ()
    assert held.text == "# Only a title\n"
    converted = "<h1>x</h1>\n<!-- an editor's comment -->"
    assert held.restore(converted) == converted


def test_a_heading_needs_its_space_and_a_hash_inside_html_is_html() -> None:
    held = passthrough.hold('#not-a-heading\n<a href="#x">#x</a>\n')
    assert held.blocks == ('#not-a-heading\n<a href="#x">#x</a>',)
