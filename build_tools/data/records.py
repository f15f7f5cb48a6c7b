"""Read a folder of one-record-per-file YAML (exercises/, routines/): the checks every record file shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.data.fanout import map_in_processes
from build_tools.data.model import relative_to
from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.sound_records import SoundRecords, file_key
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
    key: str | None = None  # the file as read (sound_records.file_key)

    @property
    def wholly_sound(self) -> bool:
        """Read and met the schema with no problem at all: worth remembering (sound_records.py)."""
        return self.sound and not self.problems and self.doc is not None


def _check_file(path: Path, display: str, schema: RecordSchema, kind: str, example: str) -> _FileCheck:
    if path.suffix == ".yaml":
        return _FileCheck(None, [Problem(display, 1, 1, "", f"{kind} files end in .yml; rename the file")])
    raw = path.read_bytes()
    doc = read_yaml(path, display, raw)
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
    return _FileCheck(doc, problems, sound=not schema_problems, key=file_key(display, raw))


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
    exercise's pose), run beside the others and counted for each record kept. A file read and found
    sound before, and unchanged since, is taken as it was (sound_records.py). The others are read on
    every core when there are many (fanout.py); the documents then come back without positions, found
    again if a message needs one.
    """
    shown_folder = relative_to(folder, root)  # resolved once, not per file (5,000 files at scale)
    paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    remembered = SoundRecords(root, kind, schema)

    def with_own_checks(checked: _FileCheck) -> _FileCheck:
        if also is None or checked.doc is None or not isinstance(checked.doc.data.get("id"), str):
            return checked
        return replace(checked, record_problems=tuple(also(checked.doc)))

    def check_one(path: Path) -> _FileCheck:
        return with_own_checks(_check_file(path, f"{shown_folder}/{path.name}", schema, kind, example))

    def kept(path: Path) -> _FileCheck | None:
        display = f"{shown_folder}/{path.name}"
        try:
            key = file_key(display, path.read_bytes())
        except OSError:
            return None  # reading it again says what is wrong
        data = remembered.get(key)
        if not isinstance(data, dict):
            return None
        return with_own_checks(_FileCheck(YamlDocument(path, display, data, []), [], sound=True, key=key))

    found = {path: kept(path) for path in paths if path.suffix == ".yml"}
    unread = [path for path in paths if found.get(path) is None]
    found.update(zip(unread, map_in_processes(check_one, unread), strict=True))

    records: dict[str, RecordFile] = {}
    problems: list[Problem] = []
    for path in paths:
        checked = found[path]
        assert checked is not None
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
    remembered.keep(
        {
            checked.key: checked.doc.data
            for checked in found.values()
            if checked is not None and checked.wholly_sound and checked.key and checked.doc
        }
    )
    return records, problems
