"""Where a build's time goes: our full build of a briefing, in this process.

    python bench/build_profile.py [--records 1000] [--top 25] [--seed 0] [--out FILE]
    python bench/build_profile.py --phases [--records 1000 | --data data]

The briefing is a synthetic one of ``--records`` records, or the folder ``--data`` names
(``--data data``: the default briefing, as `make serve` rebuilds it after each save). The
build runs as ``mkdocs build --strict`` runs it. By default under cProfile: printed are
the time spent in each area's own code (ours in macros/, mkdocs-macros, mkdocs,
Python-Markdown, Material, Jinja, the rest), the functions of ours and of mkdocs-macros with
the most cumulative time, and the top of the whole profile. cProfile slows function-heavy
code (Jinja, Markdown) more than the rest, so read shares, not seconds. ``--phases`` runs
without a profiler and prints the CPU seconds of each plugin event (``event page_markdown
macros`` is ours: the macros of every page) and of mkdocs' own steps, which the plain build
pays too (``page.render``: Markdown to HTML; ``theme``: Material's templates).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synth import generate

ROOT = Path(__file__).resolve().parents[1]
#: Areas by a piece of their path, the first that matches wins.
AREAS = (
    ("theme templates (both builds)", f"{ROOT.name}/macros/site/theme/"),
    ("ours (macros/)", f"{ROOT.name}/macros/"),
    ("mkdocs-macros", "mkdocs_macros"),
    ("material", "/material/"),
    ("markdown + pymdownx", "/markdown/"),
    ("markdown + pymdownx", "/pymdownx/"),
    ("mkdocs", "/mkdocs/"),
    ("jinja2 + markupsafe", "/jinja2/"),
    ("jinja2 + markupsafe", "/markupsafe/"),
    ("html.parser", "html/parser.py"),
    ("yaml + pydantic", "/yaml/"),
    ("yaml + pydantic", "/pydantic"),
)


def area(filename: str) -> str:
    for name, piece in AREAS:
        if piece in filename:
            return name
    if filename.startswith("<template>") or filename.endswith(".html"):
        return "templates (compiled Jinja)"
    return "other (stdlib, builtins)"


class PhaseClock:
    """CPU seconds (``time.process_time``) by label, from functions wrapped in place and from
    MkDocs' ``PluginCollection.run_event``. Plugin events are timed inside the steps that run
    them too, so the labels overlap."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, label: Callable[..., str]) -> None:
        """Time every call of ``owner.name`` under ``label(*args)``."""
        original = getattr(owner, name)
        spent = self.spent

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label(*args)] += time.process_time() - started

        setattr(owner, name, wrapper)

    def time_events(self) -> None:
        """Time each plugin's handler of each event as ``event <name> (<plugin>)``."""
        from mkdocs import plugins

        spent = self.spent

        def run_event(collection: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
            for method in collection.events[name]:
                collection._current_plugin = origin = collection._event_origins.get(method, "?")
                started = time.process_time()
                result = method(item, **kwargs) if item is not None else method(**kwargs)
                spent[f"event {name} ({origin})"] += time.process_time() - started
                item = item if result is None else result
            collection._current_plugin = None
            return item

        plugins.PluginCollection.run_event = run_event  # type: ignore[method-assign,assignment]

    def report(self, total: float, head: str) -> list[str]:
        """``head``, then each label's seconds and share of ``total``, largest first."""
        lines = [head]
        for label, seconds in sorted(self.spent.items(), key=lambda pair: -pair[1]):
            if seconds >= 0.01:
                lines.append(f"{seconds:7.2f} s  {seconds / total:6.1%}  {label}")
        return lines


def profile_build(data: Path, site: Path) -> pstats.Stats:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["BRIEFING_DATA"] = str(data)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site))
    profiler = cProfile.Profile()
    profiler.enable()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    return pstats.Stats(profiler)


def phases(data: Path, site: Path) -> list[str]:
    """CPU seconds by plugin event and mkdocs step, timed around each call."""
    from mkdocs.commands import build as steps
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    clock = PhaseClock()
    clock.time_events()
    clock.wrap(Page, "render", lambda *_: "page.render (Markdown to HTML)")
    clock.wrap(steps, "_build_page", lambda *_: "_build_page (page_context event, theme, write)")
    clock.wrap(steps, "_build_theme_template", lambda *_: "theme (sitemap, 404)")
    os.environ["BRIEFING_DATA"] = str(data)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.chdir(ROOT)
    started = time.process_time()
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    steps.build(config)
    total = time.process_time() - started
    return clock.report(total, f"{total:7.2f} s  CPU in all")


def report(stats: pstats.Stats, top: int) -> list[str]:
    raw = stats.stats  # type: ignore[attr-defined] # pstats keeps its table here, untyped
    total = sum(own for (_, _, own, _, _) in raw.values())
    by_area: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, _) in raw.items():
        by_area[area(filename)] += own
    lines = [f"profiled {total:.1f} s (own time by area):"]
    for name, own in sorted(by_area.items(), key=lambda pair: -pair[1]):
        lines.append(f"  {own:7.1f} s  {own / total:6.1%}  {name}")
    for title, piece in (("ours", f"{ROOT.name}/macros/"), ("mkdocs-macros", "mkdocs_macros")):
        rows = sorted(
            ((cum, calls, f"{Path(f).name}:{line}({fn})") for (f, line, fn), (_, calls, _, cum, _)
             in raw.items() if piece in f and area(f) != AREAS[0][0]),
            reverse=True,
        )  # fmt: skip
        lines.append(f"{title}: functions by cumulative time")
        lines.extend(f"  {cum:7.2f} s  {calls:>8}  {name}" for cum, calls, name in rows[:top])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1000, help="synthetic records")
    parser.add_argument("--data", type=Path, help="a briefing's folder instead, such as data")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="also save the profile (pstats) here")
    parser.add_argument("--phases", action="store_true", help="CPU by phase, no profiler")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"bench-profile-{args.records}-") as temp:
        data = args.data.resolve() if args.data else Path(temp) / "data"
        if not args.data:
            generate(args.records, data, args.seed)
        if args.phases:
            print("\n".join(phases(data, Path(temp) / "site")))
            return 0
        stats = profile_build(data, Path(temp) / "site")
    if args.out:
        stats.dump_stats(str(args.out))
    print("\n".join(report(stats, args.top)))
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
