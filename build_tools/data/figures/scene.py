"""Place the posed body in the room: contacts met by moving the body, props put where the body meets them,
and every place a body part misses its contact or passes through the floor or a prop."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from build_tools.data.figures.pose import Pose
from build_tools.data.figures.rig import SEGMENT_ENDS, SIDES, Body, Rig, place
from build_tools.data.figures.vocab import FigureVocabulary, Vec

TOLERANCE_CM = 1.0  # a contact point at a keyframe
BETWEEN_CM = 3.0  # a contact point in a frame eased between keyframes, whose angles nobody chose
OUTLINE_CM = 2.0  # how far a drawn outline may overlap the floor or a prop (about two line widths)
VERTICAL = ("floor", "step", "chair", "roller")
TORSO_SAMPLES = 8  # points round each torso segment's outline that checks test


@dataclass(frozen=True)
class PlacedProp:
    """A prop where the scene puts it: a box (x0..x1, up to top, z0..z1), a circle (cx, cy, r), a wall at
    x, or a line from a to b (bands and straps)."""

    prop: str
    box: tuple[float, float, float, float, float] | None = None  # x0, x1, top, z0, z1
    circle: tuple[float, float, float] | None = None  # cx, cy, r (a roller or ball seen end on)
    wall_x: float | None = None
    line: tuple[Vec, Vec] | None = None


@dataclass(frozen=True)
class Miss:
    """A contact point off its surface, or a body part inside the floor or a prop, in one frame."""

    frame: int
    point: str
    cm: float
    contact: str | None = None  # None: a body part inside something
    inside: str = ""  # what it is inside: the floor, the step, the wall, ...


@dataclass(frozen=True)
class Scene:
    """Every drawn frame's placed body, the props, and what does not fit."""

    bodies: list[Body]
    props: list[PlacedProp]
    misses: list[Miss] = field(default_factory=list)


def samples(rig: Rig, body: Body) -> dict[str, Vec]:
    """Points on the drawn body's surface that checks test against the floor and props (lowest points of
    each limb's rounded ends, the torso's outline, the head, hands and feet)."""
    out: dict[str, Vec] = {}
    radii = {
        "thigh": rig.radii["thigh"],
        "shank": rig.radii["shank"],
        "upper_arm": rig.radii["upper_arm"],
        "forearm": rig.radii["forearm"],
    }
    for segment, (a, b) in SEGMENT_ENDS.items():
        kind = segment.split("_", 1)[1] if segment != "trunk" else ""
        if kind in radii:
            for name, r in ((a, radii[kind][0]), (b, radii[kind][1])):
                p = body.points[name]
                lowest = (p[0], p[1] - r, p[2])
                if name not in out or lowest[1] < out[name][1]:  # the lowest, the first on a tie
                    out[name] = lowest
    origins, frames = body.origins, body.frames
    for n, (segment, local) in enumerate(rig.torso_ring(TORSO_SAMPLES)):
        i, k = divmod(n, TORSO_SAMPLES)
        out[f"torso{i}_{k}"] = place(origins[segment], frames[segment], local)
    head_r = min(rig.radii["head"])
    hx, hy, hz = body.points["head"]
    out["head"] = (hx, hy - head_r, hz)
    for side, _ in SIDES:
        for part in ("heel", "toe", "hand", "kneecap"):
            out[f"{side}_{part}"] = body.points[f"{side}_{part}"]
    return out


def _label(name: str) -> str:
    """A sample's name as readers know it."""
    if name.startswith("torso"):
        return "the torso"
    return name


def _surface_height(surface: str, pose: Pose) -> float:
    if surface == "step":
        use = pose.prop("step")
        return float(use.params.get("height_cm") or 20) if use else 20.0
    if surface == "chair":
        use = pose.prop("chair")
        return float(use.params.get("height_cm") or 45) if use else 45.0
    if surface == "roller":
        use = pose.prop("foam-roller")
        return float(use.params.get("diameter_cm") or 15) if use else 15.0
    return 0.0


def solve(pose: Pose, rig: Rig, figures: FigureVocabulary) -> Scene:
    """Place every frame so its contacts hold: lower the body onto its supports, slide it against a wall
    or ball, keep feet (or hands) where the first frame put them; then list what still misses."""
    frames = pose.frames()
    keyframe_at = dict(zip(pose.keyframe_indexes(), pose.keyframes, strict=True))
    ball = pose.prop("ball")
    ball_r = float(ball.params.get("diameter_cm") or 55) / 2 if ball else 27.5
    bodies: list[Body] = []
    misses: list[Miss] = []
    wall_x: float | None = None
    wall_behind = True
    anchor: float | None = None
    for i, angles in enumerate(frames):
        body = rig.pose(pose.position, angles, pose.tilt)
        extra = keyframe_at[i].contacts if i in keyframe_at else ()
        contacts = [figures.contacts[c] for c in (*pose.contacts, *extra) if c in figures.contacts]
        vertical = [
            (c, p, _surface_height(c.surface, pose))
            for c in contacts
            if c.surface in VERTICAL
            for p in c.points
            if p in body.points
        ]
        if vertical:
            dy = max(h - body.points[p][1] for _, p, h in vertical)
        else:
            dy = -min(v[1] for v in samples(rig, body).values())
        body = body.moved((0.0, dy, 0.0))
        sideways = [
            (c, p) for c in contacts if c.surface in ("wall", "ball") for p in c.points if p in body.points
        ]
        if sideways:
            offset = 2 * ball_r if sideways[0][0].surface == "ball" else 0.0
            xs = [body.points[p][0] for _, p in sideways]
            if wall_x is None:
                wall_behind = sum(xs) / len(xs) < body.points["pelvis"][0]
                wall_x = (min(xs) - offset) if wall_behind else (max(xs) + offset)
            reach = (min(xs) - offset) if wall_behind else (max(xs) + offset)
            body = body.moved((wall_x - reach, 0.0, 0.0))
        else:
            fixed = [p for c in contacts if c.id in pose.contacts and c.surface in VERTICAL for p in c.points]
            fixed = [p for p in fixed if p in body.points] or ["pelvis"]
            x = sum(body.points[p][0] for p in fixed) / len(fixed)
            anchor = x if anchor is None else anchor
            body = body.moved((anchor - x, 0.0, 0.0))
        bodies.append(body)
        allowed = TOLERANCE_CM if i in keyframe_at else BETWEEN_CM
        for contact, point, height in vertical:
            gap = body.points[point][1] - height
            if abs(gap) > allowed:
                misses.append(Miss(i, point, gap, contact.id))
        for contact, point in sideways:
            offset = 2 * ball_r if contact.surface == "ball" else 0.0
            gap = abs(body.points[point][0] - (wall_x or 0.0)) - offset
            if abs(gap) > allowed:
                misses.append(Miss(i, point, gap, contact.id))
    props = place_props(pose, bodies[0], figures, wall_x, wall_behind, ball_r)
    for i, body in enumerate(bodies):
        misses += _inside(i, samples(rig, body), props, wall_behind)
    return Scene(bodies, props, misses)


def place_props(
    pose: Pose, body: Body, figures: FigureVocabulary, wall_x: float | None, wall_behind: bool, ball_r: float
) -> list[PlacedProp]:
    """Where each prop goes, from where the first frame's body meets it."""
    placed: list[PlacedProp] = []
    contacts = [
        figures.contacts[c]
        for k in pose.keyframes
        for c in (*pose.contacts, *k.contacts)
        if c in figures.contacts
    ]
    pts = body.points

    def touching(prop: str) -> list[Vec]:
        return [pts[p] for c in contacts if c.prop == prop for p in c.points if p in pts]

    for use in pose.props:
        if use.prop in ("step", "chair"):
            top = _surface_height(use.prop, pose)
            on = touching(use.prop)
            if on:
                behind = sum(p[0] for p in on) / len(on) < pts["pelvis"][0] - 10
                toes_only = all(p is pts.get("left_toe") or p is pts.get("right_toe") for p in on)
                front, back = max(p[0] for p in on), min(p[0] for p in on)
                depth = 34.0 if use.prop == "step" else 42.0
                if behind or (toes_only and use.prop == "step"):
                    x0, x1 = (front - depth, front + 3) if behind else (front - 3, front - 3 + depth)
                else:
                    x0 = back - 5
                    x1 = max(front + 5, x0 + depth)
                zc = sum(p[2] for p in on) / len(on)
            else:
                x0 = max(p[0] for p in pts.values()) + 10
                x1, zc = x0 + 34.0, 0.0
            placed.append(PlacedProp(use.prop, box=(x0, x1, top, zc - 12, zc + 12)))
        elif use.prop == "wall":
            x = wall_x if wall_x is not None else min(p[0] for p in pts.values()) - 8
            placed.append(PlacedProp("wall", wall_x=x))
        elif use.prop == "ball" and wall_x is not None:
            y = pts["mid_back"][1]
            placed.append(
                PlacedProp("ball", circle=(wall_x + ball_r if wall_behind else wall_x - ball_r, y, ball_r))
            )
        elif use.prop == "foam-roller":
            on = touching("foam-roller")
            r = _surface_height("roller", pose) / 2
            x = on[0][0] if on else pts["pelvis"][0]
            zc = on[0][2] if on else 0.0  # a roller (or rolled towel) as long as the body part on it
            placed.append(
                PlacedProp("foam-roller", box=(x - r, x + r, 2 * r, zc - 12, zc + 12), circle=(x, r, r))
            )
        elif use.prop == "mat":
            xs = [p[0] for p in pts.values()]
            placed.append(PlacedProp("mat", box=(min(xs) - 12, max(xs) + 12, 1.0, -40, 40)))
        else:
            placed.append(PlacedProp(use.prop, line=_band_line(use.prop, use.params, pts)))
    return placed


def _band_line(prop: str, params: dict[str, object], pts: dict[str, Vec]) -> tuple[Vec, Vec]:
    """Where a band or strap runs: a mini band between the two knees (or ankles, thighs); a long band from
    a body point to its anchor; a strap from the hands to the foot."""
    if prop == "mini-band":
        where = {"knees": "knee", "ankles": "ankle", "thighs": "knee"}.get(str(params.get("around")), "knee")
        return pts[f"left_{where}"], pts[f"right_{where}"]
    if prop == "strap":
        return pts["right_wrist"], pts["right_toe"]
    around = str(params.get("around") or "right_ankle")
    start = pts.get(around, pts["right_ankle"])
    if params.get("tied_to") == "foot":
        return start, pts["right_toe"]
    return start, (start[0] + 45.0, start[1], start[2])


def _inside(frame: int, points: dict[str, Vec], props: list[PlacedProp], wall_behind: bool) -> list[Miss]:
    """Body parts below the floor or inside a prop in one frame (the deepest per thing)."""
    worst: dict[str, Miss] = {}

    def note(thing: str, name: str, depth: float) -> None:
        if depth > OUTLINE_CM and (thing not in worst or depth > worst[thing].cm):
            worst[thing] = Miss(frame, _label(name), round(depth, 1), None, thing)

    for name, (x, y, z) in points.items():
        if -y > OUTLINE_CM:  # (most points are above the floor: test before calling)
            note("the floor", name, -y)
        for prop in props:
            if prop.box is not None and prop.prop in (
                "step",
                "chair",
            ):  # (a roller's box only bounds its length)
                x0, x1, top, z0, z1 = prop.box
                if x0 + 1 < x < x1 - 1 and z0 < z < z1:
                    depth = top - y if prop.prop == "step" else min(top - y, y - (top - 6))
                    note(f"the {prop.prop}", name, depth)
            if prop.wall_x is not None:
                note("the wall", name, (prop.wall_x - x) if wall_behind else (x - prop.wall_x))
            if prop.circle is not None and (prop.box is None or prop.box[3] < z < prop.box[4]):
                cx, cy, r = prop.circle
                note(f"the {prop.prop}", name, r - math.hypot(x - cx, y - cy))
    return list(worst.values())
