"""What `make serve` keeps from one build to the next in its one process, and what it must not.

Each rebuild makes a new catalog, renderer and theme; what does not depend on the data is
kept (the compiled templates, the HTML of each piece of Markdown), so that an edit shows
within seconds. What depends on the data must come out of the new catalog every time, and
the same data must give the same bytes in every process, or a dirty build would differ from
a fresh one.
"""

from __future__ import annotations

from conftest import Briefing

from macros.site import timeline as chronology
from macros.site.render import Renderer


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
