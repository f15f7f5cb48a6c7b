"""The open data published with the site under /api/: exercises, routines and vocabularies, each with the
schema it validates against, and the record schemas contributors' editors use.

Each document is built from the typed records by small functions, one per part (a reference, a dose, a
routine line), so a change to one part of the record model changes one function. The output schemas
are committed in schemas/open-data/; each is published with `$id` set to the address it is published
at, and each document names that address in `$schema`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from build_tools.data.library import Library
from build_tools.data.model import (
    ConditionUse,
    Dose,
    DoseSource,
    Exercise,
    Frequency,
    Media,
    PhaseDose,
    Reference,
    Term,
)
from build_tools.data.release import Release
from build_tools.data.routines import Routine
from build_tools.printing.printing import Printing
from build_tools.site.figures.site import site_figures
from build_tools.site.sheets import SheetLine, SheetSection, sheet_sections

LICENCE = {
    "id": "CC-BY-SA-4.0",
    "name": "Creative Commons Attribution-ShareAlike 4.0 International",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
}
DOCUMENTS = ("exercises", "routines", "vocabularies")  # api/<name>.json, schemas/open-data/<name>.schema.json
RECORD_SCHEMAS = ("exercise-record", "routine-record")  # schemas/<name>.schema.json, for editors
BROWSER_SCHEMAS = ("log",)  # schemas/open-data/<name>.schema.json: files the site's pages write (the log)


def _address(site_url: str, path: str) -> str:
    """The full address of a published path, or a site-absolute one without a site_url."""
    return urljoin(site_url, path) if site_url else "/" + path


def metadata(site_name: str, site_url: str, release: Release, what: str) -> dict[str, Any]:
    """What a consumer needs to cite and date a document: release, date, licence, attribution, site."""
    site = site_url or "/"
    return {
        "title": f"{site_name}: {what}",
        "version": release.version,
        "generated": release.date,
        "site": site,
        "licence": LICENCE,
        "attribution": f"{site_name} ({site}), licensed under CC BY-SA 4.0",
    }


# -- Exercises ------------------------------------------------------------------------------------


def reference_entry(reference: Reference) -> dict[str, Any]:
    """One source as published: its id in the bibliography, every part of its citation, the citation as
    the pages print it, and its link (the DOI resolver when there is a DOI)."""
    return {
        "id": reference.id,
        "authors": reference.authors,
        "year": reference.year,
        "title": reference.title,
        "journal": reference.journal,
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "article": reference.article,
        "doi": reference.doi,
        "url": reference.url,
        "incomplete": reference.incomplete or None,
        "citation": reference.citation,
        "link": reference.href,
    }


def source_entry(source: DoseSource) -> dict[str, Any]:
    """Where a dose's numbers come from: a reference id, or practice, with the one line shown beside it."""
    return {
        "reference": source.reference.id if source.reference is not None else None,
        "practice": source.is_practice,
        "note": source.note or None,
    }


def frequency_entry(frequency: Frequency) -> dict[str, Any]:
    return {
        "text": frequency.text,
        "per_week": frequency.per_week,
        "rest_days": frequency.rest_days,
        "per_day": frequency.per_day,
        "note": frequency.note or None,
    }


def _phase_dose_entry(dose: Dose, step: PhaseDose) -> dict[str, Any]:
    return {
        "phase": step.phase,
        "text": dose.phase_amount(step),
        "sets": step.sets,
        "reps": step.reps,
        "hold_seconds": step.hold_seconds,
        "note": step.note,
        "source": source_entry(step.source),
    }


def dose_entry(dose: Dose) -> dict[str, Any]:
    """An exercise's starting dose as published, with its wording on the exercise page."""
    return {
        "text": dose.amount,
        "sets": dose.sets,
        "reps": dose.reps,
        "hold_seconds": dose.hold_seconds,
        "per_side": dose.per_side,
        "rest_seconds": dose.rest_seconds,
        "frequency": frequency_entry(dose.frequency),
        "source": source_entry(dose.source),
        "by_phase": [_phase_dose_entry(dose, step) for step in dose.by_phase],
    }


def _condition_entry(use: ConditionUse) -> dict[str, Any]:
    return {"condition": use.condition, "phases": list(use.phases)}


def _media_entry(media: Media, site_url: str) -> dict[str, Any]:
    return {
        "file": media.file,
        "url": _address(site_url, media.file),
        "alt": media.alt,
        "licence": media.licence,
        "author": media.author,
    }


def exercise_entry(exercise: Exercise, site_url: str) -> dict[str, Any]:
    """One exercise as published: every field of its record, its ladders, page address and source file."""
    return {
        "id": exercise.id,
        "redirect_from": list(exercise.redirect_from),
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "summary": exercise.summary,
        "type": exercise.type,
        "position": exercise.position,
        "level": exercise.level,
        "knee_load": exercise.knee_load,
        "equipment": list(exercise.equipment),
        "primary_muscles": list(exercise.primary_muscles),
        "secondary_muscles": list(exercise.secondary_muscles),
        "conditions": [_condition_entry(use) for use in exercise.conditions],
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "mistakes": list(exercise.mistakes),
        "feel_it": exercise.feel_it,
        "dose": dose_entry(exercise.dose),
        "progressions": list(exercise.progressions),
        "regressions": list(exercise.regressions),
        "standalone": exercise.standalone,
        "cautions": list(exercise.cautions),
        "references": [reference_entry(r) for r in exercise.references],
        "reviewed": exercise.reviewed,
        "compare": dict(exercise.compare),
        "media": [_media_entry(m, site_url) for m in exercise.media],
        "url": _address(site_url, exercise.url),
        "source": exercise.source_path,
    }


# -- Routines -------------------------------------------------------------------------------------


def routine_line_entry(line: SheetLine, site_url: str) -> dict[str, Any]:
    """One exercise of a routine as printed on its sheet: the dose resolved as the sheet gives it."""
    return {
        "number": line.number,
        "exercise": line.exercise.id,
        "name": line.exercise.name,
        "url": _address(site_url, line.exercise.url),
        "cue": line.cue,
        "dose": line.dose,
        "dose_note": line.dose_note or None,
        "reason": line.reason or None,
    }


def _section_entry(section: SheetSection, site_url: str) -> dict[str, Any]:
    return {
        "name": section.section.name,
        "phase": section.section.phase,
        "rounds": section.section.rounds,
        "note": section.section.note,
        "exercises": [routine_line_entry(line, site_url) for line in section.lines],
    }


def routine_entry(routine: Routine, library: Library, printing: Printing, site_url: str) -> dict[str, Any]:
    """One routine as published: its fields, each exercise with its resolved dose, page and PDF addresses."""
    return {
        "id": routine.id,
        "redirect_from": list(routine.redirect_from),
        "title": routine.title,
        "summary": routine.summary,
        "audience": routine.audience,
        "condition": routine.condition,
        "phase": routine.phase,
        "frequency": frequency_entry(routine.frequency),
        "weeks": routine.weeks,
        "sections": [_section_entry(s, site_url) for s in sheet_sections(routine, library.exercises)],
        "notes": list(routine.notes),
        "references": [reference_entry(r) for r in routine.references],
        "reviewed": routine.reviewed,
        "url": _address(site_url, routine.url),
        "pdfs": [
            {"paper": pdf.paper.label, "url": _address(site_url, routine.url + pdf.name)}
            for pdf in printing.pdfs(routine)
        ],
        "source": routine.source_path,
    }


# -- Vocabularies ---------------------------------------------------------------------------------


def term_entry(term: Term) -> dict[str, Any]:
    """One vocabulary word with every field it has (a muscle's group and side, a condition's short name)."""
    return dict(vars(term))


def vocabularies_entry(library: Library) -> dict[str, Any]:
    vocab = library.vocab
    lists: dict[str, Mapping[str, Term]] = {
        "muscle_groups": vocab.groups,
        "muscles": vocab.muscles,
        "equipment": vocab.equipment,
        "conditions": vocab.conditions,
        "phases": vocab.phases,
        "positions": vocab.positions,
        "types": vocab.types,
        "levels": vocab.levels,
        "knee_loads": vocab.knee_loads,
    }
    return {key: [term_entry(t) for t in terms.values()] for key, terms in lists.items()}


# -- The files ------------------------------------------------------------------------------------


def published_schema(text: str, site_url: str, name: str) -> str:
    """A committed schema as published: `$id` set to the address it is published at."""
    schema = json.loads(text)
    schema["$id"] = _address(site_url, f"api/{name}.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _document(meta: dict[str, Any], site_url: str, name: str, body: dict[str, Any]) -> str:
    document = {"$schema": _address(site_url, f"api/{name}.schema.json"), "meta": meta, **body}
    # Compact: an indent makes Python fall back from its C encoder (and the file grows with N).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def api_files(library: Library, site_name: str, site_url: str, printing: Printing) -> dict[str, str]:
    """File name -> text for every file under api/."""
    release = printing.release
    figures = site_figures(library)  # each exercise's pose and drawing (data/figures, site/figures)
    exercises = [
        {**exercise_entry(e, site_url), **figures.api_entry(e.id, site_url)}
        for e in library.exercises.values()
    ]
    routines = [routine_entry(r, library, printing, site_url) for r in library.routines.values()]
    bodies = {
        "exercises": {"count": len(exercises), "exercises": exercises},
        "routines": {"count": len(routines), "routines": routines},
        "vocabularies": vocabularies_entry(library),
    }
    files = {}
    for name in DOCUMENTS:
        meta = metadata(site_name, site_url, release, name)
        files[f"api/{name}.json"] = _document(meta, site_url, name, bodies[name])
        text = (library.paths.schemas / "open-data" / f"{name}.schema.json").read_text(encoding="utf-8")
        files[f"api/{name}.schema.json"] = published_schema(text, site_url, name)
    for name in BROWSER_SCHEMAS:
        text = (library.paths.schemas / "open-data" / f"{name}.schema.json").read_text(encoding="utf-8")
        files[f"api/{name}.schema.json"] = published_schema(text, site_url, name)
    for name in RECORD_SCHEMAS:
        text = (library.paths.schemas / f"{name}.schema.json").read_text(encoding="utf-8")
        files[f"api/{name}.schema.json"] = published_schema(text, site_url, name)
    return files
