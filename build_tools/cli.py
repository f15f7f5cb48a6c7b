"""Command line: `python -m build_tools check | new | schema | published-ids`; see each --help."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools.data.library import ProjectPaths, load_library
from build_tools.data.problems import FORMATTERS, DataError
from build_tools.site.macros import MACRO_NAMES


def _check(args: argparse.Namespace) -> int:
    paths = ProjectPaths.at(args.root)
    try:
        library = load_library(paths, MACRO_NAMES)
    except DataError as error:
        print(FORMATTERS[args.format](error.problems))
        return 1
    if args.format == "text":
        print(f"OK: {len(library.exercises)} exercises checked, no problems.")
    elif args.format == "json":
        print("[]")
    return 0


def _figures(args: argparse.Namespace) -> int:
    # (imported here: the drawing code is a tenth of a second that `check` does not need)
    from build_tools.authoring.figure_sheet import run_command

    return run_command(args)


def _new(args: argparse.Namespace) -> int:
    from build_tools.authoring.scaffold import write_new_exercise
    from build_tools.data.vocabulary import load_vocabularies

    paths = ProjectPaths.at(args.root)
    vocab, problems = load_vocabularies(
        paths.vocabularies, paths.schemas / "vocabulary.schema.json", paths.root
    )
    if vocab is None:
        print(FORMATTERS["text"](problems))
        return 1
    try:
        path = write_new_exercise(paths.exercises, args.name, vocab.enums(), position=args.position)
    except (FileExistsError, ValueError) as error:  # ValueError: an unusable name or an unknown position
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}. Fill in every TODO, then run: python -m build_tools check")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from build_tools.authoring.schema_sync import sync_schema

    paths = ProjectPaths.at(args.root)
    changed = sync_schema(paths, write=not args.check)
    for path in changed:
        shown = path.relative_to(paths.root).as_posix()
        print(
            f"{shown} is out of date; run `python -m build_tools schema`"
            if args.check
            else f"{shown} updated"
        )
    if not changed:
        print("schemas are up to date")
    return 1 if changed else 0


def _published_ids(args: argparse.Namespace) -> int:
    from build_tools.data.addresses import (
        KINDS,
        PUBLISHED_IDS_FILE,
        read_published_ids,
        updated_published_ids,
    )

    paths = ProjectPaths.at(args.root)
    try:
        library = load_library(paths, MACRO_NAMES)  # also fails when a published id lost its address
    except DataError as error:
        print(FORMATTERS["text"](error.problems))
        return 1
    published, _ = read_published_ids(paths.root, paths.schemas / "published-ids.schema.json")
    current = {"exercise": list(library.exercises), "routine": list(library.routines)}
    missing = [
        f"{KINDS[kind]}/{i}"
        for kind, ids in current.items()
        for i in ids
        if not published or i not in published.of(kind)
    ]
    path = paths.root / PUBLISHED_IDS_FILE
    wanted = updated_published_ids(published, current)
    if path.is_file() and path.read_text(encoding="utf-8") == wanted:
        print(f"{PUBLISHED_IDS_FILE} is up to date")
        return 0
    listed = ", ".join(missing) if missing else "none (the file is rewritten in order)"
    if args.check:
        print(
            f"{PUBLISHED_IDS_FILE} is out of date (new: {listed}); run `python -m build_tools published-ids`"
        )
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"{PUBLISHED_IDS_FILE} updated; added: {listed}")
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every data file and report every problem at once")
    check.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default="text",
        help="text (default), github (workflow annotations) or json",
    )
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="write a template for a new exercise: exercises/<id>.yml")
    new.add_argument("name", help='the exercise name, e.g. "Side-lying hip abduction"')
    new.add_argument(
        "--position",
        default="standing",
        help="the figure's starting position, for its default pose (vocabularies/figure-positions.yml; "
        "default: standing)",
    )
    new.set_defaults(run=_new)

    schema = commands.add_parser(
        "schema",
        help="regenerate the schemas' generated parts (vocabulary and source lists) from vocabularies/",
    )
    schema.add_argument(
        "--check", action="store_true", help="only report whether it is up to date (exit 1 if not)"
    )
    schema.set_defaults(run=_schema)

    published = commands.add_parser(
        "published-ids",
        help="add every current exercise and routine id to published-ids.yml (ids are never removed); "
        "exit 1 when it changed",
        description="published-ids.yml lists every id the site has published, so `check` can fail when one "
        "disappears without a redirect. Run this after adding or renaming a record; it only adds ids.",
    )
    published.add_argument(
        "--check", action="store_true", help="only report whether it is up to date (exit 1 if not)"
    )
    published.set_defaults(run=_published_ids)
    figures = commands.add_parser("figures", help="draw every exercise's figure onto a contact sheet (PNG)")
    figures.add_argument("--sheet", type=Path, required=True, help="the PNG to write, e.g. sheet.png")
    figures.add_argument("--only", help="comma-separated exercise ids to draw (default: all)")
    figures.add_argument("--mode", choices=("pair", "still"), default="pair", help="pair (default) or still")
    figures.set_defaults(run=_figures)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status
