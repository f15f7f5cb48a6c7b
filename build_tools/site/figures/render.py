"""A pure function from a pose to an SVG drawing: the solved scene projected for its view, each limb a
rounded solid with one outline, drawn back to front, props, and an arrow along the part that moves."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from build_tools.data.figures.pose import Pose
from build_tools.data.figures.rig import SIDES, Body, Rig, place, rig_for
from build_tools.data.figures.scene import Scene, solve
from build_tools.data.figures.vocab import FigureVocabulary, Vec
from build_tools.site.figures.scenery import prop_paths, prop_points
from build_tools.site.figures.shapes import Pt, arrow, capsule, fmt, hull, project, smooth_closed

LINE = 1.1  # outline width in centimetres of the drawn scene
HOLD_SLOTS = 4  # how long the start and end frames rest, in frame slots
SLOT_SECONDS = 0.22
# Foot outline in the foot's frame, fractions of height: heel, sole, ball, toes, instep, ankle.
FOOT = [
    (-0.040, -0.020),
    (-0.030, -0.039),
    (0.080, -0.039),
    (0.108, -0.034),
    (0.112, -0.026),
    (0.070, -0.016),
    (0.030, -0.002),
    (0.012, 0.014),
    (-0.022, 0.014),
]
# The nose and chin in the head's frame, fractions of height: they show the way the face looks.
FACE = ((0.066, -0.008, 0.0), (0.05, -0.05, 0.0))
ARROW_POINTS = ("ankle", "knee", "heel", "toe", "wrist", "elbow")
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


@dataclass
class Chain:
    """One limb (or the torso with neck and head): paths merged under one outline, and its depth."""

    id: str
    depth: float
    fill: str
    paths: list[str] = field(default_factory=list)


class Drawer:
    """Draws bodies of one rig in one view, remembering every screen point for the picture's bounds."""

    def __init__(self, rig: Rig, view: str) -> None:
        self.rig, self.view = rig, view
        self.seen: list[Pt] = []

    def at(self, p: Vec) -> Pt:
        x, y, _ = project(self.view, p)
        self.seen.append((x, y))
        return (x, y)

    def depth(self, p: Vec) -> float:
        return project(self.view, p)[2]

    def limb(self, body: Body, a: str, b: str, radii: tuple[float, float]) -> str:
        return capsule(self.at(body.points[a]), self.at(body.points[b]), radii[0], radii[1])

    def solid(self, points: list[Vec]) -> str:
        return smooth_closed(hull([self.at(p) for p in points]))

    def chains(self, body: Body, prefix: str = "") -> list[Chain]:
        """Every chain of one body, back to front."""
        rig, h, pts = self.rig, self.rig.height, body.points
        centre = self.depth(pts["pelvis"])
        chains: list[Chain] = []
        for side, sign in SIDES:
            leg = [pts[f"{side}_hip"], pts[f"{side}_knee"], pts[f"{side}_ankle"]]
            arm = [pts[f"{side}_shoulder"], pts[f"{side}_elbow"], pts[f"{side}_wrist"]]
            for kind, joints in (("leg", leg), ("arm", arm)):
                d = sum(self.depth(p) for p in joints) / 3
                chain = Chain(f"{prefix}{side[0]}{kind[0]}", d, "f" if d < centre - 4 else "n")
                if kind == "leg":
                    chain.paths += [
                        self.limb(body, f"{side}_hip", f"{side}_knee", rig.radii["thigh"]),
                        self.limb(body, f"{side}_knee", f"{side}_ankle", rig.radii["shank"]),
                        self.solid(self.foot(body, side, sign)),
                    ]
                else:
                    chain.paths += [
                        self.limb(body, f"{side}_shoulder", f"{side}_elbow", rig.radii["upper_arm"]),
                        self.limb(body, f"{side}_elbow", f"{side}_wrist", rig.radii["forearm"]),
                        self.solid(self.hand(body, side)),
                    ]
                chains.append(chain)
        torso = [
            place(body.origins[segment], body.frames[segment], local) for segment, local in rig.torso_ring(16)
        ]
        trunk = Chain(f"{prefix}b", centre - 3, "n", [self.solid(torso)])
        trunk.paths.append(capsule(self.at(pts["neck"]), self.at(pts["head"]), *rig.radii["neck"]))
        trunk.paths.append(self.solid(self.head(body)))
        chains.append(trunk)
        del h
        return sorted(chains, key=lambda c: c.depth)

    def foot(self, body: Body, side: str, sign: float) -> list[Vec]:
        """The foot as a solid: its side outline at both edges of the foot."""
        h, frame, origin = self.rig.height, body.frames[f"{side}_foot"], body.origins[f"{side}_foot"]
        half = self.rig.lengths["foot_breadth"] / 2
        return [place(origin, frame, (x * h, y * h, z)) for x, y in FOOT for z in (-half, half * 0.6)]

    def hand(self, body: Body, side: str) -> list[Vec]:
        """A closed hand (a mitten) continuing the forearm."""
        h, frame, wrist = self.rig.height, body.frames[f"{side}_forearm"], body.points[f"{side}_wrist"]
        out = []
        for along, half in ((0.0, 0.020), (0.042, 0.024), (0.079, 0.016)):
            for x, z in ((half, 0.008), (-half * 0.5, 0.008), (half, -0.008), (-half * 0.5, -0.008)):
                out.append(place(wrist, frame, (x * h * 0.8, -along * h, z * h)))
        return out

    def head(self, body: Body) -> list[Vec]:
        """The head: an egg, with the chin and nose just showing the way the face looks."""
        (half_w, half_h), frame, centre = self.rig.radii["head"], body.frames["head"], body.points["head"]
        out = []
        for lat in (-1.2, -0.6, 0.0, 0.6, 1.2):
            for k in range(12):
                lon = 2 * math.pi * k / 12
                local = (
                    half_w * 1.05 * math.cos(lat) * math.cos(lon),
                    half_h * math.sin(lat),
                    half_w * math.cos(lat) * math.sin(lon),
                )
                out.append(place(centre, frame, local))
        h = self.rig.height
        out += [place(centre, frame, (x * h, y * h, z * h)) for x, y, z in FACE]
        return out


def moving_point(pose: Pose, scene: Scene) -> str | None:
    """The body point the arrow follows: the record's choice, or the limb end that travels furthest."""
    first = scene.bodies[0].points
    if pose.moving:
        return pose.moving
    names = [f"{s}_{p}" for p in ARROW_POINTS for s, _ in SIDES] + ["head"]

    def travel(n: str) -> float:
        return max(math.dist(first[n], b.points[n]) for b in scene.bodies)

    name = max(names, key=travel)
    return name if travel(name) > 4 else None


def still_frames(pose: Pose, scene: Scene) -> tuple[list[int], int]:
    """The drawn frames a still drawing shows (the start, any frame in flight, the end) and the one the
    arrow points to: where the moving point is furthest from its start (the end, or a hop's flight)."""
    indexes = pose.keyframe_indexes()
    shown = [indexes[k] for k in pose.shown_keyframes()]
    name = moving_point(pose, scene)
    if name is None:
        return shown, shown[-1]
    start = scene.bodies[0].points[name]
    far = max(shown[1:], key=lambda i: (round(math.dist(start, scene.bodies[i].points[name])), i))
    return shown, far


def _arrow(pose: Pose, scene: Scene, view: str, peak: int) -> tuple[str, str] | None:
    """An arc beside the moving point's path from the start to the peak frame, bowed as the point
    travels."""
    name = moving_point(pose, scene)
    if name is None:
        return None
    track = [project(view, b.points[name])[:2] for b in scene.bodies[: peak + 1]]
    mid = track[len(track) // 2]
    centre = project(view, scene.bodies[peak].points["pelvis"])[:2]
    (x0, y0), (x1, y1) = track[0], track[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 3:
        return None
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    if (mid[0] - centre[0]) * nx + (mid[1] - centre[1]) * ny < 0:
        nx, ny = -nx, -ny
    gap, shrink = 9.0, 0.12
    a = (x0 + (x1 - x0) * shrink, y0 + (y1 - y0) * shrink)
    b = (x1 - (x1 - x0) * shrink, y1 - (y1 - y0) * shrink)

    def beside(k: float) -> list[Pt]:
        return [(p[0] + nx * gap * k, p[1] + ny * gap * k) for p in (a, mid, b)]

    path = beside(1)
    if max(p[1] for p in path) > -2 and max(p[1] for p in beside(-1)) < max(p[1] for p in path):
        path = beside(-1)  # the other side, rather than under the floor
    return arrow(path, head=4.5)


def _timeline(frames: int) -> list[int]:
    """Frame per slot for one gentle loop: rest at the start, move, rest at the end, move back."""
    forward = list(range(frames))
    return [0] * HOLD_SLOTS + forward[1:-1] + [frames - 1] * HOLD_SLOTS + forward[-2:0:-1]


def _keyframes_css(frames: int) -> list[str]:
    """For each drawn frame, the CSS keyframes that show it only in its slots."""
    slots = _timeline(frames)
    step = 100 / len(slots)
    rules = []
    for f in range(frames):
        parts = []
        for i, shown in enumerate(slots):
            parts.append(f"{fmt(i * step)}%{{visibility:{'visible' if shown == f else 'hidden'}}}")
        # Drop repeats: a rule only where visibility changes.
        kept, last = [], ""
        for part in parts:
            state = part.split("{")[1]
            if state != last:
                kept.append(part)
                last = state
        rules.append("".join(kept))
    return rules


def pose_key(pose: Pose, *extra: object) -> str:
    """A short hash of everything a drawing depends on."""
    return hashlib.sha256(repr((pose, extra)).encode()).hexdigest()[:16]


@dataclass
class FrameDrawing:
    """One frame's chains, ids without the picture's prefix, and every screen point they pass through."""

    chains: list[Chain]
    seen: list[Pt]

    def for_picture(self, prefix: str) -> list[dict[str, Any]]:
        return [{**vars(chain), "id": prefix + chain.id} for chain in self.chains]


class Sketch:
    """A pose solved and each of its frames drawn once; every mode of render() arranges these."""

    def __init__(self, pose: Pose, figures: FigureVocabulary) -> None:
        rig = rig_for(figures)
        self.scene = solve(pose, rig, figures)
        self.frames: list[FrameDrawing] = []
        for body in self.scene.bodies:
            drawer = Drawer(rig, pose.view)
            self.frames.append(FrameDrawing(drawer.chains(body), drawer.seen))


_DRAWN: dict[str, str] = {}


def render(
    pose: Pose,
    figures: FigureVocabulary,
    *,
    mode: str = "animated",
    prefix: str = "fig",
    title: str = "",
    desc: str = "",
    width: int | None = None,
    sketch: Sketch | None = None,
) -> str:
    """The pose as SVG: `animated` (frames playing by CSS; under reduced motion the start faint under the
    end, with the arrow: the standalone file, which an exercise page's script also plays, frame by frame
    from its data-timeline, once it has the class `played`: see atlas-figure.js), `still` (the start faint
    under the end, with the arrow) or `pair` (start and end side by side, with the arrow). sketch: this
    pose's, when the caller draws it in several modes. Cached by a hash of the pose: an unchanged pose is
    never drawn twice."""
    key = pose_key(pose, mode, prefix, title, desc, width, id(figures))
    if key not in _DRAWN:
        _DRAWN[key] = _render(pose, sketch or Sketch(pose, figures), mode, prefix, title, desc, width)
    return _DRAWN[key]


def _render(
    pose: Pose, sketch: Sketch, mode: str, prefix: str, title: str, desc: str, width: int | None
) -> str:
    scene = sketch.scene
    view = pose.view
    still, peak = still_frames(pose, scene)
    shown = list(range(len(scene.bodies))) if mode == "animated" else still
    seen = [p for i in shown for p in sketch.frames[i].seen] + prop_points(scene.props, view)
    for i in shown:
        seen += prop_points(scene.props_at(i), view)
    xs = [p[0] for p in seen] or [0.0]
    ys = [p[1] for p in seen] or [0.0]
    top = max(-min(ys), 40.0) + 6
    shift = (max(xs) - min(xs) + 24) if mode == "pair" else 0.0
    frames: list[dict[str, Any]] = []
    for n, i in enumerate(shown):
        if mode == "animated":
            cls = f"fr {prefix}f{i}"
        else:
            cls = "gh" if (mode == "still" and i != peak) else "st"
        frames.append(
            {
                "cls": cls,
                "chains": sketch.frames[i].for_picture(f"{prefix}{i}"),
                "shift": fmt(shift * n) if mode == "pair" and n else "",
                "props": prop_paths(scene.props_at(i), view, top),
            }
        )
    if mode == "animated":  # what reduced motion shows instead: the still drawing, under the arrow
        for i in still:
            frames.append(
                {
                    "cls": "still" if i == peak else "still gh",
                    "chains": sketch.frames[i].for_picture(f"{prefix}s{i}"),
                    "shift": "",
                    "props": prop_paths(scene.props_at(i), view, top),
                }
            )
        frames.sort(key=lambda f: f["cls"] != "still gh")  # the faint ones first, under the rest
    made = _arrow(pose, scene, view, peak)
    arrows = []
    if made:
        arrows.append(
            {
                "cls": "still" if mode == "animated" else "arw",
                "line": made[0],
                "head": made[1],
                "shift": fmt(shift * still.index(peak)) if mode == "pair" and still.index(peak) else "",
            }
        )
    left, right = min(xs) - 10, max(xs) + shift * (len(shown) - 1 if mode == "pair" else 0) + 10
    copies = [""] + ([fmt(shift * n) for n in range(1, len(shown))] if mode == "pair" else [])
    bottom = 4.0
    box_w, box_h = right - left, top + bottom
    out_w = width or round(box_w * 1.4)
    return ENV.get_template("figure.svg.j2").render(
        p=prefix,
        box=f"{fmt(left)} {fmt(-top)} {fmt(box_w)} {fmt(box_h)}",
        width=out_w,
        height=round(out_w * box_h / box_w),
        title=title,
        desc=desc,
        line=LINE,
        animated=mode == "animated",
        cycle=fmt(len(_timeline(len(scene.bodies))) * SLOT_SECONDS),
        keyframes_css=_keyframes_css(len(scene.bodies)),
        timeline=" ".join(map(str, _timeline(len(scene.bodies)))),
        slot_ms=round(SLOT_SECONDS * 1000),
        floor=f"M{fmt(left)} 0H{fmt(right)}",
        props=prop_paths(scene.props, view, top),
        copies=copies,
        frames=frames,
        arrows=arrows,
    )
