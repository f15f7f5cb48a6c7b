"""Checks on a record's pose that its schema cannot express: angles within each joint's range, props'
parameters, contacts that can be met, and no body part through the floor or a prop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.data.figures.pose import Pose, pose_from_data
from build_tools.data.figures.props import Miss, is_level
from build_tools.data.figures.rig import rig_for
from build_tools.data.figures.scene import solve
from build_tools.data.figures.vocab import FigureVocabulary, figure_schema_defs
from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.schema_enums import with_enums
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import YamlDocument


def exercise_schema(
    path: Path, enums: dict[str, list[str]], figures: FigureVocabulary, synonyms: dict[str, dict[str, str]]
) -> RecordSchema:
    """The exercise schema with the vocabularies' enums and the pose's joints, props and contacts."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    return RecordSchema(figure_schema_defs(with_enums(schema, enums), figures), synonyms=synonyms)


def _well_formed(pose: Any, figures: FigureVocabulary) -> bool:
    """Whether the pose has the shape the schema asks for, so its own problems are not echoed here."""
    if not isinstance(pose, dict) or not isinstance(pose.get("keyframes"), dict):
        return False
    frames = pose["keyframes"]
    if "start" not in frames or "end" not in frames or pose.get("position") not in figures.positions:
        return False
    for frame in frames.values():
        if not isinstance(frame, dict):
            return False
        for side in ("left", "right", "both"):
            block = frame.get(side) or {}
            if not isinstance(block, dict):
                return False
            if any(j not in figures.joints or not isinstance(v, (int, float)) for j, v in block.items()):
                return False
        if any(c not in figures.contacts for c in frame.get("contacts") or ()):
            return False
        numbers = (frame.get(k, 0) for k in ("tilt", "airborne_cm", "forward_cm"))
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
            return False
    props = pose.get("props") or []
    return all(isinstance(p, dict) and p.get("prop") in figures.props for p in props) and all(
        c in figures.contacts for c in pose.get("contacts") or ()
    )


def _angle_problems(doc: YamlDocument, data: dict[str, Any], figures: FigureVocabulary) -> list[Problem]:
    problems = []
    for name, frame in data["keyframes"].items():
        for side in ("both", "left", "right"):
            for joint_id, value in (frame.get(side) or {}).items():
                joint = figures.joints[joint_id]
                path = ("pose", "keyframes", name, side, joint_id)
                if not joint.sided and side != "both":
                    problems.append(doc.problem_at(path, f"{joint_id} has no side; give it under 'both:'"))
                elif not joint.min <= value <= joint.max:
                    problems.append(
                        doc.problem_at(
                            path,
                            f"{value} degrees is outside what {joint_id} allows, "
                            f"{joint.min:g} to {joint.max:g} "
                            f"(vocabularies/figure-joints.yml; normal range: {joint.normal})",
                        )
                    )
    return problems


def _prop_problems(doc: YamlDocument, data: dict[str, Any], figures: FigureVocabulary) -> list[Problem]:
    problems = []
    listed = [p["prop"] for p in data.get("props") or ()]
    for i, use in enumerate(data.get("props") or ()):
        prop = figures.props[use["prop"]]
        for key, value in use.items():
            if key == "prop":
                continue
            spec = prop.parameters.get(key)
            path = ("pose", "props", i, key)
            if spec is None:
                takes = ", ".join(prop.parameters) or "no parameters"
                problems.append(doc.problem_at(path, f"a {prop.id} has no {key}; it takes {takes}", key=True))
            elif (
                "min" in spec and isinstance(value, (int, float)) and not spec["min"] <= value <= spec["max"]
            ):
                problems.append(
                    doc.problem_at(
                        path,
                        f"{value} is outside a {prop.id}'s range for {key}, {spec['min']} to {spec['max']}",
                    )
                )
            elif "choices" in spec and value not in spec["choices"]:
                problems.append(doc.problem_at(path, f"'{value}' is not one of {', '.join(spec['choices'])}"))
    contact_paths: list[tuple[tuple[Any, ...], str]] = [
        (("pose", "contacts", i), c) for i, c in enumerate(data.get("contacts") or ())
    ] + [
        (("pose", "keyframes", name, "contacts", i), c)
        for name, frame in data["keyframes"].items()
        for i, c in enumerate(frame.get("contacts") or ())
    ]
    for where, contact_id in contact_paths:
        needs = figures.contacts[contact_id].prop
        if needs is not None and needs not in listed:
            problems.append(
                doc.problem_at(
                    where, f"'{contact_id}' needs a {needs} in the scene; add '- prop: {needs}' under props"
                )
            )
    return problems + _flight_problems(doc, data, figures)


def _flight_problems(doc: YamlDocument, data: dict[str, Any], figures: FigureVocabulary) -> list[Problem]:
    """A frame in the air (airborne_cm) with a contact that holds the body up in it."""
    problems = []
    for name, frame in data["keyframes"].items():
        if not (frame or {}).get("airborne_cm"):
            continue
        for where, contact_id in [("every frame", c) for c in data.get("contacts") or ()] + [
            ("this frame", c) for c in frame.get("contacts") or ()
        ]:
            if is_level(figures.contacts[contact_id]):
                problems.append(
                    doc.problem_at(
                        ("pose", "keyframes", name, "airborne_cm"),
                        f"the '{name}' frame is in the air, but '{contact_id}' holds the body up in "
                        f"{where}; list it under the keyframes that touch down instead",
                    )
                )
    return problems


def _frame_name(pose: Pose, frame: int) -> str:
    indexes = pose.keyframe_indexes()
    if frame in indexes:
        return f"in the '{pose.keyframes[indexes.index(frame)].name}' frame"
    before = max(i for i in indexes if i < frame)
    k = indexes.index(before)
    return f"between '{pose.keyframes[k].name}' and '{pose.keyframes[k + 1].name}'"


def _contact_path(data: dict[str, Any], pose: Pose, miss: Miss) -> tuple[Any, ...]:
    contacts = list(data.get("contacts") or ())
    if miss.contact in contacts:
        return ("pose", "contacts", contacts.index(miss.contact))
    indexes = pose.keyframe_indexes()
    names = [pose.keyframes[indexes.index(miss.frame)].name] if miss.frame in indexes else []
    for name in [*names, *data["keyframes"]]:  # the frame that misses it first, if it lists the contact
        listed = list(data["keyframes"][name].get("contacts") or ())
        if miss.contact in listed:
            return ("pose", "keyframes", name, "contacts", listed.index(miss.contact))
    return ("pose", "contacts")


def pose_problems(doc: YamlDocument, figures: FigureVocabulary) -> list[Problem]:
    """Every problem of one record's pose that the schema cannot see."""
    data = doc.data.get("pose") if isinstance(doc.data, dict) else None
    if data is None or not _well_formed(data, figures):
        return []
    problems = _angle_problems(doc, data, figures) + _prop_problems(doc, data, figures)
    if problems:
        return problems  # a contact cannot be judged from angles the figure cannot take
    pose = pose_from_data(data, figures)
    rig = rig_for(figures)
    if pose.moving is not None:
        known = rig.point_names
        if pose.moving not in known:
            problems.append(
                doc.problem_at(
                    ("pose", "moving"),
                    f"unknown body point '{pose.moving}';{did_you_mean(pose.moving, known)} "
                    f"allowed: joints such as right_knee, right_ankle, left_wrist, head",
                )
            )
    scene = solve(pose, rig, figures)
    worst: dict[str, Miss] = {}
    for miss in scene.misses:  # the largest miss per contact or per thing gone into, first found on a tie
        key = miss.contact or miss.inside
        if key not in worst or abs(miss.cm) > abs(worst[key].cm):
            worst[key] = miss
    for miss in worst.values():
        where = _frame_name(pose, miss.frame)
        if miss.contact is not None:
            contact = figures.contacts[miss.contact]
            off = "above" if miss.cm > 0 else "below"
            surface = {
                "floor": "the floor",
                "step": "the step",
                "chair": "the chair",
                "wall": "the wall",
                "ball": "the ball",
                "roller": "the roller",
                "seat": "the seat",
                "footplate": "the footplate",
                "back-pad": "the back pad",
                "slope": "the slant board",
            }[contact.surface]
            if not is_level(contact):
                off = "away from" if miss.cm > 0 else "into"
            problems.append(
                doc.problem_at(
                    _contact_path(data, pose, miss),
                    f"'{miss.contact}' cannot be met {where}: {miss.point} is {abs(miss.cm):.0f} cm {off} "
                    f"{surface}; change that frame's joint angles or tilt, "
                    "or list the contact for one frame only",
                )
            )
        else:
            frame_key = next(
                (
                    k.name
                    for i, k in zip(pose.keyframe_indexes(), pose.keyframes, strict=True)
                    if i >= miss.frame
                ),
                "end",
            )
            problems.append(
                doc.problem_at(
                    ("pose", "keyframes", frame_key),
                    f"{miss.point} goes {miss.cm:.0f} cm into {miss.inside} {where}; "
                    "change the joint angles, tilt or contacts",
                    key=True,
                )
            )
    return problems
