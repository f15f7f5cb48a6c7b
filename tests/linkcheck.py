"""A small link checker for a built site: every internal href/src and #anchor must resolve to a file and id.

It reads the HTML MkDocs wrote (including links from raw HTML and templates, which `--strict` never sees).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("area", "href"),
}


@dataclass
class PageLinks:
    """The ids a page defines and the internal URLs it points at."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.found.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.found.links.append(value)


def page_links(html: str) -> PageLinks:
    """The ids and link targets in one HTML document."""
    collector = _Collector()
    collector.feed(html)
    return collector.found


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def broken_links(site: Path) -> list[str]:
    """'page -> target: reason' for each internal link whose file or #anchor does not exist."""
    pages = {
        path.relative_to(site).as_posix(): page_links(path.read_text(encoding="utf-8"))
        for path in site.rglob("*.html")
        # 404.html is served at any depth, so MkDocs writes its links from the site root (/atlas/...).
        if path.name != "404.html" or path.parent != site
    }
    problems = []
    for page, found in sorted(pages.items()):
        for url in found.links:
            if _is_external(url) or url.startswith("data:"):
                continue
            parts = urlsplit(urljoin("/" + page, url))
            target = unquote(parts.path).lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            elif (site / target).is_dir():
                target += "/index.html"
            if not (site / target).is_file():
                problems.append(f"{page} -> {url}: no file {target}")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.endswith(".html") and anchor not in pages.get(target, PageLinks()).ids:
                problems.append(f"{page} -> {url}: {target} has no id '{anchor}'")
    return problems
