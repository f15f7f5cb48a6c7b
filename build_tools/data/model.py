"""The typed records the whole site is built from. Loaded once, then read-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    part_of: str = ""  # a part no exercise can train on its own (the VMO): exercises list this muscle instead


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
    references: dict[str, Reference] = field(default_factory=dict)  # the bibliography, by id

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

    def terms_by_enum(self) -> dict[str, Mapping[str, Term]]:
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
        """The allowed ids per schema $defs name (a dose's source may also be common practice)."""
        enums = {name: list(terms) for name, terms in self.terms_by_enum().items()}
        enums["reference"] = list(self.references)
        enums["dose_source"] = [PRACTICE, *self.references]
        return enums


@dataclass(frozen=True)
class Reference:
    """One source from the bibliography (vocabularies/references.yml), cited everywhere by its id."""

    id: str
    authors: str
    year: int
    title: str
    journal: str
    volume: str | None = None
    pages: str | None = None
    article: str | None = None
    issue: str | None = None
    doi: str | None = None
    url: str | None = None
    checked: str = ""
    incomplete: str = ""  # a part that could not be verified or does not exist, and why

    @property
    def href(self) -> str:
        """Where the reference links to: the DOI resolver when there is a DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else (self.url or "")

    @property
    def short(self) -> str:
        """'Kongsgaard 2009': the first author's surname and the year, as cited in the text."""
        first = self.authors.split(",")[0].strip()
        surname = " ".join(first.split()[:-1]) or first
        return f"{surname} {self.year}"

    @property
    def citation(self) -> str:
        """Vancouver style: 'Authors. Title. Journal Year;Volume(Issue):Pages.', leaving out absent parts."""
        title = self.title if self.title.endswith(("?", ".", "!", '"')) else self.title + "."
        text = f"{self.authors}. {title} {self.journal} {self.year}"
        where = (self.volume or "") + (f"({self.issue})" if self.issue else "")
        place = self.pages or self.article
        if where:
            text += f";{where}"
        if place:
            text += f"{':' if where else ';'}{place}"
        return text + "."


def count_text(value: int | str) -> str:
    """'2-3' written with an en dash, as on paper."""
    return str(value).replace("-", "–")


def dose_text(
    sets: int | str | None,
    reps: int | str | None,
    hold: int | str | None,
    per_side: bool,
    timed: str = "hold",
) -> str:
    """'3 × 10 each side', '5 × 30 s hold', or '15–30 reps' when there are no sets (a circuit round).

    The one dose formatter: exercise pages, routine sheets and the builder's data all use it."""
    if reps is not None:
        amount = count_text(reps)
    else:
        amount = f"{count_text(hold if hold is not None else '')} s {timed}".rstrip()
    if sets is None:
        text = amount + (" reps" if reps is not None else "")
    else:
        text = f"{count_text(sets)} × {amount}"
    return text + (" each side" if per_side else "")


@dataclass(frozen=True)
class Frequency:
    """How often: times a week (7 = daily), sessions a day, and rest days required between sessions."""

    per_week: int | str
    rest_days: int = 0
    per_day: int = 1
    note: str = ""

    @property
    def most_per_week(self) -> int:
        return int(str(self.per_week).split("-")[-1])

    @property
    def text(self) -> str:
        """'3 times a week, never on back-to-back days', 'twice a day', '2–3 times a week (after a run)'."""
        if str(self.per_week) == "7":
            text = {1: "daily", 2: "twice a day"}.get(self.per_day, f"{self.per_day} times a day")
        else:
            times = {"1": "once", "2": "twice"}.get(str(self.per_week), f"{count_text(self.per_week)} times")
            text = f"{times} a week"
        if self.rest_days == 1:
            text += ", never on back-to-back days"
        elif self.rest_days > 1:
            text += f", with at least {self.rest_days} days off between"
        return f"{text} ({self.note})" if self.note else text


PRACTICE = "practice"  # a dose's source when no reference gives its numbers


@dataclass(frozen=True)
class DoseSource:
    """Where a dose's numbers come from: a reference, or common practice (reference None) and why."""

    reference: Reference | None
    note: str = ""

    @property
    def is_practice(self) -> bool:
        return self.reference is None


@dataclass(frozen=True)
class PhaseDose:
    phase: str
    sets: int | str
    source: DoseSource
    reps: int | str | None = None
    hold_seconds: int | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Dose:
    sets: int | str
    per_side: bool
    frequency: Frequency
    source: DoseSource
    reps: int | str | None = None
    hold_seconds: int | str | None = None
    rest_seconds: int | None = None
    by_phase: tuple[PhaseDose, ...] = ()
    timed: str = "hold"  # what a timed rep is called: you hold a stretch, but roll for 60 s ("")

    @property
    def amount(self) -> str:
        """'3 × 10' or '5 × 30 s hold', with 'each side' when per side."""
        return dose_text(self.sets, self.reps, self.hold_seconds, self.per_side, self.timed)

    def phase_amount(self, step: PhaseDose) -> str:
        """The same words for one phase's numbers."""
        return dose_text(step.sets, step.reps, step.hold_seconds, self.per_side, self.timed)

    def for_phase(self, phase: str | None) -> PhaseDose | None:
        return next((p for p in self.by_phase if p.phase == phase), None)


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
    pose: dict[str, Any] | None = None  # the figure's pose as written (build_tools/data/figures reads it)
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
