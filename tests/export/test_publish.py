"""The open data a build publishes: briefing.json against its schema and back through the
models, the CSV tables, the Data page, and ``python -m macros export``.

Every file is read with a real parser (json + jsonschema, csv) and compared with data/.
The calendar and the feed have their own modules (test_ics.py, test_atom.py).
The sites are the session's builds from tests/sites.py, so no module builds its own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import Briefing
from macros.cli import EXPORT_FORMATS, main
from macros.export import document as export_json
from macros.export import history as export_history
from macros.export import publish as export
from macros.export import tables as export_csv
from macros.facts import controls, urls
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.facts.model import COLLECTIONS
from macros.facts.model import Briefing as BriefingModel
from sites import Sites
from test_site import BRIEFINGS


def catalog_of(data: Path, site_url: str | None = None) -> Catalog:
    built_catalog, problems = check(data, site_url)
    assert built_catalog is not None and not problems, [str(p) for p in problems]
    return built_catalog


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def site(name: str, sites: Sites) -> Path:
    """The briefing built once for the session (tests/sites.py), shared with the browser tests."""
    return sites.get(name).root


@pytest.fixture(scope="module")
def address(name: str, sites: Sites) -> str:
    """The address the site was built for (SITE_URL): the briefing's url in its data files."""
    return sites.get(name).base


@pytest.fixture(scope="module")
def data(name: str) -> Path:
    return BRIEFINGS[name]


@pytest.fixture(scope="module")
def document(site: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((site / "data" / "briefing.json").read_text("utf-8"))
    return value


@pytest.fixture(scope="module")
def validator(site: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads((site / "data" / "briefing.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def files_in(data: Path, collection: str) -> list[str]:
    return sorted(p.stem for p in (data / collection).glob("*.yml"))


# --- briefing.json ---------------------------------------------------------------------------


def test_briefing_json_follows_its_published_schema(
    document: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    assert [e.message for e in validator.iter_errors(document)] == []


def test_the_schema_refuses_what_the_check_refuses(
    document: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    """Negative controls: a bad date, an unknown field, a missing id each fail."""
    changes: list[Callable[[dict[str, Any]], object]] = [
        lambda r: r["fields"].update(date="21 June"),
        lambda r: r["fields"].update(dat="2024-06-21"),
        lambda r: r.pop("id"),
        lambda r: r["dates"][0].update(precision="week"),
    ]
    for change in changes:
        broken = json.loads(json.dumps(document))
        change(broken["collections"]["events"][0])
        assert not validator.is_valid(broken), change
    assert validator.is_valid(json.loads(json.dumps(document))), "the copy itself is valid"


def test_every_record_of_data_is_in_briefing_json(document: dict[str, Any], data: Path) -> None:
    for collection in COLLECTIONS:
        ids = [record["id"] for record in document["collections"][collection]]
        assert sorted(ids) == files_in(data, collection), collection
        assert document["counts"][collection] == len(ids)


def test_briefing_json_has_each_record_on_a_line_of_its_own(
    site: Path, document: dict[str, Any]
) -> None:
    """grep finds a record, and two versions of the file diff record by record."""
    lines = (site / "data" / "briefing.json").read_text("utf-8").splitlines()
    on_a_line = [json.loads(line.strip().removesuffix(",")) for line in lines
                 if line.lstrip().startswith('{"id": ')]  # fmt: skip
    every = [record for records in document["collections"].values() for record in records]
    assert on_a_line == every
    assert lines[0] == "{" and lines[1] == '  "$schema": "briefing.schema.json",'


def test_briefing_json_loads_back_into_the_same_records(
    document: dict[str, Any], data: Path, address: str
) -> None:
    expected = catalog_of(data, address)
    for collection, records in document["collections"].items():
        model = COLLECTIONS[collection][0]
        for record in records:
            again = model.model_validate(record["fields"])
            assert again == expected.records[record["id"]].record, record["id"]
    assert BriefingModel.model_validate(document["briefing"]["fields"]) == expected.briefing


def test_a_changed_value_does_not_load_back_the_same(document: dict[str, Any], data: Path) -> None:
    """Negative control for the round trip: the comparison does see a difference."""
    expected = catalog_of(data)
    record = document["collections"]["events"][0]
    fields = {**record["fields"], "title": record["fields"]["title"] + " (changed)"}
    assert COLLECTIONS["events"][0].model_validate(fields) != expected.records[record["id"]].record


def test_every_reference_is_resolved_to_a_record_and_its_page(
    document: dict[str, Any], site: Path, data: Path
) -> None:
    by_id = {r["id"]: r for rs in document["collections"].values() for r in rs}
    expected = catalog_of(data)
    base = document["briefing"]["url"]
    for record_id, record in by_id.items():
        assert len(record["references"]) == len(expected.outgoing[record_id])
        for ref in record["references"]:
            target = by_id[ref["id"]]
            assert ref["collection"] == target["collection"]
            assert ref["url"] == target["url"]
            assert record_id in target["referred_to_by"] or ref["id"] == record_id
        page = record["url"].removeprefix(base)
        assert (site / page / "index.html").is_file(), record["url"]


def test_dates_are_spelled_out_with_their_precision(briefing: Briefing) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", "date: 1987-12~")
    value = export_json.document(briefing.catalog())
    signing = next(r for r in value["collections"]["events"] if r["id"] == "inf-signing")
    assert signing["dates"] == [
        {
            "field": "date", "edtf": "1987-12~", "iso": "1987-12", "precision": "month",
            "approximate": True, "earliest": "1987-12-01", "latest": "1987-12-31",
            "words": "c. December 1987",
        }
    ]  # fmt: skip
    treaty = next(r for r in value["collections"]["agreements"] if r["id"] == "inf-treaty")
    assert [d["field"] for d in treaty["dates"]] == ["signed.date", "in_force", "ended.date"]
    assert {d["precision"] for d in treaty["dates"]} == {"day"}


# --- CSV -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, strict=True))


def test_one_csv_per_collection_with_a_row_per_record(site: Path, data: Path) -> None:
    for collection in COLLECTIONS:
        path = site / "data" / f"{collection}.csv"
        raw = path.read_bytes()
        first_line, _, _ = raw.partition(b"\n")
        assert first_line.endswith(b"\r") and raw.endswith(b"\r\n"), "RFC 4180 ends lines in CRLF"
        assert not raw.startswith(b"\xef\xbb\xbf"), "UTF-8 without a byte-order mark"
        rows = read_csv(path)
        assert sorted(row["id"] for row in rows) == files_in(data, collection)
        header = next(csv.reader(io.StringIO(raw.decode("utf-8"))))
        assert header[:2] == ["id", "page_url"]
        assert len(header) == len(set(header)), "column names are unique"


def test_csv_dates_are_iso_with_a_precision_column(site: Path, data: Path) -> None:
    expected = catalog_of(data)
    rows = read_csv(site / "data" / "events.csv")
    for row in rows:
        date = expected.records[row["id"]].record.when()
        assert date is not None
        assert row["date"] == str(date).replace("~", "")
        assert row["date_precision"] == date.precision
        assert row["date_approximate"] == ("true" if date.approximate else "false")


def test_csv_cells_with_commas_quotes_and_line_breaks_read_back(briefing: Briefing) -> None:
    tricky = 'He said "no", then left; à bientôt'
    briefing.edit("events/inf-signing.yml", "title: The INF Treaty is signed", f"title: '{tricky}'")
    briefing.edit(
        "events/inf-signing.yml",
        "summary: The two leaders sign [[inf-treaty|the treaty]].",
        "summary: |\n  The two leaders sign.\n  Second line, with a comma.",
    )
    tables = export.downloads(briefing.catalog(), _history(briefing), ["csv"])
    body = next(d.body for d in tables if d.name == "events.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body, newline=""), strict=True))
    row = next(r for r in rows if r["id"] == "inf-signing")
    assert row["title"] == tricky
    assert row["summary"] == "The two leaders sign.\nSecond line, with a comma."
    assert row["actors"] == "united-states soviet-union"
    assert json.loads(row["disagreements"] or "[]") == []


def _csv_rows(briefing: Briefing, collection: str) -> dict[str, dict[str, str]]:
    """The briefing's CSV table of ``collection``, read back, by id."""
    tables = export.downloads(briefing.catalog(), _history(briefing), ["csv"])
    body = next(d.body for d in tables if d.name == f"{collection}.csv").decode("utf-8")
    rows = csv.DictReader(io.StringIO(body, newline=""), strict=True)
    return {row["id"]: row for row in rows}


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote(
    briefing: Briefing,
) -> None:
    formula = '=HYPERLINK("http://x.invalid","click")'
    signing = "events/inf-signing.yml"
    briefing.edit(signing, "title: The INF Treaty is signed", f"title: '{formula}'")
    briefing.edit(signing, "place: Washington", "place: '@SUM(1+1)'")
    rows = _csv_rows(briefing, "events")
    assert rows["inf-signing"]["title"] == "'" + formula
    assert rows["inf-signing"]["place"] == "'@SUM(1+1)"
    # Negative control: a title that is no formula is written as the record gives it.
    assert not rows["inf-withdrawal-2019"]["title"].startswith("'")
    assert rows["inf-signing"]["date"] == "1987-12-08", "an ISO date is left as it is"


def test_a_negative_figure_stays_a_number_in_the_csv(briefing: Briefing) -> None:
    briefing.edit("figures/missiles-eliminated.yml", "value: 2692", "value: -5")
    assert _csv_rows(briefing, "figures")["missiles-eliminated"]["value"] == "-5"
    briefing.edit("figures/missiles-eliminated.yml", "value: -5", "value: -3.25")
    assert _csv_rows(briefing, "figures")["missiles-eliminated"]["value"] == "-3.25"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x.invalid","click")', '\'=HYPERLINK("http://x.invalid","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        # Plain numbers, dates and ordinary text are written as they are.
        ("-5", "-5"),
        ("+3.2", "+3.2"),
        ("-0.5", "-0.5"),
        ("1e-05", "1e-05"),
        ("2024-06-27/2024-06-29", "2024-06-27/2024-06-29"),
        ("A = B", "A = B"),
        ("", ""),
    ],
)
def test_guarded_puts_a_quote_before_a_formula_only(cell: str, written: str) -> None:
    assert export_csv.guarded(cell) == written


def test_csv_parts_get_a_column_per_field_and_lists_of_parts_are_json(site: Path) -> None:
    rows = read_csv(site / "data" / "agreements.csv")
    for row in rows:
        assert row["signed.date"] and row["signed.date_precision"] in {"day", "month", "year"}
        articles = json.loads(row["articles"]) if row["articles"] else []
        assert all("number" in article and "topic" in article for article in articles)


# --- The Data page ---------------------------------------------------------------------------


def test_the_data_page_links_every_file_with_its_size(site: Path) -> None:
    page = BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")
    rows = page.select("table.brief-downloads tbody tr")
    listed = {}
    for row in rows:
        link, size = row.select_one("a[href]"), row.select_one("data[value]")
        assert link is not None and size is not None
        listed[str(link["href"])] = int(str(size["value"]))
    published = {p.name: p.stat().st_size for p in (site / "data").iterdir() if p.is_file()}
    published.pop("index.html")
    assert listed == published
    assert "briefing.schema.json" in listed


# --- python -m macros export -----------------------------------------------------------------


def test_the_command_writes_the_bytes_the_build_publishes(
    site: Path,
    data: Path,
    address: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITE_URL", address)  # as the build had it
    assert main(["export", "--data", str(data), str(tmp_path)]) == 0
    written = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    published = {
        p.name: p.read_bytes() for p in (site / "data").iterdir() if p.name != "index.html"
    }
    assert written.keys() == published.keys()
    assert [n for n in written if written[n] != published[n]] == []
    assert "wrote" in capsys.readouterr().out


def test_the_command_writes_only_the_formats_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "--format", "ics", "--format", "json", "--data", str(BRIEFINGS["second"])]
    assert main([*argv, str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing.json", "briefing.schema.json", "timeline.ics",
    ]  # fmt: skip
    capsys.readouterr()


def test_the_command_refuses_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", "--format", "pdf", "out"])
    assert stop.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="no format pdf"):
        export.downloads(catalog_of(BRIEFINGS["second"]), _history_of(BRIEFINGS["second"]), ["pdf"])


def test_the_command_exports_nothing_from_broken_data(
    briefing: Briefing, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefing.edit("events/inf-signing.yml", "date: 1987-12-08", "date: 8 December")
    assert main(["export", "--data", str(briefing.root), str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "date: must be a date like" in out and "1 problem in 1 file" in out
    assert not (tmp_path / "out").exists()


def test_the_command_knows_every_format() -> None:
    assert EXPORT_FORMATS == export.FORMATS


def test_the_same_data_exports_the_same_bytes(data: Path) -> None:
    first = export.downloads(catalog_of(data), _history_of(data))
    second = export.downloads(catalog_of(data), _history_of(data))
    assert [(f.name, f.body) for f in first] == [(f.name, f.body) for f in second]


def test_a_copy_outside_git_exports_the_same_data_files(data: Path, tmp_path: Path) -> None:
    """Only the dates of the feed and the calendar come from git; the rest is the data."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    here = {f.name: f.body for f in export.downloads(catalog_of(data), _history_of(data))}
    there = {f.name: f.body for f in export.downloads(catalog_of(copy), _history_of(copy))}
    assert [n for n in here if here[n] != there[n]] == (
        ["timeline.ics", "changes.atom"] if _history_of(data).changes else []
    )


def test_record_pages_in_the_json_are_where_the_site_puts_them(data: Path) -> None:
    expected = catalog_of(data)
    value = export_json.document(expected)
    base = value["briefing"]["url"]
    for collection, records in value["collections"].items():
        for record in records:
            assert record["url"] == base + urls.served_at(
                urls.record_page(collection, record["id"])
            )


def _history(briefing: Briefing) -> export_history.History:
    return _history_of(briefing.root)


def _history_of(data: Path) -> export_history.History:
    return export_history.read(data, catalog_of(data))


# --- Control characters from a file the check never saw ------------------------------------

HOSTILE_TITLE = "=1+1 a\rBEGIN:VALARM\r\nTRIGGER:-PT5M\nEND:VALARM\x01\x00\x1b[2J\x7f\x85 b;c,d\\"


def test_every_writer_drops_control_characters_and_escapes_the_rest(
    briefing: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check refuses control characters; a file written by another tool bypasses it (here
    the check's patterns are made to match nothing), so each writer still has to hold: no
    calendar property or component injected, a feed that stays XML, no control byte in a
    CSV, the formula guard kept."""
    never = re.compile(r"(?!)")
    monkeypatch.setattr(controls, "CONTROL", never)
    monkeypatch.setattr(controls, "IN_VALUE", never)
    briefing.edit(
        "events/inf-signing.yml",
        "title: The INF Treaty is signed",
        f"title: {json.dumps(HOSTILE_TITLE)}",
    )
    built, problems = check(briefing.root)
    assert built is not None and not problems
    history = export_history.History(export_history.fallback(built))
    files = {f.name: f.body for f in export.downloads(built, history)}
    calendar = icalendar.Calendar.from_ical(files["timeline.ics"])
    assert {c.name for c in calendar.subcomponents} == {"VEVENT"}
    assert b"\r\nBEGIN:VALARM" not in files["timeline.ics"]
    assert b"\r\nTRIGGER" not in files["timeline.ics"]
    signing = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("inf-signing"))
    assert str(signing["summary"]) == "=1+1 a\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM[2J b;c,d\\"
    ET.fromstring(files["changes.atom"])  # noqa: S314 — our own output: is it well-formed?
    for name, body in files.items():  # JSON escapes C0 itself; DEL and C1 are valid JSON
        if name.endswith(".json"):
            continue
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", body), name
    rows = list(csv.reader(io.StringIO(files["events.csv"].decode("utf-8"))))
    title = rows[0].index("title")
    assert any(row[title].startswith("'=1+1 a\nBEGIN") for row in rows[1:])
