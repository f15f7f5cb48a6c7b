"""`python -m build_tools figures --sheet sheet.png`: every exercise's figure on one contact sheet, to look
at as an illustrator would (start and end side by side, the arrow on the end)."""

from __future__ import annotations

import argparse
import html
import os
import tempfile
from pathlib import Path

from build_tools.data.figures.pose import pose_from_data
from build_tools.data.figures.vocab import load_figure_vocabulary
from build_tools.data.library import ProjectPaths, load_library
from build_tools.data.problems import FORMATTERS, DataError
from build_tools.data.suggest import did_you_mean
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


def unknown_ids(root: Path, only: list[str]) -> list[str]:
    """Each id in only that no posed exercise has, with a did-you-mean where one is close."""
    library = load_library(ProjectPaths.at(root))
    posed = sorted(e.id for e in library.exercises.values() if e.pose is not None)
    unknown = []
    for wanted in only:
        if wanted not in posed:
            hint = did_you_mean(wanted, posed).strip()
            unknown.append(f"'{wanted}'" + (f" ({hint})" if hint else ""))
    return unknown


def run_command(args: argparse.Namespace) -> int:
    """`python -m build_tools figures --sheet sheet.png [--only ids] [--mode pair|still]` (cli.py)."""
    only = [part.strip() for part in args.only.split(",") if part.strip()] if args.only else None
    try:
        unknown = unknown_ids(args.root, only) if only else []
        if unknown:
            print(
                f"--only: no posed exercise has the id {', '.join(unknown)}; "
                "ids are the record file names in exercises/, without .yml"
            )
            return 1
        count = write_sheet(args.root, args.sheet, only, args.mode)
    except DataError as error:
        print(FORMATTERS["text"](error.problems))
        return 1
    print(f"Wrote {args.sheet}: {count} figures.")
    return 0
