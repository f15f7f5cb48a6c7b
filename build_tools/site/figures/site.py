"""Figures on the site: the SVG for a page, the standalone files, the text alternative and the open data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from build_tools.data.figures.pose import BODY_KEYS, Pose, pose_from_data
from build_tools.data.figures.rig import rig_for
from build_tools.data.figures.scene import Scene, solve
from build_tools.data.figures.vocab import FigureVocabulary, load_figure_vocabulary
from build_tools.data.library import Library
from build_tools.site.figures.cache import (
    CachedDrawing,
    DrawingCache,
    code_and_vocabulary_digest,
    drawing_key,
)
from build_tools.site.figures.editor import EDITOR_DATA, PoseEditor
from build_tools.site.figures.render import Sketch, moving_point, render, still_frames

VIEWS = {
    "side": "from the side",
    "front": "from the front",
    "three-quarter": "from the front and side",
    "above": "from above",
}
FILES = {
    "figure.svg": "animated",  # also what the exercise page's script fetches to play (atlas-figure.js)
    "figure-still.svg": "still",
    "figure-pair.svg": "pair",
}


def figure_path(exercise_id: str, name: str = "figure.svg") -> str:
    """Where an exercise's figure is published, from the site root."""
    return f"exercises/{exercise_id}/{name}"


def _words(point: str) -> str:
    return point.replace("_", " ")


def describe(pose: Pose, figures: FigureVocabulary, name: str, scene: Scene | None = None) -> str:
    """A text alternative that says what the drawing shows and what moves: from the start to the frame
    the arrow points to (the end, or a hop's flight), a joint bent the same on both sides said once
    (scene: the pose's, solved, when the caller has it)."""
    scene = scene or solve(pose, rig_for(figures), figures)
    _, peak = still_frames(pose, scene)
    start = pose.keyframes[0].angles
    end = pose.keyframes[pose.keyframe_indexes().index(peak)].angles
    changes = sorted(
        ((abs(end.get(k, 0.0) - start.get(k, 0.0)), k) for k in set(start) | set(end) if k not in BODY_KEYS),
        key=lambda c: (-c[0], c[1]),
    )
    moves: list[str] = []
    said_joints: set[str] = set()
    for size, key in changes:
        if size < 5 or len(moves) == 2:
            continue
        side, _, joint = key.partition("_") if key.split("_")[0] in ("left", "right") else ("", "", key)
        if joint in said_joints:
            continue
        what = figures.joints[joint].name.split(" (")[0] if joint in figures.joints else joint
        a, b = round(start.get(key, 0.0)), round(end.get(key, 0.0))
        other = {"left": "right", "right": "left"}.get(side, "")
        twin = (round(start.get(f"{other}_{joint}", 0.0)), round(end.get(f"{other}_{joint}", 0.0)))
        if other and twin == (a, b):
            moves.append(f"the {what} of both sides goes from {a} to {b} degrees")
            said_joints.add(joint)
        else:
            moves.append(f"the {side + ' ' if side else ''}{what} goes from {a} to {b} degrees")
    position = figures.positions[pose.position].name.lower()
    point = moving_point(pose, scene)
    travel = f"; the arrow follows the {_words(point)}" if point else ""
    said = " and ".join(moves) if moves else "the body holds still"
    flight = next((k for k in pose.keyframes if k.airborne), None)
    if flight is not None:
        said += f"; in the {flight.name} frame the feet are off the floor, {flight.angles['lift']:.0f} cm up"
    return f"Drawing of {name}, {VIEWS[pose.view]}, {position}: {said}{travel}."


@dataclass(frozen=True)
class Drawing:
    """One exercise's pictures: the SVG in every mode, by mode, and their text alternative."""

    svgs: dict[str, str]
    alt: str

    def svg(self, mode: str) -> str:
        return self.svgs[mode]


MODES = ("animated", "still", "pair")
ON_PAGE = ("pair",)  # what exercise-figure.html puts inline: the start and end; figure.svg is fetched


def _draw(pose: Pose, figures: FigureVocabulary, name: str) -> Drawing:
    """The pose solved and drawn once, then arranged in every mode (prefix f + the mode's initial)."""
    sketch = Sketch(pose, figures)
    alt = describe(pose, figures, name, sketch.scene)
    svgs = {
        mode: render(pose, figures, mode=mode, prefix=f"f{mode[0]}", title=name, desc=alt, sketch=sketch)
        for mode in MODES
    }
    return Drawing(svgs, alt)


@dataclass
class SiteFigures:
    """Every posed exercise's drawings for one build (each drawn once, then reused)."""

    library: Library
    cache: DrawingCache | None = None  # drawings of earlier builds (cache.py)

    def __post_init__(self) -> None:
        self.figures = load_figure_vocabulary(self.library.paths.vocabularies)
        self._shared_key = code_and_vocabulary_digest(self.library.paths.vocabularies) if self.cache else ""
        self.poses: dict[str, Pose] = {
            exercise.id: pose_from_data(exercise.pose, self.figures)
            for exercise in self.library.exercises.values()
            if exercise.pose
        }
        self.editor = PoseEditor(self.library, self.figures)
        self._drawings: dict[str, Drawing | CachedDrawing] = {}

    def svg(self, exercise_id: str, mode: str = "animated") -> str:
        """The drawing as SVG text, or '' for an exercise without a pose."""
        drawing = self.drawing(exercise_id)
        return drawing.svg(mode) if drawing else ""

    def inline(self, exercise_id: str, mode: str = "animated") -> Markup:
        """The drawing for a page (our own SVG from checked numbers; nothing from contributor text but the
        exercise name, which Jinja escaped in the SVG template)."""
        return Markup(self.svg(exercise_id, mode))

    def alt(self, exercise_id: str) -> str:
        """The text alternative for an exercise's figure."""
        drawing = self.drawing(exercise_id)
        return drawing.alt if drawing else ""

    def on_page(self, exercise_id: str) -> list[str]:
        """The drawings an exercise's page shows inline (exercise-figure.html): none without a pose."""
        drawing = self.drawing(exercise_id)
        return [drawing.svg(mode) for mode in ON_PAGE] if drawing else []

    def drawing(self, exercise_id: str) -> Drawing | CachedDrawing | None:
        """Every picture of one exercise, from one solved and drawn pose (None without a pose): from the
        cache when it has them (kept on disk, read when needed), else drawn now and stored there."""
        if exercise_id not in self._drawings:
            pose = self.poses.get(exercise_id)
            if pose is None:
                return None
            exercise = self.library.exercises[exercise_id]
            if self.cache is None:
                self._drawings[exercise_id] = _draw(pose, self.figures, exercise.name)
            else:
                key = drawing_key(self._shared_key, exercise.pose, exercise.name)
                kept: Drawing | CachedDrawing | None = self.cache.fetch(exercise_id, key)
                if kept is None:
                    drawn = _draw(pose, self.figures, exercise.name)
                    # (kept in memory instead when the cache cannot be written)
                    kept = self.cache.store(exercise_id, key, drawn.svgs, drawn.alt) or drawn
                self._drawings[exercise_id] = kept
        return self._drawings[exercise_id]

    def files(self) -> dict[str, str | Path]:
        """Every standalone figure file by its path from the site root, as text or as the cached file to
        copy; and the pose editor's data."""
        out: dict[str, str | Path] = {}
        for eid in sorted(self.poses):
            drawing = self.drawing(eid)
            assert drawing is not None
            for name, mode in FILES.items():
                out[figure_path(eid, name)] = (
                    drawing.files[mode] if isinstance(drawing, CachedDrawing) else drawing.svg(mode)
                )
        out[EDITOR_DATA] = self.editor.data_file(VIEWS)
        return out

    def api_entry(self, exercise_id: str, site_url: str) -> dict[str, Any]:
        """The pose and the figure's address, for /api/exercises.json."""
        exercise = self.library.exercises.get(exercise_id)
        if exercise is None or exercise.pose is None or exercise_id not in self.poses:
            return {"pose": None, "figure": None}
        path = figure_path(exercise_id)
        pose = dict(exercise.pose)
        frames = pose["keyframes"]
        order = ["start", *[k for k in frames if k not in ("start", "end")], "end"]
        pose["keyframes"] = [{"name": name, **(frames[name] or {})} for name in order]
        return {"pose": pose, "figure": urljoin(site_url, path) if site_url else "/" + path}


_CACHE: dict[int, SiteFigures] = {}


def site_figures(library: Library, cache: DrawingCache | None = None) -> SiteFigures:
    """The figures of one library (one per build); the first call for a library says where drawings of
    earlier builds are kept, if anywhere (the atlas plugin's cache folder)."""
    key = id(library)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = SiteFigures(library, cache)
    return _CACHE[key]
