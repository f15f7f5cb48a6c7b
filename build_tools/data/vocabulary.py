"""Load the controlled vocabularies from vocabularies/*.yml, and the bibliography beside them.

Each file is checked against its own shape in schemas/vocabulary.schema.json ($defs/<shape>_file), and
each entry becomes the record class of that shape, which takes exactly the fields the shape allows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from build_tools.data.bibliography import load_bibliography
from build_tools.data.model import Condition, Muscle, MuscleGroup, Term, Vocabularies, relative_to
from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.schema_enums import VOCABULARY_FILES
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import JsonPath, YamlDocument, read_yaml

T = TypeVar("T", bound=Term)
SHAPES = {"condition": "conditions_file", "muscle": "muscles_file"}  # every other file: terms_file


def _terms(entries: list[dict[str, Any]], cls: type[T]) -> dict[str, T]:
    return {entry["id"]: cls(**entry) for entry in entries}


def _shape_schema(base: dict[str, Any], shape: str) -> RecordSchema:
    """The vocabulary schema with its root set to one file's shape."""
    rooted = {key: value for key, value in base.items() if key not in ("anyOf", "oneOf")}
    return RecordSchema({**rooted, "$ref": f"#/$defs/{shape}"})


def _entries(doc: YamlDocument, grouped: bool) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Every entry of a file that met its shape, with where it stands."""
    if not grouped:
        return [((i,), entry) for i, entry in enumerate(doc.data)]
    return [((part, i), entry) for part in ("groups", "muscles") for i, entry in enumerate(doc.data[part])]


def _file_problems(doc: YamlDocument, grouped: bool) -> list[Problem]:
    """Ids defined twice, and muscles whose group or whole is unknown."""
    problems = []
    seen: set[str] = set()
    for path, entry in _entries(doc, grouped):
        if entry["id"] in seen:
            problems.append(
                doc.problem_at((*path, "id"), f"'{entry['id']}' is defined twice; ids must be unique")
            )
        seen.add(entry["id"])
    if grouped:
        groups = [g["id"] for g in doc.data["groups"]]
        muscles = [m["id"] for m in doc.data["muscles"]]
        for i, muscle in enumerate(doc.data["muscles"]):
            for field, known, word in (("group", groups, "group"), ("part_of", muscles, "muscle")):
                value = muscle.get(field)
                if value is not None and value not in known:
                    message = (
                        f"unknown {word} '{value}';{did_you_mean(value, known)} allowed: {', '.join(known)}"
                    )
                    problems.append(doc.problem_at(("muscles", i, field), message))
    return problems


def load_vocabularies(
    folder: Path, schema_path: Path, root: Path
) -> tuple[Vocabularies | None, list[Problem]]:
    """Read and check every vocabulary file; return the vocabularies, or None with the problems."""
    base = json.loads(schema_path.read_text(encoding="utf-8"))
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    for name, filename in VOCABULARY_FILES.items():
        path = folder / filename
        display = relative_to(path, root)
        if not path.is_file():
            problems.append(Problem(display, 1, 1, "", "vocabulary file is missing"))
            continue
        doc = read_yaml(path, display)
        problems += doc.problems
        if doc.data is None or doc.problems:
            continue
        found = _shape_schema(base, SHAPES.get(name, "terms_file")).problems(doc.data, doc.positions, display)
        if not found:
            found = _file_problems(doc, grouped=name == "muscle")
        problems += found
        data[name] = doc.data
    references, bibliography_problems = load_bibliography(
        folder, schema_path.with_name("references.schema.json"), root
    )
    problems += bibliography_problems
    if problems:
        return None, problems
    return Vocabularies(
        muscles=_terms(data["muscle"]["muscles"], Muscle),
        groups=_terms(data["muscle"]["groups"], MuscleGroup),
        equipment=_terms(data["equipment"], Term),
        conditions=_terms(data["condition"], Condition),
        phases=_terms(data["phase"], Term),
        types=_terms(data["type"], Term),
        positions=_terms(data["position"], Term),
        levels=_terms(data["level"], Term),
        knee_loads=_terms(data["knee_load"], Term),
        references=references,
    ), []
