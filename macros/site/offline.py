"""A site read from disk (Material's offline plugin): the one inline script its search needs.

From ``file://`` a browser starts no web worker, so Material's search runs its worker in a
hidden frame through the iframe-worker shim (our pinned copy, theme/assets/javascripts/).
The shim writes one inline script into that frame, which inherits the page's
Content-Security-Policy. Rather than allow every inline script, the policy allows this one
by its hash: the script is the shim's two functions and the worker's address as the page
links it, so the hash is worked out here, per page, from the pinned shim itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

SHIM = Path(__file__).parent / "theme" / "assets" / "javascripts" / "iframe-worker-shim.js"
#: The shim's ``postMessage`` and ``importScripts`` stand-ins, as the browser prints them.
_FUNCTIONS = re.compile(r"(function c\(.*?\})(?=function d)(function d\(.*?\})(?=var o=)")


@cache
def _functions() -> tuple[str, str]:
    found = _FUNCTIONS.search(SHIM.read_text(encoding="utf-8"))
    if found is None:  # a new shim: tests/site/test_offline.py says what to look at
        raise ValueError(f"{SHIM.name}: its functions c and d are not where they were")
    return found.group(1), found.group(2)


def worker_script_hash(worker_href: str) -> str:
    """The CSP source (``'sha256-…'``) of the script the shim writes for ``worker_href``."""
    post, imports = _functions()
    script = (
        f'postMessage={post};importScripts={imports};addEventListener("error",({{error}})=>'
        f'{{parent.dispatchEvent(new ErrorEvent("error",{{filename:"{worker_href}",error}}))}})'
    )
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"
