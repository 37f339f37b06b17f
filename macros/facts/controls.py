"""Control characters: found in data, dropped from outputs, shown visibly in messages.

A control character is any of Unicode's category Cc but the tab and the line feed: C0
(U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). A carriage return is one too, except
in a CRLF line ending, which a file may have. The check refuses every one (yamlfile.py), and
every writer drops them (``strip``), so a file written by another tool cannot break an
output either.
"""

from __future__ import annotations

import re

#: One control character (the CR of a CRLF line ending is not one).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
#: A control character in a value, once read: a carriage return is one too.
IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY = IN_VALUE


def code_point(char: str) -> str:
    """``U+0001``: how a message names a character."""
    return f"U+{ord(char):04X}"


def strip(text: str) -> str:
    """``text`` without control characters; CRLF and CR become LF first, so a line break
    stays a line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ANY.sub("", text) if _ANY.search(text) else text


def visible(text: str) -> str:
    """``text`` on one line, every control character (line breaks too) written as its code
    point in brackets: ``x.yml<U+000A>``. For messages, which must never break a line."""
    if not _ANY.search(text) and "\n" not in text:
        return text
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"<{code_point(m.group())}>", text)
