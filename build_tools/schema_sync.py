"""Keep the committed schema's vocabulary enums equal to vocabularies/*.yml (editors read them)."""

from __future__ import annotations

import json

from .library import ProjectPaths
from .problems import DataError
from .schema import render_schema, with_enums
from .vocabulary import load_vocabularies


def sync_schema(paths: ProjectPaths, write: bool = True) -> bool:
    """Rewrite schemas/exercise-record.schema.json if its enums differ; True when it was (or would be)
    changed."""
    vocab, problems = load_vocabularies(
        paths.vocabularies, paths.schemas / "vocabulary.schema.json", paths.root
    )
    if vocab is None:
        raise DataError(problems)
    current = paths.exercise_schema.read_text(encoding="utf-8")
    wanted = render_schema(with_enums(json.loads(current), vocab.enums()))
    if wanted == current:
        return False
    if write:
        paths.exercise_schema.write_text(wanted, encoding="utf-8")
    return True
