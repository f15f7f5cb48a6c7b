"""Load every data file once into a Library of typed records, or fail with every problem at once."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.data.addresses import read_published_ids, redirect_problems
from build_tools.data.content_refs import content_reference_problems
from build_tools.data.dose_rules import exercise_rule_problems
from build_tools.data.figures.checks import exercise_schema, pose_problems
from build_tools.data.figures.sound import SoundPoses
from build_tools.data.figures.vocab import FigureVocabulary, load_figure_vocabulary
from build_tools.data.ladders import ladder_problems, ladders_from_edges
from build_tools.data.model import (
    PRACTICE,
    ConditionUse,
    Dose,
    DoseSource,
    Exercise,
    Frequency,
    Media,
    PhaseDose,
    Vocabularies,
)
from build_tools.data.problems import DataError, Problem
from build_tools.data.records import read_record_files
from build_tools.data.routines import Routine, load_routines
from build_tools.data.schema import RecordSchema
from build_tools.data.suggest import did_you_mean
from build_tools.data.vocabulary import load_vocabularies
from build_tools.data.yamlfile import YamlDocument


@dataclass(frozen=True)
class ProjectPaths:
    """Where the data lives. Defaults match the repository layout; tests point them at fixtures."""

    root: Path
    exercises: Path
    vocabularies: Path
    schemas: Path
    content: Path | None = None
    routines: Path | None = None

    @classmethod
    def at(cls, root: Path, **overrides: Path) -> ProjectPaths:
        root = root.resolve()
        defaults = {
            "exercises": root / "exercises",
            "vocabularies": root / "vocabularies",
            "schemas": root / "schemas",
            "content": root / "content",
            "routines": root / "routines",
        }
        defaults.update({k: Path(v) for k, v in overrides.items() if v is not None})
        return cls(root=root, **defaults)

    @property
    def exercise_schema(self) -> Path:
        return self.schemas / "exercise-record.schema.json"


@dataclass(frozen=True)
class Library:
    """Everything the site is built from, with the indexes between records."""

    vocab: Vocabularies
    exercises: dict[str, Exercise]
    paths: ProjectPaths
    routines: dict[str, Routine] = field(default_factory=dict)

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id; a KeyError that names the closest id otherwise."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise KeyError(
                f"no exercise with id '{exercise_id}';{did_you_mean(exercise_id, self.exercises)}"
            ) from None

    def by_name(self) -> list[Exercise]:
        return sorted(self.exercises.values(), key=lambda e: e.name.lower())

    def for_condition(self, condition: str, phase: str | None = None) -> list[Exercise]:
        return [
            e
            for e in self.by_name()
            if condition in e.condition_ids and (phase is None or phase in e.phases_for(condition))
        ]

    def for_muscle(self, muscle: str, role: str = "primary") -> list[Exercise]:
        attr = "primary_muscles" if role == "primary" else "secondary_muscles"
        members = self.muscles_in(muscle)
        return [e for e in self.by_name() if members & set(getattr(e, attr))]

    def muscles_in(self, muscle_or_group: str) -> set[str]:
        """A muscle id, or every muscle in a group."""
        if muscle_or_group in self.vocab.groups:
            return {m.id for m in self.vocab.muscles.values() if m.group == muscle_or_group}
        return {muscle_or_group}

    def routines_for(self, condition: str) -> list[Routine]:
        """The routines for one condition, by title."""
        return sorted(
            (r for r in self.routines.values() if r.condition == condition), key=lambda r: r.title.lower()
        )

    def for_equipment(self, equipment: str) -> list[Exercise]:
        return [e for e in self.by_name() if equipment in e.equipment]

    def ladder(self, exercise_id: str, reach: int = 3) -> tuple[list[list[Exercise]], list[list[Exercise]]]:
        """Rungs below and above an exercise, nearest first, up to reach steps each way
        (one list per step)."""

        def walk(direction: str) -> list[list[Exercise]]:
            rungs: list[list[Exercise]] = []
            seen, frontier = {exercise_id}, [exercise_id]
            for _ in range(reach):
                step = sorted({n for i in frontier for n in getattr(self.exercises[i], direction)} - seen)
                if not step:
                    break
                rungs.append([self.exercises[i] for i in step])
                seen.update(step)
                frontier = step
            return rungs

        return walk("regressions"), walk("progressions")


def _source(block: dict[str, Any], vocab: Vocabularies, inherited: DoseSource | None = None) -> DoseSource:
    """A dose's (or phase's) source: its reference, or practice and why; a phase without one inherits."""
    key = block.get("source")
    if key is None and inherited is not None:
        return DoseSource(inherited.reference, block.get("source_note") or inherited.note)
    reference = None if key == PRACTICE else vocab.references[str(key)]
    return DoseSource(reference, block.get("source_note", ""))


def _dose(data: dict[str, Any], exercise_type: str, vocab: Vocabularies) -> Dose:
    source = _source(data, vocab)
    by_phase = tuple(
        PhaseDose(
            phase=p["phase"],
            sets=p["sets"],
            reps=p.get("reps"),
            hold_seconds=p.get("hold_seconds"),
            note=p.get("note"),
            source=_source(p, vocab, source) if "source" in p else source,
        )
        for p in data.get("by_phase", ())
    )
    return Dose(
        sets=data["sets"],
        per_side=data["per_side"],
        frequency=Frequency(**data["frequency"]),
        source=source,
        reps=data.get("reps"),
        hold_seconds=data.get("hold_seconds"),
        rest_seconds=data.get("rest_seconds"),
        by_phase=by_phase,
        timed="" if exercise_type == "self-massage" else "hold",  # you roll for 60 s; you do not hold still
    )


def _record(
    data: dict[str, Any],
    display: str,
    progressions: tuple[str, ...],
    regressions: tuple[str, ...],
    vocab: Vocabularies,
) -> Exercise:
    muscles = data["muscles"]
    return Exercise(
        id=data["id"],
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        summary=data["summary"],
        type=data["type"],
        position=data["position"],
        level=data["level"],
        knee_load=data["knee_load"],
        equipment=tuple(data["equipment"]),
        primary_muscles=tuple(muscles["primary"]),
        secondary_muscles=tuple(muscles.get("secondary", ())),
        conditions=tuple(ConditionUse(c["condition"], tuple(c["phases"])) for c in data["conditions"]),
        steps=tuple(data["steps"]),
        cues=tuple(data["cues"]),
        mistakes=tuple(data["mistakes"]),
        feel_it=data["feel_it"],
        dose=_dose(data["dose"], data["type"], vocab),
        progressions=progressions,
        regressions=regressions,
        standalone=data.get("standalone"),
        cautions=tuple(data["cautions"]),
        references=tuple(vocab.references[r] for r in data["references"]),
        reviewed=data["reviewed"],
        compare=dict(data.get("compare", {})),
        media=tuple(Media(**m) for m in data.get("media", ())),
        redirect_from=tuple(data.get("redirect_from", ())),
        pose=data.get("pose"),
        source_path=display,
    )


def read_exercises(
    paths: ProjectPaths, schema: RecordSchema, figures: FigureVocabulary | None = None
) -> tuple[dict[str, YamlDocument], list[Problem]]:
    """Parse and schema-check every exercises/*.yml, and each one's pose when figures are given (on the
    same cores as the reading: a pose is solved frame by frame, unless an earlier run found the same pose
    sound: sound.py); documents by id, and every problem."""
    sound = SoundPoses(paths.root, paths.vocabularies) if figures else None

    def check_pose(doc: YamlDocument) -> list[Problem]:
        assert figures is not None and sound is not None
        return [] if doc.data.get("pose") in sound else pose_problems(doc, figures)

    records, problems = read_record_files(
        paths.exercises,
        paths.root,
        schema,
        "exercise",
        "name: Glute bridge",
        also=check_pose if figures else None,
    )
    documents = {record_id: record.doc for record_id, record in records.items()}
    if sound is not None:
        unsound = {p.path for p in problems if p.field.startswith("pose")}
        sound.keep(
            doc.data["pose"]
            for doc in documents.values()
            if "pose" in doc.data and doc.display not in unsound
        )
    return documents, problems


def _records(
    documents: dict[str, YamlDocument], edges: set[tuple[str, str]], vocab: Vocabularies
) -> dict[str, Exercise]:
    """The checked documents as typed records, by id, with their ladder links."""
    progressions, regressions = ladders_from_edges(edges)
    return {
        exercise_id: _record(
            doc.data, doc.display, progressions.get(exercise_id, ()), regressions.get(exercise_id, ()), vocab
        )
        for exercise_id, doc in sorted(documents.items())
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading. Every object built here stays alive, yet
    each collection walks them all again: with it running, 5,000 records took a third longer to load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_library(paths: ProjectPaths, macro_names: Collection[str] | None = None) -> Library:
    """Read, check and index every data file. Raises DataError listing every problem found.

    macro_names: the macros content pages may call (the site layer's list); a page calling another
    is a problem. Without it, only the exercise and source ids in macro calls are checked."""
    with _collector_paused():
        return _load_library(paths, macro_names)


def _load_library(paths: ProjectPaths, macro_names: Collection[str] | None) -> Library:
    vocab, problems = load_vocabularies(
        paths.vocabularies, paths.schemas / "vocabulary.schema.json", paths.root
    )
    if vocab is None:
        raise DataError(problems)
    figures = load_figure_vocabulary(paths.vocabularies)  # the pose words (data/figures)
    schema = exercise_schema(paths.exercise_schema, vocab.enums(), figures, vocab.synonyms())
    documents, problems = read_exercises(paths, schema, figures)
    published, published_problems = read_published_ids(
        paths.root, paths.schemas / "published-ids.schema.json"
    )
    problems += published_problems
    problems += redirect_problems("exercise", documents, published)
    edges, edge_problems = ladder_problems(documents)
    problems += edge_problems
    for doc in documents.values():
        problems += exercise_rule_problems(doc, vocab)
    if paths.content is not None and paths.content.is_dir():
        problems += content_reference_problems(
            paths.content,
            set(documents),
            paths.root,
            set(macro_names) if macro_names is not None else None,
            set(vocab.references),
        )
    exercises = None if problems else _records(documents, edges, vocab)  # routines are held to them
    routines, routine_problems = load_routines(
        paths.root,
        paths.routines,
        paths.schemas / "routine-record.schema.json",
        vocab,
        set(documents),
        published,
        exercises,
    )
    problems += routine_problems
    if problems or exercises is None:
        raise DataError(problems)
    return Library(
        vocab=vocab,
        exercises=exercises,
        paths=paths,
        routines=routines,
    )
