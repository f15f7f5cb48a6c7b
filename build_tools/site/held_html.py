"""What the content macros write, held out of Python-Markdown's way and put back in the finished page.

A content page calls macros that write finished HTML: the exercise browser's cards, the comparison
tables, a condition's exercises. Python-Markdown has nothing to do with that HTML but still reads it
all, tag by tag, in pure Python (md_in_html's parser), to find where each raw block ends: most of the
time it takes to convert the site's content pages, and a large part of a `mkdocs serve` reload.

So each macro call writes a short word instead, and the plugin swaps the HTML back in when the page's
body is converted (on_page_content), before search, the theme or any other plugin reads it. Markdown
keeps a word that stands alone as its own paragraph (`<p>word</p>`): that paragraph is replaced whole,
so a block of HTML is not wrapped in <p>; a word inside a sentence or a table cell is replaced where it
stands. The words carry a number chosen at random when the plugin starts, so no page's own text can
match one.

A macro may also write Markdown headings (`## Calm it down`), so that they are in the page's table of
contents: with keep_headings, those lines stay for Markdown and only the HTML between them is held.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

_HEADING_LINE = re.compile(r"^(#{1,6} [^\n]*)$", re.MULTILINE)  # a Markdown (ATX) heading, a line of its own


@dataclass(frozen=True)
class PutBack:
    """A page's HTML with the held parts back in it."""

    html: str
    parts: list[str]  # the parts put back, in the page's order
    lost: int  # parts whose word was not in the page: a filter changed it (`{{ macro() | upper }}`)


class HeldHtml:
    """The HTML the macros wrote for the page being converted, each part under its word."""

    def __init__(self) -> None:
        self._prefix = f"atlasheld{secrets.token_hex(6)}n"
        self._word = re.compile(rf"<p>({self._prefix}\d+)</p>|({self._prefix}\d+)")
        self._parts: dict[str, str] = {}

    def holding(self, macro: Callable[..., str], keep_headings: bool = False) -> Callable[..., str]:
        """macro, writing a word where it wrote HTML; the HTML is kept for put_back. With keep_headings,
        the Markdown heading lines it writes stay, each part between them held under a word of its own."""

        @functools.wraps(macro)
        def held(*args: object, **kwargs: object) -> str:
            written = macro(*args, **kwargs)
            if not keep_headings:
                return self._hold(written)
            pieces = _HEADING_LINE.split(written)  # (every odd piece is a heading line)
            kept = [
                piece if n % 2 else self._hold(piece)
                for n, piece in enumerate(pieces)
                if n % 2 or piece.strip()
            ]
            return "\n\n".join(kept)

        return held

    def _hold(self, html: str) -> str:
        word = f"{self._prefix}{len(self._parts)}"
        self._parts[word] = html
        return word

    def put_back(self, html: str) -> PutBack:
        """html with every held part back in place of its word; then nothing is held."""
        if not self._parts:
            return PutBack(html, [], 0)
        parts, self._parts = self._parts, {}
        used: list[str] = []

        def part(found: re.Match[str]) -> str:
            word = found[1] or found[2]
            if word not in parts:
                return found[0]
            used.append(parts[word])
            return parts[word]

        html = self._word.sub(part, html)
        return PutBack(html, used, len(parts) - len(used))

    def clear(self) -> None:
        """Forget what a page that failed to build left (`mkdocs serve` builds again with the same plugin)."""
        self._parts = {}
