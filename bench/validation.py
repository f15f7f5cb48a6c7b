"""`check` on a synthetic library: it must pass, and on broken records it must still point at lines."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from .measure import BenchError, Run, run_measured
from .synthetic import write_records


def run_check(project: Path, *args: str) -> Run:
    """`python -m build_tools --root project check ...`, timed."""
    return run_measured(
        [sys.executable, "-m", "build_tools", "--root", str(project), "check", *args], cwd=project
    )


def assert_check_passes(project: Path, count: int) -> Run:
    """Run check; raise unless it accepts every one of the count records."""
    run = run_check(project)
    if run.returncode != 0 or f"OK: {count} exercises" not in run.output:
        raise BenchError(f"the synthetic library of {count} does not pass check:\n{run.output[-4000:]}")
    return run


# Three kinds of mistake, each a value we can find on exactly one line of the written file.
BREAKAGES = (
    ("level", "bench-unknown-level"),
    ("summary", "ab"),  # too short
    ("type", "bench-unknown-type"),
)


def check_reports_lines(project: Path, records: list[dict]) -> bool:
    """Break three records; True when check reports exactly those problems, each on the broken line."""
    expected = set()
    for record, (field, value) in zip(records, BREAKAGES, strict=False):
        broken = copy.deepcopy(record)
        broken[field] = value
        write_records([broken], project / "exercises")
        path = project / "exercises" / f"{record['id']}.yml"
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next(
            n for n, text in enumerate(lines, 1) if text.startswith(f"{field}: ") and text.endswith(value)
        )
        expected.add((f"exercises/{path.name}", line, field))
    run = run_check(project, "--format", "json")
    write_records(records[: len(BREAKAGES)], project / "exercises")  # leave the library valid again
    if run.returncode != 1:
        return False
    try:
        found = {(p["path"], p["line"], p["field"]) for p in json.loads(run.output)}
    except (ValueError, KeyError, TypeError):
        return False
    return found == expected
