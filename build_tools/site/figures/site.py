"""Figures on the site: the SVG for a page, the standalone files, the text alternative and the open data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from build_tools.data.figures.pose import BODY_KEYS, Pose, pose_from_data
from build_tools.data.figures.rig import Rig
from build_tools.data.figures.scene import solve
from build_tools.data.figures.vocab import FigureVocabulary, load_figure_vocabulary
from build_tools.data.library import Library
from build_tools.site.figures.render import moving_point, render

VIEWS = {
    "side": "from the side",
    "front": "from the front",
    "three-quarter": "from the front and side",
    "above": "from above",
}
FILES = {"figure.svg": "animated", "figure-still.svg": "still", "figure-pair.svg": "pair"}


def figure_path(exercise_id: str, name: str = "figure.svg") -> str:
    """Where an exercise's figure is published, from the site root."""
    return f"exercises/{exercise_id}/{name}"


def _words(point: str) -> str:
    return point.replace("_", " ")


def describe(pose: Pose, figures: FigureVocabulary, name: str) -> str:
    """A text alternative that says what the drawing shows and what moves."""
    start, end = pose.keyframes[0].angles, pose.keyframes[-1].angles
    changes = sorted(
        ((abs(end.get(k, 0.0) - start.get(k, 0.0)), k) for k in set(start) | set(end) if k not in BODY_KEYS),
        reverse=True,
    )
    moves = []
    for size, key in changes[:2]:
        if size < 5:
            continue
        side, _, joint = key.partition("_") if key.split("_")[0] in ("left", "right") else ("", "", key)
        what = figures.joints[joint].name.split(" (")[0] if joint in figures.joints else joint
        a, b = round(start.get(key, 0.0)), round(end.get(key, 0.0))
        moves.append(f"the {side + ' ' if side else ''}{what} goes from {a} to {b} degrees")
    position = figures.positions[pose.position].name.lower()
    scene = solve(pose, Rig(figures), figures)
    point = moving_point(pose, scene)
    travel = f"; the arrow follows the {_words(point)}" if point else ""
    said = " and ".join(moves) if moves else "the body holds still"
    return f"Drawing of {name}, {VIEWS[pose.view]}, {position}: {said}{travel}."


@dataclass
class SiteFigures:
    """Every posed exercise's drawings for one build (each drawn once, then reused)."""

    library: Library

    def __post_init__(self) -> None:
        self.figures = load_figure_vocabulary(self.library.paths.vocabularies)
        self.poses: dict[str, Pose] = {
            exercise.id: pose_from_data(exercise.pose, self.figures)
            for exercise in self.library.exercises.values()
            if exercise.pose
        }

    def svg(self, exercise_id: str, mode: str = "animated", prefix: str = "") -> str:
        """The drawing as SVG text, or '' for an exercise without a pose."""
        pose = self.poses.get(exercise_id)
        if pose is None:
            return ""
        name = self.library.exercises[exercise_id].name
        return render(
            pose,
            self.figures,
            mode=mode,
            prefix=prefix or f"f{mode[0]}",
            title=name,
            desc=describe(pose, self.figures, name),
        )

    def inline(self, exercise_id: str, mode: str = "animated") -> Markup:
        """The drawing for a page (our own SVG from checked numbers; nothing from contributor text but the
        exercise name, which Jinja escaped in the SVG template)."""
        return Markup(self.svg(exercise_id, mode))

    def alt(self, exercise_id: str) -> str:
        """The text alternative for an exercise's figure."""
        pose = self.poses.get(exercise_id)
        return describe(pose, self.figures, self.library.exercises[exercise_id].name) if pose else ""

    def files(self) -> dict[str, str]:
        """Every standalone figure file by its path from the site root."""
        return {
            figure_path(eid, name): self.svg(eid, mode)
            for eid in sorted(self.poses)
            for name, mode in FILES.items()
        }

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


def site_figures(library: Library) -> SiteFigures:
    """The figures of one library (one per build)."""
    key = id(library)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = SiteFigures(library)
    return _CACHE[key]
