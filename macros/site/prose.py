"""Markdown from data → HTML: links found by facts/links.py, everything else escaped.

The links are the ones the check read (``links.scan``): ``[[id]]`` and ``[[id|words]]``
become Markdown links to ``record:id``, which each page then points at the record's page,
relative to itself (``RECORD_HREF``), so one conversion serves every page that shows the
text; ``[words](https://…)`` and ``<https://…>`` stay links. Every other bracket, ``<``,
``{`` and ``}`` an editor typed is written as an entity before conversion, so Python-Markdown
never finds a link, an image or raw HTML of its own; emphasis, code and lists it still reads.
The page is sanitised again as a whole (sanitise.py).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown

from ..facts.links import RecordLink, WebLink, scan

#: The characters Python-Markdown unescapes after a backslash (with the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
#: How converted Markdown names a record before a page makes the link relative to itself.
RECORD_SCHEME = "record:"
RECORD_HREF = re.compile(r'href="record:([a-z0-9-]++)"')
#: Characters of plain text that could open a link, an image, a tag or attributes.
_ENTITIES = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})

_CODE = re.compile(r"<code>([^<]*+)</code>")

_CONVERTER = markdown.Markdown(extensions=["sane_lists"], output_format="html")
#: Python-Markdown's inline patterns that text written by ``to_html`` can never match, and
#: that the converter therefore does not try on every text: reference links and images
#: (brackets an editor typed are entities, so no ``[id]: url`` defines one, and a link of
#: ours is never after a ``!``), and raw HTML, autolinks and e-mail links (every ``<`` is an
#: entity too). The reference patterns ran before the link pattern and read every link's
#: brackets only to give up: a fifth of the time of the data's prose.
UNREACHABLE = (
    "reference", "image_link", "image_reference", "short_reference", "short_image_ref",
    "autolink", "automail", "html",
)  # fmt: skip
for _name in UNREACHABLE:
    _CONVERTER.inlinePatterns.deregister(_name)


def markdown_text(text: str) -> str:
    """Plain text made safe to place inside Markdown, on one line: ``<``, ``>`` and ``&``
    become entities, and every other character Markdown would act on gets a backslash."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def to_html(text: str, name: Callable[[str], str]) -> str:
    """The HTML of Markdown ``text`` from data; ``name(id)`` gives a bare ``[[id]]`` link its
    words. A link's target is ``record:id`` (``RECORD_HREF``)."""
    out: list[str] = []
    for token in scan(text):
        if isinstance(token, RecordLink):
            words = markdown_text(token.words or name(token.id))
            out.append(_link(out, words, RECORD_SCHEME + token.id))
        elif isinstance(token, WebLink):
            words = markdown_text(token.url) if token.auto else _text(token.words)
            out.append(_link(out, words, token.url))
        else:  # text, or what the check refuses (shown as the text it is)
            out.append(_text(token if isinstance(token, str) else token.source))
    return _CODE.sub(_code, _convert("".join(out)))


def _code(match: re.Match[str]) -> str:
    """A code span's text, escaped once: Python-Markdown escapes it again, though every
    character that needed it was written as an entity already."""
    return "<code>" + html.unescape(match.group(1)) + "</code>"


def _text(text: str) -> str:
    """Text between links: ``>`` kept for block quotes, the rest that could open markup as
    entities."""
    return html.escape(text, quote=False).replace("&gt;", ">").translate(_ENTITIES)


def _link(out: list[str], words: str, target: str) -> str:
    """A Markdown link; a ``!`` or ``\\`` just before it is written as an entity, so that it
    never makes the link an image, or its bracket text."""
    if out and out[-1].endswith(("!", "\\")):
        out[-1] = out[-1][:-1] + f"&#{ord(out[-1][-1])};"
    url = target.replace("(", "%28").replace(")", "%29")
    return f"[{words}]({url})"


@functools.lru_cache(maxsize=1 << 16)
def _convert(text: str) -> str:
    """Python-Markdown's HTML for ``text``, kept from one build to the next under
    `mkdocs serve`, where an edit leaves almost every text as it was. The text is the whole
    input (links already written out with their words), so the same text, the same HTML."""
    _CONVERTER.reset()
    return str(_CONVERTER.convert(text))
