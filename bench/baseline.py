"""The plain baseline: MkDocs + Material, as installed, building N simple pages out of the nav.

A simple page is about 400 words of prose with a table and an admonition, the kind of page a plain
documentation site has. Issue 13 reads our build time against this one: a library of N exercises
against N such pages.
"""

from __future__ import annotations

import random
from pathlib import Path

from .synthetic import CAUTIONS, CUES, FEEL_IT, MISTAKES, STEPS, SUMMARIES

WORDS_PER_PAGE = 400
PAGES = "pages"  # the folder of simple pages, none of them in the nav
# Cautions are written to follow "Stop if": as sentences of their own they start with a capital.
SENTENCES = [text[0].upper() + text[1:] for text in (*STEPS, *CUES, *MISTAKES, *FEEL_IT, *CAUTIONS)]
CONFIG = f"""\
site_name: Plain baseline
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - admonition
  - tables
nav:
  - Home: index.md
not_in_nav: |
  /{PAGES}/*
"""


def _word_count(markdown: str) -> int:
    return sum(1 for word in markdown.split() if any(ch.isalnum() for ch in word))


def simple_page(index: int, rng: random.Random) -> str:
    """Page index: a heading, prose, a three-column table of four rows and a note, about 400 words."""
    summary = rng.choice(SUMMARIES).format(name=f"movement {index + 1}")
    table = "| step | what to do | why |\n| --- | --- | --- |\n" + "".join(
        f"| {row + 1} | {rng.choice(STEPS)} | {rng.choice(CUES)} |\n" for row in range(4)
    )
    note = f'!!! note "Stop if"\n\n    {rng.choice(CAUTIONS)}\n'
    head = f"# Simple page {index + 1}\n\n{summary}\n\n"
    paragraphs: list[str] = []
    sentences: list[str] = []
    while _word_count(head + table + note + " ".join(paragraphs + sentences)) < WORDS_PER_PAGE:
        sentences.append(rng.choice(SENTENCES))
        if len(sentences) == 5:
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    middle = len(paragraphs) // 2
    body = [*paragraphs[:middle], "## In short\n\n" + table.rstrip(), note.rstrip(), *paragraphs[middle:]]
    return head + "\n\n".join(body) + "\n"


def baseline_project(folder: Path, count: int, seed: int = 13) -> Path:
    """A plain MkDocs + Material project of count simple pages and a home page that is the whole nav."""
    rng = random.Random(seed)
    pages = folder / "docs" / PAGES
    pages.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(
        f"# Plain baseline\n\n{count:,} simple pages, none of them in the navigation.\n", encoding="utf-8"
    )
    for index in range(count):
        (pages / f"page-{index + 1}.md").write_text(simple_page(index, rng), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return folder
