"""Parts of a generated page held out of its HTML while other plugins read it, and put back in the page.

Material's search plugin parses every page's HTML with Python's HTMLParser, calling Python for each tag:
an exercise's two inline drawings are half the tags of its page, and give the index nothing the figure's
caption does not already say (their <title> and <desc> repeat the caption's text). So the atlas plugin
swaps them for a marker once the page body is final, and writes them back after the theme has rendered
the page: the written page is byte for byte the same.
"""

from __future__ import annotations


def marker(number: int) -> str:
    """What stands in for a part while it is set aside: a comment, which search skips."""
    return f"<!--atlas-set-aside-{number}-->"


def set_aside(html: str, parts: list[str]) -> tuple[str, list[str]]:
    """html with each of parts (found in it) replaced by a marker, and the parts so replaced, in order."""
    kept: list[str] = []
    for part in parts:
        at = html.find(part) if part else -1
        if at >= 0:
            html = html[:at] + marker(len(kept)) + html[at + len(part) :]
            kept.append(part)
    return html, kept


class SetAside:
    """The parts set aside from each page being built, by the page's source path."""

    def __init__(self) -> None:
        self._parts: dict[str, list[str]] = {}

    def hold(self, page: str, kept: list[str]) -> None:
        """Keep the parts set_aside took from this page, for put_back."""
        if kept:
            self._parts[page] = kept

    def put_back(self, page: str, html: str) -> str:
        """html with the parts taken from this page back where their markers are."""
        for number, part in enumerate(self._parts.pop(page, [])):
            html = html.replace(marker(number), part, 1)
        return html

    def clear(self) -> None:
        """Forget what a failed build left (`mkdocs serve` builds again with the same plugin)."""
        self._parts.clear()
