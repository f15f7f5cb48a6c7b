"""2D outlines for the drawing: projection per view, tapered capsules, convex hulls, smooth closed paths."""

from __future__ import annotations

import math

from build_tools.data.figures.vocab import Vec

Pt = tuple[float, float]
THREE_QUARTER = math.radians(35)


def project(view: str, p: Vec) -> tuple[float, float, float]:
    """A room point as (screen x, screen y downward, depth toward the reader) for an orthographic view."""
    x, y, z = p
    if view == "front":
        return (-z, -y, x)
    if view == "above":
        return (x, z, y)
    if view == "three-quarter":
        c, s = math.cos(THREE_QUARTER), math.sin(THREE_QUARTER)
        return (x * c - z * s, -y, x * s + z * c)
    return (x, -y, z)


def fmt(v: float) -> str:
    """A coordinate to one decimal, without a trailing .0 or a minus zero."""
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def pt(p: Pt) -> str:
    """A point as 'x y' (or 'x-y', the shorter form SVG allows for a negative y)."""
    y = fmt(p[1])
    return f"{fmt(p[0])}{'' if y.startswith('-') else ' '}{y}"


def capsule(a: Pt, b: Pt, ra: float, rb: float) -> str:
    """A closed path round two circles joined by their outer tangents (a limb tapering from a to b)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length <= abs(ra - rb) + 0.05:
        r = max(ra, rb)
        c = a if ra >= rb else b
        arc = f"a{fmt(r)} {fmt(r)} 0 1 0"
        return f"M{pt((c[0] - r, c[1]))}{arc} {fmt(2 * r)} 0{arc} {fmt(-2 * r)} 0z"
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    sin_a = (ra - rb) / length
    cos_a = math.sqrt(max(0.0, 1 - sin_a * sin_a))
    plus = (ux * sin_a + nx * cos_a, uy * sin_a + ny * cos_a)
    minus = (ux * sin_a - nx * cos_a, uy * sin_a - ny * cos_a)
    a1 = (a[0] + ra * plus[0], a[1] + ra * plus[1])
    b1 = (b[0] + rb * plus[0], b[1] + rb * plus[1])
    b2 = (b[0] + rb * minus[0], b[1] + rb * minus[1])
    a2 = (a[0] + ra * minus[0], a[1] + ra * minus[1])
    return (
        f"M{pt(a1)}L{pt(b1)}A{fmt(rb)} {fmt(rb)} 0 0 0 {pt(b2)}L{pt(a2)}A{fmt(ra)} {fmt(ra)} 0 1 0 {pt(a1)}z"
    )


def hull(points: list[Pt]) -> list[Pt]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def turn(o: Pt, a: Pt, b: Pt) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Pt] = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Pt] = []
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def smooth_closed(points: list[Pt]) -> str:
    """A closed path with rounded corners: quadratic curves through the middle of each edge."""
    if len(points) < 3:
        return ""
    mids = [
        ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2) for p, q in zip(points, points[1:] + points[:1], strict=True)
    ]
    parts = [f"M{pt(mids[-1])}"]
    for corner, mid in zip(points, mids, strict=True):
        parts.append(f"Q{pt(corner)} {pt(mid)}")
    return "".join(parts) + "z"


def arrow(points: list[Pt], head: float = 4.0) -> tuple[str, str]:
    """An arc through three points (start, middle, end) and its arrowhead at the end, as two paths."""
    (x0, y0), (xm, ym), (x1, y1) = points
    cx, cy = 2 * xm - (x0 + x1) / 2, 2 * ym - (y0 + y1) / 2
    line = f"M{pt((x0, y0))}Q{pt((cx, cy))} {pt((x1, y1))}"
    dx, dy = x1 - cx, y1 - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip = (x1 + ux * head * 0.6, y1 + uy * head * 0.6)
    left = (x1 - ux * head - uy * head * 0.7, y1 - uy * head + ux * head * 0.7)
    right = (x1 - ux * head + uy * head * 0.7, y1 - uy * head - ux * head * 0.7)
    return line, f"M{pt(tip)}L{pt(left)}L{pt(right)}z"
