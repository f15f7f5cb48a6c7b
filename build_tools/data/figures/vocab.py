"""Read the figure vocabularies (joints, positions, props, contacts, rig) from vocabularies/figure-*.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from build_tools.data.problems import DataError, Problem

FIGURE_FILES = {
    "joint_motion": "figure-joints.yml",
    "pose_position": "figure-positions.yml",
    "prop": "figure-props.yml",
    "contact": "figure-contacts.yml",
}
VIEWS = ("side", "front", "three-quarter", "above")

Vec = tuple[float, float, float]


@dataclass(frozen=True)
class Joint:
    """One `<joint>_<motion>` a pose may name, with its allowed range and where that range comes from."""

    id: str
    name: str
    sided: bool
    min: float
    max: float
    normal: str
    source: str
    rig_note: str = ""


@dataclass(frozen=True)
class Position:
    """A starting position: where the pelvis's top points and where its front faces."""

    id: str
    name: str
    head: Vec
    front: Vec
    example: str = ""  # the pose `new` writes for this position (YAML text)


@dataclass(frozen=True)
class Prop:
    """A thing in the scene, with its parameters' ranges or choices and defaults."""

    id: str
    name: str
    parameters: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Contact:
    """Points of the body that must touch a surface in every frame; `slides` for a machine's part that
    moves with the body on a rail; `above_cm` for a surface that high above its prop's height (a chair's
    back above its seat)."""

    id: str
    name: str
    surface: str
    points: tuple[str, ...]
    prop: str | None = None
    slides: bool = False
    above_cm: float = 0.0


@dataclass(frozen=True)
class FigureVocabulary:
    """Every figure word list plus the rig's proportions (a mapping as read from figure-rig.yml)."""

    joints: dict[str, Joint]
    positions: dict[str, Position]
    props: dict[str, Prop]
    contacts: dict[str, Contact]
    rig: dict[str, Any]

    def enums(self) -> dict[str, list[str]]:
        """The allowed ids per schema $defs name."""
        return {
            "joint_motion": list(self.joints),
            "pose_position": list(self.positions),
            "prop": list(self.props),
            "contact": list(self.contacts),
        }


def _vec(value: Any) -> Vec:
    x, y, z = (float(v) for v in value)
    return (x, y, z)


def _read(path: Path) -> Any:
    if not path.is_file():
        raise DataError([Problem(f"vocabularies/{path.name}", 1, 1, "", "figure vocabulary file is missing")])
    data: Any = YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # YAML 1.2, as every record
    return data


@lru_cache(maxsize=8)
def load_figure_vocabulary(folder: Path) -> FigureVocabulary:
    """The figure vocabularies in folder (read once per folder; they are small and never change mid-build)."""
    try:
        joints = {e["id"]: Joint(**e) for e in _read(folder / FIGURE_FILES["joint_motion"])}
        positions = {
            e["id"]: Position(e["id"], e["name"], _vec(e["head"]), _vec(e["front"]), e.get("example", ""))
            for e in _read(folder / FIGURE_FILES["pose_position"])
        }
        props = {
            e["id"]: Prop(e["id"], e["name"], dict(e.get("parameters") or {}))
            for e in _read(folder / FIGURE_FILES["prop"])
        }
        contacts = {
            e["id"]: Contact(
                e["id"],
                e["name"],
                e["surface"],
                tuple(e["points"]),
                e.get("prop"),
                bool(e.get("slides")),
                float(e.get("above_cm") or 0),
            )
            for e in _read(folder / FIGURE_FILES["contact"])
        }
        rig = _read(folder / "figure-rig.yml")
    except (KeyError, TypeError, ValueError) as error:
        raise DataError(
            [Problem("vocabularies/figure-*.yml", 1, 1, "", f"malformed entry: {error}")]
        ) from None
    return FigureVocabulary(joints, positions, props, contacts, rig)


def figure_schema_defs(schema: dict[str, Any], figures: FigureVocabulary) -> dict[str, Any]:
    """The exercise schema with its pose word lists taken from the figure vocabularies: the enums, and the
    joint angles each keyframe side may name (so an editor completes them and a misspelling is caught)."""
    defs = schema["$defs"]
    if "joint_angles" not in defs:
        return schema
    for name, ids in figures.enums().items():  # (those the schema has: the open data's lists fewer)
        if name in defs:
            defs[name] = {"enum": ids, "description": f"A word from vocabularies/{FIGURE_FILES[name]}."}
    for which, sided_only in (("joint_angles", True), ("joint_angles_both", False)):
        defs[which]["properties"] = {
            j.id: {"type": "number", "description": f"{j.name}, degrees ({j.min} to {j.max})."}
            for j in figures.joints.values()
            if j.sided or not sided_only
        }
    return schema


def example_pose(folder: Path, position: str, view: str = "side") -> str:
    """The pose block `new` writes for a position (its example from figure-positions.yml), as YAML lines."""
    where = load_figure_vocabulary(folder.resolve()).positions.get(position)
    if where is None:
        known = ", ".join(load_figure_vocabulary(folder.resolve()).positions)
        raise ValueError(f"unknown position '{position}'; allowed: {known}")
    body = "".join(f"  {line}\n" for line in where.example.rstrip("\n").splitlines())
    return f"pose:\n  view: {view}\n  position: {position}\n{body}"


def example_pose_data(where: Position, view: str = "side") -> dict[str, Any]:
    """A position's example pose (the one `new` writes) as a pose block's data, as a record would hold it."""
    body: Any = YAML(typ="safe").load(where.example) if where.example.strip() else {}
    return {"view": view, "position": where.id, **(body or {})}
