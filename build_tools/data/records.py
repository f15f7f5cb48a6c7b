"""Read a folder of one-record-per-file YAML (exercises/, routines/): the checks every record file shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.data.fanout import map_in_processes
from build_tools.data.model import relative_to
from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.yamlfile import YamlDocument, read_yaml


@dataclass(frozen=True)
class RecordFile:
    """One parsed record file; `sound` when it met the schema."""

    path: Path
    doc: YamlDocument
    sound: bool


@dataclass(frozen=True)
class _FileCheck:
    """What reading and schema-checking one file found, before any file is compared with another."""

    doc: YamlDocument | None  # None when there is no record to keep
    problems: list[Problem]
    sound: bool = False
    record_problems: tuple[Problem, ...] = ()  # the caller's own checks, counted if the record is kept


def _check_file(path: Path, display: str, schema: RecordSchema, kind: str, example: str) -> _FileCheck:
    if path.suffix == ".yaml":
        return _FileCheck(None, [Problem(display, 1, 1, "", f"{kind} files end in .yml; rename the file")])
    doc = read_yaml(path, display)
    problems = list(doc.problems)
    if doc.data is None:
        return _FileCheck(None, problems)
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else "a single value"
        message = f"the file must be a set of 'field: value' lines, like '{example}'; found {found}"
        return _FileCheck(None, [*problems, Problem(display, 1, 1, "", message)])
    # Where the loader already reported a field (a bad tag, an over-long text), skip the schema's echo.
    flagged = {p.field for p in doc.problems}
    schema_problems = [
        p for p in schema.problems(doc.data, doc.positions, display, doc.text) if p.field not in flagged
    ]
    problems += schema_problems
    record_id = doc.data.get("id")
    if isinstance(record_id, str) and record_id != path.stem:
        message = (
            f"id '{record_id}' does not match the file name '{path.name}'; "
            f"rename the file to '{record_id}.yml' or set id: {path.stem}"
        )
        problems.append(doc.problem_at(("id",), message))
    return _FileCheck(doc, problems, sound=not schema_problems)


def read_record_files(
    folder: Path,
    root: Path,
    schema: RecordSchema,
    kind: str,
    example: str,
    also: Callable[[YamlDocument], list[Problem]] | None = None,
) -> tuple[dict[str, RecordFile], list[Problem]]:
    """Parse and schema-check every <folder>/*.yml; the files by id (id = file name) and every problem.

    kind names the records in messages ("exercise", "routine"); example is a sample first line for a
    file that is not a mapping, e.g. "name: Glute bridge"; also, more checks of one record (an
    exercise's pose), run beside the others and counted for each record kept. Large folders are read on
    every core (fanout.py); the documents then come back without positions, found again if a message
    needs one.
    """
    shown_folder = relative_to(folder, root)  # resolved once, not per file (5,000 files at scale)
    paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))

    def check_one(path: Path) -> _FileCheck:
        checked = _check_file(path, f"{shown_folder}/{path.name}", schema, kind, example)
        if also is None or checked.doc is None or not isinstance(checked.doc.data.get("id"), str):
            return checked
        return replace(checked, record_problems=tuple(also(checked.doc)))

    records: dict[str, RecordFile] = {}
    problems: list[Problem] = []
    for path, checked in zip(paths, map_in_processes(check_one, paths), strict=True):
        problems += checked.problems
        doc = checked.doc
        record_id = doc.data.get("id") if doc else None
        if doc is None or not isinstance(record_id, str):
            continue
        if record_id in records:
            message = (
                f"id '{record_id}' is already used by {records[record_id].doc.display}; ids must be unique"
            )
            problems.append(doc.problem_at(("id",), message))
            continue
        records[record_id] = RecordFile(path, doc, checked.sound)
        problems += checked.record_problems
    return records, problems
