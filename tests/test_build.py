"""End-to-end: a small real site built strictly in tmp_path, read as a reader would read it."""

from __future__ import annotations

import json
import re

from sitekit import build, fixture_exercise, make_project


def test_exercise_page_shows_what_a_reader_needs(tmp_path):
    project = make_project(
        tmp_path, copy_exercises=["clamshell", "quad-set", "short-arc-quad", "straight-leg-raise"]
    )
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.page("exercises/clamshell/")
    assert "<h1>Clamshell</h1>" in html
    assert "Also called: Clam, Side-lying clam" in html
    assert "Lie on your side with your hips and knees bent and your heels together." in html
    assert "2 × 10 each side" in html
    assert 'class="admonition warning"' in html and "you feel pinching at the front of the hip." in html
    assert 'href="https://doi.org/10.4085/1062-6050-49.3.70"' in html
    assert 'href="../../muscles/gluteus-medius/"' in html
    assert 'href="../../equipment/mini-band/"' in html
    assert "exercises/clamshell.yml" in html  # the edit link goes to the YAML record
    ladder = result.page("exercises/quad-set/")
    assert 'Harder: <a href="../short-arc-quad/">Short-arc quad</a>' in ladder
    assert 'Harder still: <a href="../straight-leg-raise/">Straight leg raise</a>' in ladder


def test_every_exercise_gets_exactly_one_page_and_is_listed(tmp_path):
    project = make_project(tmp_path, copy_exercises=["clamshell", "glute-bridge"])
    result = build(project)
    assert result.returncode == 0, result.output
    pages = sorted(p.parent.name for p in (result.site / "exercises").glob("*/index.html"))
    assert pages == ["clamshell", "glute-bridge"]
    index = result.page("exercises/")
    assert 'href="clamshell/"' in index and 'href="glute-bridge/"' in index
    assert not list((project / "content" / "exercises").glob("clamshell*")), "no per-exercise file on disk"


def test_html_and_jinja_in_yaml_text_are_inert(tmp_path):
    record = fixture_exercise(
        "hostile",
        summary="Nice <script>alert('x')</script> {{ config.site_name }} {% raw %} "
        "<img src=x onerror=alert(1)>",
        steps=["Lie down {{ 7*7 }} now.", "Click [here](javascript:alert(1)) and *breathe*."],
        feel_it="{{ lib.exercises }} and {% for x in range(3) %}{{ x }}{% endfor %}",
    )
    project = make_project(tmp_path, exercises={"hostile.yml": record})
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.page("exercises/hostile/")
    body = html[html.index("<h1>") :]
    # JSON-LD is data for search engines: the text sits there JSON-encoded ('<' as \u003c), never as markup.
    body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", body, flags=re.S)
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert" in body
    assert "49" not in body.split("Lie down")[1][:40], "Jinja expression must not be evaluated"
    assert "Lie down &#123;&#123; 7*7 &#125;&#125; now." in body
    assert "javascript:" not in body
    assert "<em>breathe</em>" in body, "simple Markdown still works"
    assert "{{" not in body and "{%" not in body


def test_open_data_and_schema_are_published(tmp_path):
    project = make_project(
        tmp_path, copy_exercises=["clamshell", "quad-set", "short-arc-quad", "straight-leg-raise"]
    )
    result = build(project)
    assert result.returncode == 0, result.output
    data = json.loads((result.site / "api" / "exercises.json").read_text())
    assert data["count"] == 4
    by_id = {e["id"]: e for e in data["exercises"]}
    assert by_id["quad-set"]["progressions"] == ["short-arc-quad"]
    assert by_id["straight-leg-raise"]["regressions"] == ["short-arc-quad"]
    assert by_id["clamshell"]["url"].endswith("/exercises/clamshell/")
    schema = json.loads((result.site / "api" / "exercise-record.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_misspelt_macro_is_reported_before_anything_renders(tmp_path):
    project = make_project(
        tmp_path,
        copy_exercises=["clamshell"],
        pages={"extra.md": "# Extra\n\nSee {{ exercise_lnk('clamshell') }}.\n"},
    )
    result = build(project)
    assert result.returncode != 0
    assert (
        "content/extra.md:3:1: exercise_lnk: there is no macro called 'exercise_lnk'; did you mean "
        "'exercise_link'?" in result.output
    )
    assert "Traceback" not in result.output


def test_a_new_yaml_file_is_picked_up_without_any_other_step(tmp_path):
    project = make_project(tmp_path, copy_exercises=["clamshell"])
    assert build(project).returncode == 0
    (project / "exercises" / "late-arrival.yml").write_text(fixture_exercise("late-arrival"))
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Fixture exercise" in result.page("exercises/late-arrival/")
