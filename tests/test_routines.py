"""Routines as data and as pages: the shipped routines load, doses resolve as a coach would read them,
and a small fixture site shows each routine at /routines/<id>/, in the list and on its condition page."""

from __future__ import annotations

import json
import re
import sys

import pytest
from jsonschema import Draft202012Validator
from sitekit import ROOT, SHIPPED, build, fixture_exercise, make_project, run

from build_tools.data.routines import RoutineItem, RoutineSection
from build_tools.site.sheets import item_dose

LIBRARY = SHIPPED


def routine_yaml(routine_id: str, exercises: list[str], **fields: str) -> str:
    """A valid routine naming these exercise ids in one section; fields replace top-level lines."""
    lines = {
        "id": routine_id,
        "title": "Fixture routine",
        "summary": "Two gentle moves to check the routine pages.",
        "audience": "Anyone running these tests.",
        "condition": "patellofemoral-pain",
        "phase": "build-strength",
        "frequency": "{per_week: 3}",
        "weeks": "6",
        "reviewed": "2026-11-21",
        **fields,
    }
    head = "".join(f"{key}: {value}\n" for key, value in lines.items())
    items = "".join(f"      - exercise: {e}\n" for e in exercises)
    return f"{head}sections:\n  - name: Strength\n    exercises:\n{items}"


# -- The shipped routines -------------------------------------------------------------------------


def test_the_shipped_routines_are_all_there():
    assert set(LIBRARY.routines) >= {
        "whole-leg-strength-routine",  # seed 004
        "hip-and-glute-band-circuit",  # seed 001
        "home-programme",  # seed 002
        "eight-key-exercises",  # seed 003
        "stretch-and-strengthen-set",  # seed 000
        "runners-knee-three-phases",
    }


def test_the_three_phase_plan_moves_through_every_phase_with_the_pain_rule_on_its_sheet(shipped_site):
    plan = LIBRARY.routines["runners-knee-three-phases"]
    assert plan.phases == ("calm-down", "build-strength", "return-to-running")
    html = shipped_site.page("routines/runners-knee-three-phases/")
    rules = ("2 out of 10 or less", "above 5 out of 10", "within about an hour", "no worse the next morning")
    assert all(rule in html for rule in rules)


def test_the_band_circuit_is_two_to_three_rounds_at_each_exercises_own_dose(shipped_site):
    """In a circuit the rounds are the sets; each move keeps its build-strength reps (issue 12)."""
    html = shipped_site.page("routines/hip-and-glute-band-circuit/")
    assert '<span class="sheet-rounds">2–3 rounds</span>' in html
    assert html.count("15 reps each side") == 3 and html.count("10 reps each side") == 1


def test_the_routine_schema_is_valid_and_in_step_with_the_vocabularies():
    schema = json.loads((ROOT / "schemas" / "routine-record.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["condition"]["enum"] == list(LIBRARY.vocab.conditions)
    assert schema["$defs"]["phase"]["enum"] == list(LIBRARY.vocab.phases)


def test_every_routine_file_is_wired_to_its_schema_for_editors():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/routine-record.schema.json"] == ["routines/*.yml"]
    for path in (ROOT / "routines").glob("*.yml"):
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/routine-record.schema.json", path.name


# -- Doses as printed -----------------------------------------------------------------------------


def test_a_routine_dose_overrides_the_phase_dose_which_overrides_the_default():
    clamshell = LIBRARY.exercise("clamshell")  # default 2 × 10; build-strength 3 × 15 with a band
    plain = RoutineSection("Strength", ())
    assert item_dose(RoutineItem("clamshell"), clamshell, plain, None) == ("2 × 10 each side", "")
    assert item_dose(RoutineItem("clamshell"), clamshell, plain, "build-strength")[0] == "3 × 15 each side"
    assert "band" in item_dose(RoutineItem("clamshell"), clamshell, plain, "build-strength")[1]
    own = RoutineItem("clamshell", sets="2-3", reps=20, per_side=False, note="slowly")
    assert item_dose(own, clamshell, plain, "build-strength") == ("2–3 × 20", "slowly")


def test_a_circuit_gives_reps_per_round_and_a_hold_reads_as_seconds():
    circuit = RoutineSection("Circuit", (), rounds="2-3")
    plain = RoutineSection("Plain", ())

    def dose(exercise_id: str, section: RoutineSection, **item: object) -> str:
        return item_dose(RoutineItem(exercise_id, **item), LIBRARY.exercise(exercise_id), section, None)[0]

    assert dose("clamshell", circuit, reps="15-30") == "15–30 reps each side"
    assert dose("wall-sit", plain) == "5 × 45 s hold"
    assert dose("foam-roll-quadriceps", plain) == "2 × 60 s", "you roll for a time; you do not hold still"


# -- A small site ---------------------------------------------------------------------------------

HOSTILE_NOTE = "Careful <script>alert('x')</script> {{ config.site_name }} and *slowly*."


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Two exercises, two routines and a condition page, built without Chromium (so without PDFs)."""
    tmp = tmp_path_factory.mktemp("routines")
    exercises = {
        "glute-lift.yml": fixture_exercise("glute-lift", name="Glute lift", cues=["Squeeze at the top."]),
        "wall-hold.yml": fixture_exercise(
            "wall-hold",
            name="Wall hold",
            cues=["Keep your back on the wall."],
            conditions=[
                {"condition": c, "phases": ["build-strength"]}
                for c in ("patellofemoral-pain", "it-band-syndrome")
            ],
        ),
    }
    routines = {
        "morning-set.yml": routine_yaml("morning-set", ["glute-lift", "wall-hold"], title="Morning set")
        + f"notes:\n  - {json.dumps(HOSTILE_NOTE)}\n",
        "outer-knee-set.yml": routine_yaml(
            "outer-knee-set", ["wall-hold"], title="Outer knee set", condition="it-band-syndrome"
        ),
    }
    pages = {
        "routines/index.md": "# Routines\n\n{{ routine_list() }}\n",
        "conditions/it-band-syndrome.md": "# IT band\n\n{{ routines_for('it-band-syndrome') }}\n",
        "conditions/patellar-tendinopathy.md": "# Tendon\n\n{{ routines_for('patellar-tendinopathy') }}\n",
    }
    project = make_project(tmp / "project", exercises=exercises, routines=routines, pages=pages)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ATLAS_CHROMIUM", str(tmp / "no-chromium-here"))
        proc = run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")], cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project, proc.stdout + proc.stderr


def page(site, url: str) -> str:
    return (site[0] / "site" / url / "index.html").read_text(encoding="utf-8")


def test_each_routine_has_a_page_with_name_cue_and_dose(small_site):
    html = page(small_site, "routines/morning-set/")
    assert "<h1" in html and "Morning set" in html
    assert '<a class="sheet-name-link" href="../../exercises/glute-lift/">Glute lift</a>' in html
    assert "Squeeze at the top." in html
    assert "3 × 10" in html
    assert "Athlete" in html and "Coach" in html and "Start date" in html
    assert html.count('<td class="sheet-tick"></td>') == 6 * 7, "a tick box per day for each of the 6 weeks"
    assert "Not medical advice" in html
    assert 'href="https://github.com/runners-knee-atlas/atlas/edit/main/routines/morning-set.yml"' in html


def test_the_sheet_footer_carries_the_address_as_text_and_qr_code(small_site):
    html = page(small_site, "routines/morning-set/")
    assert "https://runners-knee-atlas.github.io/atlas/routines/morning-set/" in html
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="sheet-qr-code">', html)
    assert "routine reviewed 21 November 2026" in html


def test_routines_are_listed_and_shown_on_their_condition_page(small_site):
    listing = page(small_site, "routines/")
    assert 'href="morning-set/"' in listing and 'href="outer-knee-set/"' in listing
    condition = page(small_site, "conditions/it-band-syndrome/")
    assert 'href="../../routines/outer-knee-set/"' in condition
    assert "morning-set" not in condition
    empty = page(small_site, "conditions/patellar-tendinopathy/")
    assert "No printable routine for this yet" in empty and 'href="../../routines/builder/"' in empty


def test_text_from_a_routine_file_is_inert(small_site):
    html = page(small_site, "routines/morning-set/")
    assert "<script>alert" not in html
    assert "Careful &lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "&#123;&#123; config.site_name &#125;&#125;" in html
    assert "<em>slowly</em>" in html


def test_without_chromium_the_build_works_says_why_and_offers_no_pdf_links(small_site):
    project, output = small_site
    assert "Chromium was not found" in output and "no PDF links" in output
    assert not list((project / "site" / "routines").rglob("*.pdf"))
    assert ".pdf" not in page(small_site, "routines/morning-set/")


def test_a_misspelt_exercise_in_a_routine_stops_the_build_with_a_suggestion(tmp_path):
    project = make_project(
        tmp_path,
        exercises={"glute-lift.yml": fixture_exercise("glute-lift")},
        routines={"morning-set.yml": routine_yaml("morning-set", ["glute-lfit"])},
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        "routines/morning-set.yml:13:19: sections[0].exercises[0].exercise: no exercise has the id "
        "'glute-lfit'; did you mean 'glute-lift'?" in result.output
    )
    assert "Traceback" not in result.output
