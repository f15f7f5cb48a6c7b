"""A routine must agree with the exercises it names: done no more often than each allows, each used for the
routine's condition and phase, at the dose the exercise gives for that phase. A routine may differ in
condition, phase or dose only with a stated reason, which the sheet prints; rest days cannot be waived."""

from __future__ import annotations

from typing import Any

from build_tools.data.model import Exercise, Frequency, dose_text
from build_tools.data.problems import Problem
from build_tools.data.yamlfile import JsonPath, YamlDocument


def _frequency(data: Any) -> Frequency | None:
    try:
        return Frequency(**data) if isinstance(data, dict) else None
    except (TypeError, ValueError):
        return None


def _schedule_problem(
    doc: YamlDocument, path: JsonPath, routine: Frequency, exercise: Exercise
) -> Problem | None:
    own = exercise.dose.frequency
    if routine.rest_days < own.rest_days:
        return doc.problem_at(
            path,
            f"{exercise.name} ({exercise.id}) must be done {own.text}, but this routine is done "
            f"{routine.text}; give the routine frequency.rest_days: {own.rest_days} or more, "
            f"or leave the exercise out",
        )
    if routine.most_per_week * routine.per_day > own.most_per_week * own.per_day:
        return doc.problem_at(
            path,
            f"{exercise.name} ({exercise.id}) is done {own.text}, but this routine is done "
            f"{routine.text}; make the routine less frequent, or leave the exercise out",
        )
    return None


def _dose_change(item: dict[str, Any], exercise: Exercise, phase: str | None, circuit: bool) -> str:
    """'3 × 30 s hold instead of 3 × 10' when the item changes the exercise's dose for the phase, else ''.
    In a circuit the rounds stand for sets, so only the amount per round is compared."""
    dose = exercise.dose
    step = dose.for_phase(phase)
    sets = step.sets if step else dose.sets
    reps = step.reps if step else dose.reps
    hold = step.hold_seconds if step else dose.hold_seconds
    given_sets = item.get("sets", sets)
    if "reps" in item or "hold_seconds" in item:
        given_reps, given_hold = item.get("reps"), item.get("hold_seconds")
    else:
        given_reps, given_hold = reps, hold
    per_side = item.get("per_side", dose.per_side)
    own = dose_text(None if circuit else sets, reps, hold, dose.per_side, dose.timed)
    given = dose_text(None if circuit else given_sets, given_reps, given_hold, per_side, dose.timed)
    return f"{given} instead of {own}" if given != own else ""


def routine_rule_problems(doc: YamlDocument, exercises: dict[str, Exercise]) -> list[Problem]:
    """Every disagreement between one schema-valid routine and the exercises it names."""
    data = doc.data
    condition, frequency = data["condition"], _frequency(data.get("frequency"))
    problems: list[Problem] = []
    for s, section in enumerate(data["sections"]):
        phase = section.get("phase") or data.get("phase")
        for i, item in enumerate(section.get("exercises", ())):
            exercise = exercises.get(item["exercise"])
            if exercise is None:
                continue  # reported as an unknown id
            path = ("sections", s, "exercises", i, "exercise")
            if frequency is not None and (found := _schedule_problem(doc, path, frequency, exercise)):
                problems.append(found)
            if item.get("reason"):
                continue
            outside = ""
            if condition not in exercise.condition_ids:
                outside = f"is not an exercise for {condition} (it lists {', '.join(exercise.condition_ids)})"
            elif phase and phase not in exercise.phases_for(condition):
                outside = (
                    f"is not for the {phase} phase of {condition} "
                    f"(its phases: {', '.join(exercise.phases_for(condition))})"
                )
            if outside:
                problems.append(
                    doc.problem_at(
                        path,
                        f"{exercise.name} {outside}; choose another exercise, or say why it belongs here "
                        f"in 'reason:' (printed on the sheet)",
                    )
                )
            if "reps" in item and "hold_seconds" in item:
                continue  # reported as reps together with a hold
            change = _dose_change(item, exercise, phase, section.get("rounds") is not None)
            if change:
                problems.append(
                    doc.problem_at(
                        path,
                        f"{change} is not {exercise.name}'s own dose for the {phase or 'default'} phase; "
                        f"use the exercise's dose, or say why in 'reason:' (printed on the sheet)",
                    )
                )
    return problems
