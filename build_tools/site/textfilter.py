"""Contributor text is data: render its simple Markdown, never its HTML or Jinja."""

from __future__ import annotations

import html

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"em", "strong", "a", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "http", "mailto"}
MARKDOWN_SIGNS = set("*_[`")
_markdown = markdown.Markdown()


def _neutralise_braces(text: str) -> str:
    # Braces become entities so no later template pass can ever read them as Jinja.
    return text.replace("{", "&#123;").replace("}", "&#125;")


def inline_markdown(text: str) -> Markup:
    """One line of contributor text as safe inline HTML: *em*, **strong**, `code`, [links](https://...)."""
    escaped = html.escape(text, quote=False)
    if MARKDOWN_SIGNS.isdisjoint(text):  # most text has no Markdown: skip the parser
        return Markup(_neutralise_braces(escaped))
    _markdown.reset()
    rendered = _markdown.convert(escaped).removeprefix("<p>").removesuffix("</p>")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow",
    )
    return Markup(_neutralise_braces(cleaned))


def plain(text: str) -> Markup:
    """Contributor text with no Markdown at all (names, attributes), escaped."""
    return Markup(_neutralise_braces(html.escape(text, quote=True)))
