"""Drawings from earlier builds, reused while nothing that went into them has changed.

Drawing an exercise's figure (solving its pose, outlining every frame, writing four SVGs) takes
milliseconds of pure Python; across a library that was most of a build. Each exercise's drawings are
kept in one file beside the routine PDFs (.cache/atlas/figures/<id>.json) under a key made of everything
they are drawn from: the pose, the exercise's name, the figure vocabularies and the drawing code itself.
A build reuses them only when that key is the same, so a cached drawing is the one a new one would be.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from build_tools.data.figures.sound import sources_digest

FIGURES_CODE = (Path(__file__).parent, Path(__file__).parent.parent.parent / "data" / "figures")


def code_and_vocabulary_digest(vocabularies: Path) -> str:
    """What every drawing depends on beside its own pose: the drawing code, its templates and the figure
    vocabularies (joints, positions, props, contacts, the rig)."""
    parts = [
        sources_digest(folder, (p for p in folder.rglob("*") if p.suffix in (".py", ".j2")))
        for folder in FIGURES_CODE
    ]
    parts.append(sources_digest(vocabularies, vocabularies.glob("figure-*.yml")))
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()


def drawing_key(shared: str, pose: Any, name: str) -> str:
    """The key of one exercise's drawings: the shared digest, its pose as written, and its name."""
    text = json.dumps([shared, pose, name], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class DrawingCache:
    """One JSON file per exercise: its key, the SVG in every mode, and the text alternative."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def fetch(self, exercise_id: str, key: str) -> tuple[dict[str, str], str] | None:
        """The exercise's SVGs by mode and its text alternative, if drawn under this key."""
        try:
            entry = json.loads((self.folder / f"{exercise_id}.json").read_text(encoding="utf-8"))
            if entry["key"] != key:
                return None
            return dict(entry["svgs"]), str(entry["alt"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no entry, or a damaged one: draw afresh

    def store(self, exercise_id: str, key: str, svgs: dict[str, str], alt: str) -> None:
        """Keep the exercise's drawings under key (written whole or not at all)."""
        text = json.dumps({"key": key, "svgs": svgs, "alt": alt}, ensure_ascii=False)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:  # a read-only checkout still builds; it only draws every time
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.folder / f"{exercise_id}.json")
        except OSError:
            Path(temporary).unlink(missing_ok=True)
