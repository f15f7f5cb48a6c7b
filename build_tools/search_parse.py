"""Material's search parser, fed by a quicker reader of the HTML.

Material's search plugin divides every page's HTML into sections with its Parser, a subclass of Python's
html.parser.HTMLParser. At 1,000 exercises, reading the HTML was the largest single cost of a build, and
most of it was HTMLParser finding tags one method call at a time. `feed` reads strictly well-formed HTML
(tags whose attribute values are quoted, end tags, comments, and the raw text of script and style) with
one regular expression per piece, and calls the Parser's own handlers with exactly the calls HTMLParser
would make: the same tags and attributes, lower-cased and unescaped the same way, and the same runs of
text. At the first piece it does not know (a doctype, an unquoted attribute value, a '<' that opens no
tag), it gives up; `search_sections` then has HTMLParser read the page. Either way the sections are the
ones Material's own parser gives (tests/unit/test_search_parse.py compares them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

from material.plugins.search.plugin import Parser, SearchIndex, Section  # type: ignore[import-untyped]
from mkdocs.structure.pages import Page

_PIECE = re.compile(
    r"""(?P<text>[^<]+)
    |<!--(?P<comment>.*?)--\s*>
    |</\s*(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>
    |<(?P<start>[a-zA-Z][-.a-zA-Z0-9:_]*)
      (?P<attributes>(?:\s+[^\s/>"'=<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)
      \s*(?P<empty>/?)>""",
    re.VERBOSE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""\s+([^\s/>"'=<]+)(?:\s*=\s*("[^"]*"|'[^']*'))?""")
# HTMLParser reads these elements' content as raw text, up to their end tag (its CDATA_CONTENT_ELEMENTS).
_RAW_TEXT_END = {name: re.compile(rf"</\s*{name}\s*>", re.IGNORECASE) for name in ("script", "style")}


def feed(parser: Parser, html: str) -> bool:
    """Give parser the calls HTMLParser.feed(html) and close() would give it; False, having stopped
    part way, when html is not strictly well-formed (then parse it again with a new Parser)."""
    at, end = 0, len(html)
    while at < end:
        piece = _PIECE.match(html, at)
        if piece is None:
            return False
        at = piece.end()
        kind = piece.lastgroup
        if kind == "text":
            parser.handle_data(unescape(piece["text"]))
        elif kind == "end":
            parser.handle_endtag(piece["end"].lower())
        elif kind == "comment":
            parser.handle_comment(piece["comment"])
        else:  # a start tag (its last group to match may be the attributes or the '/')
            tag = piece["start"].lower()
            attributes: list[tuple[str, str | None]] = [
                (name.lower(), unescape(value[1:-1]) if value else None)
                for name, value in _ATTRIBUTE.findall(piece["attributes"])
            ]
            if piece["empty"]:
                parser.handle_startendtag(tag, attributes)
                continue
            parser.handle_starttag(tag, attributes)
            if tag in _RAW_TEXT_END:
                closing = _RAW_TEXT_END[tag].search(html, at)
                if closing is None:
                    return False
                if closing.start() > at:
                    parser.handle_data(html[at : closing.start()])
                parser.handle_endtag(tag)
                at = closing.end()
    return True


def search_sections(html: str) -> list[Section]:
    """The sections Material's search plugin reads from a page's HTML (SearchIndex.add_entry_from_context),
    each one's title and text joined as Material joins them."""
    parser = Parser()
    if not feed(parser, html):
        parser = Parser()
        parser.feed(html)
        parser.close()
    # (An empty title stays empty: Material gives such a section the page's title.)
    for section in parser.data:
        section.title = ["".join(section.title)] if section.title else []
        section.text = ["".join(section.text)] if section.text else []
    return list(parser.data)


class QuickSearchIndex:
    """Material's search index, reading each page's HTML with feed (search_sections) instead of Material's
    own parsing, or taking the sections already read (by a prerender worker) when parsed_ahead has them;
    the entries are the ones Material would make."""

    def __init__(self, index: SearchIndex, parsed_ahead: Callable[[Page], list[Section] | None]) -> None:
        self.index = index
        self.parsed_ahead = parsed_ahead

    def add_entry_from_context(self, page: Page) -> None:
        search = page.meta.get("search") or {}  # (what Material's own method does, less the parsing)
        if search.get("exclude"):
            return
        sections = self.parsed_ahead(page)
        for section in search_sections(page.content or "") if sections is None else sections:
            if not section.is_excluded():
                self.index.create_entry_for_section(section, page.toc, page.url, page)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)
