"""``make screenshots``: PNGs of the built site as readers see it, to look at before a change lands.

    python tests/screenshots.py [SITE_DIR] [OUT_DIR]

Takes the home page, the timeline and the first agreement's page at desktop (1280 px) and
phone (375 px) width, whole pages, into OUT_DIR (default screenshots/, git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser import NoChromium, browser, serve

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}


def pages(site: Path) -> dict[str, str]:
    agreements = sorted(p.parent.name for p in (site / "agreements").glob("*/index.html"))
    return {"home": "", "timeline": "timeline/", "agreement": f"agreements/{agreements[0]}/"}


def main(site: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    try:
        with browser() as chromium, serve(site) as base:
            for width_name, (width, height) in WIDTHS.items():
                context = chromium.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in pages(site).items():
                    page.goto(base + path, wait_until="networkidle")
                    target = out / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"wrote {target}")
                context.close()
    except NoChromium as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    site = Path(arguments[0]) if arguments else Path("site")
    out = Path(arguments[1]) if len(arguments) > 1 else Path("screenshots")
    sys.exit(main(site, out))
