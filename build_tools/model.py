"""The typed records the whole site is built from. Loaded once, then read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary (equipment, phase, type, position, level, knee load)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class MuscleGroup(Term):
    pass


@dataclass(frozen=True)
class Muscle(Term):
    group: str = ""
    side: str = "front"


@dataclass(frozen=True)
class Condition(Term):
    short_name: str = ""
    where: str = ""


@dataclass(frozen=True)
class Vocabularies:
    """Every controlled word list, each an ordered mapping id -> term."""

    muscles: dict[str, Muscle]
    groups: dict[str, MuscleGroup]
    equipment: dict[str, Term]
    conditions: dict[str, Condition]
    phases: dict[str, Term]
    types: dict[str, Term]
    positions: dict[str, Term]
    levels: dict[str, Term]
    knee_loads: dict[str, Term]

    def synonyms(self) -> dict[str, dict[str, str]]:
        """Per vocabulary: slugs of each term's names -> its id
        (a slug of "Runner's knee" finds its condition id)."""

        def slug(text: str) -> str:
            return "-".join(
                "".join(ch if ch.isalnum() else " " for ch in text.lower().replace("'", "")).split()
            )

        result: dict[str, dict[str, str]] = {}
        for name, terms in self.terms_by_enum().items():
            result[name] = {
                slug(label): t.id
                for t in terms.values()
                for label in (t.name, getattr(t, "short_name", ""))
                if label
            }
        return result

    def terms_by_enum(self) -> dict[str, dict[str, Term]]:
        return {
            "muscle": self.muscles,
            "equipment": self.equipment,
            "condition": self.conditions,
            "phase": self.phases,
            "type": self.types,
            "position": self.positions,
            "level": self.levels,
            "knee_load": self.knee_loads,
        }

    def enums(self) -> dict[str, list[str]]:
        """The allowed ids per schema $defs name."""
        return {name: list(terms) for name, terms in self.terms_by_enum().items()}


@dataclass(frozen=True)
class Reference:
    citation: str
    doi: str | None = None
    url: str | None = None

    @property
    def href(self) -> str:
        """Where the reference links to: the DOI resolver when there is a DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else (self.url or "")


@dataclass(frozen=True)
class PhaseDose:
    phase: str
    sets: int | str
    reps: int | str | None = None
    hold_seconds: int | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Dose:
    sets: int | str
    per_side: bool
    frequency: str
    source: str
    reps: int | str | None = None
    hold_seconds: int | str | None = None
    rest_seconds: int | None = None
    by_phase: tuple[PhaseDose, ...] = ()

    @property
    def amount(self) -> str:
        """'3 × 10' or '5 × 30 s hold', with 'each side' when per side."""
        each = f"{self.reps}" if self.reps is not None else f"{self.hold_seconds} s"
        text = f"{self.sets} × {each}"
        return text + (" each side" if self.per_side else "")


@dataclass(frozen=True)
class ConditionUse:
    condition: str
    phases: tuple[str, ...]


@dataclass(frozen=True)
class Media:
    file: str
    alt: str
    licence: str
    author: str


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    summary: str
    type: str
    position: str
    level: str
    knee_load: str
    equipment: tuple[str, ...]
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]
    conditions: tuple[ConditionUse, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    feel_it: str
    dose: Dose
    cautions: tuple[str, ...]
    references: tuple[Reference, ...]
    reviewed: str
    source_path: str
    aliases: tuple[str, ...] = ()
    progressions: tuple[str, ...] = ()
    regressions: tuple[str, ...] = ()
    standalone: str | None = None
    compare: dict[str, str] = field(default_factory=dict)
    media: tuple[Media, ...] = ()
    redirect_from: tuple[str, ...] = ()  # ids it was published under before (see addresses.py)

    @property
    def url(self) -> str:
        return f"exercises/{self.id}/"

    @property
    def condition_ids(self) -> tuple[str, ...]:
        return tuple(use.condition for use in self.conditions)

    @property
    def phases(self) -> tuple[str, ...]:
        """Every phase this exercise suits, for any condition, without repeats."""
        return tuple(dict.fromkeys(p for use in self.conditions for p in use.phases))

    def phases_for(self, condition: str) -> tuple[str, ...]:
        return next((use.phases for use in self.conditions if use.condition == condition), ())

    def needs_only(self, equipment: str) -> bool:
        """True when this item is all the exercise needs: it lists nothing else, or lists 'none'
        (the rest optional)."""
        return "none" in self.equipment or set(self.equipment) <= {equipment}


def relative_to(path: Path, root: Path) -> str:
    """A path as shown in messages: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
