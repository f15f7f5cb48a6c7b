"""The bibliography, vocabularies/references.yml: every source the atlas cites, once, by id."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from build_tools.data.model import Reference, relative_to
from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.yamlfile import read_yaml

BIBLIOGRAPHY_FILE = "references.yml"


def _named(problem: Problem, entries: Any) -> Problem:
    """'[3].doi' becomes 'kongsgaard2009.doi': a contributor finds an entry by its id, not its index."""
    match = re.match(r"\[(\d+)\]", problem.field)
    if not match or not isinstance(entries, list) or int(match[1]) >= len(entries):
        return problem
    entry = entries[int(match[1])]
    name = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(name, str):
        return problem
    return dataclasses.replace(problem, field=name + problem.field[match.end() :])


def load_bibliography(
    folder: Path, schema_path: Path, root: Path
) -> tuple[dict[str, Reference], list[Problem]]:
    """Read and check the bibliography; the references by id (in file order), or the problems."""
    path = folder / BIBLIOGRAPHY_FILE
    display = relative_to(path, root)
    if not path.is_file():
        return {}, [Problem(display, 1, 1, "", "the bibliography is missing; every source is listed here")]
    doc = read_yaml(path, display)
    if doc.data is None or doc.problems:
        return {}, list(doc.problems)
    schema = RecordSchema.from_file(schema_path)
    problems = [_named(p, doc.data) for p in schema.problems(doc.data, doc.positions, display, doc.text)]
    if problems:
        return {}, problems
    references: dict[str, Reference] = {}
    for index, entry in enumerate(doc.data):
        if entry["id"] in references:
            problems.append(
                doc.problem_at((index, "id"), f"'{entry['id']}' is listed twice; ids must be unique")
            )
        references[entry["id"]] = Reference(**entry)
    return ({}, problems) if problems else (references, [])
