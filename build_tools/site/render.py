"""Pure renderers: records in, page text out, through the Jinja templates in site-overrides/atlas/."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from markdown.extensions.toc import slugify
from markupsafe import Markup

from build_tools.data.library import Library
from build_tools.site.figures.site import site_figures
from build_tools.site.textfilter import inline_markdown, plain


def relative_url(url: str, page_url: str) -> str:
    """The link from the page at page_url to url, both site-root-relative ('exercises/x/'), as MkDocs
    writes links: a page that is a file ('404.html') links from its folder; a folder keeps its slash."""
    if page_url != ".":
        folder, name = posixpath.split(page_url)
        page_url = folder if "." in name else page_url
    relative = posixpath.relpath("/" + url, "/" + page_url)
    return relative + "/" if url.endswith("/") else relative


def _inert(value: Any) -> Any:
    """Every plain string a template prints is escaped with its braces neutralised, so contributor text is
    inert even where a template forgets the `plain` filter (Markup from our filters passes unchanged)."""
    return plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


class Renderer:
    """Renders a named template for a page, with links made relative to that page."""

    def __init__(
        self,
        library: Library,
        templates: Path,
        repo_url: str = "",
        edit_branch: str = "main",
        bytecode_cache: BytecodeCache | None = None,
    ):
        self.library = library
        self.repo_url = repo_url.rstrip("/")
        self.edit_branch = edit_branch
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            finalize=_inert,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=bytecode_cache,
        )
        self.env.filters["md"] = inline_markdown
        self.env.filters["plain"] = plain
        self.env.filters["slug"] = lambda text: slugify(text, "-")  # as the toc extension makes heading ids
        self.env.policies["json.dumps_function"] = json_without_braces
        self.env.globals["figures"] = site_figures(library)  # each exercise's drawing (site/figures)

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """Render template for the page at page_url (e.g. 'exercises/clamshell/')."""

        def link(url: str) -> str:
            return relative_url(url, page_url) if url else "."

        # Templates get page data and the vocabularies (words, not queries): they never call back into the
        # library, so what a page shows is decided in site/, where it can be tested without rendering.
        return self.env.get_template(template).render(
            vocab=self.library.vocab, link=link, page_url=page_url, **context
        )

    def source_url(self, source_path: str) -> str:
        """Where a contributor edits a record on the forge."""
        return f"{self.repo_url}/edit/{self.edit_branch}/{source_path}" if self.repo_url else ""


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def json_without_braces(value: Any, **kwargs: Any) -> str:
    """json.dumps, with braces inside strings escaped, so contributor text in JSON-LD never reads as Jinja."""
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    return _JSON_STRING.sub(lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), text)
