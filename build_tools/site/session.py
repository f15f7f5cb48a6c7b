"""What the guided session page (/routines/session/) and the log page need, as plain JSON data.

Every routine line carries the dose exactly as its printed sheet gives it (`sheet_sections`), and the
numbers behind that text, so the browser can count reps and time holds. Every exercise carries its own
dose (used when "Too hard?" swaps in an easier one, or a builder routine names it), its first cue and
its easier versions. Nothing here is HTML: the templates and session.js turn it into a page.
"""

from __future__ import annotations

from typing import Any

from build_tools.data.library import Library
from build_tools.data.model import Exercise
from build_tools.data.routines import Routine, RoutineItem, RoutineSection
from build_tools.site.sheets import item_amounts, sheet_sections
from build_tools.site.textfilter import inline_markdown

DEFAULT_REST_SECONDS = 60  # between sets, when the exercise's record gives no rest


def _text(markdown: str) -> str:
    """Markdown as plain text: the session shows words, not markup."""
    return str(inline_markdown(markdown).striptags())


def figure_path(exercise: Exercise) -> str | None:
    """The exercise's figure, when its record says it has one (an SVG drawing, published beside its page)."""
    if exercise.pose:  # drawn from its pose (build_tools/site/figures)
        return f"exercises/{exercise.id}/figure.svg"
    return next((m.file for m in exercise.media if m.file.endswith(".svg")), None)


def line_numbers(
    item: RoutineItem, exercise: Exercise, section: RoutineSection, routine_phase: str | None
) -> dict[str, Any]:
    """The numbers behind a line's printed dose, resolved by the same function as the sheet's text."""
    amounts = item_amounts(item, exercise, section, routine_phase)
    return {
        "sets": amounts.sets,
        "reps": amounts.reps,
        "hold": amounts.hold,
        "perSide": amounts.per_side,
        "timed": exercise.dose.timed,
    }


def exercise_entry(exercise: Exercise) -> dict[str, Any]:
    dose = exercise.dose
    return {
        "name": exercise.name,
        "cue": _text(exercise.cues[0]),
        "dose": dose.amount,
        "sets": dose.sets,
        "reps": dose.reps,
        "hold": dose.hold_seconds,
        "perSide": dose.per_side,
        "timed": dose.timed,
        "rest": dose.rest_seconds or DEFAULT_REST_SECONDS,
        "stretch": exercise.type == "stretch",
        "regressions": list(exercise.regressions),
        "figure": figure_path(exercise),
    }


def routine_entry(routine: Routine, library: Library) -> dict[str, Any]:
    sections = []
    for part in sheet_sections(routine, library.exercises):
        lines = []
        for item, line in zip(part.section.items, part.lines, strict=True):
            numbers = line_numbers(item, line.exercise, part.section, routine.phase)
            lines.append(
                {
                    "exercise": line.exercise.id,
                    "cue": _text(line.cue),
                    "dose": line.dose,
                    "doseNote": _text(line.dose_note),
                    **numbers,
                }
            )
        sections.append({"name": part.section.name, "rounds": part.section.rounds, "lines": lines})
    return {"title": routine.title, "url": routine.url, "sections": sections}


def session_data(library: Library) -> dict[str, Any]:
    """Every routine and every exercise, as the session page reads them."""
    return {
        "routines": {r.id: routine_entry(r, library) for r in library.routines.values()},
        "exercises": {e.id: exercise_entry(e) for e in library.exercises.values()},
    }
