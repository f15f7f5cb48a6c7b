"""Typed pose records read from an exercise's `pose:` block, and the frames its keyframes play."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_tools.data.figures.vocab import FigureVocabulary

STEPS_BETWEEN = 4  # drawn frames from one keyframe to the next (the last is the next keyframe)
# Keys of a frame's angles that move the whole body rather than bend a joint, eased like the angles:
# its lean (degrees), how high it is off the floor in flight, and how far it has travelled forward (cm).
BODY_KEYS = ("tilt", "lift", "forward")


@dataclass(frozen=True)
class PropUse:
    """A prop in the scene with its parameters (defaults filled in)."""

    prop: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Keyframe:
    """One named keyframe: full angles by `<side>_<joint>_<motion>` (trunk and neck unsided), with the
    body's tilt, lift and forward travel (BODY_KEYS) among them."""

    name: str
    angles: dict[str, float]
    contacts: tuple[str, ...] = ()

    @property
    def airborne(self) -> bool:
        """Whether the body is in the air in this frame (a hop's flight): nothing holds it up."""
        return self.angles.get("lift", 0.0) > 0


@dataclass(frozen=True)
class Pose:
    """An exercise's pose, as checked and ready to draw."""

    view: str
    position: str
    tilt: float
    props: tuple[PropUse, ...]
    contacts: tuple[str, ...]
    keyframes: tuple[Keyframe, ...]
    moving: str | None = None

    def prop(self, prop_id: str) -> PropUse | None:
        """The scene's prop with this id, if it has one."""
        return next((p for p in self.props if p.prop == prop_id), None)

    def frames(self) -> list[dict[str, float]]:
        """Angles for every drawn frame from start to end, eased between keyframes."""
        out = [dict(self.keyframes[0].angles)]
        for before, after in zip(self.keyframes, self.keyframes[1:], strict=False):
            names = set(before.angles) | set(after.angles)
            for step in range(1, STEPS_BETWEEN + 1):
                t = step / STEPS_BETWEEN
                eased = t * t * (3 - 2 * t)
                out.append(
                    {
                        n: before.angles.get(n, 0.0)
                        + (after.angles.get(n, 0.0) - before.angles.get(n, 0.0)) * eased
                        for n in names
                    }
                )
        return out

    def keyframe_indexes(self) -> list[int]:
        """Which drawn frames are the keyframes."""
        return [i * STEPS_BETWEEN for i in range(len(self.keyframes))]

    def shown_keyframes(self) -> list[int]:
        """The keyframes a still drawing shows (indexes into keyframes): the start, every frame in flight
        (a hop is the time in the air) and the end."""
        last = len(self.keyframes) - 1
        return [i for i, k in enumerate(self.keyframes) if i in (0, last) or k.airborne]


def side_angles(block: dict[str, Any], figures: FigureVocabulary) -> dict[str, float]:
    """One keyframe's angles as full names: `both` gives each sided joint to left and right, and the
    trunk and neck as they are; `left` and `right` come after and win."""
    angles: dict[str, float] = {}
    for joint, value in (block.get("both") or {}).items():
        known = figures.joints.get(joint)
        if known is not None and not known.sided:
            angles[joint] = float(value)
        else:
            angles[f"left_{joint}"] = angles[f"right_{joint}"] = float(value)
    for side in ("left", "right"):
        for joint, value in (block.get(side) or {}).items():
            angles[f"{side}_{joint}"] = float(value)
    return angles


def pose_from_data(data: dict[str, Any], figures: FigureVocabulary) -> Pose:
    """A schema-valid pose block as a Pose; a later keyframe keeps every angle it does not change, its
    tilt and its forward travel, but not its height in the air (a frame is airborne only if it says so)."""
    names = ["start", *[k for k in data["keyframes"] if k not in ("start", "end")], "end"]
    keyframes: list[Keyframe] = []
    current: dict[str, float] = {"tilt": float(data.get("tilt", 0)), "forward": 0.0}
    for name in names:
        block = data["keyframes"][name] or {}
        current = {**current, **side_angles(block, figures)}
        if "tilt" in block:  # the whole body's lean, eased between keyframes like an angle
            current["tilt"] = float(block["tilt"])
        if "forward_cm" in block:  # how far the body has travelled from where the start put it
            current["forward"] = float(block["forward_cm"])
        current["lift"] = float(block.get("airborne_cm") or 0)
        keyframes.append(Keyframe(name, dict(current), tuple(block.get("contacts") or ())))
    props = []
    for use in data.get("props") or ():
        known = figures.props.get(use["prop"])
        defaults = {k: v.get("default") for k, v in (known.parameters if known else {}).items()}
        props.append(PropUse(use["prop"], {**defaults, **{k: v for k, v in use.items() if k != "prop"}}))
    return Pose(
        view=data["view"],
        position=data["position"],
        tilt=float(data.get("tilt", 0)),
        props=tuple(props),
        contacts=tuple(data.get("contacts") or ()),
        keyframes=tuple(keyframes),
        moving=data.get("moving"),
    )
