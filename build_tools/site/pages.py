"""The pages generated from records: one per exercise, muscle (and group), equipment item and routine.

Each is a Markdown stub of front matter only (title, tags); the atlas plugin renders its body with the
content macro named here and puts it in after Markdown has run (plugin.py). The body is finished HTML,
so neither mkdocs-macros (told `render_macros: false`) nor Python-Markdown gets it: compiling each page
as a template and parsing its HTML again cost more than everything else our pipeline adds, and a
second template pass is one more place contributor text would have to stay inert. Nothing is written
to disk, so an edited YAML file shows up on the next `mkdocs serve` reload.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from build_tools.data.library import Library
from build_tools.data.model import Exercise, Vocabularies


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str  # front matter only
    macro: str  # the ContentMacros method that renders the body
    item_id: str  # its argument
    source_path: str = ""  # the record behind the page, for "edit this page"


def _stub(title: str, extra_meta: str = "") -> str:
    # Titles are labels (the schema forbids < > { } and Markdown signs); json.dumps makes them valid YAML.
    return f"---\ntitle: {json.dumps(title)}\nrender_macros: false\n{extra_meta}---\n"


def exercise_tags(exercise: Exercise, vocab: Vocabularies) -> list[str]:
    """Material tags for an exercise page: its type, level and conditions (vocabulary names only)."""
    conditions = [vocab.conditions[c].short_name or vocab.conditions[c].name for c in exercise.condition_ids]
    return [vocab.types[exercise.type].name, vocab.levels[exercise.level].name, *conditions]


def _tags(tags: list[str]) -> str:
    return "tags:\n" + "".join(f"  - {json.dumps(tag)}\n" for tag in tags)


def generated_pages(library: Library) -> list[GeneratedPage]:
    """Every generated page, in a stable order."""
    pages = [
        GeneratedPage(
            f"exercises/{e.id}.md",
            _stub(e.name, _tags(exercise_tags(e, library.vocab))),
            "exercise_page",
            e.id,
            e.source_path,
        )
        for e in library.exercises.values()
    ]
    for term in [*library.vocab.groups.values(), *library.vocab.muscles.values()]:
        pages.append(GeneratedPage(f"muscles/{term.id}.md", _stub(term.name), "muscle_page", term.id))
    for term in library.vocab.equipment.values():
        pages.append(GeneratedPage(f"equipment/{term.id}.md", _stub(term.name), "equipment_page", term.id))
    for routine in library.routines.values():
        pages.append(
            GeneratedPage(
                f"routines/{routine.id}.md",
                _stub(routine.title),
                "routine_page",
                routine.id,
                routine.source_path,
            )
        )
    return pages
