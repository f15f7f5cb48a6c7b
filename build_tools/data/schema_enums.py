"""The generated parts of the record schemas: which $defs hold a vocabulary's words or the bibliography's
ids, and how the committed schema files are written. `python -m build_tools schema` regenerates them."""

from __future__ import annotations

import json
from typing import Any

from build_tools.data.figures.vocab import FIGURE_FILES

VOCABULARY_FILES = {
    "muscle": "muscles.yml",
    "equipment": "equipment.yml",
    "condition": "conditions.yml",
    "phase": "phases.yml",
    "type": "types.yml",
    "position": "positions.yml",
    "level": "levels.yml",
    "knee_load": "knee-loads.yml",
}
# Every schema $def whose enum is generated from a data file: the word lists, and the bibliography's ids.
ENUM_FILES = {
    **VOCABULARY_FILES,
    "reference": "references.yml",
    "dose_source": "references.yml",
    **FIGURE_FILES,  # the pose's word lists (build_tools/data/figures)
}


def with_enums(schema: dict[str, Any], enums: dict[str, list[str]]) -> dict[str, Any]:
    """A copy of schema with each vocabulary $def's enum replaced by the current vocabulary."""
    schema = json.loads(json.dumps(schema))
    for name, ids in enums.items():
        if name not in schema["$defs"]:
            continue  # e.g. the routine schema has no muscle list
        schema["$defs"][name] = {"enum": ids, "description": ENUM_DESCRIPTIONS.get(name, _word_from(name))}
    return schema


def _word_from(name: str) -> str:
    return f"A word from vocabularies/{ENUM_FILES[name]}."


ENUM_DESCRIPTIONS = {
    "reference": "The id of a source in vocabularies/references.yml, e.g. willy2019.",
    "dose_source": "'practice', or the id of one of this record's references (vocabularies/references.yml).",
}


def render_schema(schema: dict[str, Any]) -> str:
    """The schema as committed: two-space JSON with a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
