"""A routine as its sheet prints it: each exercise numbered through the routine, with the cue and the dose
this routine gives it; and the catalogue the routine builder starts from. Page data, built from records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_tools.data.model import Exercise, Vocabularies, dose_text
from build_tools.data.routines import Routine, RoutineItem, RoutineSection
from build_tools.site.textfilter import inline_markdown


@dataclass(frozen=True)
class SheetLine:
    """One printed exercise row: the record, and the cue and dose as this routine gives them."""

    number: int
    exercise: Exercise
    cue: str
    dose: str
    dose_note: str = ""
    reason: str = ""


@dataclass(frozen=True)
class SheetSection:
    section: RoutineSection
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class LineAmounts:
    """The numbers behind one printed dose: sets (None in a circuit, where the rounds are the sets), reps or
    a hold, each side or not, and the phase's note when those are the phase's own numbers."""

    sets: int | str | None
    reps: int | str | None
    hold: int | str | None
    per_side: bool
    note: str


def item_amounts(
    item: RoutineItem, exercise: Exercise, section: RoutineSection, routine_phase: str | None
) -> LineAmounts:
    """The routine's own numbers for item, else the exercise's dose for the phase, else its default dose."""
    dose = exercise.dose
    by_phase = dose.for_phase(section.phase or routine_phase)
    sets, reps, hold, note = dose.sets, dose.reps, dose.hold_seconds, None
    if by_phase is not None:
        sets, reps, hold, note = by_phase.sets, by_phase.reps, by_phase.hold_seconds, by_phase.note
    if item.reps is not None or item.hold_seconds is not None:
        reps, hold = item.reps, item.hold_seconds
        note = None  # the phase's note describes the phase's numbers, not these
    if item.sets is not None:
        sets = item.sets
    printed_sets = None if section.rounds is not None and item.sets is None else sets  # a circuit: rounds
    per_side = dose.per_side if item.per_side is None else item.per_side
    return LineAmounts(printed_sets, reps, hold, per_side, item.note or note or "")


def item_dose(
    item: RoutineItem, exercise: Exercise, section: RoutineSection, routine_phase: str | None
) -> tuple[str, str]:
    """The dose printed for item, in the one formatter's words, and a note on it."""
    amounts = item_amounts(item, exercise, section, routine_phase)
    text = dose_text(amounts.sets, amounts.reps, amounts.hold, amounts.per_side, exercise.dose.timed)
    return text, amounts.note


def sheet_sections(routine: Routine, exercises: dict[str, Exercise]) -> list[SheetSection]:
    """The routine's sections with each exercise resolved and numbered through the whole sheet."""
    out, number = [], 0
    for section in routine.sections:
        lines = []
        for item in section.items:
            number += 1
            exercise = exercises[item.exercise]
            cue = item.cue or exercise.cues[0]
            dose, note = item_dose(item, exercise, section, routine.phase)
            lines.append(SheetLine(number, exercise, cue, dose, note, item.reason or ""))
        out.append(SheetSection(section, tuple(lines)))
    return out


def builder_catalogue(exercises: list[Exercise], vocab: Vocabularies) -> dict[str, Any]:
    """What the routine builder needs, as plain JSON data: every exercise with its default dose and first
    cue (Markdown removed: the builder shows text only), whether it has a drawing, and the names for its
    filters."""
    return {
        "conditions": {c.id: c.short_name or c.name for c in vocab.conditions.values()},
        "equipment": {e.id: e.name for e in vocab.equipment.values()},
        "exercises": [
            {
                "id": e.id,
                "name": e.name,
                "cue": inline_markdown(e.cues[0]).striptags(),
                "sets": e.dose.sets,
                "reps": e.dose.reps,
                "hold": e.dose.hold_seconds,
                "perSide": e.dose.per_side,
                "dose": e.dose.amount,
                "type": e.type,
                "equipment": list(e.equipment),
                "conditions": list(e.condition_ids),
                "drawn": e.pose is not None,  # its still is at exercises/<id>/figure-still.svg
            }
            for e in exercises
        ],
    }
