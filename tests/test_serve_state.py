"""What `make serve` keeps from one build to the next in its one process, and what it must not.

Each rebuild makes a new catalog, renderer and theme; what does not depend on the data is
kept (the compiled templates, the HTML of each piece of Markdown), so that an edit shows
within seconds. What depends on the data must come out of the new catalog every time, and
the same data must give the same bytes in every process, or a dirty build would differ from
a fresh one.
"""

from __future__ import annotations

from types import SimpleNamespace

from conftest import Briefing

import macros
from macros import chronology
from macros.render import Renderer


def _config(*dirs: str, locale: str = "en", env_handlers: int = 1) -> SimpleNamespace:
    """A configuration with a theme, and ``env_handlers`` handlers of the ``env`` event (ours
    among them)."""
    events = {"env": [macros.on_env] * env_handlers}
    return SimpleNamespace(
        theme=SimpleNamespace(dirs=list(dirs), locale=locale),
        plugins=SimpleNamespace(events=events),
    )


def test_the_theme_environment_is_kept_while_the_theme_stays_the_same() -> None:
    first, second, other = object(), object(), object()
    assert macros.on_env(first, _config("a", "b"), None) is first  # type: ignore[arg-type]
    assert macros.on_env(second, _config("a", "b"), None) is first  # type: ignore[arg-type]
    assert macros.on_env(other, _config("a", "c"), None) is other  # type: ignore[arg-type]
    french = object()
    assert macros.on_env(french, _config("a", "c", locale="fr"), None) is french  # type: ignore[arg-type]


def test_no_environment_is_kept_when_another_plugin_handles_it_too() -> None:
    """Material's blog, tags or privacy plugin change the environment in their own on_env,
    for each build: a kept one would miss their changes."""
    first, second = object(), object()
    assert macros.on_env(first, _config("x", env_handlers=2), None) is first  # type: ignore[arg-type]
    assert macros.on_env(second, _config("x", env_handlers=2), None) is second  # type: ignore[arg-type]


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
