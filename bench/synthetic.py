"""Synthetic exercise libraries: N schema-valid, realistic records drawn from the real vocabularies.

Every run with the same N and seed writes the same files, so figures from different runs compare.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from build_tools.data.model import Vocabularies


@dataclass(frozen=True)
class Movement:
    """A family of exercises; each synthetic record is a variant of one of these."""

    name: str
    type: str
    position: str
    equipment: tuple[str, ...]
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    knee_load: str


WORDS_FILE = Path(__file__).with_name("synthetic.yml")


def _words() -> dict[str, Any]:
    """The word lists records are drawn from (bench/synthetic.yml)."""
    return YAML(typ="safe").load(WORDS_FILE.read_text(encoding="utf-8"))


WORDS = _words()
MOVEMENTS = tuple(
    Movement(**{k: tuple(v) if isinstance(v, list) else v for k, v in m.items()}) for m in WORDS["movements"]
)
VARIANTS: list[str] = WORDS["variants"]
STEPS: list[str] = WORDS["steps"]
CUES: list[str] = WORDS["cues"]
MISTAKES: list[str] = WORDS["mistakes"]
FEEL_IT: list[str] = WORDS["feel_it"]
CAUTIONS: list[str] = WORDS["cautions"]
SUMMARIES: list[str] = WORDS["summaries"]
FREQUENCIES: list[dict[str, Any]] = WORDS["frequencies"]
PRACTICE_NOTES: list[str] = WORDS["practice_notes"]
COMPARE: dict[str, list[str]] = WORDS["compare"]
SECTIONS = [(section["name"], section["note"]) for section in WORDS["sections"]]


def _pick(rng: random.Random, wanted: tuple[str, ...], allowed: list[str], least: int = 0) -> list[str]:
    """The wanted ids that the vocabulary still has; random allowed ones when fewer than least remain."""
    chosen = [w for w in wanted if w in allowed]
    while len(chosen) < least:
        extra = rng.choice(allowed)
        if extra not in chosen:
            chosen.append(extra)
    return chosen


def _dose(rng: random.Random, holds: bool, phases: list[str], references: list[str]) -> dict[str, Any]:
    amount = (
        {"hold_seconds": rng.choice((20, 30, 45, "30-45"))}
        if holds
        else {"reps": rng.choice((8, 10, 12, 15, "8-12", "15-30"))}
    )
    dose: dict[str, Any] = {
        "sets": rng.choice((2, 3, "2-3")),
        **amount,
        "per_side": rng.random() < 0.7,
        "rest_seconds": rng.choice((30, 45, 60, 90)),
        "frequency": dict(rng.choice(FREQUENCIES)),
        **(
            {"source": rng.choice(references), "source_note": "The programme's starting dose."}
            if rng.random() < 0.6
            else {"source": "practice", "source_note": rng.choice(PRACTICE_NOTES)}
        ),
    }
    if len(phases) > 1 and rng.random() < 0.4:
        key = "hold_seconds" if holds else "reps"
        dose["by_phase"] = [
            {"phase": p, "sets": 2 + i, key: (15 if holds else 8) + 5 * i, "note": "add load when easy"}
            for i, p in enumerate(phases)
        ]
    return dose


def exercise_record(rng: random.Random, index: int, vocab: Vocabularies) -> dict[str, Any]:
    """One schema-valid record (without ladder fields), the index-th of the library."""
    enums = vocab.enums()
    movement = MOVEMENTS[index % len(MOVEMENTS)]
    variant = VARIANTS[(index // len(MOVEMENTS)) % len(VARIANTS)]
    name = f"{variant} {movement.name.lower()}" if variant else movement.name
    name = f"{name} {index + 1}"  # unique across any N, and readable
    exercise_id = "-".join(name.lower().replace("-", " ").split())
    primary = _pick(rng, movement.primary, enums["muscle"], least=1)
    secondary = [m for m in _pick(rng, movement.secondary, enums["muscle"]) if m not in primary]
    conditions = rng.sample(enums["condition"], rng.randint(1, min(3, len(enums["condition"]))))
    uses = [
        {
            "condition": c,
            "phases": sorted(
                rng.sample(enums["phase"], rng.randint(1, min(2, len(enums["phase"])))),
                key=enums["phase"].index,
            ),
        }
        for c in conditions
    ]
    all_phases = list(dict.fromkeys(p for use in uses for p in use["phases"]))
    kind = movement.type if movement.type in enums["type"] else rng.choice(enums["type"])
    references = rng.sample(enums["reference"], min(rng.randint(1, 3), len(enums["reference"])))
    record: dict[str, Any] = {
        "id": exercise_id,
        "name": name[0].upper() + name[1:],
        "aliases": [f"{movement.name} drill {index + 1}"] if index % 3 == 0 else [],
        "summary": rng.choice(SUMMARIES).format(name=movement.name.lower()),
        "type": kind,
        "position": movement.position
        if movement.position in enums["position"]
        else rng.choice(enums["position"]),
        "level": enums["level"][index % len(enums["level"])],
        "knee_load": movement.knee_load
        if movement.knee_load in enums["knee_load"]
        else rng.choice(enums["knee_load"]),
        "equipment": _pick(rng, movement.equipment, enums["equipment"], least=1),
        "muscles": {"primary": primary, **({"secondary": secondary} if secondary else {})},
        "conditions": uses,
        "steps": rng.sample(STEPS, rng.randint(4, 7)),
        "cues": rng.sample(CUES, rng.randint(2, 3)),
        "mistakes": rng.sample(MISTAKES, rng.randint(2, 3)),
        "feel_it": rng.choice(FEEL_IT),
        "dose": _dose(rng, kind in ("isometric", "stretch", "self-massage"), all_phases, references),
        "cautions": rng.sample(CAUTIONS, rng.randint(2, 3)),
        "references": references,
        "reviewed": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
    }
    if not record["aliases"]:
        del record["aliases"]
    if rng.random() < 0.5:
        record["compare"] = {key: rng.choice(values) for key, values in COMPARE.items()}
    return record


def link_ladders(records: list[dict[str, Any]], rng: random.Random) -> None:
    """Chain most records into easier-to-harder ladders of 3 to 5; the rest say why they stand alone."""
    order = list(range(len(records)))
    rng.shuffle(order)
    laddered = int(len(order) * 0.8)
    start = 0
    while start < laddered:
        chain = order[start : min(start + rng.randint(3, 5), laddered)]
        start += len(chain)
        for position, i in enumerate(chain):
            if position + 1 < len(chain):
                records[i]["progressions"] = [records[chain[position + 1]]["id"]]
            if position > 0 and rng.random() < 0.5:  # the same edge written from the harder end
                records[i]["regressions"] = [records[chain[position - 1]]["id"]]
        if len(chain) == 1:
            records[chain[0]]["standalone"] = "It has no easier or harder version in this library yet."
    for i in order[laddered:]:
        records[i]["standalone"] = "It has no easier or harder version in this library yet."


def figure_poses(root: Path) -> dict[str, dict[str, Any]]:
    """Poses synthetic records can take: each shipped exercise's, by its id, and each figure position's
    example (vocabularies/figure-positions.yml, drawn from the side), by 'position:<id>'."""
    yaml = YAML(typ="safe")
    poses: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "exercises").glob("*.yml")):
        pose = (yaml.load(path.read_text(encoding="utf-8")) or {}).get("pose")
        if pose:
            poses[path.stem] = pose
    positions = root / "vocabularies" / "figure-positions.yml"
    for position in yaml.load(positions.read_text(encoding="utf-8")) if positions.is_file() else []:
        if position.get("example"):
            example = yaml.load(position["example"])
            poses[f"position:{position['id']}"] = {"view": "side", "position": position["id"], **example}
    return poses


def movement_pose(movement: Movement, poses: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The shipped exercise's pose for this movement; else a shipped pose from the same position; else
    that position's example; None when there is none of these."""
    same_name = poses.get("-".join(movement.name.lower().replace("-", " ").split()))
    same_position = [
        pose
        for key, pose in poses.items()
        if not key.startswith("position:") and pose.get("position") == movement.position
    ]
    return same_name or next(iter(same_position), None) or poses.get(f"position:{movement.position}")


def synthetic_library(
    count: int, vocab: Vocabularies, poses: dict[str, dict[str, Any]] | None = None, seed: int = 8
) -> list[dict[str, Any]]:
    """count records with ladders, in id order; each with a pose for its movement when poses are given
    (figure_poses), so the library is drawn as the shipped one is."""
    rng = random.Random(seed)
    records = [exercise_record(rng, i, vocab) for i in range(count)]
    link_ladders(records, rng)
    for index, record in enumerate(records):
        pose = movement_pose(MOVEMENTS[index % len(MOVEMENTS)], poses or {})
        if pose is not None:
            record["pose"] = copy.deepcopy(pose)
    return records


def without_poses(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same records with no figures: what a library without poses builds."""
    return [{key: value for key, value in record.items() if key != "pose"} for record in records]


def synthetic_routines(
    records: list[dict[str, Any]], vocab: Vocabularies, count: int = 5, seed: int = 8
) -> list[dict[str, Any]]:
    """A few printable routines (as many as the seed articles give), each of three sections of exercises."""
    rng = random.Random(seed)
    conditions = list(vocab.enums()["condition"])
    routines = []
    for number in range(count):
        condition = conditions[number % len(conditions)]
        suitable = [
            r for r in records if any(use["condition"] == condition for use in r["conditions"])
        ] or records
        chosen = iter(rng.sample(suitable, min(len(suitable), 12)))
        sections = []
        for name, note in SECTIONS:
            items = []
            for record in (next(chosen, None) for _ in range(4)):
                if record is None:
                    break
                holds = "hold_seconds" in record["dose"]
                items.append(
                    {
                        "exercise": record["id"],
                        "sets": rng.choice((2, 3)),
                        ("hold_seconds" if holds else "reps"): rng.choice(
                            (20, 30) if holds else (10, 12, 15)
                        ),
                        **({"cue": record["cues"][0]} if rng.random() < 0.3 else {}),
                        "reason": "A lighter dose chosen for this benchmark routine.",
                    }
                )
            sections.append({"name": name, "note": note, **({"exercises": items} if items else {})})
        routines.append(
            {
                "id": f"bench-routine-{number + 1}",
                "title": f"{vocab.conditions[condition].short_name or condition} routine {number + 1}",
                "summary": "A balanced session of warm-up, strength and stretches for the knee.",
                "audience": "Runners who can walk and climb stairs without sharp pain.",
                "condition": condition,
                "frequency": {"per_week": 2, "rest_days": 2},  # fits every exercise's frequency
                "weeks": rng.randint(4, 12),
                "sections": sections,
                "notes": ["Stop any exercise that makes the knee hurt more than 2 out of 10."],
                "references": [rng.choice(vocab.enums()["reference"])],
                "reviewed": "2026-11-01",
            }
        )
    return routines


def _yaml() -> YAML:
    yaml = YAML(typ="safe")  # the C emitter: 5,000 files in about a second
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 120
    return yaml


def write_records(records: list[dict[str, Any]], folder: Path, schema: str = "exercise") -> None:
    """Write each record to folder/<id>.yml, as a contributor would."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml = _yaml()
    header = f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n"
    for record in records:
        out = StringIO()
        yaml.dump(record, out)
        (folder / f"{record['id']}.yml").write_text(header + out.getvalue(), encoding="utf-8")
