"""The macros editors call: each is documented, and a wrong call says what to fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import catalog as catalogs
from macros import load
from macros.render import Renderer
from macros.views import MACROS, MacroError, Views

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "macros.md"


@pytest.fixture(scope="module")
def views() -> Views:
    built, problems = catalogs.build(load.load(ROOT / "tests" / "fixtures" / "valid"))
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
