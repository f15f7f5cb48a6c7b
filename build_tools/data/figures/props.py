"""The props in the room: where each one goes from where the body first meets it, a machine's pads and
plates laid against the body (and the rail a sliding one runs on), bands and straps in every frame; and
the contacts' shared words (which surfaces hold the body up, which are laid against it). scene.solve
places the body and calls these."""

from __future__ import annotations

import math
from dataclasses import dataclass

from build_tools.data.figures.pose import Keyframe, Pose
from build_tools.data.figures.rig import Body, add
from build_tools.data.figures.vocab import Contact, FigureVocabulary, Vec

TOLERANCE_CM = 1.0  # a contact point at a keyframe


BETWEEN_CM = 3.0  # a contact point in a frame eased between keyframes, whose angles nobody chose


# Surfaces a point rests on, at the height of the contact's prop (its height_cm or diameter_cm; the floor
# is 0): the body is lowered until the first of them touches. A contact that `slides` is not one of them.
LEVEL = ("floor", "step", "chair", "roller", "seat", "footplate")


# Flat parts of a machine laid against the body: fixed where the first frame puts them, or (`slides`)
# against the body in every frame, running on a straight rail without turning; and a slant board's slope,
# at its prop's angle, fixed under the feet.
LAID = ("back-pad", "footplate", "slope")


PAD_CM = 5.0  # a machine pad's or plate's thickness


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


def wall_axis(pose: Pose) -> int:
    """Where a wall stands: across the page, in front of or behind the body (x), in a side, three-quarter or
    above view; beside the body (z) in a front view, where a wall in front would be the page itself."""
    return 2 if pose.view == "front" else 0


def is_level(contact: Contact) -> bool:
    """Whether a contact rests points on a level surface (the body is lowered onto it)."""
    return contact.surface in LEVEL and not contact.slides


def contacts_at(pose: Pose, figures: FigureVocabulary, keyframe: Keyframe | None) -> list[Contact]:
    """The contacts that hold in a frame: the pose's own, and a keyframe's extra ones."""
    extra = keyframe.contacts if keyframe else ()
    return [figures.contacts[c] for c in (*pose.contacts, *extra) if c in figures.contacts]


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
        for c in contacts_at(pose, figures, keyframe_at.get(i))
        if c.surface in LAID and not is_level(c)
    }
    for contact in laid.values():
        frames = [i for i in range(len(bodies)) if contact in contacts_at(pose, figures, keyframe_at.get(i))]
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
        for c in contacts_at(pose, figures, keyframe_at.get(i)):
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
