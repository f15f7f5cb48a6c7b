"""`python -m bench` (`make bench`): how long the real build takes for 100 to 5,000 exercises vs MkDocs.

See README "Benchmark" for how to read its table. Developer-only: it lives beside the package, not in it,
and draws its synthetic records from synthetic.yml. The work lives in run.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_SIZES = [100, 1000, 5000]
DESCRIPTION = (
    "Build synthetic libraries of each size with the real pipeline (with and without figures) and N "
    "simple pages with plain MkDocs + Material, time `check` and live reload, print a table and write "
    "the figures as JSON. README 'Benchmark' explains how to read it."
)
DEFAULT_OUT = Path("bench-results/bench.json")


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 5:
        raise argparse.ArgumentTypeError("give sizes of at least 5, separated by commas, e.g. 100,1000")
    return sizes


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _run(args: argparse.Namespace) -> int:
    from .measure import BenchError
    from .run import default_work_folder, run_bench

    out = args.out if args.out.is_absolute() else args.root / args.out
    try:
        run_bench(args.root, args.sizes, args.repeat, out, args.work_folder or default_work_folder())
    except BenchError as error:
        print(f"bench: {error}")
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command's options; `python -m bench --help` prints them."""
    bench = argparse.ArgumentParser(prog="python -m bench", description=DESCRIPTION)
    bench.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)"
    )
    bench.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="library sizes, comma-separated (default: 100,1000,5000)",
    )
    bench.add_argument(
        "--repeat",
        type=_positive,
        default=3,
        help="builds per size and site; medians are reported (default: 3)",
    )
    bench.add_argument(
        "--work-folder",
        type=Path,
        default=None,
        help="where to build (default: /dev/shm, in memory, when there is one; else the temporary folder)",
    )
    bench.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"where to write the JSON figures (default: {DEFAULT_OUT})",
    )
    return bench


def main(argv: list[str] | None = None) -> int:
    return _run(build_parser().parse_args(argv))
