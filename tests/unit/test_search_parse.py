"""The quick reader of HTML for search (build_tools/search_parse.py) gives the sections Material's own parser
gives, for any HTML; and it really is the one reading well-formed HTML."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from build_tools.search_parse import feed, search_sections

TAGS = ["p", "h1", "h2", "h3", "li", "ul", "ol", "pre", "code", "a", "div", "figure", "span", "sub", "sup"]
TAGS += ["strong", "script", "style", "br", "img", "svg", "path", "H2", "P", "x-y"]
NAMES = ["id", "class", "href", "title", "data-search-exclude", "Data-Search-Exclude", "aria-label"]
TEXT = st.text(alphabet="ab &;#<>\"'/=\n\t-é¶", max_size=12)
ENTITIES = st.sampled_from(["&amp;", "&para;", "&#169;", "&#x3C;", "&lt;b&gt;", "&bogus;", "&", "&amp"])


@st.composite
def start_tag(draw: Any, strict: bool) -> str:
    name = draw(st.sampled_from([t for t in TAGS if t not in ("script", "style")] if strict else TAGS))
    attributes = ""
    for attribute in draw(st.lists(st.sampled_from(NAMES), max_size=3)):
        value = draw(st.one_of(TEXT, ENTITIES)).replace('"', "")
        form = draw(st.sampled_from(['="{}"', "='{}'", ' = "{}"', ""] + ([] if strict else ["={}", "=={}"])))
        attributes += f" {attribute}" + form.format(value.replace("'", "") if "'" in form else value)
    closing = draw(st.sampled_from([">", "/>", " />", "\n>"] + ([] if strict else ["/ >", " / >"])))
    return f"<{name}{attributes}{closing}"


def pieces(strict: bool) -> st.SearchStrategy[str]:
    tags = st.sampled_from(TAGS)
    well_formed = [
        TEXT.map(lambda text: text.replace("<", "")),
        ENTITIES,
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


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces(strict=False), max_size=30).map("".join))
def test_any_html_gives_the_sections_material_gives(html):
    assert sections_of(search_sections, html) == sections_of(material_sections, html)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces(strict=True), max_size=30).map("".join))
def test_well_formed_html_is_read_quickly_and_gives_the_sections_material_gives(html):
    try:
        assert feed(Parser(), html) is True
    except ValueError:  # Material's own handlers fail on some tangles (below: its parser fails alike)
        pass
    assert sections_of(search_sections, html) == sections_of(material_sections, html)


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
