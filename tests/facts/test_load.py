"""The loader: YAML to plain text values with the line of each, and every unreadable file."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import tracemalloc
from pathlib import Path

import pytest

import cases
from conftest import Briefing
from macros.facts import load, yamlfile
from macros.facts.dates import FuzzyDate
from macros.facts.model import Actor, Agreement, Event, Figure, Perspective, Source
from macros.facts.problems import FILE

AGREEMENT, SIGNING = "agreements/inf-treaty.yml", "events/inf-signing.yml"
EVENT = """\
date: 1987-12-08
title: A test event
kind: meeting
summary: A test summary.
sources: [treaty-text]
"""


def problems_of(briefing: Briefing, name: str, content: str | bytes) -> list[str]:
    """The problems reported for one file added to the valid briefing, as 'line: …'."""
    path = briefing.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return [p.removeprefix(name + ":") for p in briefing.problems() if p.startswith(name + ":")]


def record(briefing: Briefing, record_id: str) -> load.Entry:
    """The entry of one record of the briefing, which must have loaded without a problem."""
    loaded = briefing.load()
    assert [str(p) for p in loaded.problems] == []
    return next(e for e in loaded.entries if e.id == record_id)


# --- Lines ---------------------------------------------------------------------------------


def test_lines_of_nested_keys_of_list_items_and_of_the_nearest_enclosing_value(
    briefing: Briefing,
) -> None:
    lines = record(briefing, "inf-treaty").lines
    assert lines.of(("signed", "date")) == 6
    assert (lines.of(("parties",)), lines.of(("parties", 1))) == (4, 4)
    assert lines.of(("articles", 0, "text", "source")) == 20
    assert lines.of(("articles", 0, "sources", 0)) == 21
    assert lines.of(("signed", "nowhere")) == 5
    assert lines.of(("articles", 0, "title")) == 15
    assert lines.of(("nowhere", 3, "deeper")) == 1


def test_block_list_items_each_have_their_own_line(briefing: Briefing) -> None:
    actors = "actors:\n  - united-states\n\n  - soviet-union\n"
    briefing.write("events/test-event.yml", "# A comment first.\n" + EVENT + actors)
    lines = record(briefing, "test-event").lines
    assert (lines.of(("actors", 0)), lines.of(("actors", 1)), lines.of(())) == (8, 10, 2)


# --- Every scalar stays text ---------------------------------------------------------------

TYPED = ["no", "on", "NO", "yes", "true", "1e3", "2024-06-19", "010", "0x10", "1:20", ".inf"]


def test_every_scalar_stays_the_text_the_editor_typed(briefing: Briefing) -> None:
    aspects = "".join(f"      k-{chr(97 + i)}: {word}\n" for i, word in enumerate(TYPED))
    briefing.edit(
        AGREEMENT,
        "    sources: [treaty-text]\n",
        f"    sources: [treaty-text]\n    aspects:\n{aspects}",
    )
    treaty = record(briefing, "inf-treaty").record
    assert isinstance(treaty, Agreement)
    assert list(treaty.articles[0].aspects.values()) == TYPED


@pytest.mark.parametrize("written", ["", " ~", " null", " Null", " NULL"])
def test_an_empty_or_null_value_is_nothing(briefing: Briefing, written: str) -> None:
    briefing.edit(SIGNING, "place: Washington", f"place:{written}")
    signing = record(briefing, "inf-signing").record
    assert isinstance(signing, Event) and signing.place is None


@pytest.mark.parametrize("written", ["'null'", '"~"', "nulls", "~ ~"])
def test_a_quoted_or_longer_null_is_text(briefing: Briefing, written: str) -> None:
    briefing.edit(SIGNING, "place: Washington", f"place: {written}")
    signing = record(briefing, "inf-signing").record
    assert isinstance(signing, Event) and signing.place == written.strip("'\"")


def test_valid_values_yaml_would_otherwise_retype_keep_their_meaning(tmp_path: Path) -> None:
    loaded = load.load(tmp_path / cases.read("yaml-implicit-typing").materialise(tmp_path))
    records = {e.id: e.record for e in loaded.entries}
    assert isinstance(norway := records["norway"], Actor) and norway.country_code == "NO"
    assert isinstance(figure := records["missiles-eliminated"], Figure) and figure.value == 1000
    assert isinstance(view := records["arms-control-view"], Perspective) and view.title == "no"
    assert isinstance(source := records["treaty-text"], Source)
    assert source.published == FuzzyDate.parse("2024-06-19")
    assert [p.path.rsplit("/", 1)[1] for p in loaded.problems] == ["sweden.yml", "sweden.yml"]


# --- What the reader refuses, and what it still checks -------------------------------------


def test_a_repeated_key_is_reported_and_the_rest_of_the_file_still_checked(
    briefing: Briefing,
) -> None:
    text = EVENT.replace("kind: meeting", "kind: meting\ntitle: Again")
    assert problems_of(briefing, "events/test-event.yml", text) == [
        "3: kind: must be one of summit, visit, signing, initialling, ratification, "
        "entry-into-force, lapse, statement, summons, call, meeting, vote, exercise, briefing, "
        "publication, diplomatic, other (got 'meting') — did you mean 'meeting'?",
        "4: title: appears twice in this mapping (first on line 2) — keep one",
    ]


def test_the_first_of_two_repeated_keys_stands(briefing: Briefing) -> None:
    text = EVENT.replace("sources: [treaty-text]", "sources: [treaty-text]\ndate: 19 June")
    assert problems_of(briefing, "events/test-event.yml", text) == [
        "6: date: appears twice in this mapping (first on line 1) — keep one"
    ]


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path, briefing: Briefing) -> None:
    witness = tmp_path / "pwned"
    text = EVENT + f'place: !!python/object/apply:os.system ["touch {witness}"]\n'
    assert problems_of(briefing, "events/test-event.yml", text) == [
        "6: place: uses the YAML tag '!!python/object/apply:os.system' — tags are not allowed; "
        "remove it"
    ]
    assert not witness.exists()


@pytest.mark.parametrize(("value", "tag"), [("!foo x", "'!foo'"), ("!!int 3", "'!!int'")])
def test_any_tag_but_plain_text_is_refused(briefing: Briefing, value: str, tag: str) -> None:
    assert problems_of(briefing, "events/test-event.yml", f"{EVENT}place: {value}\n") == [
        f"6: place: uses the YAML tag {tag} — tags are not allowed; remove it"
    ]


def test_an_explicit_text_tag_is_plain_text(briefing: Briefing) -> None:
    briefing.edit(SIGNING, "place: Washington", "place: !!str 2024")
    signing = record(briefing, "inf-signing").record
    assert isinstance(signing, Event) and signing.place == "2024"


def test_a_billion_laughs_is_never_expanded(tmp_path: Path) -> None:
    """Nine levels of nine aliases would be 9**9 values: reading stays small, and each line
    of aliases is reported once."""
    folder = tmp_path / cases.read("alias-bomb").materialise(tmp_path)
    tracemalloc.start()
    loaded = load.load(folder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    assert [p.message for p in loaded.problems].count(FILE["alias"]) == 8


def test_an_alias_is_reported_on_its_own_line_not_the_anchor_line(briefing: Briefing) -> None:
    text = EVENT.replace("title: A test event", "title: &t A test event") + "place: *t\n"
    assert problems_of(briefing, "events/test-event.yml", text) == [f"6: place: {FILE['alias']}"]


def test_an_anchor_without_an_alias_is_harmless(briefing: Briefing) -> None:
    text = EVENT.replace("title: A test event", "title: &t A test event")
    assert problems_of(briefing, "events/test-event.yml", text) == []


# --- Files that cannot be read at all ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "1: " + FILE["empty"]),
        ("# only a comment\n\n   \n", "1: " + FILE["empty"]),
        ("- a\n- b\n", "1: must be a mapping of 'field: value' lines (got a list)"),
        ("\njust words\n", "2: must be a mapping of 'field: value' lines (got 'just words')"),
        (EVENT + "---\ntitle: x\n", "6: " + FILE["documents"]),
        ("title: x\nkind: a: b\n", "2: kind: must be in quotes, since it holds ': ' — put the "
         "value in quotes, like kind: \"a: b\" (got 'a: b')"),
        ("signed:\n  date: 1987\n   place: x\n", "3: " + FILE["indent"].format(
            got=3, spaces="spaces", options="2 or 0")),
        ("summary: >-\n  Some text\nmore text\nand more\ntitle: x\n", "3: " + FILE[
            "no_colon"].format(indent=2)),
        ("signed:\n  date: 1987\n\tplace: x\n", "3: " + FILE["tab"]),
        ("signed:\n\tdate: 1987\n", "2: " + FILE["tab"]),
        (b"title: caf\xe9\n", "1: " + FILE["not_utf8"].format(byte="0xe9", column=11)),
        (b"a: 1\nb: \x80\n", "2: " + FILE["not_utf8"].format(byte="0x80", column=4)),
        # The column counts characters, as an editor shows them, not bytes.
        (b"title: caf\xc3\xa9 \xe9\n", "1: " + FILE["not_utf8"].format(byte="0xe9", column=13)),
        (b"x" * (yamlfile.MAX_BYTES + 1), "1: " + FILE["too_large"].format(limit="1 MB")),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_one_problem(
    briefing: Briefing, content: str | bytes, problem: str
) -> None:
    assert problems_of(briefing, "events/test-event.yml", content) == [problem]


@pytest.mark.parametrize("size", [64 * 1024 - 1, 64 * 1024, 200_000, yamlfile.MAX_BYTES])
def test_a_long_file_is_read_to_its_end(briefing: Briefing, size: int) -> None:
    """Files are read in chunks: a field on the last line of a long file is still seen."""
    head, last = EVENT.replace("kind: meeting\n", ""), "kind: meeting\n"
    comment = "# " + "y" * (size - len(head) - len(last) - 3) + "\n"
    content = head + comment + last
    assert len(content.encode()) == size
    assert problems_of(briefing, "events/test-event.yml", content) == []


def test_a_quote_never_closed_is_reported_where_it_opens(briefing: Briefing) -> None:
    found = problems_of(briefing, "events/test-event.yml", 'title: "never\nkind: x\nplace: y\n')
    assert [p.split(": ")[0] for p in found] == ["1"]


def test_a_byte_order_mark_and_windows_line_ends_are_fine(briefing: Briefing) -> None:
    content = ("\ufeff" + EVENT.replace("\n", "\r\n")).encode("utf-8")
    assert problems_of(briefing, "events/test-event.yml", content) == []


@pytest.mark.parametrize(("key", "got"), [("!!int 1", "'1'"), ("? [a, b]\n", "a list")])
def test_a_key_that_is_not_text_is_refused_and_shown_as_it_is(
    briefing: Briefing, key: str, got: str
) -> None:
    assert problems_of(briefing, "events/test-event.yml", f"{EVENT}{key}: y\n") == [
        f"6: has a key that is not plain text (got {got}) — write 'field: value'"
    ]


# --- Folders and file names ----------------------------------------------------------------


def test_stray_folders_and_files_are_reported_with_their_name(briefing: Briefing) -> None:
    briefing.write("event/x.yml", EVENT)
    briefing.write("events/Test_Event.yml", EVENT)
    briefing.write("events/test-event.yaml", EVENT)
    found = briefing.problems()
    collections = "sources, actors, agreements, events, figures, reactions, perspectives"
    assert found == [
        "event:1: is not a collection (got 'event') — did you mean 'events'? — "
        f"collections are {collections}",
        "events/Test_Event.yml:1: file name must be a record id in lowercase-kebab-case, "
        "like 'summit-2019.yml' (got 'Test_Event.yml')",
        "events/test-event.yaml:1: must end in .yml (got 'test-event.yaml') — rename the file",
    ]


def test_readmes_schemas_and_hidden_files_are_not_records(briefing: Briefing) -> None:
    briefing.write("README.md", "# Data\n")
    briefing.write("schemas/event.json", "{}")
    briefing.write(".gitkeep", "")
    briefing.write("events/README.md", "# Events\n")
    briefing.write("events/.draft.yml", "not: [valid")
    assert briefing.problems() == []


def test_a_folder_inside_a_collection_is_not_told_to_end_in_yml(briefing: Briefing) -> None:
    briefing.write("events/old/test-event.yml", EVENT)
    found = briefing.problems()
    assert len(found) == 1
    assert found[0].startswith("events/old:1: ")
    assert "must end in .yml" not in found[0]


# --- Values the model refuses, on the line of their key ------------------------------------


def test_an_unknown_nested_field_is_suggested_from_the_nested_part(briefing: Briefing) -> None:
    briefing.edit(AGREEMENT, "  place: Washington", "  plce: Washington")
    assert briefing.problems()[0] == (
        "agreements/inf-treaty.yml:7: signed.plce: is not a field of an agreement — "
        "did you mean 'place'?"
    )


def test_a_bad_key_of_a_mapping_field_is_named_without_pydantic_markers(
    briefing: Briefing,
) -> None:
    briefing.edit(
        AGREEMENT,
        "    sources: [treaty-text]\n",
        "    sources: [treaty-text]\n    aspects:\n      Bad Key: x\n",
    )
    assert briefing.problems() == [
        f"{AGREEMENT}:23: articles[0].aspects.Bad Key: must be a lowercase word or words joined "
        "by '-', like 'trigger' (got 'Bad Key')"
    ]


@pytest.mark.parametrize(("value", "ok"), [("2692", True), ("2_692", True), ("2,692", False)])
def test_a_number_with_commas_is_refused(briefing: Briefing, value: str, ok: bool) -> None:
    briefing.edit("figures/missiles-eliminated.yml", "value: 2692", f"value: {value}")
    loaded = briefing.load()
    assert (loaded.problems == []) is ok
    assert any(e.id == "missiles-eliminated" for e in loaded.entries) is ok


@pytest.mark.parametrize(
    ("summary", "problem"),
    [
        ("See [the text](javascript:alert(1)).", "must link to a web address"),
        ("See ![a map](https://example.org/map.png).", "must not show images"),
        ("See <script>alert(1)</script>.", "must not contain HTML"),
        ("See [the text](https://example.org/inf) and [[inf-treaty]].", None),
        ("See <https://example.org/inf>, a Markdown autolink.", None),
        ("If A < B and C > D, the treaty holds.", None),
        ("See [the text](https://example.org/inf 'a title').", "must link to a web address"),
        ("See [the [real] text](javascript:alert(1)).", "must link to a web address"),
        ("He said [sic] that [[inf-treaty]] holds [1].", None),
    ],
)
def test_prose_links_only_to_web_addresses_and_records(
    briefing: Briefing, summary: str, problem: str | None
) -> None:
    briefing.edit(SIGNING, "[[inf-treaty|the treaty]].", summary)
    found = briefing.problems()
    assert [p.startswith(f"{SIGNING}:5: summary: {problem}") for p in found] == (
        [True] if problem else []
    )


def test_a_reference_definition_is_refused_with_its_line(briefing: Briefing) -> None:
    briefing.edit(
        SIGNING,
        "summary: The two leaders sign [[inf-treaty|the treaty]].",
        'summary: "See [the text][1].\\n\\n[1]: https://example.org/inf"',
    )
    assert briefing.problems() == [
        f"{SIGNING}:5: summary: must write each link in place, like [words](https://…) — "
        "reference definitions are not read (got '[1]: https://example.org/inf')"
    ]


@pytest.mark.parametrize(
    ("name", "old", "limit"),
    [
        (SIGNING, "summary: The two leaders sign [[inf-treaty|the treaty]].", 10_000),
        (SIGNING, "title: The INF Treaty is signed", 2_000),
    ],
)
def test_a_value_too_long_for_its_field_is_refused_with_its_length(
    briefing: Briefing, name: str, old: str, limit: int
) -> None:
    field = old.split(":")[0]
    briefing.edit(name, old, f"{field}: '{'[[a' * (limit // 3 + 1)}'")
    got = 3 * (limit // 3 + 1)
    assert [p.split(": ", 1)[1] for p in briefing.problems()] == [
        f"{field}: must be at most {limit:,} characters — shorten it, or split it (got {got:,})"
    ]


def test_a_file_that_cannot_be_opened_is_a_problem_not_a_traceback(
    briefing: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made to fail by a stand-in for os.open: chmod would not stop root, who runs CI."""
    briefing.write("events/locked.yml", EVENT)
    real_open = os.open

    def refusing(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("locked.yml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing)
    assert briefing.problems() == [
        "events/locked.yml:1: cannot be read (Permission denied) — check that the file "
        "exists and may be read"
    ]


# --- Control characters, nesting, and files that are not what they seem --------------------

CONTROLS = [chr(c) for c in [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_every_control_character_typed_in_a_file_is_refused_with_its_line_and_code_point(
    briefing: Briefing, char: str
) -> None:
    content = EVENT.replace("A test event", f"A test{char}event")
    assert problems_of(briefing, "events/test-event.yml", content) == [
        f"2: contains the control character U+{ord(char):04X}, which no output can show — "
        "delete it (most editors do not show it; retype the text around it)"
    ]


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\x01", "0001"), ("\\r", "000D"), ("\\0", "0000"), ("\\e", "001B"), ("\\N", "0085"),
     ("\\u009b", "009B")],
)  # fmt: skip
def test_a_control_character_written_as_an_escape_is_refused_at_its_field(
    briefing: Briefing, escape: str, code: str
) -> None:
    content = EVENT.replace("title: A test event", f'title: "A test{escape}event"')
    assert problems_of(briefing, "events/test-event.yml", content) == [
        f"2: title: contains the control character U+{code}, which no output can show — "
        "delete it (most editors do not show it; retype the text around it)"
    ]


def test_tabs_line_breaks_and_windows_line_ends_are_not_control_characters(
    briefing: Briefing,
) -> None:
    """The twin: what an editor legitimately types passes."""
    content = (
        EVENT.replace("title: A test event", 'title: "A\\ttest event"') + "note: |\n  a\n  b\n"
    )
    content = content.replace("note:", "place:").replace("|\n  a\n  b", "Here")
    assert problems_of(briefing, "events/test-event.yml", content.replace("\n", "\r\n")) == []


@pytest.mark.parametrize("depth", [21, 600, 5000])
def test_deep_nesting_is_one_problem_at_its_line_never_a_traceback(
    briefing: Briefing, depth: int
) -> None:
    flow = "{a: " * depth + "1" + "}" * depth
    found = problems_of(briefing, "events/test-event.yml", EVENT + f"place: {flow}\n")
    assert found == [
        "6: nests lists and mappings more than 20 deep — a record needs only a few levels; "
        "check the brackets and the indentation from here"
    ]


def test_nesting_within_the_limit_is_an_ordinary_wrong_value(briefing: Briefing) -> None:
    flow = "[" * 19 + "]" * 19  # with the record's own mapping, 20 deep
    found = problems_of(briefing, "events/test-event.yml", EVENT + f"place: {flow}\n")
    assert found == ["6: place: must be text (got a list)"]


def test_a_symbolic_link_is_never_followed_and_its_target_never_shown(
    briefing: Briefing, tmp_path: Path
) -> None:
    secret = tmp_path / "outside" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text("title: a secret\n", "utf-8")
    (briefing.root / "events" / "linked.yml").symlink_to(secret)
    (briefing.root / "events" / "gone.yml").symlink_to(briefing.root / "nowhere.yml")
    (briefing.root / "figures-too").symlink_to(briefing.root / "figures")
    found = briefing.problems()
    message = "is a symbolic link — links are never followed; put the file itself here"
    assert found == [
        f"events/gone.yml:1: {message}",
        f"events/linked.yml:1: {message}",
        f"figures-too:1: {message}",
    ]
    assert not any("secret" in p or "outside" in p for p in found)


def test_a_linked_briefing_file_is_refused_too(briefing: Briefing) -> None:
    real = briefing.root / "briefing.yml"
    real.rename(briefing.root / "elsewhere.txt")
    real.symlink_to(briefing.root / "elsewhere.txt")
    assert "briefing.yml:1: is a symbolic link" in " ".join(briefing.problems())


def test_a_pipe_and_a_socket_are_refused_without_being_opened(briefing: Briefing) -> None:
    os.mkfifo(briefing.root / "events" / "pipe.yml")  # opening it to read would wait forever
    server = socket.socket(socket.AF_UNIX)
    short = Path(tempfile.mkdtemp(prefix="s")) / "s.yml"  # a socket path must be short
    server.bind(str(short))
    try:
        os.link(short, briefing.root / "events" / "socket.yml")
    except OSError:
        shutil.move(str(short), briefing.root / "events" / "socket.yml")
    finally:
        server.close()
    message = "is not a regular file (a pipe, a socket or a device) — a record is a plain .yml file"
    assert briefing.problems() == [
        f"events/pipe.yml:1: {message}",
        f"events/socket.yml:1: {message}",
    ]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("x.yml\n", "x.yml<U+000A>:1: must end in .yml (got 'x.yml<U+000A>')"),
        ("x\r.yml", "x<U+000D>.yml:1: file name must be a record id"),
        ("x\x1b[31m.yml", "x<U+001B>[31m.yml:1: file name must be a record id"),
        ("café.yml", "café.yml:1: file name must be a record id"),
        ("x y.yml", "x y.yml:1: file name must be a record id"),
        ("X.yml", "X.yml:1: file name must be a record id"),
    ],
)
def test_a_file_name_outside_the_id_alphabet_is_refused_on_one_line(
    briefing: Briefing, name: str, shown: str
) -> None:
    """A file named 'x.yml' and a line break once became the record 'x.'."""
    (briefing.root / "events" / name).write_text(EVENT, "utf-8")
    found = briefing.problems()
    assert len(found) == 1 and "\n" not in found[0] and "\r" not in found[0]
    assert found[0].startswith(f"events/{shown}")


def test_an_id_that_would_take_the_place_of_a_generated_page_is_refused(
    briefing: Briefing,
) -> None:
    briefing.write("events/index.yml", EVENT)
    assert briefing.problems() == [
        "events/index.yml:1: file name must not be 'index.yml': the site makes a page of that "
        "name for the collection — rename the file"
    ]


def test_a_link_to_a_long_odd_id_is_shown_shortened(briefing: Briefing) -> None:
    briefing.edit(SIGNING, "[[inf-treaty|the treaty]].", f"'{'[[' * 3000}x]]'")
    found = briefing.problems()
    assert found == [
        f"{SIGNING}:5: summary: links to [[{'[' * 59}…]], but there is no record '{'[' * 59}…'"
    ]


def test_an_era_id_with_a_line_break_is_refused(briefing: Briefing) -> None:
    """'end' and a line break once passed as an id (a $ matched before it) and broke the
    era's heading."""
    briefing.edit("briefing.yml", "  - id: end\n", '  - id: "end\\n"\n')
    assert briefing.problems() == [
        "briefing.yml:17: eras[1].id: must be a record id in lowercase-kebab-case, like "
        "'foreign-ministry' (got 'end<U+000A>')"
    ]
