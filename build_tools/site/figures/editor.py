"""The pose editor (content/contribute/pose-editor.md): its sliders, and the data its script poses the
figure from (assets/pose-editor.json). The script keeps no number of its own: the rig's proportions, the
joints' ranges, the view angle and the scene's rules all come from here, so it poses the same figure as
the build (tests/test_pose_editor.py compares the two)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from build_tools.data.figures.pose import STEPS_BETWEEN
from build_tools.data.figures.props import BAND_REACH_CM, LAID, LEVEL, PAD_CM
from build_tools.data.figures.vocab import FigureVocabulary, Joint, example_pose_data
from build_tools.data.library import Library
from build_tools.site.figures.render import FACE, FOOT, LINE
from build_tools.site.figures.shapes import THREE_QUARTER

EDITOR_DATA = "assets/pose-editor.json"
LIMBS = (("leg", ("hip", "knee", "ankle")), ("arm", ("shoulder", "elbow")))


@dataclass(frozen=True)
class Slider:
    """One slider: the keyframe angle it sets (`right_knee_flexion`, `trunk_flexion`, `tilt`)."""

    angle: str
    label: str
    hint: str
    min: float
    max: float


@dataclass(frozen=True)
class SliderGroup:
    """The sliders of one limb (or the trunk and head, or the whole body), under one legend."""

    name: str
    sliders: tuple[Slider, ...]


@dataclass(frozen=True)
class Start:
    """Something to start posing from: a position's example pose or an exercise's pose."""

    value: str  # position:<id> or exercise:<id>
    name: str


def _label(joint: Joint) -> tuple[str, str]:
    """A joint's name without its note, and the note: ('hip flexion', 'negative is extension')."""
    name, _, note = joint.name.partition(" (")
    return name, note.rstrip(")")


def _limb(joint: Joint) -> str:
    part = joint.id.split("_")[0]
    return next((limb for limb, parts in LIMBS if part in parts), "side")


@dataclass(frozen=True)
class PoseEditor:
    """The editor's page data and published data, for one library."""

    library: Library
    figures: FigureVocabulary

    @cached_property
    def pose_schema(self) -> dict[str, Any]:
        """The `pose` part of the exercise schema (the tilt's range and the keyframes' names), read once."""
        schema = json.loads(self.library.paths.exercise_schema.read_text(encoding="utf-8"))
        properties: dict[str, Any] = schema["$defs"]["pose"]["properties"]
        return properties

    def sliders(self) -> list[SliderGroup]:
        """A slider per joint and side, grouped by limb (right first, as the side view shows it), then
        the trunk and head, then the whole body's lean."""
        joints = list(self.figures.joints.values())
        groups: list[SliderGroup] = []
        for limb in [name for name, _ in LIMBS] + ["side"]:
            for side in ("right", "left"):
                sliders = tuple(
                    Slider(f"{side}_{j.id}", f"{side.capitalize()} {name}", note, j.min, j.max)
                    for j in joints
                    if j.sided and _limb(j) == limb
                    for name, note in [_label(j)]
                )
                if sliders:
                    groups.append(SliderGroup(f"{side.capitalize()} {limb}", sliders))
        middle = tuple(
            Slider(j.id, name.capitalize(), note, j.min, j.max)
            for j in joints
            if not j.sided
            for name, note in [_label(j)]
        )
        if middle:
            groups.append(SliderGroup("Trunk and head", middle))
        tilt = self.pose_schema["tilt"]
        lean = Slider(
            "tilt", "Lean (tilt)", "positive leans forward, negative back", tilt["minimum"], tilt["maximum"]
        )
        groups.append(SliderGroup("Whole body", (lean,)))
        return groups

    def starts(self) -> tuple[list[Start], list[Start]]:
        """The starting positions, then every posed exercise by name."""
        positions = [Start(f"position:{p.id}", p.name) for p in self.figures.positions.values()]
        exercises = [Start(f"exercise:{e.id}", e.name) for e in self.library.by_name() if e.pose]
        return positions, exercises

    def data(self, views: dict[str, str]) -> dict[str, Any]:
        """Everything the script needs to pose, place and draw the figure as the build does."""
        pose_schema = self.pose_schema
        props = self.figures.props.values()
        return {
            "rig": self.figures.rig,
            "joints": [
                {"id": j.id, "name": j.name, "sided": j.sided, "min": j.min, "max": j.max}
                for j in self.figures.joints.values()
            ],
            "tilt": {"min": pose_schema["tilt"]["minimum"], "max": pose_schema["tilt"]["maximum"]},
            "keyframes": list(pose_schema["keyframes"]["properties"]),
            "views": [{"id": view, "name": name} for view, name in views.items()],
            "three_quarter_degrees": math.degrees(THREE_QUARTER),
            "steps_between": STEPS_BETWEEN,
            "scene": {
                "level_surfaces": list(LEVEL),
                "laid_surfaces": list(LAID),
                "pad_cm": PAD_CM,
                "band_reach_cm": BAND_REACH_CM,
            },
            "positions": [
                {"id": p.id, "name": p.name, "head": p.head, "front": p.front, "pose": example_pose_data(p)}
                for p in self.figures.positions.values()
            ],
            "contacts": {
                c.id: {
                    "surface": c.surface,
                    "points": list(c.points),
                    "prop": c.prop,
                    "slides": c.slides,
                    "above_cm": c.above_cm,
                }
                for c in self.figures.contacts.values()
            },
            "props": {p.id: {"name": p.name, "parameters": p.parameters} for p in props},
            "drawing": {"foot": FOOT, "face": FACE, "line": LINE},
            "exercises": [
                {"id": e.id, "name": e.name, "pose": e.pose} for e in self.library.by_name() if e.pose
            ],
        }

    def data_file(self, views: dict[str, str]) -> str:
        """The published data file's text."""
        return json.dumps(self.data(views), ensure_ascii=False, separators=(",", ":")) + "\n"
