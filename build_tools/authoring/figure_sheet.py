"""`python -m build_tools figures --sheet sheet.png`: every exercise's figure on one contact sheet, to look
at as an illustrator would (start and end side by side, the arrow on the end)."""

from __future__ import annotations

import argparse
import html
import os
import tempfile
from pathlib import Path
from typing import Any

from build_tools.data.figures.pose import pose_from_data
from build_tools.data.figures.vocab import load_figure_vocabulary
from build_tools.data.library import ProjectPaths, load_library
from build_tools.data.problems import FORMATTERS, DataError
from build_tools.site.figures.render import render

CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))


def sheet_html(root: Path, only: list[str] | None = None, mode: str = "pair") -> str:
    """A page of every posed exercise's figure with its name, as HTML with the SVGs inline."""
    library = load_library(ProjectPaths.at(root))
    figures = load_figure_vocabulary(library.paths.vocabularies)
    cells: list[str] = []
    for exercise in library.by_name():
        pose = exercise.pose
        if pose is None or (only and exercise.id not in only):
            continue
        svg = render(
            pose_from_data(pose, figures), figures, mode=mode, prefix=f"s{len(cells)}", title=exercise.name
        )
        cells.append(f"<figure>{svg}<figcaption>{html.escape(exercise.id)}</figcaption></figure>")
    style = (
        "body{margin:8px;font:12px sans-serif;display:grid;grid-template-columns:repeat(5,1fr);gap:6px}"
        "figure{margin:0;border:1px solid #ccc;padding:4px;display:flex;flex-direction:column;"
        "align-items:center}"
        "svg{width:100%;height:190px}"
    )
    return f"<!doctype html><meta charset=utf-8><style>{style}</style>{''.join(cells)}"


def write_sheet(root: Path, out: Path, only: list[str] | None = None, mode: str = "pair") -> int:
    """Render the sheet to a PNG with headless Debian chromium; the number of figures drawn."""
    from playwright.sync_api import sync_playwright

    page_html = sheet_html(root, only, mode)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "sheet.html"
        page.write_text(page_html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            tab = browser.new_page(viewport={"width": 1500, "height": 900})
            tab.emulate_media(reduced_motion="reduce")
            tab.goto(page.as_uri())
            tab.screenshot(path=str(out), full_page=True)
            browser.close()
    return page_html.count("<figure>")


def _figures(args: argparse.Namespace) -> int:
    try:
        count = write_sheet(args.root, args.sheet, args.only.split(",") if args.only else None, args.mode)
    except DataError as error:
        print(FORMATTERS["text"](error.problems))
        return 1
    print(f"Wrote {args.sheet}: {count} figures.")
    return 0


def add_command(commands: Any) -> None:
    """Register `figures` on the command line."""
    figures = commands.add_parser("figures", help="draw every exercise's figure onto a contact sheet (PNG)")
    figures.add_argument("--sheet", type=Path, required=True, help="the PNG to write, e.g. sheet.png")
    figures.add_argument("--only", help="comma-separated exercise ids to draw (default: all)")
    figures.add_argument("--mode", choices=("pair", "still"), default="pair", help="pair (default) or still")
    figures.set_defaults(run=_figures)
