"""How much a reader's browser downloads for a page, from its network log, by kind of file.

    python tests/page_weight.py [SITE_DIR] [PAGE …]

Serves the built site (default site/), opens each page (default: the home page and the
timeline) in a fresh Chromium profile, waits until the network is quiet, and prints the
kilobytes of HTML, CSS, JavaScript and the rest (the search index, the sitemap, images),
as the server sent them (it does not compress; a host that gzips sends less).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from browser import NoChromium, browser, serve
from playwright.sync_api import Page, Response

KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}


def weigh(site: Path, pages: list[str]) -> dict[str, dict[str, int]]:
    """Bytes per kind of file for each page, loaded with an empty cache."""
    weights: dict[str, dict[str, int]] = {}
    with browser() as chromium, serve(site) as base:
        for path in pages:
            context = chromium.new_context()
            sizes: dict[str, int] = defaultdict(int)
            for response in _responses(context.new_page(), base + path):
                kind = KINDS.get(response.request.resource_type, "other")
                sizes[kind] += len(response.body())
            context.close()
            weights[path or "/"] = dict(sizes)
    return weights


def _responses(page: Page, address: str) -> list[Response]:
    """Every response the page gets until its network is quiet."""
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(address, wait_until="networkidle")
    return responses


def main(site: Path, pages: list[str]) -> int:
    try:
        weights = weigh(site, pages)
    except NoChromium as missing:
        print(missing, file=sys.stderr)
        return 1
    print(f"{'page':<12}" + "".join(f"{k:>9}" for k in (*KINDS.values(), "other", "total")))
    for page, sizes in weights.items():
        row = [sizes.get(kind, 0) for kind in (*KINDS.values(), "other")]
        print(f"{page:<12}" + "".join(f"{n / 1024:>7.1f}KB" for n in (*row, sum(row))))
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    site = Path(arguments[0]) if arguments else Path("site")
    sys.exit(main(site, arguments[1:] or ["", "timeline/"]))
