"""Place the posed body in the room: contacts met by moving the body, props put where the body meets them,
and every place a body part misses its contact or passes through the floor or a prop."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from build_tools.data.figures.pose import Keyframe, Pose
from build_tools.data.figures.rig import SEGMENT_ENDS, SIDES, Body, Rig, add, place
from build_tools.data.figures.vocab import Contact, FigureVocabulary, Vec

TOLERANCE_CM = 1.0  # a contact point at a keyframe
BETWEEN_CM = 3.0  # a contact point in a frame eased between keyframes, whose angles nobody chose
OUTLINE_CM = 2.0  # how far a drawn outline may overlap the floor or a prop (about two line widths)
# Surfaces a point rests on, at the height of the contact's prop (its height_cm or diameter_cm; the floor
# is 0): the body is lowered until the first of them touches. A contact that `slides` is not one of them.
LEVEL = ("floor", "step", "chair", "roller", "seat", "footplate")
# Flat parts of a machine laid against the body: fixed where the first frame puts them, or (`slides`)
# against the body in every frame, running on a straight rail without turning; and a slant board's slope,
# at its prop's angle, fixed under the feet.
LAID = ("back-pad", "footplate", "slope")
PAD_CM = 5.0  # a machine pad's or plate's thickness
TORSO_SAMPLES = 8  # points round each torso segment's outline that checks test


@dataclass(frozen=True)
class PlacedProp:
    """A prop where the scene puts it: a box (x0..x1, up to top, z0..z1; a seat on legs if `legs`, else a
    solid block), a circle (cx, cy, r), a wall at x, a line from a to b (bands and straps), or a machine's
    parts: flat closed outlines (pads, plates) and open strokes (its rail and legs)."""

    prop: str
    box: tuple[float, float, float, float, float] | None = None  # x0, x1, top, z0, z1
    circle: tuple[float, float, float] | None = None  # cx, cy, r (a roller or ball seen end on)
    wall_x: float | None = None
    line: tuple[Vec, Vec] | None = None
    legs: bool = False
    wall_axis: int = 0  # 0: a wall in front or behind (x = wall_x); 2: beside the body (z = wall_x)
    wall_below: bool = True  # the wall is on the low side of the body along its axis (behind, or left)
    shapes: tuple[tuple[Vec, ...], ...] = ()
    strokes: tuple[tuple[Vec, ...], ...] = ()


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


def wall_axis(pose: Pose) -> int:
    """Where a wall stands: across the page, in front of or behind the body (x), in a side, three-quarter or
    above view; beside the body (z) in a front view, where a wall in front would be the page itself."""
    return 2 if pose.view == "front" else 0


def is_level(contact: Contact) -> bool:
    """Whether a contact rests points on a level surface (the body is lowered onto it)."""
    return contact.surface in LEVEL and not contact.slides


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


def _contacts(pose: Pose, figures: FigureVocabulary, keyframe: Keyframe | None) -> list[Contact]:
    extra = keyframe.contacts if keyframe else ()
    return [figures.contacts[c] for c in (*pose.contacts, *extra) if c in figures.contacts]


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
    rest = _keyframe_heights(pose, frames, rig, figures)
    for i, angles in enumerate(frames):
        body = rig.pose(pose.position, angles, pose.tilt)
        contacts = _contacts(pose, figures, keyframe_at.get(i))
        vertical = _level_points(pose, body, contacts, figures)
        body = body.moved((0.0, _rise(pose, body, i, rest, rig, figures, vertical), 0.0))
        walls = [(c, p) for c in contacts if c.surface == "wall" for p in c.points if p in body.points]
        balls = [
            body.points[p] for c in contacts if c.surface == "ball" for p in c.points if p in body.points
        ]
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
            x = sum(body.points[p][0] for p in fixed) / len(fixed)
            anchor = x if anchor is None else anchor
            body = body.moved((anchor + angles.get("forward", 0.0) - x, 0.0, 0.0))
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
        misses += _inside(i, samples(rig, body), props + moving[i], wall_behind)
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


def _keyframe_heights(
    pose: Pose, frames: list[dict[str, float]], rig: Rig, figures: FigureVocabulary
) -> dict[int, float]:
    """How high each keyframe's lowest point is once placed (on its supports, or in the air)."""
    heights = {}
    for i, keyframe in zip(pose.keyframe_indexes(), pose.keyframes, strict=True):
        body = rig.pose(pose.position, frames[i], pose.tilt)
        contacts = _contacts(pose, figures, keyframe)
        vertical = _level_points(pose, body, contacts, figures)
        lowest = min(v[1] for v in samples(rig, body).values())
        if vertical:
            heights[i] = lowest + max(h - body.points[p][1] for _, p, h in vertical)
        else:
            heights[i] = frames[i].get("lift", 0.0)
    return heights


def _rise(
    pose: Pose,
    body: Body,
    i: int,
    rest: dict[int, float],
    rig: Rig,
    figures: FigureVocabulary,
    vertical: list[tuple[Contact, str, float]],
) -> float:
    """How far to raise a frame's body: onto its supports; or, with nothing holding it up, its lowest point
    as high as the keyframe's flight (0: on the floor), eased between keyframes (stepping down off a box)."""
    if vertical:
        return max(h - body.points[p][1] for _, p, h in vertical)
    lowest = min(v[1] for v in samples(rig, body).values())
    if i in rest:
        return rest[i] - lowest
    before = max(k for k in rest if k < i)
    after = min(k for k in rest if k > i)
    t = (i - before) / (after - before)
    eased = t * t * (3 - 2 * t)
    return rest[before] + (rest[after] - rest[before]) * eased - lowest


def _line_through(points: list[Vec]) -> tuple[Vec, Vec]:
    """The side view's best line through points: its centre and unit direction (in x and y)."""
    n = len(points)
    cx, cy = sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    sxx = sum((p[0] - cx) ** 2 for p in points)
    syy = sum((p[1] - cy) ** 2 for p in points)
    sxy = sum((p[0] - cx) * (p[1] - cy) for p in points)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    return (cx, cy, 0.0), (math.cos(angle), math.sin(angle), 0.0)


def _off_line(p: Vec, centre: Vec, u: Vec) -> float:
    """How far p lies from the line through centre along u (side view)."""
    return abs((p[0] - centre[0]) * u[1] - (p[1] - centre[1]) * u[0])


def _slab(centre: Vec, u: Vec, ends: tuple[float, float], away: Vec) -> tuple[Vec, ...]:
    """A pad or plate along a line: from ends[0] to ends[1] along u, PAD_CM thick on the side facing away,
    its corners cut a little."""
    n = (-u[1], u[0], 0.0)
    if (away[0] - centre[0]) * n[0] + (away[1] - centre[1]) * n[1] > 0:
        n = (-n[0], -n[1], 0.0)

    def at(along: float, out: float) -> Vec:
        return (centre[0] + u[0] * along + n[0] * out, centre[1] + u[1] * along + n[1] * out, 0.0)

    a, b, cut = ends[0], ends[1], 1.5
    return (
        at(a, 0.0),
        at(b, 0.0),
        at(b + cut, cut),
        at(b + cut, PAD_CM - cut),
        at(b, PAD_CM),
        at(a, PAD_CM),
        at(a - cut, PAD_CM - cut),
        at(a - cut, cut),
    )


def lay_machine_parts(
    pose: Pose, bodies: list[Body], figures: FigureVocabulary, keyframe_at: dict[int, Keyframe]
) -> tuple[list[list[PlacedProp]], list[PlacedProp], list[Miss]]:
    """A machine's pads and plates laid against the body: a fixed one where the first frame puts it, a
    sliding one in every frame, with its rail; and where the body leaves them, or a sliding part turns or
    leaves its rail."""
    per_frame: list[list[PlacedProp]] = [[] for _ in bodies]
    static: list[PlacedProp] = []
    misses: list[Miss] = []
    laid = {
        c.id: c
        for i in range(len(bodies))
        for c in _contacts(pose, figures, keyframe_at.get(i))
        if c.surface in LAID and not is_level(c)
    }
    for contact in laid.values():
        frames = [i for i in range(len(bodies)) if contact in _contacts(pose, figures, keyframe_at.get(i))]
        lines = {}
        for i in frames:
            pts = [bodies[i].points[p] for p in contact.points]
            lines[i] = (pts, *_line_through(pts))
        first = frames[0]
        _, c0, u0 = lines[first]
        away = (
            bodies[first].points["pelvis"]
            if contact.surface == "back-pad"
            else bodies[first].points["lumbar"]
        )
        if contact.surface == "slope":  # a slant board: at its own angle, down towards the toes
            use = pose.prop(contact.prop or "")
            slope = math.radians(float(use.params.get("angle_degrees") or 25) if use else 25.0)
            u0 = (math.cos(slope), -math.sin(slope), 0.0)
            static.append(PlacedProp(contact.prop or "", shapes=(_wedge(c0, u0, lines[first][0]),)))
        elif not contact.slides:
            static.append(
                PlacedProp(
                    contact.prop or "", shapes=(_slab(c0, u0, _ends(lines[first][0], c0, u0, contact), away),)
                )
            )
        track = [lines[i][1] for i in frames]
        rail = (track[-1][0] - track[0][0], track[-1][1] - track[0][1], 0.0)
        length = math.hypot(rail[0], rail[1])
        d = (rail[0] / length, rail[1] / length, 0.0) if length > 2 else u0
        for i in frames:
            pts, centre, u = lines[i]
            allowed = TOLERANCE_CM if i in keyframe_at else BETWEEN_CM
            if contact.slides:  # in every frame against the body, where the rail takes the first one
                away_i = (
                    bodies[i].points["pelvis"]
                    if contact.surface == "back-pad"
                    else bodies[i].points["lumbar"]
                )
                per_frame[i].append(
                    PlacedProp(
                        contact.prop or "", shapes=(_slab(centre, u, _ends(pts, centre, u, contact), away_i),)
                    )
                )
                slid = (centre[0] - c0[0]) * d[0] + (centre[1] - c0[1]) * d[1]
                there = (c0[0] + d[0] * slid, c0[1] + d[1] * slid, 0.0)
                gaps = [(_off_line(p, there, u0), name) for p, name in zip(pts, contact.points, strict=True)]
                gaps.append((_off_line(centre, c0, d), contact.points[0]))
            else:
                gaps = [(_off_line(p, c0, u0), name) for p, name in zip(pts, contact.points, strict=True)]
            worst = max(gaps)
            if worst[0] > allowed:
                misses.append(Miss(i, worst[1], worst[0], contact.id))
        if contact.slides:
            parts = [part for i in frames for part in per_frame[i] if part.prop == contact.prop]
            static.append(_rail(contact, parts, d, bodies[first].points["lumbar"]))
    return per_frame, static, misses


def _wedge(centre: Vec, u: Vec, pts: list[Vec]) -> tuple[Vec, ...]:
    """A slant board seen from the side: its top along u under the points, from a little behind the heels
    to where it meets the floor in front, and its back standing on the floor."""
    along = [(p[0] - centre[0]) * u[0] + (p[1] - centre[1]) * u[1] for p in pts]
    back = min(along) - 10.0
    top = (centre[0] + u[0] * back, centre[1] + u[1] * back, 0.0)
    nose = centre[1] / -u[1] if u[1] < 0 else max(along) + 5.0  # where the top reaches the floor
    tip = (centre[0] + u[0] * nose, max(0.0, centre[1] + u[1] * nose), 0.0)
    return (top, tip, (tip[0], 0.0, 0.0), (top[0], 0.0, 0.0))


def _ends(pts: list[Vec], centre: Vec, u: Vec, contact: Contact) -> tuple[float, float]:
    """How far a pad or plate reaches each way along its line: past the points it holds."""
    along = [(p[0] - centre[0]) * u[0] + (p[1] - centre[1]) * u[1] for p in pts]
    margin = 10.0 if contact.surface == "back-pad" else 4.0
    return (min(along) - margin, max(along) + margin)


def _rail(contact: Contact, parts: list[PlacedProp], d: Vec, body: Vec) -> PlacedProp:
    """The rail a sliding part runs on, along its travel, on legs down to the floor: behind a pad that
    slides along itself (a hack squat's), under a plate pushed across it (a leg press's)."""
    corners = [p for part in parts for shape in part.shapes for p in shape]
    mid = tuple(sum(p[k] for p in corners) / len(corners) for k in range(3))
    n = (-d[1], d[0], 0.0)
    first = parts[0].shapes[0]
    u = (first[1][0] - first[0][0], first[1][1] - first[0][1])
    along_itself = abs(u[0] * d[0] + u[1] * d[1]) > 0.7 * math.hypot(*u)
    if along_itself:  # behind the pad: away from the body
        flip = (body[0] - mid[0]) * n[0] + (body[1] - mid[1]) * n[1] > 0
    else:  # under the plate: towards the floor
        flip = n[1] > 0
    if flip:
        n = (-n[0], -n[1], 0.0)
    out = max((p[0] - mid[0]) * n[0] + (p[1] - mid[1]) * n[1] for p in corners) + (
        2.0 if along_itself else -3.0
    )
    along = [(p[0] - mid[0]) * d[0] + (p[1] - mid[1]) * d[1] for p in corners]
    reach = 8.0 if along_itself else 20.0

    def at(k: float) -> Vec:
        return (mid[0] + d[0] * k + n[0] * out, mid[1] + d[1] * k + n[1] * out, 0.0)

    a, b = at(min(along) - reach), at(max(along) + reach)
    legs = tuple(((p[0], p[1], 0.0), (p[0], 0.0, 0.0)) for p in (a, b) if p[1] > 4)
    return PlacedProp(contact.prop or "", strokes=((a, b), *legs))


def place_props(
    pose: Pose,
    bodies: list[Body],
    figures: FigureVocabulary,
    wall: tuple[float | None, bool],
    keyframe_at: dict[int, Keyframe],
) -> list[PlacedProp]:
    """Where each prop that stays put goes, from where the body first meets it (a ball and a machine's
    pads are laid by solve)."""
    placed: list[PlacedProp] = []
    pts = bodies[0].points
    met: dict[str, tuple[Contact, Body]] = {}
    for i, body in enumerate(bodies):
        for c in _contacts(pose, figures, keyframe_at.get(i)):
            met.setdefault(c.id, (c, body))

    def touching(prop: str) -> dict[str, Vec]:
        """Where the body rests on the prop, by point, in the first frame it does."""
        return {
            p: body.points[p]
            for c, body in met.values()
            if c.prop == prop and is_level(c)
            for p in c.points
            if p in body.points
        }

    for use in pose.props:
        if use.prop in ("step", "chair", "leg-press", "hack-squat"):
            top = float(use.params.get("height_cm") or 0)
            resting = touching(use.prop)
            on = list(resting.values())
            seat = use.prop in ("chair", "leg-press")
            if on:
                mid = sum(p[0] for p in on) / len(on)
                behind = mid < pts["pelvis"][0] - 10
                toes_only = all(name.endswith("_toe") for name in resting)
                front, back = max(p[0] for p in on), min(p[0] for p in on)
                depth = 42.0 if seat else 34.0
                if behind or (toes_only and not seat):
                    x0, x1 = (front - depth, front + 3) if behind else (front - 3, front - 3 + depth)
                else:
                    x0 = back - 5
                    x1 = max(front + 5, x0 + depth)
                zc = sum(p[2] for p in on) / len(on)
            else:
                x0 = max(p[0] for p in pts.values()) + 10
                x1, zc = x0 + 34.0, 0.0
            backrest = [
                c.above_cm for c, _ in met.values() if c.prop == use.prop and is_level(c) and c.above_cm > 0
            ]
            strokes: tuple[tuple[Vec, ...], ...] = ()
            if backrest and on:  # a chair's back where the hands rest on it
                bx = min(max(sum(p[0] for p in on) / len(on), x0 + 2), x1 - 2)
                strokes = (((bx, top, zc - 12), (bx, top + max(backrest), zc - 12)),)
            placed.append(
                PlacedProp(use.prop, box=(x0, x1, top, zc - 12, zc + 12), legs=seat, strokes=strokes)
            )
        elif use.prop == "wall":
            k, (wall_x, below) = wall_axis(pose), wall
            x = wall_x if wall_x is not None else min(p[k] for p in pts.values()) - 8
            placed.append(PlacedProp("wall", wall_x=x, wall_axis=k, wall_below=below))
        elif use.prop == "foam-roller":
            on = list(touching("foam-roller").values())
            r = float(use.params.get("diameter_cm") or 15) / 2
            x = on[0][0] if on else pts["pelvis"][0]
            zc = on[0][2] if on else 0.0  # a roller (or rolled towel) as long as the body part on it
            placed.append(
                PlacedProp("foam-roller", box=(x - r, x + r, 2 * r, zc - 12, zc + 12), circle=(x, r, r))
            )
        elif use.prop == "mat":
            xs = [p[0] for p in pts.values()]
            placed.append(PlacedProp("mat", box=(min(xs) - 12, max(xs) + 12, 1.0, -40, 40)))
    return placed


BAND_REACH_CM = 45.0  # how far a long band runs from the body to what it is tied to


def _band_anchor(params: dict[str, object], pts: dict[str, Vec]) -> Vec | None:
    """Where a long band is tied (from the first frame): in front of, behind or out to the side of the body
    point it pulls on, at that point's height; None when it is tied to the foot."""
    if params.get("tied_to") == "foot":
        return None
    around = str(params.get("around") or "right_ankle")
    x, y, z = pts.get(around, pts["right_ankle"])
    way = str(params.get("anchor") or "front")
    if way == "side":
        out = 1.0 if z >= pts["pelvis"][2] else -1.0
        return (x, y, z + out * BAND_REACH_CM)
    return (x + (BAND_REACH_CM if way == "front" else -BAND_REACH_CM), y, z)


def _band_line(
    prop: str, params: dict[str, object], pts: dict[str, Vec], anchor: Vec | None
) -> tuple[Vec, Vec]:
    """Where a band or strap runs in one frame: a mini band between the two knees (or ankles, thighs); a long
    band from a body point to where it is tied (or to the foot); a strap from the hands to the foot."""
    if prop == "mini-band":
        where = {"knees": "knee", "ankles": "ankle", "thighs": "knee"}.get(str(params.get("around")), "knee")
        return pts[f"left_{where}"], pts[f"right_{where}"]
    if prop == "strap":
        return pts["right_wrist"], pts["right_toe"]
    start = pts.get(str(params.get("around") or "right_ankle"), pts["right_ankle"])
    return start, anchor or pts["right_toe"]


def bands(pose: Pose, bodies: list[Body]) -> tuple[list[PlacedProp], list[list[PlacedProp]]]:
    """Bands and straps: where each is tied (a post, which stays) and the band itself in every frame, which
    moves with the body."""
    posts: list[PlacedProp] = []
    lines: list[list[PlacedProp]] = [[] for _ in bodies]
    for use in pose.props:
        if use.prop not in ("band", "mini-band", "strap"):
            continue
        anchor = _band_anchor(use.params, bodies[0].points) if use.prop == "band" else None
        if anchor is not None:  # a post from the floor to a little above the knot
            posts.append(
                PlacedProp(use.prop, strokes=(((anchor[0], 0.0, anchor[2]), add(anchor, (0, 10, 0))),))
            )
        for i, body in enumerate(bodies):
            lines[i].append(PlacedProp(use.prop, line=_band_line(use.prop, use.params, body.points, anchor)))
    return posts, lines


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
            thing = f"the {prop.prop.replace('-', ' ')}"
            if prop.box is not None and prop.prop not in ("foam-roller", "mat"):
                x0, x1, top, z0, z1 = prop.box  # (a roller's box only bounds its length)
                if x0 + 1 < x < x1 - 1 and z0 < z < z1:
                    note(thing, name, min(top - y, y - (top - 6)) if prop.legs else top - y)
            if prop.wall_x is not None:
                at = z if prop.wall_axis == 2 else x
                note("the wall", name, (prop.wall_x - at) if wall_behind else (at - prop.wall_x))
            if prop.circle is not None and (prop.box is None or prop.box[3] < z < prop.box[4]):
                cx, cy, r = prop.circle
                note(thing, name, r - math.hypot(x - cx, y - cy))
    return list(worst.values())
