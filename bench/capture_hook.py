"""MkDocs hook used only by the benchmark: saves each page's Markdown after the macros ran.

The plain baseline is then built from exactly the Markdown our pipeline produced, so the ratio
between the two builds is the cost of our data loading, macros and indexes, nothing else. Pages
generated from records never pass through Markdown in our pipeline (their body is HTML from the
templates); for those the baseline gets that HTML as its Markdown, so it converts pages of the same
size and content that plain MkDocs would.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority

OUT = Path(os.environ.get("ATLAS_BENCH_CAPTURE", "bench-capture"))


@event_priority(-100)  # after the atlas plugin added its files
def on_files(files, config):
    for file in files:
        if file.generated_by and not file.is_documentation_page():  # e.g. api/exercises.json
            _write(file.src_uri, file.content_bytes)
    return files


@event_priority(-100)  # after mkdocs-macros rendered the page
def on_page_markdown(markdown, page, config, files):
    if not page.file.generated_by:
        _write_page(page, markdown)
    return markdown


@event_priority(-100)  # after the atlas plugin put in a generated page's HTML
def on_page_content(html, page, config, files):
    if page.file.generated_by:
        _write_page(page, html)
    return html


def _write_page(page, body: str) -> None:
    _write(page.file.src_uri, f"---\ntitle: {json.dumps(page.title)}\n---\n\n{body}".encode())


def _write(rel: str, content: bytes) -> None:
    target = OUT / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
