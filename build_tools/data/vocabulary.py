"""Load the controlled vocabularies from vocabularies/*.yml."""

from __future__ import annotations

from pathlib import Path

from build_tools.data.bibliography import load_bibliography
from build_tools.data.model import Condition, Muscle, MuscleGroup, Term, Vocabularies, relative_to
from build_tools.data.problems import Problem
from build_tools.data.schema import VOCABULARY_FILES, RecordSchema
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import read_yaml


def _terms(entries: list[dict], cls: type[Term]) -> dict[str, Term]:
    return {e["id"]: cls(**e) for e in entries}


def load_vocabularies(
    folder: Path, schema_path: Path, root: Path
) -> tuple[Vocabularies | None, list[Problem]]:
    """Read and check every vocabulary file; return the vocabularies, or None with the problems."""
    schema = RecordSchema.from_file(schema_path, kind="vocabulary")
    problems: list[Problem] = []
    data: dict[str, object] = {}
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
        found = schema.problems(doc.data, doc.positions, display)
        expects_groups = name == "muscle"
        if not found and isinstance(doc.data, dict) != expects_groups:
            shape = "'groups:' and 'muscles:' lists" if expects_groups else "a list of terms"
            found.append(Problem(display, 1, 1, "", f"this vocabulary must be {shape}"))
        entries = (doc.data["groups"] + doc.data["muscles"]) if expects_groups and not found else doc.data
        if not found:
            seen: dict[str, int] = {}
            for i, entry in enumerate(entries):
                if entry["id"] in seen:
                    line, column = doc.positions.of_value(_entry_path(doc.data, i, expects_groups) + ("id",))
                    found.append(
                        Problem(
                            display,
                            line,
                            column,
                            "id",
                            f"'{entry['id']}' is defined twice; ids must be unique",
                        )
                    )
                seen[entry["id"]] = i
        if expects_groups and not found:
            groups = [g["id"] for g in doc.data["groups"]]
            for i, muscle in enumerate(doc.data["muscles"]):
                if muscle["group"] not in groups:
                    line, column = doc.positions.of_value(("muscles", i, "group"))
                    found.append(
                        Problem(
                            display,
                            line,
                            column,
                            f"muscles[{i}].group",
                            f"unknown group '{muscle['group']}';{did_you_mean(muscle['group'], groups)} "
                            f"allowed: {', '.join(groups)}",
                        )
                    )
        if expects_groups and not found:
            muscle_ids = [m["id"] for m in doc.data["muscles"]]
            for i, muscle in enumerate(doc.data["muscles"]):
                whole = muscle.get("part_of")
                if whole is not None and whole not in muscle_ids:
                    line, column = doc.positions.of_value(("muscles", i, "part_of"))
                    suggestion = did_you_mean(whole, muscle_ids)
                    message = f"unknown muscle '{whole}';{suggestion} allowed: {', '.join(muscle_ids)}"
                    found.append(Problem(display, line, column, f"muscles[{i}].part_of", message))
        problems += found
        data[name] = doc.data
    references, bibliography_problems = load_bibliography(
        folder, schema_path.with_name("references.schema.json"), root
    )
    problems += bibliography_problems
    if problems:
        return None, problems
    muscles_file = data["muscle"]
    return Vocabularies(
        muscles=_terms(muscles_file["muscles"], Muscle),
        groups=_terms(muscles_file["groups"], MuscleGroup),
        equipment=_terms(data["equipment"], Term),
        conditions=_terms(data["condition"], Condition),
        phases=_terms(data["phase"], Term),
        types=_terms(data["type"], Term),
        positions=_terms(data["position"], Term),
        levels=_terms(data["level"], Term),
        knee_loads=_terms(data["knee_load"], Term),
        references=references,
    ), []


def _entry_path(data: object, index: int, grouped: bool) -> tuple:
    if not grouped:
        return (index,)
    groups = len(data["groups"])
    return ("groups", index) if index < groups else ("muscles", index - groups)
