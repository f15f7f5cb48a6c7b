"""The open-data files published with the site: /api/exercises.json and /api/exercise.schema.json."""

from __future__ import annotations

import json
from dataclasses import asdict
from urllib.parse import urljoin

from .library import Library


def exercise_record(exercise, site_url: str) -> dict:
    """One exercise, normalised: every field, derived ladders, and its page URL."""
    data = asdict(exercise)
    data["url"] = urljoin(site_url, exercise.url) if site_url else "/" + exercise.url
    data["source"] = data.pop("source_path")
    return data


def exercises_api(library: Library, site_url: str) -> dict[str, str]:
    """File name -> text for every file under api/."""
    records = [exercise_record(e, site_url) for e in library.exercises.values()]
    schema = library.paths.exercise_schema.read_text(encoding="utf-8")
    return {
        "api/exercises.json": json.dumps(
            {"count": len(records), "exercises": records}, indent=1, ensure_ascii=False
        )
        + "\n",
        "api/exercise.schema.json": schema,
    }
