"""The serve benchmark's own logic (bench/serve.py): what it edits, what it deletes, what it
reports. The benchmark itself, a real `mkdocs serve`, runs from `make bench`, not here."""

from __future__ import annotations

import http.server
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.facts.checking import check

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import audit  # noqa: E402
import serve  # noqa: E402 — bench/ is not a package; its modules import each other so
from serve import Edit, Served  # noqa: E402

EVENT = """\
# yaml-language-server: $schema=../schemas/events.schema.json
date: 2024-06-19
title: Putin visits Pyongyang
kind: visit
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_edit_rewrites_the_title_line_only_and_the_file_stays_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "events/visit.yml", EVENT)
    serve.retitle(path, 'Putin visits Pyongyang: "again" bench-edit-0-1')
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[2] == 'title: "Putin visits Pyongyang: \\"again\\" bench-edit-0-1"'
    assert lines[:2] + lines[3:] == EVENT.splitlines()[:2] + EVENT.splitlines()[3:]
    assert (
        yaml.safe_load(path.read_text())["title"]
        == 'Putin visits Pyongyang: "again" bench-edit-0-1'
    )


def test_the_edited_event_is_the_first_whose_title_is_one_line(tmp_path: Path) -> None:
    write(tmp_path, "events/a-folded.yml", "title: >-\n  A title folded\n  over two lines\n")
    write(tmp_path, "events/b-plain.yml", EVENT)
    path, title = serve.editable(tmp_path)
    assert (path.name, title) == ("b-plain.yml", "Putin visits Pyongyang")
    (tmp_path / "events" / "b-plain.yml").unlink()
    with pytest.raises(ValueError, match="no event with a one-line title"):
        serve.editable(tmp_path)


def test_the_record_deleted_is_one_no_other_file_names(tmp_path: Path) -> None:
    kept = write(tmp_path, "events/visit.yml", EVENT + "summary: See [[named-reaction]].\n")
    write(tmp_path, "reactions/named-reaction.yml", "title: Named\n")
    write(tmp_path, "reactions/unnamed-reaction.yml", "title: Unnamed\n")
    write(tmp_path, "briefing.yml", "key_figures: [some-figure]\n")
    write(tmp_path, "figures/some-figure.yml", "title: A figure\n")
    assert serve.unnamed(tmp_path, kept) == tmp_path / "reactions" / "unnamed-reaction.yml"


def test_an_id_that_begins_another_is_not_named_by_it(tmp_path: Path) -> None:
    kept = write(tmp_path, "events/visit-12.yml", "title: Visit\nsummary: See [[reply-12|it]].\n")
    write(tmp_path, "reactions/reply-12.yml", "title: Named\n")
    write(tmp_path, "reactions/reply-1.yml", "title: Unnamed, though reply-12 begins so\n")
    assert serve.unnamed(tmp_path, kept) == tmp_path / "reactions" / "reply-1.yml"


def test_a_record_that_alone_cites_a_source_is_not_deleted(tmp_path: Path) -> None:
    kept = write(tmp_path, "events/visit.yml", EVENT + "sources: [shared]\n")
    write(tmp_path, "reactions/alone.yml", "title: Alone\nsources: [its-own]\n")
    write(tmp_path, "reactions/shares.yml", "title: Shares\nsources: [shared]\n")
    write(tmp_path, "sources/its-own.yml", "title: Its own\n")
    write(tmp_path, "sources/shared.yml", "title: Shared\n")
    assert serve.unnamed(tmp_path, kept) == tmp_path / "reactions" / "shares.yml"


def test_no_record_is_deleted_when_every_one_is_named(tmp_path: Path) -> None:
    kept = write(tmp_path, "events/visit.yml", EVENT + "summary: See [[named-reaction]].\n")
    write(tmp_path, "reactions/named-reaction.yml", "title: Named\nto: [visit]\n")
    assert serve.unnamed(tmp_path, kept) is None


def test_a_record_is_served_at_its_collection_and_id() -> None:
    assert serve.page_of(Path("data/events/putin-visit-2024.yml")) == ("events/putin-visit-2024/")


def test_the_default_briefing_has_an_event_to_edit_and_a_record_to_delete(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edited, _ = serve.editable(data)
    deleted = serve.unnamed(data, edited)
    assert deleted is not None and deleted != edited
    deleted.unlink()
    assert check(data).problems == [], "deleting it must leave the briefing valid"


def served(name: str, seconds: list[float | None], problems: list[str] | None = None) -> Served:
    edits = [Edit(s, None if s is None else s - 0.5, 1) for s in seconds]
    return Served(name, 188, "events/x/", 3.0, edits, "gone (events)", problems or [])


def test_the_figures_are_the_median_and_the_worst_of_the_edits() -> None:
    result = served("default", [1.5, 1.1, 1.9, 1.2, 1.3])
    assert (result.median, result.worst, result.build_median) == (1.3, 1.9, 0.8)
    assert result.passed


def test_an_edit_never_seen_or_a_failed_delete_check_fails_the_run() -> None:
    assert not served("default", [1.1, None]).passed
    assert not served("default", [1.1], ["events/x/ still answers"]).passed
    assert not served("default", []).passed


def test_the_table_puts_both_briefings_side_by_side_with_their_ratio() -> None:
    lines = serve.table([served("default", [1.0, 1.2, 1.4]), served("synthetic", [6.0, 6.0])])
    assert lines[0].split() == [
        "briefing", "records", "first", "s", "edits", "median", "s", "worst", "s", "build", "s",
        "rebuilds", "×default", "deleted", "record",
    ]  # fmt: skip
    assert lines[2].split() == [
        "default",
        "188",
        "3.00",
        "3",
        "1.20",
        "1.40",
        "0.70",
        "3",
        "—",
        "gone",
        "(events)",
    ]
    assert lines[3].split()[-3] == "5.00"


def test_the_target_holds_when_the_median_edit_was_served_within_2_s() -> None:
    assert serve.verdict(served("default", [1.2, 1.9, 2.4])) == (
        "target edit served in ≤ 2 s on the default briefing (median): yes (1.90 s; worst 2.40 s)"
    )
    assert ": NO (2.10 s; worst 2.10 s)" in serve.verdict(served("default", [0.9, 2.1, 2.1]))
    assert ": NO " in serve.verdict(served("default", [1.2, 1.2, None]))


@pytest.fixture
def http_server() -> Iterator[str]:
    """A server answering 200 on / and 404 elsewhere, on a free port."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/"
            self.send_response(200 if found else 404)
            self.end_headers()
            self.wfile.write(b"here" if found else b"not here")

        def log_message(self, *_: object) -> None:
            pass

    with audit.serving(Handler) as base:
        yield base


def test_fetch_returns_an_error_status_with_its_page(http_server: str) -> None:
    assert serve.fetch(http_server, 5) == serve.Response(200, "here")
    assert serve.fetch(http_server + "gone/", 5) == serve.Response(404, "not here")


def test_fetch_returns_none_when_nothing_answers() -> None:
    assert serve.fetch(f"http://127.0.0.1:{serve.free_port()}/", 5) is None
