"""The floor's props drawn simply: each placed prop as outlined shapes and strokes in the chosen view, and
the screen points they reach (so a picture's bounds hold them)."""

from __future__ import annotations

from build_tools.data.figures.props import PlacedProp
from build_tools.data.figures.vocab import Vec
from build_tools.site.figures.shapes import Pt, fmt, hull, project, pt


def prop_paths(props: list[PlacedProp], view: str, top: float) -> list[dict[str, str]]:
    """The floor and each prop as simple outlined shapes."""
    out: list[dict[str, str]] = []
    for prop in props:
        if prop.box is not None and prop.prop not in ("mat", "foam-roller"):
            x0, x1, height, z0, z1 = prop.box
            corners = [(x, y, z) for x in (x0, x1) for y in (0.0, height) for z in (z0, z1)]
            shape = hull([project(view, c)[:2] for c in corners])
            if prop.legs:  # a seat (a chair, a bench, a machine's seat): a padded top on two legs
                seat = [(x, y, z) for x in (x0, x1) for y in (height - 4, height) for z in (z0, z1)]
                legs = " ".join(
                    f"M{pt(project(view, (x, height - 4, z))[:2])}L{pt(project(view, (x, 0.0, z))[:2])}"
                    for x in (x0 + 3, x1 - 3)
                    for z in (z0,)
                )
                out.append({"cls": "ln", "d": legs})
                shape = hull([project(view, c)[:2] for c in seat])
            out.append({"cls": "pr", "d": "M" + "L".join(pt(p) for p in shape) + "z"})
        elif prop.box is not None and prop.prop == "mat":
            x0, x1 = prop.box[0], prop.box[1]
            out.append({"cls": "pr", "d": f"M{pt((x0, -1.5))}H{fmt(x1)}V0H{fmt(x0)}z"})
        elif prop.wall_x is not None:
            x = project(view, _wall_foot(prop))[0]
            away = -1 if prop.wall_below == (prop.wall_axis == 0) else 1  # hatched on its far side
            hatch = "".join(f"M{pt((x, -y))}l{away * 5} 5" for y in range(10, int(top), 18))
            out.append({"cls": "ln", "d": f"M{pt((x, 0.0))}V{fmt(-top)}{hatch}"})
        elif prop.circle is not None:
            cx, cy, r = prop.circle
            sx, sy, _ = project(view, (cx, cy, 0.0))
            out.append(
                {
                    "cls": "pr",
                    "d": f"M{pt((sx - r, sy))}a{fmt(r)} {fmt(r)} 0 1 0 {fmt(2 * r)} 0"
                    f"a{fmt(r)} {fmt(r)} 0 1 0 {fmt(-2 * r)} 0z",
                }
            )
        elif prop.line is not None:
            a, b = (project(view, p)[:2] for p in prop.line)
            out.append({"cls": "bd", "d": f"M{pt(a)}L{pt(b)}"})
        if prop.strokes:  # a machine's rail and legs, drawn a little heavier than a line
            d = "".join("M" + "L".join(pt(project(view, p)[:2]) for p in line) for line in prop.strokes)
            out.append({"cls": "rl", "d": d})
        for outline in prop.shapes:  # a machine's pads and plates
            out.append({"cls": "pr", "d": "M" + "L".join(pt(project(view, c)[:2]) for c in outline) + "z"})
    return out


def _wall_foot(prop: PlacedProp) -> Vec:
    """Where a wall meets the floor under the body."""
    at = prop.wall_x or 0.0
    return (0.0, 0.0, at) if prop.wall_axis == 2 else (at, 0.0, 0.0)


def prop_points(props: list[PlacedProp], view: str) -> list[Pt]:
    """The screen points a picture must hold to show its props whole (a wall only where it stands)."""
    out: list[Pt] = []
    for prop in props:
        if prop.box is not None and prop.prop != "mat":
            x0, x1, height, z0, z1 = prop.box
            out += [project(view, (x, y, z))[:2] for x in (x0, x1) for y in (0.0, height) for z in (z0, z1)]
        if prop.wall_x is not None:
            out.append(project(view, _wall_foot(prop))[:2])
        if prop.circle is not None:
            cx, cy, r = prop.circle
            sx, sy, _ = project(view, (cx, cy, 0.0))
            out += [(sx - r, sy - r), (sx + r, sy + r)]
        out += [project(view, p)[:2] for line in prop.strokes for p in line]
        out += [project(view, p)[:2] for shape in prop.shapes for p in shape]
    return out
