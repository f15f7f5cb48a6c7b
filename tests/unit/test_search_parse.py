"""The quick reader of HTML for search (build_tools/search_parse.py) gives the sections Material's own parser
gives, for any HTML; and it really is the one reading well-formed HTML. The HTML drawn here is made of what
Material's rules turn on: headings with and without ids, permalinks, skipped and excluded elements, kept
tags, preformatted text, entities and whitespace."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from build_tools.search_parse import QuickParser, feed, search_sections

TAGS = ["p", "h1", "h2", "h3", "li", "ul", "ol", "pre", "code", "a", "div", "figure", "span", "sub", "sup"]
TAGS += ["strong", "script", "style", "object", "br", "img", "svg", "path", "H2", "h4", "P", "x-y", "hx"]
NAMES = ["id", "class", "href", "title", "data-search-exclude", "Data-Search-Exclude", "aria-label"]
# Pages are quick to draw and read: seven for each whole record test_properties.py draws (`make test`: 210).
EXAMPLES = 7 * int(os.environ.get("ATLAS_PROPERTY_EXAMPLES", "30"))
MEANINGFUL = ['id="a"', 'id="b"', 'class="headerlink"', 'class="linenodiv"', "data-search-exclude", 'id=""']
TEXT = st.text(alphabet="ab &;#<>\"'/=\n\t-é¶", max_size=12)
ENTITIES = st.sampled_from(["&amp;", "&para;", "&#169;", "&#x3C;", "&lt;b&gt;", "&bogus;", "&", "&amp"])


@st.composite
def start_tag(draw: Any, strict: bool, name: str | None = None) -> str:
    """A start tag (of the given name, or any); an element's own start tag when given a name."""
    any_tag = [t for t in TAGS if t not in ("script", "style")] if strict else TAGS
    name = name or draw(st.sampled_from(any_tag))
    attributes = ""
    for meaningful in draw(st.lists(st.sampled_from(MEANINGFUL), max_size=2)):
        attributes += f" {meaningful}"
    for attribute in draw(st.lists(st.sampled_from(NAMES), max_size=2)):
        value = draw(st.one_of(TEXT, ENTITIES)).replace('"', "")
        form = draw(st.sampled_from(['="{}"', "='{}'", ' = "{}"', ""] + ([] if strict else ["={}", "=={}"])))
        attributes += f" {attribute}" + form.format(value.replace("'", "") if "'" in form else value)
    closings = [">", "\n>"] if name in ELEMENT_TAGS else [">", "/>", " />", "\n>"]
    closing = draw(st.sampled_from(closings + ([] if strict else ["/ >", " / >"])))
    return f"<{name}{attributes}{closing}"


ELEMENT_TAGS = ["div", "h2", "h3", "pre", "p", "li", "a", "figure", "span", "code", "object", "hx"]


@st.composite
def element(draw: Any, children: st.SearchStrategy[str], strict: bool) -> str:
    """A whole element: its start tag, what it holds, and its end tag (so elements nest as on a page)."""
    name = draw(st.sampled_from(ELEMENT_TAGS))
    inside = "".join(draw(st.lists(children, max_size=4)))
    return draw(start_tag(strict, name)) + inside + f"</{name}>"


def html(strict: bool) -> st.SearchStrategy[str]:
    """Pieces in any order, and whole elements nested in one another, made of them."""
    return st.lists(
        st.recursive(pieces(strict), lambda children: element(children, strict), max_leaves=12), max_size=8
    ).map("".join)


def pieces(strict: bool) -> st.SearchStrategy[str]:
    tags = st.sampled_from(TAGS)
    well_formed = [
        TEXT.map(lambda text: text.replace("<", "")),
        ENTITIES,
        st.sampled_from([" ", "\n", " \n\t"]),  # (Material keeps runs of whitespace only in <pre>)
        start_tag(strict),
        tags.map(lambda name: f"</{name}>"),
        tags.map(lambda name: f"</ {name}\n>"),
        st.sampled_from(["<!--x-->", "<!---->", "<!-- a -- >", "<!--<p>-->"]),
        st.sampled_from(["<script>if (a < b) { x = '</p>'; }</script>", "<style>p > a { }</STYLE >"]),
    ]
    if strict:
        return st.one_of(well_formed)
    return st.one_of(
        *well_formed,
        TEXT,
        st.sampled_from(["<!DOCTYPE html>", "<?php ?>", "<![CDATA[x]]>", "< p>", "<p", "<!--", "<script>"]),
    )


def sections_of(read: Any, html: str) -> Any:
    """The sections as plain values, or the exception raised reading them."""
    try:
        sections = read(html)
    except Exception as error:  # Material's own handlers fail on some tangles; both must fail alike
        return type(error).__name__
    return [(s.el.tag, s.el.attrs, s.depth, s.id, "".join(s.title), "".join(s.text)) for s in sections]


def material_sections(html: str) -> list[Any]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return list(parser.data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(html(strict=False))
def test_any_html_gives_the_sections_material_gives(page):
    assert sections_of(search_sections, page) == sections_of(material_sections, page)


@settings(max_examples=EXAMPLES, deadline=None)
@given(html(strict=True))
@example("<pre><code>a <!--x-->\n<span> </span> \n<b></b>\t</code></pre><p> <!--y--> </p>")
@example('<div><h2 id="a">A<a class="headerlink" href="#a">&para;</a></h2><p>in</p></div><p>after</p>')
@example("<div data-search-exclude><div>x</div>hidden</div><p>shown</p><object>no</object>")
def test_well_formed_html_is_read_quickly_and_gives_the_sections_material_gives(page):
    try:
        assert feed(QuickParser(), page) is True
    except ValueError:  # Material's own handlers fail on some tangles (below: its parser fails alike)
        pass
    assert sections_of(search_sections, page) == sections_of(material_sections, page)


def test_a_page_like_ours_is_read_quickly_with_entities_comments_scripts_and_drawings():
    html = (
        '<p class="atlas-summary">Knees &amp; hips</p>\n'
        '<figure class="atlas-figure" data-search-exclude><div><!--atlas-set-aside-0--></div>'
        '<svg viewBox="0 0 10 10"><path d="M0 0L1 1"/></svg><figcaption>Drawing</figcaption></figure>\n'
        '<h2 id="how-to-do-it" TITLE="a &gt; b">How to do it'
        '<a class="headerlink" href="#how-to-do-it">&para;</a>'
        "</h2>\n<OL><li>Bend <sub>1</sub></li><li> </li></OL>"
        '<script type="application/ld+json">{"a": "</p><h2 id=\\"x\\">"}</script>'
        "<br><img alt='x' src=\"a.svg\">"
    )
    assert feed(Parser(), html) is True
    found = sections_of(search_sections, html)
    assert found == sections_of(material_sections, html)
    heading = ("h2", {"id": "how-to-do-it", "title": "a > b"}, 1, "how-to-do-it", "How to do it")
    assert found == [  # (the blank item stays: Material looks for the first <li> of the section to drop)
        ("hx", {}, 0, None, "", "<p>Knees &amp; hips</p> "),
        (*heading, " <ol><li>Bend <sub>1</sub></li><li> </li></ol>"),
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><p>x</p>",
        "<a href=foo/>x</a>",
        "<p>a < b</p>",
        "<p class=x>y</p>",
        "<script>never closed",
        "<p>text",  # (this one is well-formed: text may end a page)
    ],
)
def test_what_is_not_strictly_well_formed_is_left_to_htmlparser(html):
    assert feed(Parser(), html) is (html == "<p>text")
    assert sections_of(search_sections, html) == sections_of(material_sections, html)


def test_a_page_read_in_the_last_build_is_not_read_again_and_each_page_gets_its_own_sections(monkeypatch):
    import build_tools.search_parse as search_parse

    reads: list[str] = []
    monkeypatch.setattr(
        search_parse, "search_sections", lambda html: reads.append(html) or search_sections(html)
    )
    memory = search_parse.SectionsByHtml()
    untitled = '<p>no heading here</p><h2 id="b">B</h2><p>more</p>'
    first = memory.sections(untitled)
    assert sections_of(lambda _: first, untitled) == sections_of(material_sections, untitled)
    first[0].title.append("Page one's title")  # as Material titles a section without a heading

    memory.new_build()  # a serve rebuild: the same HTML on another page is not read again
    second = memory.sections(untitled)
    assert reads == [untitled]
    assert sections_of(lambda _: second, untitled) == sections_of(material_sections, untitled)

    memory.new_build()
    memory.new_build()  # a page no build has shown since is forgotten, and read again
    memory.sections(untitled)
    assert reads == [untitled, untitled]
