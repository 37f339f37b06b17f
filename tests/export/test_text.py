"""Records as plain values (macros/export/text.py): here, plain text from Markdown, worked
out once per text for each catalog, and each catalog's own names."""

from __future__ import annotations

from conftest import Briefing
from macros.export import text


def test_plain_text_names_a_linked_record_by_the_catalog_it_is_asked_for(
    briefing: Briefing,
) -> None:
    before = briefing.catalog()
    said = "The leaders sign [[inf-treaty]]."
    assert text.plain(before, said) == "The leaders sign INF Treaty."
    briefing.edit("agreements/inf-treaty.yml", "short_name: INF Treaty", "short_name: The INF")
    after = briefing.catalog()
    assert text.plain(after, said) == "The leaders sign The INF."
    assert text.plain(before, said) == "The leaders sign INF Treaty."  # each catalog its own
    assert text.plain(after, "[[inf-treaty|the treaty]] *now*") == "the treaty *now*"
