"""Synthetic exercise libraries: N schema-valid, realistic records drawn from the real vocabularies.

Every run with the same N and seed writes the same files, so figures from different runs compare.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..model import Vocabularies


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


# Realistic families from the seed articles; ids missing from the current vocabularies are replaced.
MOVEMENTS = (
    Movement(
        "Glute bridge",
        "strength",
        "lying-on-back",
        ("none", "mat"),
        ("gluteus-maximus",),
        ("hamstrings", "transverse-abdominis"),
        "low",
    ),
    Movement(
        "Clamshell",
        "strength",
        "lying-on-side",
        ("mini-band",),
        ("gluteus-medius",),
        ("deep-hip-rotators",),
        "low",
    ),
    Movement(
        "Straight leg raise",
        "strength",
        "lying-on-back",
        ("none",),
        ("quadriceps",),
        ("hip-flexors",),
        "low",
    ),
    Movement("Quad set", "isometric", "sitting", ("strap-or-towel",), ("quadriceps",), (), "low"),
    Movement(
        "Wall sit",
        "isometric",
        "standing",
        ("wall", "exercise-ball"),
        ("quadriceps",),
        ("gluteus-maximus",),
        "moderate",
    ),
    Movement(
        "Step-up",
        "strength",
        "standing",
        ("step",),
        ("quadriceps", "gluteus-maximus"),
        ("gluteus-medius", "soleus"),
        "moderate",
    ),
    Movement(
        "Side step-up",
        "strength",
        "standing",
        ("step",),
        ("gluteus-medius", "quadriceps"),
        ("hip-adductors",),
        "moderate",
    ),
    Movement(
        "Split squat",
        "strength",
        "standing",
        ("chair-or-bench", "weights"),
        ("quadriceps", "gluteus-maximus"),
        ("hip-adductors", "obliques"),
        "high",
    ),
    Movement(
        "Single-leg squat",
        "strength",
        "standing",
        ("chair-or-bench",),
        ("quadriceps", "gluteus-medius"),
        ("gluteus-maximus", "obliques"),
        "high",
    ),
    Movement(
        "Lateral band walk",
        "strength",
        "standing",
        ("mini-band",),
        ("gluteus-medius",),
        ("tfl-it-band", "gluteus-maximus"),
        "low",
    ),
    Movement(
        "Terminal knee extension",
        "strength",
        "standing",
        ("resistance-band",),
        ("quadriceps",),
        (),
        "low",
    ),
    Movement("Hip dip", "strength", "standing", ("step",), ("gluteus-medius",), ("obliques",), "low"),
    Movement(
        "Side plank",
        "isometric",
        "lying-on-side",
        ("mat",),
        ("obliques", "gluteus-medius"),
        ("transverse-abdominis",),
        "low",
    ),
    Movement(
        "Dead bug",
        "strength",
        "lying-on-back",
        ("mat",),
        ("transverse-abdominis",),
        ("rectus-abdominis", "hip-flexors"),
        "low",
    ),
    Movement(
        "Single-leg hop",
        "plyometric",
        "standing",
        ("none",),
        ("quadriceps", "gastrocnemius"),
        ("soleus", "gluteus-maximus"),
        "high",
    ),
    Movement("Calf raise", "strength", "standing", ("step",), ("gastrocnemius", "soleus"), (), "moderate"),
    Movement(
        "Standing calf stretch", "stretch", "standing", ("wall",), ("gastrocnemius",), ("soleus",), "low"
    ),
    Movement(
        "Hamstring stretch",
        "stretch",
        "lying-on-back",
        ("strap-or-towel",),
        ("hamstrings",),
        ("gastrocnemius",),
        "low",
    ),
    Movement("Hip flexor stretch", "stretch", "kneeling", ("mat",), ("hip-flexors",), ("quadriceps",), "low"),
    Movement(
        "Hip rotation drill",
        "mobility",
        "sitting",
        ("mat",),
        ("deep-hip-rotators",),
        ("hip-adductors",),
        "low",
    ),
    Movement(
        "Balance reach",
        "balance",
        "standing",
        ("balance-trainer",),
        ("gluteus-medius",),
        ("soleus", "quadriceps"),
        "moderate",
    ),
    Movement(
        "Thigh roll",
        "self-massage",
        "lying-on-front",
        ("foam-roller",),
        ("quadriceps",),
        ("tfl-it-band",),
        "low",
    ),
    Movement(
        "Fire hydrant",
        "strength",
        "all-fours",
        ("mini-band",),
        ("gluteus-medius",),
        ("gluteus-maximus",),
        "low",
    ),
    Movement(
        "Decline squat",
        "strength",
        "standing",
        ("slant-board",),
        ("quadriceps",),
        ("gluteus-maximus",),
        "high",
    ),
)

VARIANTS = (
    "",
    "Slow",
    "Paused",
    "Banded",
    "Tempo",
    "Weighted",
    "Supported",
    "Eccentric",
    "High-rep",
    "Short-range",
    "Long-hold",
    "Alternating",
    "Reactive",
    "Assisted",
    "Staggered",
)

STEPS = (
    "Set up with your feet hip-width apart and your weight spread evenly.",
    "Brace your stomach gently as if about to cough.",
    "Move slowly through the part of the range that stays comfortable.",
    "Keep your kneecap pointing over your second toe as you move.",
    "Pause for two seconds at the hardest point of the movement.",
    "Return to the start over three seconds, keeping control.",
    "Breathe out as you push and in as you return.",
    "Rest for the time given below, then repeat on the other side.",
    "Check your position in a mirror for the first few repetitions.",
    "Stop the set when your form starts to slip.",
)
CUES = (
    "Drive through the whole foot, not just the toes.",
    "Keep your hips level, as if carrying a tray of water on your pelvis.",
    "Think tall through the crown of your head.",
    "Let the knee bend only as far as it stays pain-free.",
    "Squeeze the buttock on the working side before you move.",
)
MISTAKES = (
    "Letting the knee drift inwards; push it gently out over the little toe.",
    "Rushing the lowering phase; count three seconds down.",
    "Holding your breath; breathe out on the effort.",
    "Arching the lower back; tuck the pelvis slightly and brace.",
    "Leaning the trunk to the side; shorten the range until you can stay upright.",
)
FEEL_IT = (
    "The front of the thigh, with some work in the buttock.",
    "The side of the hip on the standing leg.",
    "The back of the thigh and the calf.",
    "Deep in the buttock, not in the knee.",
    "A gentle stretch along the front of the hip.",
)
CAUTIONS = (
    "the knee hurts more than 2 out of 10 and stays worse the next morning.",
    "you feel sharp pain, catching or giving way in the knee.",
    "the knee swells after the session.",
    "you feel pain in the lower back.",
)
SUMMARIES = (
    "A {name} variant that builds the strength the knee needs to tolerate running again.",
    "A {name} variant that loads the hip and thigh while keeping stress on the kneecap low.",
    "A {name} variant that trains control of the knee and pelvis on one leg.",
)
FREQUENCIES = (
    {"per_week": 7},
    {"per_week": 3},
    {"per_week": 3, "rest_days": 1},
    {"per_week": 7, "per_day": 2},
    {"per_week": "2-3", "note": "after a run"},
)
PRACTICE_NOTES = (
    "No trial has tested a dose for this variant; these numbers follow the programmes for the basic move.",
    "Common clinical practice: start low and add a set once a week of sessions feels easy.",
)
COMPARE = {
    "ideal_use": ("Early rehab", "Strength block", "Warm-up before a run"),
    "key_advantage": ("No equipment", "Easy to dose", "Trains single-leg control"),
}


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


def synthetic_library(count: int, vocab: Vocabularies, seed: int = 8) -> list[dict[str, Any]]:
    """count records with ladders, in id order."""
    rng = random.Random(seed)
    records = [exercise_record(rng, i, vocab) for i in range(count)]
    link_ladders(records, rng)
    return records


SECTIONS = (
    ("Warm-up", "Ease into it; the knee should feel warmer, not sore."),
    ("Strength", "Move on when the last set feels easy two sessions in a row."),
    ("Stretches", "Hold each stretch gently; it should never hurt."),
)


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
