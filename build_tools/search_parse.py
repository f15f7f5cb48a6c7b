"""Material's search parser, made quicker without changing what it finds.

Material's search plugin divides every page's HTML into sections with its Parser, a subclass of Python's
html.parser.HTMLParser. At 1,000 exercises, reading the HTML was the largest single cost of a build: most of
it HTMLParser finding tags one method call at a time, and the rest the Parser asking, for every tag and
every piece of text, whether an open element is one it skips, by comparing element objects in Python.

QuickParser keeps Material's Parser's rules, line for line, but counts the open elements by tag, so those
questions are dictionary lookups. (Material compares its elements by tag alone, so counting tags gives the
same answers, quirks included: closing any element whose tag is being skipped ends the skipping.)

`feed` reads strictly well-formed HTML (tags whose attribute values are quoted, end tags, comments, and
the raw text of script and style) with one regular expression per piece, and calls the parser's handlers
with exactly the calls HTMLParser would make: the same tags and attributes, lower-cased and unescaped the
same way, and the same runs of text. At the first piece it does not know (a doctype, an unquoted attribute
value, a '<' that opens no tag), it gives up; `search_sections` then has HTMLParser read the page. Either
way the sections are the ones Material's own parser gives (tests/unit/test_search_parse.py compares them
with Material's Parser for any HTML, so a new release of Material that changes its rules fails there, not
in the search box).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import (  # type: ignore[import-untyped]
    Element,
    Parser,
    SearchIndex,
    Section,
    void,
)
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
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
ALWAYS_SKIPPED = ("script", "style", "object")  # Material never stops skipping these


class QuickParser(Parser):  # type: ignore[misc]  # (Material is untyped)
    """Material's Parser with the open elements counted by tag (see above); the handlers follow
    material/plugins/search/plugin.py's, in the same order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[str, int] = {}  # how many elements of each tag are open (in self.context)
        self.skipped = {getattr(item, "tag", item) for item in self.skip}  # the tags Material's skip holds

    def _skipping(self) -> bool:
        """Whether an open element is one being skipped (Material: self.skip.intersection(self.context))."""
        return any(self.open.get(tag) for tag in self.skipped)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in void:
            return
        el = Element(tag, attributes)
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in HEADINGS and "id" in attributes:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(el, depth)
            if self.data:
                self.section.id = attributes["id"]
            self.data.append(self.section)
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
            self.skipped.add(tag)
            return
        if tag in self.keep and not self._skipping():
            self._in_section().append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        context = self.context
        if not context or context[-1].tag != tag:
            return
        if self.section.depth > len(context):  # a heading nested in another element was left
            for section in reversed(self.data):
                if section.depth <= len(context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        context.pop()
        self.open[tag] -= 1
        if tag in self.skipped:
            if tag not in ALWAYS_SKIPPED:
                self.skipped.discard(tag)
            return
        if tag in self.keep and not self._skipping():
            data = self._in_section()
            index = data.index(f"<{tag}>")
            if any(not piece.isspace() for piece in data[index + 1 :]):
                data.append(f"</{tag}>")
            else:  # an empty element (or only whitespace) is dropped
                del data[index:]

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        if not self.open.get("pre"):
            data = " " if data.isspace() else data.replace("\n", " ")
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        section = self.section
        if self.open.get(section.el.tag):  # in the section's heading
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or self.open.get("pre"):
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def _in_section(self) -> list[str]:
        """Where a kept tag goes: the section's title inside its heading, else its text."""
        section = self.section
        in_heading = self.open.get(section.el.tag)
        title_or_text: list[str] = section.title if in_heading else section.text
        return title_or_text


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
    parser = QuickParser()
    if not feed(parser, html):
        parser = QuickParser()
        parser.feed(html)
        parser.close()
    # (An empty title stays empty: Material gives such a section the page's title.)
    for section in parser.data:
        section.title = ["".join(section.title)] if section.title else []
        section.text = ["".join(section.text)] if section.text else []
    return list(parser.data)


class SectionsByHtml:
    """The sections read from each page's HTML in the last build and in this one. `mkdocs serve` builds
    every page again on each save, though most pages' HTML has not changed; their sections are not read
    again. Each page gets copies (Material gives a section without a title its page's title)."""

    def __init__(self) -> None:
        self.last: dict[str, list[Section]] = {}
        self.now: dict[str, list[Section]] = {}

    def new_build(self) -> None:
        """Forget what no page of the last build had."""
        self.last, self.now = self.now, {}

    def sections(self, html: str) -> list[Section]:
        read = self.now.get(html)
        if read is None:
            read = self.last.get(html)
        if read is None:
            read = search_sections(html)
        self.now[html] = read
        return [_copy(section) for section in read]


def _copy(section: Section) -> Section:
    copied = copy.copy(section)
    copied.title, copied.text = list(section.title), list(section.text)
    return copied


class QuickSearchIndex:
    """Material's search index, reading each page's HTML with feed (search_sections) instead of Material's
    own parsing, or taking the sections already read (by a prerender worker) when parsed_ahead has them,
    or in an earlier build (sections_by_html); the entries are the ones Material would make."""

    def __init__(
        self,
        index: SearchIndex,
        parsed_ahead: Callable[[Page], list[Section] | None],
        sections_by_html: SectionsByHtml | None = None,
    ) -> None:
        self.index = index
        self.parsed_ahead = parsed_ahead
        self.read = sections_by_html.sections if sections_by_html is not None else search_sections

    def add_entry_from_context(self, page: Page) -> None:
        search = page.meta.get("search") or {}  # (what Material's own method does, less the parsing)
        if search.get("exclude"):
            return
        sections = self.parsed_ahead(page)
        for section in self.read(page.content or "") if sections is None else sections:
            if not section.is_excluded():
                self.index.create_entry_for_section(section, page.toc, page.url, page)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)
