"""The table of contents of a generated page, read from the headings its templates wrote.

Generated pages skip Python-Markdown (see pages.py), so the toc extension never sees them; the
`heading` macro (site-overrides/atlas/heading.html) writes each section heading as that extension would,
and this reads them back for Material's "On this page" sidebar and for MkDocs' anchor checks.
"""

from __future__ import annotations

import re
from typing import Any

_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">(.*?)<a class="headerlink" href="#\2"')
_ANCHOR = re.compile(r'\sid="([^"]+)"')


def headings(html: str) -> list[dict[str, Any]]:
    """Every heading the `heading` macro wrote, in order, as level, id and name (generated pages have one
    level of sections); the plugin turns them into MkDocs' table of contents."""
    found = _HEADING.findall(html)
    return [{"level": int(level), "id": anchor, "name": text} for level, anchor, text in found]


def anchor_ids(html: str) -> set[str]:
    """Every id in the page body: the anchors other pages may link to."""
    return set(_ANCHOR.findall(html))
