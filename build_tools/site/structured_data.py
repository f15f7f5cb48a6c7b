"""schema.org data for exercise pages, as plain dicts; the template serialises them with `tojson`."""

from __future__ import annotations

from typing import Any

from build_tools.data.model import Exercise, Vocabularies


def exercise_howto(exercise: Exercise, vocab: Vocabularies) -> dict[str, Any]:
    """An exercise as a schema.org HowTo: its steps, equipment, the conditions it is about, its sources."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": exercise.name,
        "description": exercise.summary,
        "step": [
            {"@type": "HowToStep", "position": n, "text": text} for n, text in enumerate(exercise.steps, 1)
        ],
        "about": [
            {"@type": "MedicalCondition", "name": vocab.conditions[c].name} for c in exercise.condition_ids
        ],
        "citation": [ref.href or ref.citation for ref in exercise.references],
        "dateModified": exercise.reviewed,
    }
    if exercise.aliases:
        data["alternateName"] = list(exercise.aliases)
    tools = [vocab.equipment[e].name for e in exercise.equipment if e != "none"]
    if tools:
        data["tool"] = [{"@type": "HowToTool", "name": name} for name in tools]
    return data
