"""The theme's page parts that every generated page of a folder shares, rendered once per folder.

Generated pages (exercises, muscles, equipment, routines) are all out of the navigation, so Material's
tabs, footer and app configuration come out the same on each page of one folder: no tab is active, there
is no previous or next page, and every link is relative to that folder. site-overrides/main.html asks
chrome_key for a key and renders such a part once per key; other pages get "" and render as usual.
"""

from __future__ import annotations

import posixpath
from typing import Any


def chrome_key(page: Any, part: str) -> str:
    """part and the folder of a generated page ('exercises' for 'exercises/clamshell/'); '' otherwise."""
    if page is None or not getattr(page.file, "generated_by", None) or not page.url.endswith("/"):
        return ""
    return f"{part} {posixpath.dirname(page.url.rstrip('/'))}"
