"""schema.org JSON-LD in every record's page: in its head, parsed as JSON, typed by collection,
with the properties each type needs, valid against the schema.org vocabulary (every type,
property and range: tests/schema_org.py), and safe in HTML whatever the data says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

import schema_org
from conftest import VALID, Briefing
from macros.facts import urls
from macros.facts.catalog import Catalog
from macros.facts.checking import check
from macros.facts.load import Entry
from macros.site import jsonld
from macros.site.render import Renderer
from sites import Sites
from test_site import BRIEFINGS, build_site

#: The properties every node of a type must have (schema.org requires none; these are what
#: this briefing promises, and what search engines look for).
REQUIRED = {
    "Legislation": {"name", "url", "legislationLegalForce", "legislationDate", "legislationType"},
    "Event": {"name", "url", "startDate", "description"},
    "Person": {"name", "url", "jobTitle"},
    "Country/GovernmentOrganization": {"name", "url"},
    "Organization": {"name", "url"},
    "GovernmentOrganization": {"name", "url"},
    "Claim": {"name", "url", "text", "author", "dateCreated", "firstAppearance"},
    "CreativeWork": {"name", "url", "publisher", "mainEntityOfPage"},
    "ClaimReview": {"claimReviewed", "itemReviewed", "reviewBody", "author", "url"},
}
EXPECTED_TYPE = {
    "agreements": {"Legislation"},
    "events": {"Event"},
    "reactions": {"Event"},
    "perspectives": {"Claim"},
    "figures": {"Claim"},
    "sources": {"CreativeWork"},
    "actors": {
        "Person",
        "Country/GovernmentOrganization",
        "Organization",
        "GovernmentOrganization",
    },
}
#: schema.org's own terms (an enumeration's member, such as InForce), named by @id too.
SCHEMA = "https://schema.org/"
HOSTILE = "</script><script>alert(1)</script><!-- & ' \" \u2028 {{ x }}"


def catalog_of(data: Path, site_url: str | None = None) -> Catalog:
    built, problems = check(data, site_url)
    assert built is not None and not problems, [str(p) for p in problems]
    return built


def structured(html: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed."""
    soup = BeautifulSoup(html, "html.parser")
    return [json.loads(s.string or "") for s in soup.select('script[type="application/ld+json"]')]


def disagreements_of(entry: Entry) -> int:
    record: Any = entry.record
    count = len(getattr(record, "disagreements", []))
    return count + sum(len(a.disagreements) for a in getattr(record, "articles", []))


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def pages(request: pytest.FixtureRequest, sites: Sites) -> tuple[Path, Catalog]:
    served = sites.get(request.param)
    return served.root, catalog_of(BRIEFINGS[request.param], served.base)


def test_every_record_page_describes_its_record(pages: tuple[Path, Catalog]) -> None:
    site, built = pages
    assert built.briefing is not None
    assert built.briefing.url is not None
    base = built.briefing.url.rstrip("/") + "/"
    for entry in built.records.values():
        page = urls.served_at(urls.record_page(entry.collection, entry.id))
        html = (site / page / "index.html").read_text("utf-8")
        blocks = structured(html)
        assert len(blocks) == 1, entry.id
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select('head > script[type="application/ld+json"]'), "in the head"
        assert not soup.select("article script"), "never in the content, which Material re-runs"
        document = blocks[0]
        assert document["@context"] == "https://schema.org"
        webpage, node, *reviews = document["@graph"]
        assert webpage["@type"] == "WebPage" and webpage["@id"] == base + page
        assert webpage["mainEntity"] == {"@id": base + page}
        assert webpage["isPartOf"]["name"] == built.briefing.title
        kind = node["@type"] if isinstance(node["@type"], str) else "/".join(node["@type"])
        assert kind in EXPECTED_TYPE[entry.collection], entry.id
        assert node["@id"] == base + page
        missing = REQUIRED[kind] - {k for k, v in node.items() if v}
        assert missing == set(), (entry.id, missing)
        assert len(reviews) == disagreements_of(entry), entry.id
        for review in reviews:
            assert review["@type"] == "ClaimReview"
            assert REQUIRED["ClaimReview"] <= review.keys()
            assert review["itemReviewed"]["@type"] == "Claim"
            assert review["itemReviewed"]["appearance"], "the sources that say otherwise"


def test_every_record_named_in_the_data_is_a_page_of_the_site(pages: tuple[Path, Catalog]) -> None:
    site, built = pages
    assert built.briefing is not None and built.briefing.url is not None
    base = built.briefing.url.rstrip("/") + "/"

    def ids(value: Any) -> list[str]:
        if isinstance(value, dict):
            named = value.get("@id", "")
            own = [named] if named and "#" not in named and not named.startswith(SCHEMA) else []
            return own + [i for v in value.values() for i in ids(v)]
        if isinstance(value, list):
            return [i for v in value for i in ids(v)]
        return []

    for entry in built.records.values():
        page = urls.served_at(urls.record_page(entry.collection, entry.id))
        for found in ids(structured((site / page / "index.html").read_text("utf-8"))):
            assert found.startswith(base), found
            assert (site / found.removeprefix(base) / "index.html").is_file(), found


def test_every_block_is_valid_schema_org(pages: tuple[Path, Catalog]) -> None:
    """Expanded by pyld against schema.org's vocabulary (release 12.0, offline): every type
    and property exists, and every value is in its property's range."""
    site, built = pages
    found = {}
    for entry in built.records.values():
        page = urls.served_at(urls.record_page(entry.collection, entry.id))
        for block in structured((site / page / "index.html").read_text("utf-8")):
            found[entry.id] = schema_org.problems(block)
    assert len(found) == len(built.records)
    assert {record: errors for record, errors in found.items() if errors} == {}


def test_a_value_outside_its_range_is_reported() -> None:
    """The negative control: a country attending an event, a legal force given as text, a
    property schema.org does not have."""
    document = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "A summit",
        "attendee": {"@type": "Country", "name": "Ruritania"},
        "about": {"@type": "Legislation", "legislationLegalForce": "https://schema.org/InForce"},
        "signatory": "nobody",
    }
    assert sorted(schema_org.problems(document)) == [
        "Event.attendee: a Country is not a Organization or Person",
        "Event.signatory: is not a schema.org property",
        "Legislation.legislationLegalForce: 'https://schema.org/InForce' is not a LegalForceStatus",
    ]
    fixed = {**document, "attendee": {"@type": ["Country", "GovernmentOrganization"]}}
    fixed["about"] = {
        "@type": "Legislation",
        "legislationLegalForce": {"@id": "https://schema.org/InForce"},
    }
    del fixed["signatory"]
    assert schema_org.problems(fixed) == []


def test_legal_force_follows_the_status() -> None:
    built = catalog_of(BRIEFINGS["default"])
    for entry in built.collections["agreements"]:
        node = jsonld.graph(built, entry)["@graph"][1]
        status = getattr(entry.record, "status", "")
        force = "InForce" if status == "in-force" else "NotInForce"
        assert node["legislationLegalForce"] == {"@id": f"https://schema.org/{force}"}, entry.id
    ended = jsonld.graph(catalog_of(VALID), catalog_of(VALID).records["inf-treaty"])
    assert ended["@graph"][1]["legislationLegalForce"] == {"@id": "https://schema.org/NotInForce"}
    assert ended["@graph"][1]["expires"] == "2019-08-02"


def test_a_record_without_disagreements_has_no_review(briefing: Briefing) -> None:
    built = briefing.catalog()
    assert [n["@type"] for n in jsonld.graph(built, built.records["inf-signing"])["@graph"]] == [
        "WebPage",
        "Event",
    ]
    briefing.edit(
        "events/inf-signing.yml",
        "sources: [treaty-text]",
        "sources: [treaty-text]\ndisagreements:\n  - field: date\n    value: 1987-12-09\n"
        "    sources: [withdrawal-statement]",
    )
    built = briefing.catalog()
    nodes = jsonld.graph(built, built.records["inf-signing"])["@graph"]
    assert [n["@type"] for n in nodes] == ["WebPage", "Event", "ClaimReview"]
    body = nodes[2]["reviewBody"]
    assert "gives the date as 8 December 1987" in body
    assert "report 9 December 1987" in body  # the reported date in the same words


def test_a_hostile_title_cannot_leave_the_script(briefing: Briefing) -> None:
    briefing.edit(
        "events/inf-signing.yml", "title: The INF Treaty is signed", f"title: {json.dumps(HOSTILE)}"
    )
    built = briefing.catalog()
    renderer = Renderer(built)
    graph = jsonld.graph(built, built.records["inf-signing"])
    html = renderer.macro("jsonld", "script", renderer.page("events/inf-signing.md"), graph)
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.select("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string or "")["@graph"][0]["name"] == HOSTILE
    inside = html[html.index("application/ld+json") :]
    assert "</script><script>" not in inside and "<!--" not in inside
    # Negative control: without the escaping, the same graph would close the script.
    assert "</script><script>" in json.dumps(jsonld.graph(built, built.records["inf-signing"]))


def test_a_hostile_title_survives_the_build(tmp_path_factory: pytest.TempPathFactory) -> None:
    data = tmp_path_factory.mktemp("hostile-jsonld") / "data"
    shutil.copytree(VALID, data)
    Briefing(data).edit(
        "events/inf-signing.yml", "title: The INF Treaty is signed", f"title: {json.dumps(HOSTILE)}"
    )
    out = tmp_path_factory.mktemp("hostile-jsonld-site")
    result = build_site(data, out)
    assert result.returncode == 0, result.stderr
    html = (out / "events" / "inf-signing" / "index.html").read_text("utf-8")
    blocks = structured(html)
    assert len(blocks) == 1 and blocks[0]["@graph"][0]["name"] == HOSTILE
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select('head > script[type="application/ld+json"]'), "in the head"
    carrying = [s.get("type") for s in soup.select("script") if "alert(1)" in (s.string or "")]
    assert carrying == ["application/ld+json"], "the title is data inside the JSON-LD only"
