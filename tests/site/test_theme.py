"""The overrides of Material in macros/site/theme/ stay in step with the Material installed.

Each overridden partial is Material's own file with the changes listed here and no other, and
each script moved out of line (for the Content-Security-Policy) is Material's inline script
word for word. When Dependabot brings a new Material, these fail until the overrides are
brought up to date, instead of the site quietly mixing two versions.
"""

from __future__ import annotations

import hashlib
import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from test_site import ROOT

_SPEC = find_spec("material")
assert _SPEC is not None and _SPEC.origin is not None, "mkdocs-material is not installed"
MATERIAL = Path(_SPEC.origin).parent / "templates"
THEME = ROOT / "macros" / "site" / "theme"
#: Overridden partial → the (Material's text, ours) replacements that make our copy.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "partials/search.html": [
        ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
    "partials/header.html": [
        # The search box, when Pagefind serves the search with Material's plugin off.
        ("{% if search.enabled %}", "{% if search.enabled or config.extra.briefing_search %}"),
    ],
    "partials/progress.html": [
        ('role="progressbar">', 'role="progressbar" aria-hidden="true">'),
    ],
    "partials/nav-item.html": [
        # The icon-only toggle of a section with an index page is named by hidden text.
        (
            'tabindex="{{ tabindex }}">\n'
            + " " * 16
            + '<span class="md-nav__icon md-icon"></span>\n',
            '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}>\n'
            + " " * 16
            + '<span class="md-nav__icon md-icon"></span>\n'
            + " " * 16
            + '<span class="brief-hidden">{{ nav_item.title | e }}</span>\n',
        ),
        # No empty tabindex (vnu: "the empty string is not a valid integer").
        (
            'id="{{ path }}_label" tabindex="{{ tabindex }}">\n' + " " * 12 + "{{ render_content",
            'id="{{ path }}_label" {% if tabindex %}tabindex="{{ tabindex }}"{% endif %}>\n'
            + " " * 12
            + "{{ render_content",
        ),
        ('aria-labelledby="{{ path }}_label"', 'aria-label="{{ nav_item.title | e }}"'),
    ],
    "partials/copyright.html": [
        (
            "  {% if not config.extra.generator == false %}",
            '  {% include "partials/identity.html" %}\n'
            "  {% if not config.extra.generator == false %}",
        ),
    ],
}
#: Files of ours, not Material's: the page's head, the briefing's identity in the footer, and
#: the search worker that asks Pagefind (site/search.py).
OWN = {"main.html", "partials/identity.html", "assets/javascripts/search.js"}
#: Blocks of Material's base.html that main.html overrides with a copy → the listed changes.
BLOCKS: dict[str, list[tuple[str, str]]] = {
    "config": [
        # Our search worker, when Pagefind serves the search.
        (
            '"search": "assets/javascripts/workers/search.',
            '"search": (config.extra.briefing_search or "assets/javascripts/workers/search.',
        ),
        ('.min.js" | url,', '.min.js") | url,'),
    ],
}
#: A package's file kept here, pinned, with its licence (site/offline.py says what for).
VENDORED = {"assets/javascripts/iframe-worker-shim.js": "assets/javascripts/iframe-worker.LICENSE"}
#: Partial whose inline script moved → (the file it moved to, replacements made on the way).
MOVED: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "partials/javascripts/base.html": (
        "assets/javascripts/scope.js",
        [
            (
                'new URL("{{ config.extra.scope | d(base_url) }}",location)',
                'new URL(document.currentScript.getAttribute("data-scope"),location)',
            )
        ],
    ),
    "partials/javascripts/palette.html": ("assets/javascripts/palette.js", []),
    "partials/javascripts/content.html": ("assets/javascripts/content.js", []),
}


def _without_header(text: str) -> str:
    """A template without its opening ``{#- … -#}`` comment (Material's says "generated")."""
    return re.sub(r"^\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


def _without_comment(script: str) -> str:
    return re.sub(r"^/\*.*?\*/\n", "", script, count=1, flags=re.S).strip()


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_override_is_materials_file_with_only_its_listed_changes(name: str) -> None:
    expected = _without_header((MATERIAL / name).read_text(encoding="utf-8"))
    for theirs, ours in CHANGES[name]:
        assert expected.count(theirs) == 1, f"Material's {name} changed: {theirs!r}"
        expected = expected.replace(theirs, ours)
    assert _without_header((THEME / name).read_text(encoding="utf-8")) == expected


def _block(text: str, name: str) -> str:
    """A template's ``{% block name %}`` … ``{% endblock %}``, its lines without their indent."""
    start = text.index(f"{{% block {name} %}}")
    end = text.index("{% endblock %}", start) + len("{% endblock %}")
    return "\n".join(line.strip() for line in text[start:end].splitlines())


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_an_overridden_block_is_materials_block_with_only_its_listed_changes(name: str) -> None:
    expected = _block((MATERIAL / "base.html").read_text("utf-8"), name)
    for theirs, ours in BLOCKS[name]:
        assert expected.count(theirs) == 1, f"Material's block {name} changed: {theirs!r}"
        expected = expected.replace(theirs, ours)
    assert _block((THEME / "main.html").read_text("utf-8"), name) == expected


@pytest.mark.parametrize("name", sorted(MOVED))
def test_a_moved_script_is_materials_inline_script(name: str) -> None:
    target, changes = MOVED[name]
    inline = re.findall(r"^<script>(.*)</script>$", (MATERIAL / name).read_text("utf-8"), re.M)
    expected = inline[-1]  # content.html: the last; the one before is content.tabs.link's
    for theirs, ours in changes:
        assert expected.count(theirs) == 1, f"Material's {name} changed: {theirs!r}"
        expected = expected.replace(theirs, ours)
    assert _without_comment((THEME / target).read_text("utf-8")) == expected
    assert "<script>" not in (THEME / name).read_text("utf-8")


def test_the_content_tabs_script_left_out_is_not_needed() -> None:
    """Material's content.html has a second script, for content.tabs.link; it is switched off."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*content\.tabs\.link\b", config, re.M)
    assert "content.tabs.link" in (MATERIAL / "partials/javascripts/content.html").read_text()


def test_every_file_of_the_theme_is_checked_here() -> None:
    checked = {
        *OWN,
        *VENDORED,
        *VENDORED.values(),
        *CHANGES,
        *MOVED,
        *(target for target, _ in MOVED.values()),
    }
    present = {p.relative_to(THEME).as_posix() for p in THEME.rglob("*") if p.is_file()}
    assert present - {p for p in present if "__pycache__" in p} == checked


def test_the_listed_changes_are_all_there_is(tmp_path: Path) -> None:
    """The twin of the first test: one unlisted change to a copy is caught."""
    name = "partials/search.html"
    changed = (THEME / name).read_text("utf-8").replace('role="search"', 'role="none"')
    expected = _without_header((MATERIAL / name).read_text("utf-8"))
    for theirs, ours in CHANGES[name]:
        expected = expected.replace(theirs, ours)
    assert _without_header(changed) != expected


@pytest.mark.parametrize("name", sorted(VENDORED))
def test_a_vendored_file_is_the_package_s_byte_for_byte_with_its_licence(name: str) -> None:
    """After its header, the file is what its header's sha256 says: the package's own file."""
    header, body = (THEME / name).read_text(encoding="utf-8").split(" */\n", 1)
    stated = re.search(r"sha256 ([0-9a-f]{64})", header)
    assert stated is not None, "the header names the package file's sha256"
    assert hashlib.sha256(body.encode("utf-8")).hexdigest() == stated.group(1)
    assert "Permission is hereby granted, free of charge" in (THEME / VENDORED[name]).read_text()
