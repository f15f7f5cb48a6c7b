"""Routines: printable sets of exercises, read from routines/*.yml and checked like exercise records.

A routine names its exercises by id and may override their dose; everything else shown on the sheet
(name, cue, dose, muscles) comes from the exercise records, so a routine can never drift from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.data.addresses import PublishedIds, redirect_problems
from build_tools.data.dose_rules import frequency_problems
from build_tools.data.model import Exercise, Frequency, Reference, Vocabularies
from build_tools.data.problems import Problem
from build_tools.data.records import read_record_files
from build_tools.data.routine_rules import routine_rule_problems
from build_tools.data.schema import RecordSchema
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import YamlDocument

# Hand-written pages live at these URLs under /routines/, so no routine may take their names.
RESERVED_IDS = {"builder", "index", "log", "session"}


@dataclass(frozen=True)
class RoutineItem:
    """One exercise of a routine, with the dose and cue this routine gives it (None: the exercise's own)."""

    exercise: str
    sets: int | str | None = None
    reps: int | str | None = None
    hold_seconds: int | str | None = None
    per_side: bool | None = None
    cue: str | None = None
    note: str | None = None
    reason: str | None = None  # why it differs from the exercise's own dose, condition or phase


@dataclass(frozen=True)
class RoutineSection:
    name: str
    items: tuple[RoutineItem, ...] = ()
    phase: str | None = None
    rounds: int | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    summary: str
    audience: str
    condition: str
    frequency: Frequency
    weeks: int
    sections: tuple[RoutineSection, ...]
    reviewed: str
    source_path: str
    phase: str | None = None
    notes: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    redirect_from: tuple[str, ...] = ()  # ids it was published under before (see addresses.py)

    @property
    def url(self) -> str:
        return f"routines/{self.id}/"

    @property
    def items(self) -> tuple[RoutineItem, ...]:
        """Every exercise of the routine, in order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def phases(self) -> tuple[str, ...]:
        """The phases it covers: the routine's own, then each section's, without repeats."""
        named = [self.phase] + [s.phase for s in self.sections]
        return tuple(dict.fromkeys(p for p in named if p))


def _record(data: dict[str, Any], display: str, vocab: Vocabularies) -> Routine:
    sections = tuple(
        RoutineSection(
            name=s["name"],
            items=tuple(RoutineItem(**i) for i in s.get("exercises", ())),
            phase=s.get("phase"),
            rounds=s.get("rounds"),
            note=s.get("note"),
        )
        for s in data["sections"]
    )
    return Routine(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        audience=data["audience"],
        condition=data["condition"],
        frequency=Frequency(**data["frequency"]),
        weeks=data["weeks"],
        sections=sections,
        reviewed=data["reviewed"],
        source_path=display,
        phase=data.get("phase"),
        notes=tuple(data.get("notes", ())),
        references=tuple(vocab.references[r] for r in data.get("references", ())),
        redirect_from=tuple(data.get("redirect_from", ())),
    )


def _reference_problems(doc: YamlDocument, exercise_ids: set[str]) -> list[Problem]:
    """Unknown exercise ids (with did-you-mean), repeats, and reps given together with a hold."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    sections = doc.data.get("sections")
    for s, section in enumerate(sections if isinstance(sections, list) else ()):
        if not isinstance(section, dict) or not isinstance(section.get("exercises"), list):
            continue
        for i, item in enumerate(section["exercises"]):
            if not isinstance(item, dict):
                continue
            path = ("sections", s, "exercises", i)
            field = f"sections[{s}].exercises[{i}]"
            exercise_id = item.get("exercise")
            if isinstance(exercise_id, str):
                if exercise_id not in exercise_ids:
                    suggestion = did_you_mean(exercise_id, exercise_ids)
                    problems.append(
                        doc.problem_at(
                            path + ("exercise",),
                            f"no exercise has the id '{exercise_id}';{suggestion} "
                            f"ids are file names in exercises/ without .yml",
                        )
                    )
                elif exercise_id in seen:
                    problems.append(
                        doc.problem_at(
                            path + ("exercise",),
                            f"'{exercise_id}' is already in this routine at "
                            f"{seen[exercise_id]}; list each exercise once",
                        )
                    )
                else:
                    seen[exercise_id] = field
            if "reps" in item and "hold_seconds" in item:
                problems.append(
                    doc.problem_at(path + ("hold_seconds",), "give reps or hold_seconds, not both", key=True)
                )
    return problems


def read_routines(
    paths_root: Path,
    folder: Path | None,
    schema: RecordSchema,
    vocab: Vocabularies,
    exercise_ids: set[str],
    published: PublishedIds | None = None,
    exercises: dict[str, Exercise] | None = None,
) -> tuple[dict[str, Routine], list[Problem]]:
    """Parse and check every routines/*.yml: the routines by id (when all are sound), and every problem.
    With the exercise records (when they loaded), each routine is also held to them (routine_rules.py)."""
    if folder is None or not folder.is_dir():
        return {}, []
    records, problems = read_record_files(
        folder, paths_root, schema, "routine", "title: Hip and glute band circuit"
    )
    documents: dict[str, YamlDocument] = {}
    for routine_id, record in records.items():
        doc = record.doc
        problems += _reference_problems(doc, exercise_ids)
        problems += frequency_problems(doc, ("frequency",), doc.data.get("frequency"))
        if routine_id in RESERVED_IDS and routine_id == record.path.stem:
            problems.append(
                doc.problem_at(
                    ("id",),
                    f"'{routine_id}' is the name of a page under /routines/; choose another id and file name",
                )
            )
        if record.sound:
            documents[routine_id] = doc
            if exercises is not None:
                problems += routine_rule_problems(doc, exercises)
    problems += redirect_problems("routine", {i: r.doc for i, r in records.items()}, published)
    routines = (
        {} if problems else {i: _record(d.data, d.display, vocab) for i, d in sorted(documents.items())}
    )
    return routines, problems


def load_routines(
    root: Path,
    folder: Path | None,
    schema_path: Path,
    vocab: Vocabularies,
    exercise_ids: set[str],
    published: PublishedIds | None = None,
    exercises: dict[str, Exercise] | None = None,
) -> tuple[dict[str, Routine], list[Problem]]:
    """Read every routine against the routine schema and the current vocabularies and exercises."""
    if folder is None or not folder.is_dir():
        return {}, redirect_problems("routine", {}, published)
    schema = RecordSchema.from_file(schema_path, vocab.enums(), synonyms=vocab.synonyms())
    return read_routines(root, folder, schema, vocab, exercise_ids, published, exercises)
