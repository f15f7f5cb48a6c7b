"""The body map drawing (site-overrides/atlas/bodymap-body.svg) read as geometry, and checked against the
muscle vocabulary: one region per muscle, on the view its `side` names, inside the body outline.

Inner or outer thigh is decided from coordinates, never from a label: a region is on the outer (lateral)
side when its centre lies farther from the body's midline than the middle of that half of the body at
the same height (for a thigh, the middle of the thigh).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from build_tools.data.model import Muscle
from build_tools.data.suggest import did_you_mean

SVG = "{http://www.w3.org/2000/svg}"
DRAWING = Path("site-overrides") / "atlas" / "bodymap-body.svg"
VIEWS = ("front", "back")

Point = tuple[float, float]


@dataclass(frozen=True)
class Region:
    """One muscle's shape as drawn on the viewer's left half of one view, in that view's coordinates."""

    muscle: str
    view: str
    outline: tuple[Point, ...]
    offset: float  # how far right the view is shifted in the whole drawing
    mirrored: bool  # whether the group also draws the right half as the mirror image

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the shape."""
        xs, ys = [p[0] for p in self.outline], [p[1] for p in self.outline]
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def centre(self) -> Point:
        left, top, right, bottom = self.box
        return (left + right) / 2, (top + bottom) / 2


@dataclass(frozen=True)
class BodyDrawing:
    """The outline of half the body and every muscle region, in view coordinates (midline at x=midline)."""

    midline: float
    back_offset: float
    half_body: tuple[Point, ...]
    regions: tuple[Region, ...]

    def body_span(self, y: float) -> tuple[float, float]:
        """Where a horizontal line at height y enters and leaves the drawn half of the body."""
        xs = sorted(_crossings(self.half_body, y))
        if not xs:
            raise ValueError(f"the body outline does not reach height {y:g}")
        return xs[0], xs[-1]

    def side_of_leg(self, region: Region) -> str:
        """'outer' or 'inner': which side of the middle of that half of the body the region's centre lies."""
        x, y = region.centre
        left, right = self.body_span(y)
        middle = (left + right) / 2
        return "outer" if abs(x - self.midline) > abs(middle - self.midline) else "inner"

    def inside_body(self, region: Region, tolerance: float = 0.3) -> bool:
        """Whether every point of the region lies within the body outline (give or take tolerance)."""
        return all(_inside(self.half_body, p) or _near(self.half_body, p, tolerance) for p in region.outline)


def read_drawing(path: Path) -> BodyDrawing:
    """Parse the drawing: the half-body outline and each muscle region (groups with data-muscle)."""
    root = ET.parse(path).getroot()
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    if "half" not in by_id:
        raise ValueError(f'{path}: no <path id="half"> (the outline of half the body)')
    midline = float(root.get("data-midline", "0"))
    back_offset = float(root.get("data-back-offset", "0"))
    regions = []
    for group in root.iter(f"{SVG}g"):
        muscle = group.get("data-muscle")
        if muscle is None:
            continue
        shapes = [el for el in group if el.tag == f"{SVG}path"]
        outline = tuple(p for shape in shapes for p in path_points(shape.get("d", "")))
        mirror = f"matrix(-1 0 0 1 {_number(2 * midline)} 0)"
        mirrored = any(el.tag == f"{SVG}use" and el.get("transform") == mirror for el in group)
        regions.append(
            Region(muscle, group.get("data-view", ""), outline, _shift(group.get("transform")), mirrored)
        )
    return BodyDrawing(midline, back_offset, tuple(path_points(by_id["half"].get("d", ""))), tuple(regions))


def drawing_problems(drawing: BodyDrawing, muscles: dict[str, Muscle]) -> list[str]:
    """Every way the drawing disagrees with the vocabulary; empty when they agree."""
    problems = []
    drawn: dict[str, int] = {}
    for region in drawing.regions:
        drawn[region.muscle] = drawn.get(region.muscle, 0) + 1
        muscle = muscles.get(region.muscle)
        if muscle is None:
            problems.append(
                f"region '{region.muscle}' is not a muscle in vocabularies/muscles.yml;"
                f"{did_you_mean(region.muscle, muscles)} remove it or add the muscle"
            )
            continue
        if region.view != muscle.side:
            problems.append(
                f"'{region.muscle}' is drawn on the {region.view or 'unnamed'} view but its side is "
                f"'{muscle.side}'"
            )
        expected_offset = drawing.back_offset if region.view == "back" else 0.0
        if region.offset != expected_offset:
            problems.append(
                f"'{region.muscle}' is shifted by {region.offset:g}; the {region.view} view is at "
                f"{expected_offset:g}"
            )
        if not region.outline:
            problems.append(f"'{region.muscle}' has no shape")
            continue
        if not region.mirrored:
            problems.append(f"'{region.muscle}' is drawn on one side only; add its mirror image")
        if not drawing.inside_body(region):
            problems.append(f"'{region.muscle}' reaches outside the body outline")
    for muscle_id in muscles:
        if muscle_id not in drawn:
            problems.append(f"muscle '{muscle_id}' has no region on the body map; draw one in {DRAWING}")
        elif drawn[muscle_id] > 1:
            problems.append(f"muscle '{muscle_id}' has {drawn[muscle_id]} regions; draw it once")
    return problems


# -- Geometry --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[MLHVCSQTZmlhvcsqtz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


def path_points(d: str, steps: int = 8) -> list[Point]:
    """The points along an SVG path (curves sampled), absolute coordinates. Arcs are not supported."""
    if re.search(r"[Aa]", d):
        raise ValueError("arcs (A) are not supported in region shapes; use curves (C)")
    tokens = _TOKEN.findall(d)
    points: list[Point] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                x, y = start_x, start_y
                points.append((x, y))
                continue
        upper, relative = command.upper(), command.islower()
        args = [float(t) for t in tokens[i : i + _ARITY[upper]]]
        i += _ARITY[upper]
        if upper == "H":
            args = [args[0], 0.0 if relative else y]
        elif upper == "V":
            args = [0.0 if relative else x, args[0]]
        if relative:
            args = [a + (x if k % 2 == 0 else y) for k, a in enumerate(args)]
        if upper in ("C", "S", "Q"):
            controls = [(args[k], args[k + 1]) for k in range(0, len(args), 2)]
            points += _sample((x, y), controls, steps)
        x, y = args[-2], args[-1]
        points.append((x, y))
        if upper == "M":
            start_x, start_y = x, y
            command = "l" if relative else "L"  # further pairs after a move are lines
    return points


def _sample(start: Point, controls: list[Point], steps: int) -> list[Point]:
    """Points strictly inside a Bézier curve (the end point is added by the caller)."""
    nodes = [start, *controls]
    out = []
    for k in range(1, steps):
        t = k / steps
        level = nodes
        while len(level) > 1:  # de Casteljau
            level = [
                ((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                for a, b in zip(level, level[1:], strict=False)
            ]
        out.append(level[0])
    return out


def _crossings(polygon: tuple[Point, ...], y: float) -> list[float]:
    xs = []
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 <= y < y2) or (y2 <= y < y1):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return xs


def _inside(polygon: tuple[Point, ...], point: Point) -> bool:
    x, y = point
    return sum(1 for cx in _crossings(polygon, y) if cx > x) % 2 == 1


def _near(polygon: tuple[Point, ...], point: Point, distance: float) -> bool:
    px, py = point
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy or 1)))
        if (x1 + t * dx - px) ** 2 + (y1 + t * dy - py) ** 2 <= distance * distance:
            return True
    return False


def _shift(transform: str | None) -> float:
    match = re.fullmatch(r"translate\((-?[\d.]+)(?:[ ,]+-?[\d.]+)?\)", (transform or "").strip())
    return float(match.group(1)) if match else 0.0


def _number(value: float) -> str:
    return f"{value:g}"
