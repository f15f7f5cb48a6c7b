"""Keep the generated parts of the committed schemas equal to their sources (editors read them): the
vocabulary and bibliography enums and the pose's joints, props and contacts from vocabularies/ (in the
record schemas and in the open data's exercises schema), and the routine schema's copy of the exercise
schema's `frequency`, so both say "how often" the same way."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.data.figures.vocab import figure_schema_defs, load_figure_vocabulary
from build_tools.data.library import ProjectPaths
from build_tools.data.problems import DataError
from build_tools.data.schema_enums import render_schema, with_enums
from build_tools.data.vocabulary import load_vocabularies

SHARED_DEFS = ("frequency",)  # routine-record.schema.json takes these from exercise-record.schema.json


def sync_schema(paths: ProjectPaths, write: bool = True) -> list[Path]:
    """Rewrite each schema whose generated parts differ; the schemas that were (or would be) changed."""
    vocab, problems = load_vocabularies(
        paths.vocabularies, paths.schemas / "vocabulary.schema.json", paths.root
    )
    if vocab is None:
        raise DataError(problems)
    figures = load_figure_vocabulary(paths.vocabularies)
    exercise = with_enums(json.loads(paths.exercise_schema.read_text(encoding="utf-8")), vocab.enums())
    exercise = figure_schema_defs(exercise, figures)
    changed = []
    routine = paths.schemas / "routine-record.schema.json"
    open_data = paths.schemas / "open-data" / "exercises.schema.json"  # the pose as /api/ gives it
    for path in (paths.exercise_schema, routine, open_data):
        current = path.read_text(encoding="utf-8")
        schema = json.loads(current)
        if path != open_data:  # (the open data gives words and sources as objects, not the records' ids)
            schema = with_enums(schema, vocab.enums())
        schema = figure_schema_defs(schema, figures)
        for name in SHARED_DEFS if path == routine else ():
            schema["$defs"][name] = exercise["$defs"][name]
        wanted = render_schema(schema)
        if wanted != current:
            changed.append(path)
            if write:
                path.write_text(wanted, encoding="utf-8")
    return changed
