"""The open-data files published with the site: /api/exercises.json and /api/exercise-record.schema.json."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any
from urllib.parse import urljoin

from .library import Library


def _plain(value: Any) -> Any:
    """Records as JSON-ready values. (dataclasses.asdict deep-copies every leaf: a third of this file's
    cost at 1,000 exercises, for values that are never changed.)"""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def exercise_record(exercise, site_url: str) -> dict:
    """One exercise, normalised: every field, derived ladders, and its page URL."""
    data = _plain(exercise)
    data["url"] = urljoin(site_url, exercise.url) if site_url else "/" + exercise.url
    data["source"] = data.pop("source_path")
    return data


def exercises_api(library: Library, site_url: str) -> dict[str, str]:
    """File name -> text for every file under api/."""
    records = [exercise_record(e, site_url) for e in library.exercises.values()]
    schema = library.paths.exercise_schema.read_text(encoding="utf-8")
    return {
        # Compact: an indent makes Python fall back from its C encoder (and the file grows with N).
        "api/exercises.json": json.dumps(
            {"count": len(records), "exercises": records}, ensure_ascii=False, separators=(",", ":")
        )
        + "\n",
        "api/exercise-record.schema.json": schema,
    }
