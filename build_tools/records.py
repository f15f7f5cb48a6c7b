"""Read a folder of one-record-per-file YAML (exercises/, routines/): the checks every record file shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import relative_to
from .problems import Problem
from .schema import RecordSchema
from .yamlfile import YamlDocument, read_yaml


@dataclass(frozen=True)
class RecordFile:
    """One parsed record file; `sound` when it met the schema."""

    path: Path
    doc: YamlDocument
    sound: bool


def read_record_files(
    folder: Path, root: Path, schema: RecordSchema, kind: str, example: str
) -> tuple[dict[str, RecordFile], list[Problem]]:
    """Parse and schema-check every <folder>/*.yml; the files by id (id = file name) and every problem.

    kind names the records in messages ("exercise", "routine"); example is a sample first line for a
    file that is not a mapping, e.g. "name: Glute bridge".
    """
    records: dict[str, RecordFile] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        display = relative_to(path, root)
        if path.suffix == ".yaml":
            problems.append(Problem(display, 1, 1, "", f"{kind} files end in .yml; rename the file"))
            continue
        doc = read_yaml(path, display)
        problems += doc.problems
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            found = "a list" if isinstance(doc.data, list) else "a single value"
            message = f"the file must be a set of 'field: value' lines, like '{example}'; found {found}"
            problems.append(Problem(display, 1, 1, "", message))
            continue
        # Where the loader already reported a field (a bad tag, an over-long text), skip the schema's echo.
        flagged = {p.field for p in doc.problems}
        schema_problems = [
            p for p in schema.problems(doc.data, doc.positions, display) if p.field not in flagged
        ]
        problems += schema_problems
        record_id = doc.data.get("id")
        if not isinstance(record_id, str):
            continue
        line, column = doc.positions.of_value(("id",))
        if record_id != path.stem:
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    "id",
                    f"id '{record_id}' does not match the file name '{path.name}'; "
                    f"rename the file to '{record_id}.yml' or set id: {path.stem}",
                )
            )
        if record_id in records:
            problems.append(
                Problem(
                    display,
                    line,
                    column,
                    "id",
                    f"id '{record_id}' is already used by {records[record_id].doc.display}; "
                    "ids must be unique",
                )
            )
            continue
        records[record_id] = RecordFile(path, doc, sound=not schema_problems)
    return records, problems
