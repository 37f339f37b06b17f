"""HTML our templates made, kept out of Python-Markdown.

A generated page (pages.py) is the text of one macro call: Markdown heading lines, so that
the page's title, its table of contents and the headings' permalinks are MkDocs' own, and
between them blocks of HTML from the templates. Python-Markdown would parse every one of
those blocks only to pass it through unchanged, and that was most of the Markdown time of a
build. ``hold`` takes each run of lines between two headings out of the text and leaves in
its place a comment on a line of its own, which Python-Markdown passes through as it is;
``restore`` puts the HTML back into the converted page, ``markdown`` into the text (the
page as a plain MkDocs build would read it).

Only the templates' output is held: a generated page has no text an editor typed (data is
escaped by the templates, so no comment in it can look like a mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The lines Python-Markdown still reads: ATX headings (``# Title``, ``## Sources {: #sources }``).
HEADING = re.compile(r"^#{1,6}[ \t]")
#: Blank lines in a row, which Python-Markdown would have made one between two blocks.
BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
#: What stands in for the n-th block, and how it is found again.
MARK = "<!--briefing-html-{}-->"
MARKED = re.compile(r"<!--briefing-html-(\d+)-->")


@dataclass(frozen=True)
class Held:
    """A page's text with its HTML held aside: what Python-Markdown reads, and the blocks."""

    text: str
    blocks: tuple[str, ...]

    def restore(self, converted: str) -> str:
        """The converted page with every mark replaced by its block of HTML."""
        return MARKED.sub(lambda m: self.blocks[int(m.group(1))], converted)

    def markdown(self) -> str:
        """The page's text as it was before ``hold``, give or take blank lines."""
        return MARKED.sub(lambda m: self.blocks[int(m.group(1))], self.text)


def hold(text: str) -> Held:
    """Keep every run of non-heading lines of ``text`` aside, a mark in its place."""
    kept: list[str] = []
    blocks: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        block = BLANK_LINES.sub("\n\n", "\n".join(run).strip())
        if block:
            kept.extend(("", MARK.format(len(blocks)), ""))
            blocks.append(block)
        run.clear()

    for line in text.split("\n"):
        if HEADING.match(line):
            close_run()
            kept.append(line)
        else:
            run.append(line)
    close_run()
    return Held("\n".join(kept).strip() + "\n", tuple(blocks))
