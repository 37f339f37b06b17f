"""``make screenshots``: PNGs of the built site as readers see it, to look at before a change lands.

    python tests/screenshots.py [SITE_DIR] [OUT_DIR]

Takes, into OUT_DIR (default screenshots/, git-ignored):

- the home page, the timeline and the first agreement's page at desktop (1280 px) and phone
  (375 px) width, whole pages (``home-desktop.png`` …);
- the timeline at a glance and the first chart of figures, alone, at both widths in both
  palettes (``overview-desktop-light.png``, ``chart-phone-dark.png`` …);
- the printed page of the briefing pack that holds the timeline at a glance, on A4
  (``pack-printed.png``; needs poppler's pdftotext and pdftoppm).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Literal

from playwright.sync_api import Browser

from browser import NoChromium, browser, serve
from pdf import print_pack

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
#: The drawings shot alone: (page, element).
DRAWINGS = {"overview": ("glance/", ".brief-overview"), "chart": ("", "figure.brief-chart")}
#: Words on the pack's page to shoot.
PACK_PAGE = "The timeline at a glance"


def pages(site: Path) -> dict[str, str]:
    agreements = sorted(p.parent.name for p in (site / "agreements").glob("*/index.html"))
    return {"home": "", "timeline": "timeline/", "agreement": f"agreements/{agreements[0]}/"}


def shoot_pages(chromium: Browser, base: str, site: Path, out: Path) -> None:
    for width_name, (width, height) in WIDTHS.items():
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for name, path in pages(site).items():
            page.goto(base + path, wait_until="networkidle")
            target = out / f"{name}-{width_name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(f"wrote {target}")
        context.close()


def shoot_drawings(chromium: Browser, base: str, out: Path) -> None:
    for scheme in SCHEMES:
        for width_name, (width, height) in WIDTHS.items():
            context = chromium.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            page = context.new_page()
            for name, (path, selector) in DRAWINGS.items():
                page.goto(base + path, wait_until="networkidle")
                found = page.locator(selector)
                if not found.count():
                    print(f"no {selector} on /{path}: {name} not taken", file=sys.stderr)
                    continue
                target = out / f"{name}-{width_name}-{scheme}.png"
                found.first.screenshot(path=str(target))
                print(f"wrote {target}")
            context.close()


def shoot_pack(chromium: Browser, base: str, site: Path, out: Path) -> None:
    """The pack printed on A4, and the page of it that holds the timeline at a glance."""
    with tempfile.TemporaryDirectory() as folder:
        (pdf,) = print_pack(chromium, base, site, Path(folder), {"a4": "A4"})
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        pages = text.stdout.split("\f")
        number = next((n for n, words in enumerate(pages, 1) if PACK_PAGE in words), 1)
        stem = out / "pack-printed"
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(number), "-l", str(number),
             str(pdf), str(stem)],
            check=True,
        )  # fmt: skip
        print(f"wrote {stem}.png (page {number} of {len(pages) - 1})")


def main(site: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    try:
        with browser() as chromium, serve(site) as base:
            shoot_pages(chromium, base, site, out)
            shoot_drawings(chromium, base, out)
            shoot_pack(chromium, base, site, out)
    except NoChromium as missing:
        print(missing, file=sys.stderr)
        return 1
    except FileNotFoundError as missing:
        print(f"{missing.filename} was not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    site = Path(arguments[0]) if arguments else Path("site")
    out = Path(arguments[1]) if len(arguments) > 1 else Path("screenshots")
    sys.exit(main(site, out))
