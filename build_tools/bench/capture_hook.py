"""MkDocs hook used only by the benchmark: saves each page's Markdown after the macros ran.

The plain baseline is then built from exactly the Markdown our pipeline produced, so the ratio
between the two builds is the cost of our data loading, macros and indexes, nothing else.
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
    _write(page.file.src_uri, f"---\ntitle: {json.dumps(page.title)}\n---\n\n{markdown}".encode())
    return markdown


def _write(rel: str, content: bytes) -> None:
    target = OUT / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
