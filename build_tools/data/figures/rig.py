"""The skeleton and its forward kinematics: joint angles in, 3D points in centimetres out.

Axes: x forward, y up, z toward the figure's right (toward the reader in the side view). Every segment
hangs from its parent; angles are rotations in the anatomical planes, applied flexion first, then
abduction, then rotation about the limb's own axis."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from build_tools.data.figures.vocab import FigureVocabulary, Vec

Mat = tuple[Vec, Vec, Vec]  # rows
SIDES = (("left", -1.0), ("right", 1.0))
IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def mat_mul(a: Mat, b: Mat) -> Mat:
    """The product a·b (written out: the figures multiply hundreds of thousands of these)."""
    (a00, a01, a02), (a10, a11, a12), (a20, a21, a22) = a
    (b00, b01, b02), (b10, b11, b12), (b20, b21, b22) = b
    return (
        (
            a00 * b00 + a01 * b10 + a02 * b20,
            a00 * b01 + a01 * b11 + a02 * b21,
            a00 * b02 + a01 * b12 + a02 * b22,
        ),
        (
            a10 * b00 + a11 * b10 + a12 * b20,
            a10 * b01 + a11 * b11 + a12 * b21,
            a10 * b02 + a11 * b12 + a12 * b22,
        ),
        (
            a20 * b00 + a21 * b10 + a22 * b20,
            a20 * b01 + a21 * b11 + a22 * b21,
            a20 * b02 + a21 * b12 + a22 * b22,
        ),
    )


def apply(m: Mat, v: Vec) -> Vec:
    """m·v."""
    (m00, m01, m02), (m10, m11, m12), (m20, m21, m22) = m
    x, y, z = v
    return (m00 * x + m01 * y + m02 * z, m10 * x + m11 * y + m12 * z, m20 * x + m21 * y + m22 * z)


def place(origin: Vec, m: Mat, v: Vec) -> Vec:
    """origin + m·v: a point given in a segment's frame, in the room."""
    (m00, m01, m02), (m10, m11, m12), (m20, m21, m22) = m
    x, y, z = v
    return (
        origin[0] + (m00 * x + m01 * y + m02 * z),
        origin[1] + (m10 * x + m11 * y + m12 * z),
        origin[2] + (m20 * x + m21 * y + m22 * z),
    )


def add(a: Vec, b: Vec) -> Vec:
    """a + b."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def scale(v: Vec, k: float) -> Vec:
    """v·k."""
    return (v[0] * k, v[1] * k, v[2] * k)


def distance(a: Vec, b: Vec) -> float:
    """The straight distance between two points."""
    return math.dist(a, b)


def rot_x(deg: float) -> Mat:
    """Rotation about the forward axis (abduction, side bend)."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    """Rotation about the long (up) axis (rotation)."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    """Rotation about the side-to-side axis (flexion)."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def cross(a: Vec, b: Vec) -> Vec:
    """a × b."""
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def root_matrix(head: Vec, front: Vec, tilt: float) -> Mat:
    """The pelvis's orientation: its front, head and right side as columns, then tilted forward about the
    room's side-to-side axis."""
    right = cross(front, head)
    columns = (front, head, right)
    base: Mat = tuple(tuple(col[i] for col in columns) for i in range(3))  # type: ignore[assignment]
    return mat_mul(rot_z(-tilt), base)


@dataclass(frozen=True)
class Body:
    """One posed body: every segment's frame and origin, and named points, in centimetres. A moved body
    remembers the body as posed and how far it moved, so what is worked out from the posed body's shape
    (its surface samples, scene.py) is worked out once and shifted."""

    frames: dict[str, Mat]
    origins: dict[str, Vec]
    points: dict[str, Vec]
    posed: Body | None = field(default=None, repr=False, compare=False)
    shift: Vec = (0.0, 0.0, 0.0)
    worked_out: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def moved(self, by: Vec) -> Body:
        """The same body shifted by a vector."""
        bx, by_, bz = by
        sx, sy, sz = self.shift
        return Body(
            self.frames,
            {k: (x + bx, y + by_, z + bz) for k, (x, y, z) in self.origins.items()},
            {k: (x + bx, y + by_, z + bz) for k, (x, y, z) in self.points.items()},
            self.posed or self,
            (sx + bx, sy + by_, sz + bz),
        )


class Rig:
    """The skeleton from figure-rig.yml, ready to pose."""

    def __init__(self, figures: FigureVocabulary) -> None:
        rig: dict[str, Any] = figures.rig
        self.height = float(rig["height_cm"])
        self.lengths = {k: float(v) * self.height for k, v in rig["lengths"].items()}
        self.joints = {k: scale(_v(v), self.height) for k, v in rig["joints"].items()}
        self.radii = {
            k: (float(v[0]) * self.height, float(v[1]) * self.height) for k, v in rig["radii"].items()
        }
        self.torso = [
            (
                str(s[0]),
                float(s[1]) * self.height,
                float(s[2]) * self.height,
                float(s[3]) * self.height,
                float(s[4]) * self.height,
            )
            for s in rig["torso"]
        ]
        self._rings: dict[int, list[tuple[str, Vec]]] = {}
        self._rows: dict[int, list[tuple[str, list[Vec]]]] = {}
        self.point_specs: dict[str, tuple[str, Vec]] = {}
        for name, spec in rig["points"].items():
            segment, offset = str(spec[0]), scale(_v(spec[1]), self.height)
            if len(spec) > 2 and spec[2] == "sided":
                for side, sign in SIDES:
                    carrier = segment if segment in ("pelvis", "trunk") else f"{side}_{segment}"
                    self.point_specs[f"{side}_{name}"] = (carrier, _mirror(offset, sign))
            else:
                self.point_specs[name] = (segment, offset)
        self.positions = figures.positions
        self._point_list = [(name, segment, offset) for name, (segment, offset) in self.point_specs.items()]
        down = (0.0, -1.0, 0.0)
        self._thigh_down, self._shank_down = (
            scale(down, self.lengths["thigh"]),
            scale(down, self.lengths["shank"]),
        )
        self._upper_arm_down = scale(down, self.lengths["upper_arm"])
        self._forearm_down = scale(down, self.lengths["forearm"])
        self._sides = [(_Side(side, sign, self.joints), sign) for side, sign in SIDES]
        self.point_names = tuple(self.pose(next(iter(self.positions)), {}).points)  # (in the rig's order)

    def torso_ring(self, steps: int) -> list[tuple[str, Vec]]:
        """Points round the torso's outline, steps per segment, each in its segment's frame."""
        if steps not in self._rings:
            self._rings[steps] = [
                (segment, (shift + half_d * math.cos(t), height, half_w * math.sin(t)))
                for segment, height, half_w, half_d, shift in self.torso
                for t in (2 * math.pi * k / steps for k in range(steps))
            ]
        return self._rings[steps]

    def torso_rows(self, steps: int) -> list[tuple[str, list[Vec]]]:
        """The same points as torso_ring, row by row: each torso segment with its ring's points."""
        if steps not in self._rows:
            ring = self.torso_ring(steps)
            self._rows[steps] = [
                (ring[n][0], [local for _, local in ring[n : n + steps]]) for n in range(0, len(ring), steps)
            ]
        return self._rows[steps]

    def pose(self, position: str, angles: dict[str, float], tilt: float = 0.0) -> Body:
        """Forward kinematics from the pelvis (its centre at the origin) for one frame's angles, where angles
        maps `left_knee_flexion`-style names (trunk and neck unsided) to degrees. (Written for speed: a check
        of 5,000 records poses some 35,000 bodies. Names and offsets are worked out once, in _Sides.)"""
        a = angles.get
        where = self.positions[position]
        pelvis = root_matrix(where.head, where.front, a("tilt", tilt))
        frames: dict[str, Mat] = {"pelvis": pelvis}
        origins: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
        for n, sign in self._sides:
            hip = apply(pelvis, n.hip)
            thigh = mat_mul(
                pelvis,
                mat_mul(
                    rot_z(a(n.hip_flexion, 0.0)),
                    mat_mul(rot_x(-sign * a(n.hip_abduction, 0.0)), rot_y(-sign * a(n.hip_rotation, 0.0))),
                ),
            )
            knee = add(hip, apply(thigh, self._thigh_down))
            shank = mat_mul(thigh, rot_z(-a(n.knee_flexion, 0.0)))
            ankle = add(knee, apply(shank, self._shank_down))
            frames[n.thigh], frames[n.shank] = thigh, shank
            frames[n.foot] = mat_mul(shank, rot_z(a(n.ankle_dorsiflexion, 0.0)))
            origins[n.thigh], origins[n.shank], origins[n.foot] = hip, knee, ankle
        lumbar = apply(pelvis, self.joints["lumbar"])
        trunk = mat_mul(
            pelvis,
            mat_mul(
                rot_z(-a("trunk_flexion", 0.0)),
                mat_mul(rot_x(a("trunk_side_bend", 0.0)), rot_y(-a("trunk_rotation", 0.0))),
            ),
        )
        frames["trunk"], origins["trunk"] = trunk, lumbar
        neck_base = add(lumbar, apply(trunk, self.joints["neck"]))
        frames["head"], origins["head"] = mat_mul(trunk, rot_z(-a("neck_flexion", 0.0))), neck_base
        for n, sign in self._sides:
            shoulder = add(lumbar, apply(trunk, n.shoulder))
            arm = rot_x(-sign * a(n.shoulder_abduction, 0.0))
            if a(n.shoulder_rotation):  # (about the arm's own axis; most poses leave it at 0)
                arm = mat_mul(arm, rot_y(-sign * a(n.shoulder_rotation, 0.0)))
            upper = mat_mul(trunk, mat_mul(rot_z(a(n.shoulder_flexion, 0.0)), arm))
            elbow = add(shoulder, apply(upper, self._upper_arm_down))
            frames[n.upper_arm], frames[n.forearm] = upper, mat_mul(upper, rot_z(a(n.elbow_flexion, 0.0)))
            origins[n.upper_arm], origins[n.forearm] = shoulder, elbow
        points = self.joint_points(frames, origins)
        unpacked = {segment: (*origins[segment], *frames[segment]) for segment in frames}
        for name, segment, (x, y, z) in self._point_list:  # place() written out, one segment unpacked once
            ox, oy, oz, (m00, m01, m02), (m10, m11, m12), (m20, m21, m22) = unpacked[segment]
            points[name] = (
                ox + (m00 * x + m01 * y + m02 * z),
                oy + (m10 * x + m11 * y + m12 * z),
                oz + (m20 * x + m21 * y + m22 * z),
            )
        return Body(frames, origins, points)

    def joint_points(self, frames: dict[str, Mat], origins: dict[str, Vec]) -> dict[str, Vec]:
        """The joint centres by name (right_knee, left_wrist, head, ...)."""
        points: dict[str, Vec] = {
            "pelvis": origins["pelvis"],
            "lumbar": origins["trunk"],
            "neck": origins["head"],
        }
        points["head"] = add(origins["head"], apply(frames["head"], self.joints["head_centre"]))
        for n, _ in self._sides:
            points[n.hip_point] = origins[n.thigh]
            points[n.knee_point] = origins[n.shank]
            points[n.ankle_point] = origins[n.foot]
            points[n.shoulder_point] = origins[n.upper_arm]
            points[n.elbow_point] = origins[n.forearm]
            points[n.wrist_point] = add(origins[n.forearm], apply(frames[n.forearm], self._forearm_down))
        return points


class _Side:
    """One side's names (angles, segments, joint points) and its mirrored joint offsets, made once."""

    def __init__(self, side: str, sign: float, joints: dict[str, Vec]) -> None:
        self.hip, self.shoulder = _mirror(joints["hip"], sign), _mirror(joints["shoulder"], sign)
        self.hip_flexion, self.hip_abduction = f"{side}_hip_flexion", f"{side}_hip_abduction"
        self.hip_rotation, self.knee_flexion = f"{side}_hip_rotation", f"{side}_knee_flexion"
        self.ankle_dorsiflexion, self.elbow_flexion = f"{side}_ankle_dorsiflexion", f"{side}_elbow_flexion"
        self.shoulder_flexion = f"{side}_shoulder_flexion"
        self.shoulder_abduction = f"{side}_shoulder_abduction"
        self.shoulder_rotation = f"{side}_shoulder_rotation"
        self.thigh, self.shank, self.foot = f"{side}_thigh", f"{side}_shank", f"{side}_foot"
        self.upper_arm, self.forearm = f"{side}_upper_arm", f"{side}_forearm"
        self.hip_point, self.knee_point, self.ankle_point = f"{side}_hip", f"{side}_knee", f"{side}_ankle"
        self.shoulder_point, self.elbow_point = f"{side}_shoulder", f"{side}_elbow"
        self.wrist_point = f"{side}_wrist"


_RIGS: dict[int, tuple[FigureVocabulary, Rig]] = {}


def rig_for(figures: FigureVocabulary) -> Rig:
    """The rig of one figure vocabulary, built once: a check or a build poses thousands of bodies with it.
    (The vocabulary is kept beside its rig, so its id cannot be reused by another.)"""
    if id(figures) not in _RIGS:
        _RIGS[id(figures)] = (figures, Rig(figures))
    return _RIGS[id(figures)][1]


def _v(value: Any) -> Vec:
    return (float(value[0]), float(value[1]), float(value[2]))


def _mirror(v: Vec, sign: float) -> Vec:
    """A right-side offset, mirrored for the left (sign -1)."""
    return (v[0], v[1], v[2] * sign)


SEGMENT_ENDS = {
    # segment: (from point, to point) for length checks and drawing
    **{f"{s}_thigh": (f"{s}_hip", f"{s}_knee") for s, _ in SIDES},
    **{f"{s}_shank": (f"{s}_knee", f"{s}_ankle") for s, _ in SIDES},
    **{f"{s}_upper_arm": (f"{s}_shoulder", f"{s}_elbow") for s, _ in SIDES},
    **{f"{s}_forearm": (f"{s}_elbow", f"{s}_wrist") for s, _ in SIDES},
    "trunk": ("lumbar", "neck"),
}
