"""What `make serve` keeps from one build to the next in its one process, and what it must not.

Each rebuild makes a new catalog, renderer and theme; what does not depend on the data is
kept (the compiled templates, the HTML of each piece of Markdown), so that an edit shows
within seconds. What depends on the data must come out of the new catalog every time, and
the same data must give the same bytes in every process.
"""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from conftest import Briefing
from macros.site import timeline as chronology
from macros.site.render import CompiledTemplates, Renderer


def test_renderers_share_the_templates_but_a_link_is_named_from_their_own_catalog(
    briefing: Briefing,
) -> None:
    """The Markdown of a summary is kept by its text with its links' words written out, so
    a record renamed is renamed in every link to it, though the linking text is the same."""
    before = Renderer(briefing.catalog())
    page = before.page("perspectives/arms-control-view.md")
    summary = "A test perspective on [[inf-treaty]]."
    assert ">INF Treaty</a>" in page.md(summary)
    briefing.edit("agreements/inf-treaty.yml", "short_name: INF Treaty", "short_name: INF")
    after = Renderer(briefing.catalog())
    assert after.env is before.env
    renamed = after.page("perspectives/arms-control-view.md").md(summary)
    assert ">INF</a>" in renamed and "INF Treaty" not in renamed


def test_actors_of_one_name_are_filtered_in_the_order_of_their_ids(briefing: Briefing) -> None:
    """A set has no order of its own: ties by name are broken by id, in every process."""
    built = briefing.catalog()
    filters = chronology.filters(built, chronology.items(built), lambda record_id: "Same")
    (actors,) = [options for group, _, options in filters if group == "actor"]
    assert len(actors) == 3
    assert actors == sorted(actors)


def compiles(env: Environment, name: str) -> int:
    """How many times Jinja compiles while ``env`` loads template ``name``."""
    calls = 0
    compile_source = env.compile

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return compile_source(*args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    env.get_template(name)
    return calls


def test_a_new_environment_takes_its_templates_compiled_from_the_cache() -> None:
    """The theme's environment is new at every rebuild under `mkdocs serve`; with the cache
    (wiring.on_env) a template is compiled once, and its compiled code serves the next."""
    cache = CompiledTemplates()
    templates = {"page.html": "<p>{{ title }}</p>"}
    first = Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=True)
    assert compiles(first, "page.html") == 1
    second = Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=True)
    assert compiles(second, "page.html") == 0
    assert second.get_template("page.html").render(title="T") == "<p>T</p>"


def test_an_edited_template_is_compiled_again() -> None:
    """The negative control: a changed source does not match the cached code's checksum."""
    cache = CompiledTemplates()
    first = Environment(
        loader=DictLoader({"page.html": "<p>old</p>"}), bytecode_cache=cache, autoescape=True
    )
    assert compiles(first, "page.html") == 1
    edited = Environment(
        loader=DictLoader({"page.html": "<p>new</p>"}), bytecode_cache=cache, autoescape=True
    )
    assert compiles(edited, "page.html") == 1
    assert edited.get_template("page.html").render() == "<p>new</p>"
    cache.clear()
    again = Environment(
        loader=DictLoader({"page.html": "<p>new</p>"}), bytecode_cache=cache, autoescape=True
    )
    assert compiles(again, "page.html") == 1
