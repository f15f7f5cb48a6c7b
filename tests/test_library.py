"""The shipped data: it loads, every reference resolves, and the schema is the published contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator
from sitekit import ROOT, SHIPPED

from build_tools.authoring.schema_sync import sync_schema
from build_tools.data.content_refs import exercise_ids_in_markdown
from build_tools.data.library import ProjectPaths
from build_tools.data.yamlfile import read_yaml

LIBRARY = SHIPPED


def test_shipped_library_loads_with_no_problems():
    assert len(LIBRARY.exercises) >= 3


def test_every_exercise_referenced_anywhere_is_defined():
    known = set(LIBRARY.exercises)
    for exercise in LIBRARY.exercises.values():
        assert set(exercise.progressions) | set(exercise.regressions) <= known, exercise.id
    for page in (ROOT / "content").rglob("*.md"):
        for line, macro, exercise_id in exercise_ids_in_markdown(page.read_text()):
            assert exercise_id in known, f"{page}:{line}: {macro}('{exercise_id}') is not defined"
    # Any YAML anywhere in the data that names exercises (routines, comparison lists) must resolve too.
    for path in ROOT.glob("routines/*.yml"):
        text = path.read_text()
        for exercise_id in re.findall(r"exercise:\s*([a-z0-9-]+)", text):
            assert exercise_id in known, f"{path}: {exercise_id}"


def test_schema_is_valid_2020_12_and_in_step_with_the_vocabularies():
    schema = json.loads((ROOT / "schemas" / "exercise-record.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert not sync_schema(ProjectPaths.at(ROOT), write=False), "run `python -m build_tools schema`"
    assert schema["$defs"]["muscle"]["enum"] == list(LIBRARY.vocab.muscles)


def test_every_record_file_is_wired_to_the_schema_for_editors():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/exercise-record.schema.json"] == ["exercises/*.yml"]
    for path in (ROOT / "exercises").glob("*.yml"):
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/exercise-record.schema.json", path.name


def test_yes_and_no_stay_text_and_positions_are_kept(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_text("answer: no\nlist:\n  - yes\n  - 3\nwhen: 2026-01-02\n")
    doc = read_yaml(path, "x.yml")
    assert doc.problems == []
    assert doc.data == {"answer": "no", "list": ["yes", 3], "when": "2026-01-02"}
    assert doc.positions.of_value(("list", 1)) == (4, 5)
    assert doc.positions.of_key(("when",)) == (5, 1)


def test_vocabularies_are_data_not_python():
    source = "".join(p.read_text() for p in (ROOT / "build_tools").glob("*.py"))
    for word in ("gluteus-medius", "resistance-band", "patellofemoral-pain", "lying-on-back"):
        assert word not in source, f"'{word}' belongs in vocabularies/, not in Python"
