"""A briefing's own logo and favicon: files in its images/ folder, named in briefing.yml."""

from __future__ import annotations

from conftest import Briefing
from macros.facts.checking import check

MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n'


def test_a_logo_and_a_favicon_in_the_images_folder_check_clean(briefing: Briefing) -> None:
    briefing.write("images/logo.svg", MARK)
    briefing.write("images/tab.png", "not read\n")
    briefing.edit(
        "briefing.yml",
        "last_reviewed:",
        "logo: images/logo.svg\nfavicon: images/tab.png\nlast_reviewed:",
    )
    assert briefing.problems() == []


def test_an_image_that_is_not_there_is_named_with_its_line(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", "logo: images/logo.svg\nlast_reviewed:")
    found = [str(p) for p in check(briefing.root).problems]
    assert len(found) == 1
    assert found[0].startswith(f"{briefing.root.as_posix()}/briefing.yml:")
    assert found[0].endswith(
        "logo: names 'images/logo.svg', but there is no such file in "
        f"{briefing.root.as_posix()}/ — put the image there, or leave the line out for the "
        "neutral mark"
    )


def test_an_image_outside_the_images_folder_is_refused(briefing: Briefing) -> None:
    briefing.edit("briefing.yml", "last_reviewed:", "favicon: ../secret.png\nlast_reviewed:")
    assert [p.split(": ", 1)[1] for p in briefing.problems()] == [
        "favicon: must be an SVG or PNG file in the images/ folder of the briefing's data, like"
        " 'images/logo.svg' (got '../secret.png')"
    ]


def test_the_images_folder_holds_no_records(briefing: Briefing) -> None:
    """The twin of the stray-folder check: images/ is not taken for a collection."""
    briefing.write("images/logo.svg", MARK)
    built, found = check(briefing.root)
    assert built is not None and found == []
