"""The macros editors call: each is documented, and a wrong call says what to fix."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import Briefing
from macros.facts import urls
from macros.facts.checking import check
from macros.site.render import Renderer
from macros.site.views import MACROS, MacroError, Views

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"


@pytest.fixture(scope="module")
def views() -> Views:
    built, problems = check(ROOT / "tests" / "fixtures" / "valid")
    assert built is not None and not problems
    return Views(built, Renderer(built))


def documented() -> set[str]:
    return set(re.findall(r"^### (\w+)\(", GUIDE.read_text(encoding="utf-8"), re.MULTILINE))


def test_every_macro_is_documented_for_editors() -> None:
    assert set(MACROS) - documented() == set()


def test_the_guide_documents_no_macro_that_does_not_exist() -> None:
    assert documented() - set(MACROS) == set()


def test_a_wrong_id_names_the_macro_and_suggests_the_right_one(views: Views) -> None:
    page = views.renderer.page("index.md")
    with pytest.raises(MacroError) as error:
        views.ref(page, "inf-treatty")
    assert str(error.value) == "ref(): no record 'inf-treatty' — did you mean 'inf-treaty'?"


def test_an_id_of_the_wrong_kind_is_refused(views: Views) -> None:
    page = views.renderer.page("index.md")
    with pytest.raises(MacroError) as error:
        views.agreement(page, "united-states")
    assert str(error.value) == "agreement(): 'united-states' is not an agreement"


def test_a_right_id_renders_a_link_relative_to_the_page(views: Views) -> None:
    page = views.renderer.page("events/inf-signing.md")
    assert (
        views.ref(page, "inf-treaty").strip()
        == '<a href="../../agreements/inf-treaty/">INF Treaty</a>'
    )


def test_compare_refuses_a_topic_an_agreement_has_no_article_on(views: Views) -> None:
    page = views.renderer.page("index.md")
    with pytest.raises(MacroError) as error:
        views.compare(page, ["inf-treaty"], "eliminaton")
    assert (
        str(error.value)
        == "compare(): 'inf-treaty' has no article on 'eliminaton' — did you mean 'elimination'?"
    )


# --- Lists too long for one page --------------------------------------------------------------


def test_a_timeline_too_long_for_one_page_lists_its_parts_instead(views: Views) -> None:
    split = Views(views.catalog, views.renderer, page_items=1)
    assert len(split.timeline_parts) == len(split.timeline_items) == 3
    html = split.timeline(views.renderer.page("timeline.md"))
    assert "data-brief-item" not in html
    links = re.findall(r'<a href="([^"]+)" data-brief-part>', html)
    assert links == [urls.href("timeline.md", p.source) for p in split.timeline_parts]


def test_a_part_of_the_timeline_shows_its_entries_with_filters_of_its_own(views: Views) -> None:
    split = Views(views.catalog, views.renderer, page_items=1)
    first, second = split.timeline_parts[:2]
    html = split.timeline(views.renderer.page(first.source), part=first.slug)
    assert re.findall(r'<li class="brief-item[^"]*" id="([^"]+)"', html) == [
        i.entry.id for i in first.items
    ]
    assert html.count("data-brief-filters") == 1
    assert f'rel="next" data-brief-part>{second.title} →</a>' in html
    assert 'rel="prev"' not in html


def test_a_wrong_part_of_the_timeline_is_refused_with_a_suggestion(views: Views) -> None:
    split = Views(views.catalog, views.renderer, page_items=1)
    slug = split.timeline_parts[0].slug
    with pytest.raises(MacroError) as error:
        split.timeline(views.renderer.page("index.md"), part=slug + "x")
    assert str(error.value) == (
        f"timeline(): no part of the timeline '{slug}x' — did you mean '{slug}'?"
    )


def test_a_timeline_that_fits_on_one_page_has_no_parts(views: Views) -> None:
    assert views.timeline_parts == []
    assert "data-brief-part" not in views.timeline(views.renderer.page("timeline.md"))


def test_perspectives_past_the_page_budget_show_the_latest_and_point_to_the_index(
    briefing: Briefing,
) -> None:
    text = (briefing.root / "perspectives" / "arms-control-view.yml").read_text()
    briefing.write("perspectives/later-view.yml", text.replace("2019-08-02", "2019-09-01"))
    built = briefing.catalog()
    capped = Views(built, Renderer(built), page_items=1)
    html = capped.perspectives(capped.renderer.page("compare.md"))
    assert html.count('<article class="brief-perspective ') == 1
    assert "../perspectives/later-view/" in html
    assert "The 1 most recent of 2 perspectives" in html
    whole = Views(built, Renderer(built)).perspectives(capped.renderer.page("compare.md"))
    assert "most recent" not in whole


HOSTILE_NAME = '[x](https://evil.example) ![i](https://evil.example/p.png) {: onclick="a" } *b*'


def test_a_record_name_in_ref_is_text_to_markdown_too(briefing: Briefing) -> None:
    """ref() is called inside a sentence, so MkDocs reads its output as Markdown (with
    attr_list): a name must not become a link, an image, attributes or emphasis there."""
    briefing.edit("actors/soviet-union.yml", "short_name: USSR", f"short_name: '{HOSTILE_NAME}'")
    built, problems = check(briefing.root)
    assert built is not None and not problems
    views = Views(built, Renderer(built))
    sentence = "The " + views.ref(views.renderer.page("index.md"), "soviet-union") + " signed."
    html = markdown.markdown(sentence, extensions=["attr_list", "md_in_html", "abbr"])
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["actors/soviet-union/"]
    assert soup.find_all(["img", "em"]) == []
    assert [t for t in soup.find_all(True) if t.has_attr("onclick")] == []
    assert " ".join(soup.get_text().split()) == f"The {HOSTILE_NAME} signed."


def test_the_twin_without_escaping_would_have_made_markup() -> None:
    """The negative control: the same name, escaped for HTML only, becomes markup."""
    html = markdown.markdown(f'The <a href="x">{HOSTILE_NAME}</a>.', extensions=["attr_list"])
    assert "<img" in html and html.count("<a ") == 2


def test_an_event_or_reaction_page_links_back_to_its_place_in_the_timeline() -> None:
    built, problems = check(ROOT / "tests" / "fixtures" / "valid")
    assert built is not None and not problems
    renderer = Renderer(built)
    views = Views(built, renderer)
    for record_id, era in [
        ("inf-signing", "negotiation-and-force"),
        ("withdrawal-statement-2019", "end"),
    ]:
        page = renderer.page(urls.record_page(built.records[record_id].collection, record_id))
        html = views.record(page, record_id)
        assert f'href="../../timeline/#{record_id}"' in html
        assert f'href="../../timeline/#era-{era}"' in html
    # The twin: a record the timeline does not list has no such link.
    page = renderer.page(urls.record_page("actors", "soviet-union"))
    assert "brief-on-timeline" not in views.record(page, "soviet-union")
    # A timeline in parts: the link goes to the part that lists the entry.
    split = Views(built, renderer := Renderer(built), page_items=1)
    page = renderer.page(urls.record_page("events", "inf-signing"))
    assert 'href="../../timeline/negotiation-and-force/#inf-signing"' in split.record(
        page, "inf-signing"
    )
