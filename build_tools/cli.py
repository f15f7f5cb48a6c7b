"""Command line: `python -m build_tools check | new | schema | bench`. Each command's --help documents it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .bench import add_command as add_bench_command
from .library import ProjectPaths, load_library
from .problems import FORMATTERS, DataError


def _check(args: argparse.Namespace) -> int:
    paths = ProjectPaths.at(args.root)
    try:
        library = load_library(paths)
    except DataError as error:
        print(FORMATTERS[args.format](error.problems))
        return 1
    if args.format == "text":
        print(f"OK: {len(library.exercises)} exercises checked, no problems.")
    elif args.format == "json":
        print("[]")
    return 0


def _new(args: argparse.Namespace) -> int:
    from .scaffold import write_new_exercise

    try:
        path = write_new_exercise(ProjectPaths.at(args.root).exercises, args.name)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}. Fill in every TODO, then run: python -m build_tools check")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema_sync import sync_schema

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
    new.set_defaults(run=_new)

    schema = commands.add_parser(
        "schema",
        help="regenerate the schemas' generated parts (vocabulary and source lists) from vocabularies/",
    )
    schema.add_argument(
        "--check", action="store_true", help="only report whether it is up to date (exit 1 if not)"
    )
    schema.set_defaults(run=_schema)
    add_bench_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
