"""Links in Markdown from data, found by one linear scan: what is a link, and what is text.

The check (fields.py), the references (catalog.py), the pages (site/prose.py) and the plain
text of the data files (export/text.py) all take a field's links from ``scan``, so they can
never disagree on what is a link. A link is one of

- ``[[record-id]]`` or ``[[record-id|words]]``: ``RecordLink``;
- ``[words](https://…)``, the words without brackets, the address without spaces and with
  balanced parentheses: ``WebLink``;
- ``<https://…>``, an autolink: ``WebLink`` whose words are the address.

Everything else is ``str``, brackets included: site/prose.py writes every bracket that is
not one of these links as an entity, so Markdown never finds a link of its own. What looks
like a link but is none of these (an image, a link to anything but a web address, a
reference definition) and raw HTML come out as ``Refused``, shown as text on a page and
reported by the check at the field's line.

The scan is linear in the length of the text: each search for a closing bracket resumes
where the last one ended (``_Finder``), and nothing is searched for twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s")
_HOST_END = re.compile(r"[/?#]")
#: What a bare ``<`` may open: an autolink, or raw HTML (a tag, comment, declaration or
#: processing instruction). The quantifiers are possessive: nothing is tried twice.
_AUTOLINK = re.compile(r"https?+://[^\s<>]++>", re.IGNORECASE)
_TAG = re.compile(r"/?+[A-Za-z]")
_MARKUP = re.compile(r"!--|![A-Za-z]|\?")
_SPECIAL = re.compile(r"[\[\]<]")
_NO_CLOSE = re.compile(r"[\[\]]|<[!?]")
_RUN_OPEN = re.compile(r"\[++")
_RUN_CLOSE = re.compile(r"\]++")
#: How much of a refused construct a message shows (problems.got shortens it further).
_SHOWN = 120


@dataclass(frozen=True)
class RecordLink:
    """``[[id]]`` or ``[[id|words]]``; ``words`` is None without a ``|``."""

    id: str
    words: str | None
    source: str
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class WebLink:
    """``[words](url)`` or ``<url>`` (then ``auto``, and the words are the address)."""

    words: str
    url: str
    source: str
    auto: bool = False


@dataclass(frozen=True)
class Refused:
    """Something the check refuses, shown as text: ``kind`` names the message in
    problems.py (``html_in_prose``, ``image_in_prose``, ``link_scheme``,
    ``link_reference``), ``got`` is what the message quotes."""

    kind: str
    got: str
    source: str


Token = str | RecordLink | WebLink | Refused


class _Finder:
    """``text.find(needle, start)`` for start positions that only grow: each needle's last
    answer is kept, and the text is searched again only past it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, int] = {}

    def find(self, needle: str, start: int) -> int:
        last = self.found.get(needle)
        if last is None or (last != -1 and last < start):
            last = self.found[needle] = self.text.find(needle, start)
        return last


def scan(text: str) -> Iterator[Token]:
    """The text as a run of plain strings, links and refused constructs, in order."""
    finder = _Finder(text)
    start = position = 0
    special = _SPECIAL
    while True:
        match = special.search(text, position)
        if match is None:
            break
        position = match.start()
        if special is _SPECIAL and finder.find(">", position) == -1:
            special = _NO_CLOSE  # no tag or autolink can end: only <! and <? still count
            continue
        if text[position] != "<" and finder.find("]", position) == -1:
            position = finder.find("<", position)  # no bracket left can close a link
            if position == -1:
                break
            continue
        found, begin, position = _at(text, position, finder)
        if found is None:
            continue
        if begin > start:
            yield text[start:begin]
        yield found
        start = position
    if start < len(text):
        yield text[start:]


Found = tuple[Token | None, int, int]


def _at(text: str, i: int, finder: _Finder) -> Found:
    """What starts at ``i`` (a ``[``, ``]`` or ``<``): the token, where it begins and ends;
    or None, and where to look next."""
    char = text[i]
    if char == "<":
        return _angle(text, i, finder)
    if char == "]":
        if text.startswith("](", i):  # a link whose words the scan could not read
            return _inline(text, None, i)
        return None, -1, _RUN_CLOSE.match(text, i).end()  # type: ignore[union-attr]
    run = _RUN_OPEN.match(text, i).end()  # type: ignore[union-attr]
    if run - i >= 2:
        linked = _record_link(text, i, finder)
        if linked is not None:
            return linked, i, linked.end
    # only the last bracket of a run can open [words](…): the others hold a bracket
    found, begin, end = _bracket(text, run - 1, finder)
    return (found, begin, end) if found is not None else (None, -1, run)


def _record_link(text: str, i: int, finder: _Finder) -> RecordLink | None:
    end = finder.find("]]", i + 2)
    if end == -1 or finder.find("]", i + 2) != end:
        return None
    inside = text[i + 2 : end]
    record_id, bar, words = inside.partition("|")
    return RecordLink(record_id.strip(), words if bar else None, text[i : end + 2], end + 2)


def _bracket(text: str, i: int, finder: _Finder) -> Found:
    """``[words](target)``, ``![words](target)`` or a reference definition ``[x]: …``."""
    close = finder.find("]", i + 1)
    inner = finder.find("[", i + 1)
    if close == -1 or (inner != -1 and inner < close):
        return None, -1, i + 1  # a bracket inside: the inner one may start a link
    after = text[close + 1 : close + 2]
    if after == "(":
        return _inline(text, i, close)
    if after == ":" and _starts_line(text, i):
        end = finder.find("\n", close)
        end = len(text) if end == -1 else end
        return Refused("link_reference", text[i:end][:_SHOWN], text[i:end]), i, end
    return None, -1, i + 1


def _inline(text: str, i: int | None, close: int) -> Found:
    """``[words](`` with ``[`` at ``i`` (None when no words could be read) and ``]`` at
    ``close``: the target runs to the first space, bracket or ``<``, or to the ``)`` that
    balances the opening one."""
    depth, j, end = 0, close + 2, len(text)
    while j < end:
        char = text[j]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char.isspace() or char in "[]<":
            break
        j += 1
    target = text[close + 2 : j]
    begin = close if i is None else i
    image = i is not None and i > 0 and text[i - 1] == "!"
    if i is not None and j < end and text[j] == ")" and not image and is_web(target):
        return WebLink(text[i + 1 : close], target, text[i : j + 1]), i, j + 1
    closing = j + 1 if j < end and text[j] == ")" else j
    kind = "image_in_prose" if image else "link_scheme"
    return Refused(kind, target[:_SHOWN], text[begin:closing]), begin, closing


def _starts_line(text: str, i: int) -> bool:
    """Whether only up to three spaces stand between the line's start and ``i``."""
    line_start = text.rfind("\n", max(0, i - 4), i) + 1
    return i - line_start <= 3 and text[line_start:i].strip(" ") == ""


def _angle(text: str, i: int, finder: _Finder) -> Found:
    """``<https://…>`` is a link; a tag, a comment or a declaration is HTML."""
    auto = _AUTOLINK.match(text, i + 1)
    if auto is not None:
        url = text[i + 1 : auto.end() - 1]
        if is_web(url):
            return WebLink(url, url, text[i : auto.end()], auto=True), i, auto.end()
    close = finder.find(">", i + 1)
    if _MARKUP.match(text, i + 1) or (_TAG.match(text, i + 1) and close != -1):
        shown = text[i : close + 1] if close != -1 else text[i : i + _SHOWN]
        return Refused("html_in_prose", shown[:_SHOWN], text[i : i + 1]), i, i + 1
    return None, -1, i + 1


def is_web(url: str) -> bool:
    """A web address: http or https, a host with a dot inside it, and no space anywhere."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("http", "https") or _SPACE.search(url):
        return False
    end = _HOST_END.search(rest)
    host = rest[: end.start()] if end else rest
    return "." in host[1:-1]


def _only_record_links(text: str) -> bool:
    """Whether nothing but ``[[id]]`` links can be in ``text``: whatever else the scan reads
    or refuses needs ``](``, ``]:`` or ``<``. Most prose is so, and is read faster."""
    return "](" not in text and "]:" not in text and "<" not in text


def refused(text: str) -> Refused | None:
    """The first construct of ``text`` the check refuses, if any."""
    if _only_record_links(text):
        return None
    return next((t for t in scan(text) if isinstance(t, Refused)), None)


def record_links(text: str) -> Iterator[RecordLink]:
    """Every ``[[id]]`` link of ``text``."""
    if "[[" not in text:
        return
    if not _only_record_links(text):
        yield from (t for t in scan(text) if isinstance(t, RecordLink))
        return
    finder, start = _Finder(text), text.find("[[")
    while start != -1:  # what scan finds here, without its other tokens
        link = _record_link(text, start, finder)
        if link is None:  # nor from any bracket of this run: go past it
            run = _RUN_OPEN.match(text, start).end()  # type: ignore[union-attr]
            start = text.find("[[", run)
        else:
            yield link
            start = text.find("[[", link.end)
