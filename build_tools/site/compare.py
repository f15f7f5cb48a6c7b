"""Comparison tables: the columns a table may show, and each exercise's cell in each column.

A cell is data (a sort key plus links or text); the template compare-table.html turns it into HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from build_tools.data.model import Exercise, Term, Vocabularies
from build_tools.data.suggest import did_you_mean


@dataclass(frozen=True)
class CellLink:
    """One labelled item in a cell; url is site-root-relative, or empty for plain text."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class Cell:
    """A table cell: vocabulary items (links), or contributor text (rendered with the md filter)."""

    sort: str
    links: tuple[CellLink, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    cell: Callable[[Exercise, Vocabularies], Cell]


def _ordered(terms: Mapping[str, Term], term_id: str) -> Cell:
    # Sort by position in the vocabulary (beginner < intermediate < advanced), not alphabetically.
    return Cell(sort=f"{list(terms).index(term_id):03d}", links=(CellLink(terms[term_id].name),))


def _linked(terms: Mapping[str, Term], ids: Sequence[str], folder: str) -> Cell:
    links = tuple(CellLink(terms[i].name, f"{folder}/{i}/") for i in ids)
    return Cell(sort=", ".join(link.label.lower() for link in links), links=links)


def _equipment(exercise: Exercise, vocab: Vocabularies) -> Cell:
    # An exercise that lists "none" needs nothing; whatever else it lists is optional, and says so.
    optional = " (optional)" if "none" in exercise.equipment else ""
    links = tuple(
        CellLink(vocab.equipment[i].name + ("" if i == "none" else optional), f"equipment/{i}/")
        for i in sorted(exercise.equipment, key=lambda i: i != "none")
    )
    return Cell(sort=", ".join(link.label.lower() for link in links), links=links)


def _compare_text(key: str) -> Callable[[Exercise, Vocabularies], Cell]:
    def cell(exercise: Exercise, vocab: Vocabularies) -> Cell:
        text = exercise.compare.get(key, "")
        # Missing text sorts last ("~" follows the letters).
        return Cell(sort=text.lower() or "~", text=text)

    return cell


COLUMNS: dict[str, Column] = {
    column.id: column
    for column in [
        Column("name", "Exercise", lambda e, v: Cell(e.name.lower(), (CellLink(e.name, e.url),))),
        Column("type", "Type", lambda e, v: _ordered(v.types, e.type)),
        Column("level", "Level", lambda e, v: _ordered(v.levels, e.level)),
        Column("knee_load", "Knee load", lambda e, v: _ordered(v.knee_loads, e.knee_load)),
        Column("position", "Position", lambda e, v: _ordered(v.positions, e.position)),
        Column("equipment", "Equipment", lambda e, v: _equipment(e, v)),
        Column(
            "primary_muscles", "Main muscles", lambda e, v: _linked(v.muscles, e.primary_muscles, "muscles")
        ),
        Column(
            "secondary_muscles",
            "Helper muscles",
            lambda e, v: _linked(v.muscles, e.secondary_muscles, "muscles"),
        ),
        Column(
            "conditions",
            "Helps with",
            lambda e, v: Cell(
                ", ".join(e.condition_ids),
                tuple(
                    CellLink(v.conditions[c].short_name or v.conditions[c].name, f"conditions/{c}/")
                    for c in e.condition_ids
                ),
            ),
        ),
        Column(
            "phases",
            "Phases",
            lambda e, v: Cell(
                ",".join(f"{list(v.phases).index(p)}" for p in e.phases),
                tuple(CellLink(v.phases[p].name) for p in e.phases),
            ),
        ),
        Column("dose", "Starting dose", lambda e, v: Cell(e.dose.amount, (CellLink(e.dose.amount),))),
        Column("ideal_use", "Ideal use", _compare_text("ideal_use")),
        Column("key_advantage", "Key advantage", _compare_text("key_advantage")),
    ]
}

DEFAULT_COLUMNS = ("name", "level", "equipment", "knee_load", "primary_muscles")


def columns_named(names: Sequence[str]) -> list[Column]:
    """The columns for these names, in order; a ValueError naming the closest column otherwise."""
    if isinstance(names, str):
        raise ValueError(f'columns must be a list, e.g. columns=["name", "level"], not {names!r}')
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise ValueError(
            f"compare_table has no column '{unknown[0]}';{did_you_mean(unknown[0], COLUMNS)} "
            f"the columns are: {', '.join(COLUMNS)}"
        )
    return [COLUMNS[n] for n in names]
