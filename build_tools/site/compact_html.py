"""Smaller generated pages: Material's templates indent deeply, and every exercise page repeats that nav."""

from __future__ import annotations

import re

_INDENTED_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_KEEPS_WHITESPACE = re.compile(r"<(pre|textarea)\b", re.I)


def collapse_indentation(html: str) -> str:
    """Drop blank lines and leading indentation (a newline still separates words, so nothing renders
    differently); pages with <pre> or <textarea>, where whitespace is content, are left alone."""
    if _KEEPS_WHITESPACE.search(html):
        return html
    return _INDENTED_LINES.sub("\n", html)
