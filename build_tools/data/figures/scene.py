"""Place the posed body in the room: contacts met by moving the body, props put where the body meets them,
and every place a body part misses its contact or passes through the floor or a prop."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from build_tools.data.figures.pose import Pose
from build_tools.data.figures.props import (
    BETWEEN_CM,
    TOLERANCE_CM,
    Miss,
    PlacedProp,
    bands,
    contacts_at,
    is_level,
    lay_machine_parts,
    place_props,
    wall_axis,
)
from build_tools.data.figures.rig import SEGMENT_ENDS, SIDES, Body, Rig
from build_tools.data.figures.vocab import Contact, FigureVocabulary, Vec

OUTLINE_CM = 2.0  # how far a drawn outline may overlap the floor or a prop (about two line widths)
TORSO_SAMPLES = 8  # points round each torso segment's outline that checks test


@dataclass(frozen=True)
class Scene:
    """Every drawn frame's placed body, the props that stay put, the props that move with the body in each
    frame (a ball rolling down a wall, a machine's sliding plate), and what does not fit."""

    bodies: list[Body]
    props: list[PlacedProp]
    misses: list[Miss] = field(default_factory=list)
    moving: list[list[PlacedProp]] = field(default_factory=list)

    def props_at(self, frame: int) -> list[PlacedProp]:
        """The props that move, where they are in one frame."""
        return self.moving[frame] if frame < len(self.moving) else []


def samples(rig: Rig, body: Body) -> dict[str, Vec]:
    """Points on the drawn body's surface that checks test against the floor and props (lowest points of
    each limb's rounded ends, the torso's outline, the head, hands and feet)."""
    if body.posed is not None:
        sx, sy, sz = body.shift
        return {k: (x + sx, y + sy, z + sz) for k, (x, y, z) in posed_samples(rig, body.posed).items()}
    return posed_samples(rig, body)


def posed_samples(rig: Rig, body: Body) -> dict[str, Vec]:
    """samples() of a body as posed, before it is moved: worked out once per body."""
    if "samples" not in body.worked_out:
        body.worked_out["samples"] = _samples(rig, body)
    found: dict[str, Vec] = body.worked_out["samples"]
    return found


def _samples(rig: Rig, body: Body) -> dict[str, Vec]:
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
    for i, (segment, ring) in enumerate(rig.torso_rows(TORSO_SAMPLES)):
        # place() written out, one segment's frame unpacked once: this runs for every frame of every pose
        ox, oy, oz = origins[segment]
        (m00, m01, m02), (m10, m11, m12), (m20, m21, m22) = frames[segment]
        for name, (x, y, z) in zip(_torso_names(i), ring, strict=True):
            out[name] = (
                ox + (m00 * x + m01 * y + m02 * z),
                oy + (m10 * x + m11 * y + m12 * z),
                oz + (m20 * x + m21 * y + m22 * z),
            )
    head_r = min(rig.radii["head"])
    hx, hy, hz = body.points["head"]
    out["head"] = (hx, hy - head_r, hz)
    for side, _ in SIDES:
        for part in ("heel", "toe", "hand", "kneecap"):
            out[f"{side}_{part}"] = body.points[f"{side}_{part}"]
    return out


@functools.cache
def _torso_names(row: int) -> tuple[str, ...]:
    return tuple(f"torso{row}_{k}" for k in range(TORSO_SAMPLES))


def _label(name: str) -> str:
    """A sample's name as readers know it."""
    if name.startswith("torso"):
        return "the torso"
    return name


def surface_height(contact: Contact, pose: Pose, figures: FigureVocabulary) -> float:
    """How high a level surface is: its prop's height_cm (or diameter_cm for a roller), the prop's default
    when the scene lacks it (which check reports), and 0 for the floor; plus the contact's above_cm (a
    chair's back)."""
    if contact.prop is None:
        return 0.0
    use = pose.prop(contact.prop)
    known = figures.props.get(contact.prop)
    params = (
        use.params if use else {k: v.get("default") for k, v in (known.parameters if known else {}).items()}
    )
    for key in ("height_cm", "diameter_cm"):
        value = params.get(key)
        if isinstance(value, (int, float)):
            return float(value) + contact.above_cm
    return contact.above_cm


def _ball_shift(rig: Rig, body: Body, centre: Vec, r: float, behind: bool) -> float:
    """How far to slide the body forward (or back) so its trunk just touches a ball at centre."""
    need: list[float] = []
    for name, q in samples(rig, body).items():
        if not name.startswith("torso"):
            continue
        h2 = r * r - (q[1] - centre[1]) ** 2 - (q[2] - centre[2]) ** 2
        if h2 > 0:
            need.append(centre[0] + math.sqrt(h2) - q[0] if behind else centre[0] - math.sqrt(h2) - q[0])
    if not need:
        return 0.0
    return max(need) if behind else min(need)


def solve(pose: Pose, rig: Rig, figures: FigureVocabulary) -> Scene:
    """Place every frame so its contacts hold: lower the body onto its supports (or lift it off the floor
    in flight), slide it against a wall or ball, keep feet (or hands) where the first frame put them and
    move it forward as far as the frame travels; lay machine parts against the body; then list what still
    misses."""
    frames = pose.frames()
    keyframe_at = dict(zip(pose.keyframe_indexes(), pose.keyframes, strict=True))
    ball = pose.prop("ball")
    ball_r = float(ball.params.get("diameter_cm") or 55) / 2 if ball else 27.5
    bodies: list[Body] = []
    misses: list[Miss] = []
    moving: list[list[PlacedProp]] = []
    wall_x: float | None = None
    wall_behind = True
    k = wall_axis(pose)
    anchor: float | None = None
    rolled: tuple[float, float] | None = None  # the ball's first centre height and the lumbar's then
    # Each keyframe is posed once: its height is needed before the frames are placed, and again in turn.
    posed = {i: rig.pose(pose.position, frames[i], pose.tilt) for i in keyframe_at}
    lowest = _Lowest(rig)
    rest = _keyframe_heights(pose, posed, frames, lowest, figures)
    for i, angles in enumerate(frames):
        body = posed[i] if i in posed else rig.pose(pose.position, angles, pose.tilt)
        contacts = contacts_at(pose, figures, keyframe_at.get(i))
        vertical = _level_points(pose, body, contacts, figures)
        rise = _rise(body, i, rest, lowest, vertical)
        walls = [(c, p) for c in contacts if c.surface == "wall" for p in c.points if p in body.points]
        on_ball = [p for c in contacts if c.surface == "ball" for p in c.points if p in body.points]
        if walls or on_ball:  # (otherwise the rise is made with the last move, below)
            body = body.moved((0.0, rise, 0.0))
        balls = [body.points[p] for p in on_ball]
        frame_props: list[PlacedProp] = []
        if walls:  # slide the body to the wall, across the page (or beside the body in a front view)
            xs = [body.points[p][k] for _, p in walls]
            if wall_x is None:
                wall_behind = sum(xs) / len(xs) < body.points["pelvis"][k]
                wall_x = min(xs) if wall_behind else max(xs)
            reach = min(xs) if wall_behind else max(xs)
            body = body.moved((wall_x - reach, 0.0, 0.0) if k == 0 else (0.0, 0.0, wall_x - reach))
        elif balls:  # the ball rolls between the back and the wall: half as far down as the back goes
            at = tuple(sum(p[k] for p in balls) / len(balls) for k in range(3))
            if wall_x is None or rolled is None:
                wall_behind = at[0] < body.points["pelvis"][0]
                wall_x = at[0] - 2 * ball_r if wall_behind else at[0] + 2 * ball_r
                rolled = (at[1], body.points["lumbar"][1])
            centre = (
                wall_x + ball_r if wall_behind else wall_x - ball_r,
                rolled[0] + (body.points["lumbar"][1] - rolled[1]) / 2,
                0.0,
            )
            body = body.moved((_ball_shift(rig, body, centre, ball_r, wall_behind), 0.0, 0.0))
            frame_props.append(PlacedProp("ball", circle=(centre[0], centre[1], ball_r)))
            if not bodies:  # where the record puts the ball, it starts
                point = next(p for c in contacts if c.surface == "ball" for p in c.points)
                gap = math.dist(body.points[point], centre) - ball_r
                if abs(gap) > TOLERANCE_CM:
                    misses.append(Miss(i, point, gap, next(c.id for c in contacts if c.surface == "ball")))
        else:
            held = [c for c in contacts if c.id in pose.contacts and (is_level(c) or c.surface == "slope")]
            held = [c for c in held if c.surface == "floor"] or held  # feet stay put; a back rolls on a bench
            fixed = [p for c in held for p in c.points if p in body.points] or ["pelvis"]
            x = sum(body.points[p][0] for p in fixed) / len(fixed)  # (rising leaves x as it is)
            anchor = x if anchor is None else anchor
            body = body.moved((anchor + angles.get("forward", 0.0) - x, rise, 0.0))
        bodies.append(body)
        moving.append(frame_props)
        allowed = TOLERANCE_CM if i in keyframe_at else BETWEEN_CM
        for contact, point, height in vertical:
            gap = body.points[point][1] - height
            if abs(gap) > allowed:
                misses.append(Miss(i, point, gap, contact.id))
        for contact, point in walls:
            gap = abs(body.points[point][k] - (wall_x or 0.0))
            if abs(gap) > allowed:
                misses.append(Miss(i, point, gap, contact.id))
    laid, fixtures, laid_misses = lay_machine_parts(pose, bodies, figures, keyframe_at)
    for i, parts in enumerate(laid):
        moving[i] += parts
    misses += laid_misses
    posts, lines = bands(pose, bodies)
    for i, parts in enumerate(lines):
        moving[i] += parts
    fixtures += posts
    props = place_props(pose, bodies, figures, (wall_x, wall_behind), keyframe_at) + fixtures
    for i, body in enumerate(bodies):
        misses += _inside(i, body, rig, props + moving[i], wall_behind)
    return Scene(bodies, props, misses, moving)


def _level_points(
    pose: Pose, body: Body, contacts: list[Contact], figures: FigureVocabulary
) -> list[tuple[Contact, str, float]]:
    return [
        (c, p, surface_height(c, pose, figures))
        for c in contacts
        if is_level(c)
        for p in c.points
        if p in body.points
    ]


class _Lowest:
    """The lowest surface point of a body as posed (before it is placed), worked out once per body."""

    def __init__(self, rig: Rig) -> None:
        self.rig = rig

    def __call__(self, body: Body) -> float:
        if "lowest" not in body.worked_out:
            body.worked_out["lowest"] = min(v[1] for v in posed_samples(self.rig, body).values())
        lowest: float = body.worked_out["lowest"]
        return lowest


def _keyframe_heights(
    pose: Pose,
    posed: dict[int, Body],
    frames: list[dict[str, float]],
    lowest: _Lowest,
    figures: FigureVocabulary,
) -> dict[int, float]:
    """How high each keyframe's lowest point is once placed (on its supports, or in the air)."""
    heights = {}
    for i, keyframe in zip(pose.keyframe_indexes(), pose.keyframes, strict=True):
        body = posed[i]
        contacts = contacts_at(pose, figures, keyframe)
        vertical = _level_points(pose, body, contacts, figures)
        if vertical:
            heights[i] = lowest(body) + max(h - body.points[p][1] for _, p, h in vertical)
        else:
            heights[i] = frames[i].get("lift", 0.0)
    return heights


def _rise(
    body: Body, i: int, rest: dict[int, float], lowest: _Lowest, vertical: list[tuple[Contact, str, float]]
) -> float:
    """How far to raise a frame's body: onto its supports; or, with nothing holding it up, its lowest point
    as high as the keyframe's flight (0: on the floor), eased between keyframes (stepping down off a box)."""
    if vertical:
        return max(h - body.points[p][1] for _, p, h in vertical)
    if i in rest:
        return rest[i] - lowest(body)
    before = max(k for k in rest if k < i)
    after = min(k for k in rest if k > i)
    t = (i - before) / (after - before)
    eased = t * t * (3 - 2 * t)
    return rest[before] + (rest[after] - rest[before]) * eased - lowest(body)


def _inside(frame: int, body: Body, rig: Rig, props: list[PlacedProp], wall_behind: bool) -> list[Miss]:
    """Body parts below the floor or inside a prop in one frame (the deepest per thing), from the body's
    surface samples as posed and how far the body was moved. Only the floor and props that the samples'
    bounding box reaches far enough into are tested point by point."""
    posed = body.posed or body
    points = posed_samples(rig, posed)
    (low_x, low_y, low_z), (high_x, high_y, high_z) = _bounds(posed)
    sx, sy, sz = body.shift
    low_x, low_y, low_z, high_x, high_y, high_z = (
        low_x + sx,
        low_y + sy,
        low_z + sz,
        high_x + sx,
        high_y + sy,
        high_z + sz,
    )
    floor = low_y < -OUTLINE_CM + NEAR
    tests = [
        test
        for prop in props
        for test in _reachable(prop, wall_behind, (low_x, low_y, low_z), (high_x, high_y, high_z))
    ]
    if not floor and not tests:
        return []
    worst: dict[str, Miss] = {}

    def note(thing: str, name: str, depth: float) -> None:
        if depth > OUTLINE_CM and (thing not in worst or depth > worst[thing].cm):
            worst[thing] = Miss(frame, _label(name), round(depth, 1), None, thing)

    for name, (px, py, pz) in points.items():
        x, y, z = px + sx, py + sy, pz + sz
        if floor and -y > OUTLINE_CM:  # (most points are above the floor: test before calling)
            note("the floor", name, -y)
        for kind, thing, prop in tests:
            if kind == "box":
                x0, x1, top, z0, z1 = prop.box  # type: ignore[misc]  # (_reachable tests only a box's box)
                if x0 + 1 < x < x1 - 1 and z0 < z < z1:
                    note(thing, name, min(top - y, y - (top - 6)) if prop.legs else top - y)
            elif kind == "wall":
                at = z if prop.wall_axis == 2 else x
                wall_x: float = prop.wall_x  # type: ignore[assignment]
                note(thing, name, (wall_x - at) if wall_behind else (at - wall_x))
            else:
                cx, cy, r = prop.circle  # type: ignore[misc]
                if prop.box is None or prop.box[3] < z < prop.box[4]:
                    note(thing, name, r - math.hypot(x - cx, y - cy))
    return list(worst.values())


NEAR = 0.01  # cm: how much nearer than OUTLINE_CM a bounding box may come and still be tested point by point


def _bounds(body: Body) -> tuple[Vec, Vec]:
    """The lowest and highest x, y and z of a posed body's surface samples."""
    if "bounds" not in body.worked_out:
        xs, ys, zs = zip(*body.worked_out["samples"].values(), strict=True)
        body.worked_out["bounds"] = ((min(xs), min(ys), min(zs)), (max(xs), max(ys), max(zs)))
    bounds: tuple[Vec, Vec] = body.worked_out["bounds"]
    return bounds


def _reachable(prop: PlacedProp, wall_behind: bool, low: Vec, high: Vec) -> list[tuple[str, str, PlacedProp]]:
    """The tests of one prop (its box, wall and circle, in that order) that some sample inside the bounds
    low..high could fail by more than OUTLINE_CM; the others cannot, and are skipped."""
    thing = f"the {prop.prop.replace('-', ' ')}"
    reach = OUTLINE_CM - NEAR
    tests = []
    if prop.box is not None and prop.prop not in ("foam-roller", "mat"):
        x0, x1, top, z0, z1 = prop.box  # (a roller's box only bounds its length)
        if (
            high[0] > x0 + 1
            and low[0] < x1 - 1
            and high[2] > z0
            and low[2] < z1
            and low[1] < top - reach
            and (not prop.legs or high[1] > top - 6 + reach)
        ):
            tests.append(("box", thing, prop))
    if prop.wall_x is not None:
        axis = 2 if prop.wall_axis == 2 else 0
        if (low[axis] < prop.wall_x - reach) if wall_behind else (high[axis] > prop.wall_x + reach):
            tests.append(("wall", "the wall", prop))
    if prop.circle is not None:
        cx, cy, r = prop.circle
        z_ok = prop.box is None or (high[2] > prop.box[3] and low[2] < prop.box[4])
        if z_ok and high[0] > cx - r and low[0] < cx + r and high[1] > cy - r and low[1] < cy + r:
            tests.append(("circle", thing, prop))
    return tests
