"""``make pdf``: the briefing pack (docs/pack.md) printed to PDF by headless Chromium.

    python tests/pdf.py [SITE_DIR] [OUT_DIR]

Serves the built site, opens the pack, points its links at the published briefing (the
address in data/briefing.json: ``url`` of briefing.yml, or SITE_URL, which the publish
workflow sets) rather than at the local server (with no address, links to other pages are
left out, as there is no page to point to), and prints it with
Playwright's ``page.pdf`` on A4 and on US Letter: OUT_DIR/briefing-pack-a4.pdf and
briefing-pack-letter.pdf (default build/pdf/, git-ignored). The margins and the page
numbers come from docs/assets/pack.css (``@page``), so printing from a browser gives the
same pages. To look at them: ``pdftoppm -r 60 -png build/pdf/briefing-pack-a4.pdf page``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page

from browser import NoChromium, browser, serve

PACK = "pack/"
PAPERS = {"a4": "A4", "letter": "Letter"}
#: Links to other pages of the site lead to the published briefing; links within the pack
#: (``#source-3``) stay internal, so the PDF's own links still work. (Material's instant
#: navigation has made every ``href`` absolute by now, so they are told apart by address.)
_REBASE = """([local, published]) => {
  const here = location.href.split("#")[0];
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.href.split("#")[0] === here || !link.href.startsWith(local)) continue;
    if (published) link.href = published + link.href.slice(local.length);
    else link.removeAttribute("href");
  }
}"""


def published_url(site: Path) -> str:
    """The briefing's published address, from its data; '' when it has none."""
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    url = str(data["briefing"]["url"])
    return url if url.startswith(("https://", "http://")) else ""


def open_pack(page: Page, base: str, published: str) -> None:
    """The pack as it will be printed: loaded, with links pointing at the published site."""
    page.goto(base + PACK, wait_until="networkidle")
    page.evaluate(_REBASE, [base, published])
    page.emulate_media(media="print")


def print_pack(
    chromium: Browser, base: str, site: Path, out: Path, papers: dict[str, str] = PAPERS
) -> list[Path]:
    """Print the pack of ``site``, served at ``base``, once per paper size; the PDFs written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    page = chromium.new_page()
    try:
        open_pack(page, base, published_url(site))
        for name, paper in papers.items():
            target = out / f"briefing-pack-{name}.pdf"
            page.pdf(path=str(target), format=paper, print_background=True, outline=True)
            written.append(target)
    finally:
        page.close()
    return written


def main(site: Path, out: Path) -> int:
    try:
        with browser() as chromium, serve(site) as base:
            written = print_pack(chromium, base, site, out)
        for path in written:
            print(f"wrote {path}")
    except NoChromium as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    site = Path(arguments[0]) if arguments else Path("site")
    out = Path(arguments[1]) if len(arguments) > 1 else Path("build") / "pdf"
    sys.exit(main(site, out))
