"""Generated pages made ahead by forked workers while MkDocs reads the other pages.

MkDocs reads every page (on_page_markdown, Markdown, on_page_content), then renders each in the theme,
where Material's search plugin parses its HTML; all on one core. At 1,000 exercises most of that is the
generated pages: our templates render each body, and search parses it. Neither depends on another page,
so at on_nav the plugin forks workers (one per core) that render the bodies and parse them with Material's
own search parser, in the order MkDocs reads the pages; the plugin takes each page's result when MkDocs
reaches it (waiting if the workers are behind), and search indexes the sections parsed ahead. The body, its
table of contents, anchors, set-aside drawings and search sections are what the plugin would make itself,
so the site is byte for byte the same (tests/test_prerender.py builds both ways and compares). Only where
fanout.worker_count allows forking (Linux, one thread, so never under `mkdocs serve`; 400 pages or more;
more than one core); ATLAS_WORKERS=1 turns it off, ATLAS_WORKERS=2 turns it on for a small site.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from material.plugins.search.plugin import Section  # type: ignore[import-untyped]

from build_tools.data.fanout import worker_count
from build_tools.search_parse import search_sections

CHUNK = 25  # pages a worker renders before it hands them over: small enough that the first come soon


@dataclass
class PageBody:
    """A generated page's body as the plugin hands it to MkDocs, with what it reads from it."""

    html: str  # with its drawings set aside (site/set_aside.py)
    set_aside: list[str]  # the drawings, to put back after the theme has rendered the page
    headings: list[dict[str, Any]]  # for the table of contents (site/headings.py)
    anchors: set[str]
    sections: list[Section] | None = None  # Material's search parser's sections of html, when parsed ahead


Job = tuple[str, str]  # a generated page's source path and its URL
_make: Callable[[Job], PageBody] | None = None  # what the forked worker runs, inherited from the parent


def _make_chunk(jobs: list[Job]) -> list[PageBody | None]:
    assert _make is not None
    made: list[PageBody | None] = []
    for job in jobs:
        try:
            body = _make(job)
        except Exception:  # the plugin makes that page itself, and fails there, naming the right page
            made.append(None)
            continue
        body.sections = search_sections(body.html)
        made.append(body)
    return made


class Prerenderer:
    """Page bodies made ahead by a forked worker, taken one by one in build order."""

    def __init__(self, make: Callable[[Job], PageBody], jobs: list[Job]) -> None:
        global _make
        _make = make  # (set before the fork, which happens on the first submit)
        self.workers = worker_count(len(jobs))
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("fork"))
        self._waiting: dict[str, tuple[Future[list[PageBody | None]], int]] = {}
        for start in range(0, len(jobs), CHUNK):
            chunk = jobs[start : start + CHUNK]
            future = self._pool.submit(_make_chunk, chunk)
            for index, (source, _) in enumerate(chunk):
                self._waiting[source] = (future, index)

    @staticmethod
    def worth_it(pages: int) -> bool:
        """Whether workers may be forked, and more than one, for this many pages."""
        return worker_count(pages) > 1

    def take(self, source: str) -> PageBody | None:
        """The page's body, made by the worker (None for a page it was not given or could not make)."""
        if source not in self._waiting:
            return None
        future, index = self._waiting.pop(source)
        return future.result()[index]

    def close(self) -> None:
        """Stop the worker (a failed build leaves pages untaken)."""
        global _make
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._waiting.clear()
        _make = None
