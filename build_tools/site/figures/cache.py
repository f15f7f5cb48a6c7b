"""Drawings from earlier builds, reused while nothing that went into them has changed.

Drawing an exercise's figure (solving its pose, outlining every frame, writing three SVGs) takes
milliseconds of pure Python; across a library that was most of a build. Each exercise's drawings are
kept beside the routine PDFs (.cache/atlas/figures/<id>/) under a key made of everything they are drawn
from: the pose, the exercise's name, the figure vocabularies and the drawing code itself. A build reuses
them only when that key is the same, so a cached drawing is the one a new one would be. The build reads
them from there when a page shows them and copies them to the site, so they are never all in memory.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from build_tools.data.remembered import replace_whole, sources_digest

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


class CachedDrawing:
    """One exercise's drawings as kept on disk: read when a page needs them, never held for the build
    (5,000 exercises' drawings are hundreds of megabytes), and copied to the site as files."""

    def __init__(self, files: dict[str, Path], alt: str) -> None:
        self.files = files  # the SVG file of each mode
        self.alt = alt

    def svg(self, mode: str) -> str:
        return self.files[mode].read_text(encoding="utf-8")


class DrawingCache:
    """A folder per exercise holding its drawings under their key: <key>.json (the text alternative and
    the modes) and <key>.<mode>.svg. Files under one key never change, so a build that found them can
    read them later, whatever another build stores; storing a new key removes the old key's files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def fetch(self, exercise_id: str, key: str) -> CachedDrawing | None:
        """The exercise's drawings under this key, if kept."""
        folder = self.folder / exercise_id
        try:
            entry = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            files = {str(mode): folder / f"{key}.{mode}.svg" for mode in entry["modes"]}
            if not all(path.is_file() for path in files.values()):
                return None
            return CachedDrawing(files, str(entry["alt"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none kept, or a damaged entry: draw afresh

    def store(self, exercise_id: str, key: str, svgs: dict[str, str], alt: str) -> CachedDrawing | None:
        """Keep the exercise's drawings under key: each SVG, then the entry that makes them count (so a
        half-stored drawing is never found). None when the folder cannot be written."""
        folder = self.folder / exercise_id
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                if not old.name.startswith(f"{key}."):
                    old.unlink(missing_ok=True)
            for mode, svg in svgs.items():
                replace_whole(folder / f"{key}.{mode}.svg", svg)
            replace_whole(
                folder / f"{key}.json", json.dumps({"modes": sorted(svgs), "alt": alt}, ensure_ascii=False)
            )
        except OSError:  # a read-only checkout still builds; it only draws every time
            return None
        return self.fetch(exercise_id, key)
