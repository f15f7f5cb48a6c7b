"""One dose formatter (issue 13): the exercise page, the routine sheet and the builder's data word every
dose the same way, because all three call build_tools.data.model.dose_text."""

from __future__ import annotations

import html
import re

import pytest

from build_tools.data.model import Frequency, dose_text
from build_tools.site.sheets import builder_catalogue, sheet_sections


@pytest.mark.parametrize(
    ("sets", "reps", "hold", "per_side", "timed", "text"),
    [
        (3, 10, None, True, "hold", "3 × 10 each side"),
        ("2-3", "15-30", None, False, "hold", "2–3 × 15–30"),
        (5, None, 45, False, "hold", "5 × 45 s hold"),
        (2, None, 60, True, "", "2 × 60 s each side"),
        (None, "15-30", None, True, "hold", "15–30 reps each side"),
        (None, None, 30, False, "hold", "30 s hold"),
    ],
)
def test_dose_text(sets, reps, hold, per_side, timed, text):
    assert dose_text(sets, reps, hold, per_side, timed) == text


@pytest.mark.parametrize(
    ("frequency", "text"),
    [
        (Frequency(per_week=7), "daily"),
        (Frequency(per_week=7, per_day=2), "twice a day"),
        (Frequency(per_week=3), "3 times a week"),
        (Frequency(per_week=2), "twice a week"),
        (Frequency(per_week="2-3", rest_days=1), "2–3 times a week, never on back-to-back days"),
        (Frequency(per_week=2, rest_days=2), "twice a week, with at least 2 days off between"),
        (Frequency(per_week=1, note="after a run"), "once a week (after a run)"),
    ],
)
def test_frequency_text(frequency, text):
    assert frequency.text == text


def test_every_exercise_page_starts_with_the_dose_the_formatter_gives(library, macros):
    for exercise in library.exercises.values():
        page = macros.exercise_page(exercise.id)
        start = re.search(r'class="atlas-dose-start">Start with <strong>(.*?)</strong>, (.*?)\.</p>', page)
        assert start, exercise.id
        assert html.unescape(start[1]) == exercise.dose.amount
        assert html.unescape(start[2]) == exercise.dose.frequency.text
        for step in exercise.dose.by_phase:
            shown = html.escape(exercise.dose.phase_amount(step), quote=False)
            assert shown in page, (exercise.id, step.phase)


def test_every_sheet_line_gives_the_exercises_own_dose_for_its_phase_or_a_reason(library):
    for routine in library.routines.values():
        for part in sheet_sections(routine, library.exercises):
            phase = part.section.phase or routine.phase
            for line in part.lines:
                dose = line.exercise.dose
                step = dose.for_phase(phase)
                sets = None if part.section.rounds is not None else (step.sets if step else dose.sets)
                reps = step.reps if step else dose.reps
                hold = step.hold_seconds if step else dose.hold_seconds
                own = dose_text(sets, reps, hold, dose.per_side, dose.timed)
                assert line.dose == own or line.reason, (routine.id, line.exercise.id, line.dose, own)


def test_the_builder_gets_each_exercises_dose_as_the_pages_word_it(library):
    catalogue = builder_catalogue(library.by_name(), library.vocab)
    for entry in catalogue["exercises"]:
        assert entry["dose"] == library.exercise(entry["id"]).dose.amount
