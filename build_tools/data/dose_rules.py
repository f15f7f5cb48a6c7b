"""Checks on one exercise record that its schema cannot express: where each dose comes from, how often it
can be done, and muscles no exercise can target. Each problem points at the field, like schema problems."""

from __future__ import annotations

from typing import Any

from build_tools.data.model import PRACTICE, Vocabularies
from build_tools.data.problems import Problem
from build_tools.data.yamlfile import JsonPath, YamlDocument


def frequency_problems(doc: YamlDocument, path: JsonPath, frequency: Any) -> list[Problem]:
    """A frequency whose parts contradict each other: more sessions than the rest days leave room for, or
    several sessions a day on fewer than seven days."""
    if not isinstance(frequency, dict):
        return []
    per_week, rest_days, per_day = (
        frequency.get("per_week"),
        frequency.get("rest_days", 0),
        frequency.get("per_day", 1),
    )
    if not isinstance(per_week, (int, str)) or isinstance(per_week, bool):
        return []
    most = int(str(per_week).split("-")[-1]) if str(per_week).split("-")[-1].isdigit() else 0
    problems = []
    if isinstance(rest_days, int) and rest_days > 0 and most * (rest_days + 1) > 7:
        fits = 7 // (rest_days + 1)
        problems.append(
            doc.problem_at(
                (*path, "per_week"),
                f"{per_week} times a week leaves no room for {rest_days} rest "
                f"day{'s' if rest_days > 1 else ''} between sessions; "
                f"with rest_days: {rest_days} allowed: at most {fits} a week",
            )
        )
    if isinstance(per_day, int) and per_day > 1 and per_week != 7:
        problems.append(
            doc.problem_at((*path, "per_day"), "several sessions a day go with per_week: 7 (every day)")
        )
    return problems


def _source_problems(
    doc: YamlDocument, path: JsonPath, block: dict[str, Any], cited: list[str]
) -> list[Problem]:
    source = block.get("source")
    if source == PRACTICE and not block.get("source_note"):
        return [
            doc.problem_at(
                (*path, "source"),
                "a dose from common practice needs a source_note: one line on why no study gives this number "
                "and where it comes from",
            )
        ]
    if isinstance(source, str) and source != PRACTICE and source not in cited:
        listed = ", ".join(cited) or "none"
        return [
            doc.problem_at(
                (*path, "source"),
                f"'{source}' is not one of this exercise's references ({listed}); "
                f"add it to references, or name one of them, or write practice",
            )
        ]
    return []


def _list(value: Any) -> list[Any]:
    """A field that should be a list, or nothing: what the schema refused (true, a number, a text) is
    reported there, and these checks must not fail on it."""
    return value if isinstance(value, list) else []


def exercise_rule_problems(doc: YamlDocument, vocab: Vocabularies) -> list[Problem]:
    """Every problem of one parsed exercise record that the schema cannot see."""
    data = doc.data
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []
    cited = [r for r in _list(data.get("references")) if isinstance(r, str)]
    # An unknown reference is reported already, and fixing it may fix the dose's source too.
    sources_checkable = all(r in vocab.references for r in cited)
    dose = data.get("dose")
    if isinstance(dose, dict):
        problems += frequency_problems(doc, ("dose", "frequency"), dose.get("frequency"))
        steps = [(("dose",), dose)] + [
            (("dose", "by_phase", i), step)
            for i, step in enumerate(_list(dose.get("by_phase")))
            if isinstance(step, dict)
        ]
        for path, block in steps if sources_checkable else ():
            problems += _source_problems(doc, path, block, cited)
    muscles = data.get("muscles")
    for role in ("primary", "secondary"):
        listed = muscles.get(role) if isinstance(muscles, dict) else None
        for i, muscle in enumerate(_list(listed)):
            term = vocab.muscles.get(muscle) if isinstance(muscle, str) else None
            if term is not None and term.part_of:
                problems.append(
                    doc.problem_at(
                        ("muscles", role, i),
                        f"no exercise trains the {term.name} on its own, so none may list it "
                        f"(vocabularies/muscles.yml); list '{term.part_of}' instead",
                    )
                )
    return problems
