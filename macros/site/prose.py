"""Markdown from data → HTML: escaped first, ``[[id]]`` links named, converted once per text.

Every ``<`` an editor typed is escaped before conversion, so raw HTML can never pass (the
validator refuses it too). ``[[id]]`` and ``[[id|words]]`` become Markdown links to
``record:id``; each page then points them at the record's page, relative to itself
(``RECORD_HREF``), so one conversion serves every page that shows the text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown

from ..facts.model import AUTOLINK, LINK

#: The characters Python-Markdown unescapes after a backslash (with the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
#: How converted Markdown names a record before a page makes the link relative to itself.
RECORD_SCHEME = "record:"
RECORD_HREF = re.compile(r'href="record:([a-z0-9-]+)"')

_CONVERTER = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def markdown_text(text: str) -> str:
    """Plain text made safe to place inside Markdown, on one line: ``<``, ``>`` and ``&``
    become entities, and every other character Markdown would act on gets a backslash."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def to_html(text: str, name: Callable[[str], str]) -> str:
    """The HTML of Markdown ``text`` from data; ``name(id)`` gives a bare ``[[id]]`` link its
    words. A link's target is ``record:id`` (``RECORD_HREF``)."""
    safe = html.escape(AUTOLINK.sub(_autolink, text), quote=False).replace("&gt;", ">")

    def placeholder(match: re.Match[str]) -> str:
        record_id, label = match.group(1), match.group(2)
        words = markdown_text(label or name(record_id))
        return f"[{words}]({RECORD_SCHEME}{record_id})"

    return _convert(LINK.sub(placeholder, safe))


def _autolink(match: re.Match[str]) -> str:
    """``<https://x>`` as a Markdown link, so that escaping ``<`` does not break it."""
    url = match.group(1)
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{markdown_text(url)}]({target})"


@functools.lru_cache(maxsize=1 << 16)
def _convert(text: str) -> str:
    """Python-Markdown's HTML for ``text``, kept from one build to the next under
    `mkdocs serve`, where an edit leaves almost every text as it was. The text is the whole
    input (links already written out with their words), so the same text, the same HTML."""
    _CONVERTER.reset()
    return str(_CONVERTER.convert(text))
