"""The hostile-records corpus: one record (or file) per class of attack, in a copy of the
small briefing. Each is refused by the check at its file and line, or published inert;
tests/test_hostile_corpus.py checks which, and tests/browser/test_browser_corpus.py loads
what is published in Chromium with the Content-Security-Policy removed.

Every payload that could run sets ``window.pwned``, and every one that could fetch asks
http://127.0.0.2:9/, an address no page of the site ever names.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"
RUN = "window.pwned=1"
FETCH = "http://127.0.0.2:9/x.png"

#: Each way of writing a link (and the HTML that would make one), in a Markdown field.
LINK_SYNTAXES = {
    "inline": f"[x](javascript:{RUN})",
    "inline-upper": f"[x](JAVASCRIPT:{RUN})",
    "inline-vbscript": "[x](vbscript:msgbox(1))",
    "inline-data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "inline-protocol-relative": "[x](//127.0.0.2:9/x)",
    "inline-angle": f"[x](<javascript:{RUN}>)",
    "inline-title": f'[x](javascript:{RUN} "a title")',
    "inline-entity": "[x](javascript&#58;window.pwned=1)",
    "inline-backslash": f"[x](java\\script:{RUN})",
    "inline-newline": f"[x]\n(javascript:{RUN})",
    "inline-space": f"[x] (javascript:{RUN})",
    "words-with-bracket": f"[a ]] b](javascript:{RUN})",
    "nested-brackets": f"[a [b] c](javascript:{RUN})",
    "reference": f"[x][r]\n\n[r]: javascript:{RUN}",
    "reference-title": f'[x][r]\n\n[r]: javascript:{RUN} "t"',
    "reference-collapsed": f"[r][]\n\n[r]: javascript:{RUN}",
    "reference-shortcut": f"[r]\n\n[r]: <javascript:{RUN}>",
    "image": f"![x]({FETCH})",
    "image-reference": f"![x][r]\n\n[r]: {FETCH}",
    "autolink": f"<javascript:{RUN}>",
    "autolink-data": "<data:text/html,x>",
    "html-anchor": f'<a href="javascript:{RUN}">x</a>',
    "html-image": f'<img src="{FETCH}" onerror="{RUN}">',
    "html-script": f"<script>{RUN}</script>",
    "html-comment": "<!-- x -->",
    "attribute-list": '*x*{: onclick="window.pwned=1" }',
    "footnote": f"x[^1]\n\n[^1]: [y](javascript:{RUN})",
    "jinja": "{{ config.site_name }} {% if true %}x{% endif %}",
    "web-link": "[a page](https://example.org/a_(b))",
}

#: The link syntaxes the check lets through, in a Markdown field: published as text.
PUBLISHED = {"inline-newline", "inline-space", "attribute-list", "jinja", "web-link"}

#: Every control character: C0 but tab and line feed, DEL, and C1.
CONTROL_CHARACTERS = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def _symlink(folder: Path) -> None:
    (folder / "events" / "symlink.yml").symlink_to(folder / "events" / "inf-signing.yml")


def _symlink_outside(folder: Path) -> None:
    (folder / "events" / "symlink-outside.yml").symlink_to("/etc/passwd")


def _symlink_folder(folder: Path) -> None:
    (folder / "linked-events").symlink_to(folder / "events")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "events" / "fifo.yml")


def _socket(folder: Path) -> None:
    short = Path(tempfile.mkdtemp(prefix="s")) / "s"  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(short))
    server.close()
    shutil.move(str(short), folder / "events" / "socket.yml")


def _named(name: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        shutil.copy(folder / "events" / "inf-signing.yml", folder / "events" / name)

    return write


#: Each kind of file that is not what it seems → what makes it, and the file's path.
FILE_KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "symlink": (_symlink, "events/symlink.yml"),
    "symlink-outside": (_symlink_outside, "events/symlink-outside.yml"),
    "symlink-folder": (_symlink_folder, "linked-events"),
    "fifo": (_fifo, "events/fifo.yml"),
    "socket": (_socket, "events/socket.yml"),
    "newline-name": (_named("x.yml\n"), "events/x.yml\n"),
    "control-name": (_named("x\x1b.yml"), "events/x\x1b.yml"),
    "capital-name": (_named("X.yml"), "events/X.yml"),
    "reserved-id": (_named("index.yml"), "events/index.yml"),
}


def copy(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(VALID, folder)
    return folder


def event(title: str, summary: str) -> str:
    """An event's file, its summary on line 5 (JSON strings are YAML)."""
    return (
        "date: 1987-12-09\n"
        f"title: {json.dumps(title)}\n"
        "kind: statement\n"
        "place: Geneva\n"
        f"summary: {json.dumps(summary)}\n"
        "sources: [treaty-text]\n"
    )


def link_file(name: str) -> str:
    return f"events/link-{name}.yml"


def text_file(name: str) -> str:
    return f"events/text-{name}.yml"


def with_links(folder: Path, refused: bool = True) -> Path:
    """Every link syntax as the summary of an event of its own (those the check refuses only
    if ``refused``), and as the title of another."""
    for name, markdown in LINK_SYNTAXES.items():
        if refused or name in PUBLISHED:
            (folder / link_file(name)).write_text(event(f"Link {name}", markdown), "utf-8")
        (folder / text_file(name)).write_text(event(markdown, f"Text {name}."), "utf-8")
    return folder
