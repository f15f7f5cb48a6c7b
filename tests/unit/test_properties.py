"""Property-based tests (issue 13): the schemas are the contract, and the loaders keep it.

- every document a record schema accepts loads into typed records without an exception;
- every document it rejects gets messages (path:line:column), never a traceback;
- any YAML text at all (any nesting, any characters) gets messages, never a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from ruamel.yaml import YAML
from sitekit import ROOT

from build_tools.data.dose_rules import exercise_rule_problems
from build_tools.data.library import ProjectPaths, _record, load_library
from build_tools.data.problems import DataError
from build_tools.data.remembered import CACHE_DIR_VARIABLE
from build_tools.data.schema import RecordSchema, inline_refs
from build_tools.data.schema_enums import with_enums
from build_tools.data.vocabulary import load_vocabularies
from build_tools.data.yamlfile import read_yaml

PATHS = ProjectPaths.at(ROOT)
VOCAB, _ = load_vocabularies(PATHS.vocabularies, PATHS.schemas / "vocabulary.schema.json", ROOT)
assert VOCAB is not None
SCHEMA_JSON = with_enums(json.loads(PATHS.exercise_schema.read_text(encoding="utf-8")), VOCAB.enums())
SCHEMA = RecordSchema(SCHEMA_JSON, VOCAB.synonyms())
# Generating whole records is slow (about a second each): `make test-fast` asks for a handful, `make test` 30.
EXAMPLES = int(os.environ.get("ATLAS_PROPERTY_EXAMPLES", "30"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _write_yaml(data: Any, path: Path) -> Path:
    """data written to path as block-style YAML, as a contributor writes a record."""
    out = YAML(typ="safe")
    out.default_flow_style = False
    with path.open("w", encoding="utf-8") as handle:
        out.dump(data, handle)
    return path


def _document(data: Any) -> Any:
    """data written to a YAML file and read back as the loader reads every record."""
    with tempfile.TemporaryDirectory() as folder:
        return read_yaml(_write_yaml(data, Path(folder) / "record.yml"), "exercises/record.yml")


def _json_safe(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without the date format (hypothesis-jsonschema makes dates YAML would read as dates)."""
    text = json.dumps(inline_refs(schema)).replace('"format": "date", ', "")
    return json.loads(text)


@SETTINGS
@given(from_schema(_json_safe(SCHEMA_JSON)))
def test_every_document_the_schema_accepts_loads_or_gets_messages(record):
    doc = _document(record)
    problems = list(doc.problems) or SCHEMA.problems(doc.data, doc.positions, doc.display, doc.text)
    if problems:  # e.g. a text that YAML re-reads as a number: a message, not an exception
        assert all(p.line >= 1 and p.message for p in problems)
        return
    rule_problems = exercise_rule_problems(doc, VOCAB)
    if rule_problems:  # the schema allows what a record's own rules refuse (a source it does not cite)
        assert all(p.message for p in rule_problems)
        return
    exercise = _record(doc.data, doc.display, (), (), VOCAB)
    assert exercise.id == record["id"]
    assert exercise.dose.amount


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(from_schema(_json_safe(SCHEMA_JSON)), st.data())
def test_every_document_the_schema_rejects_gets_messages_never_a_traceback(record, data):
    field = data.draw(st.sampled_from(sorted(record)))
    record[field] = data.draw(JSON_VALUES)
    doc = _document(record)
    if doc.data is None:
        assert doc.problems
        return
    problems = SCHEMA.problems(doc.data, doc.positions, doc.display, doc.text)
    problems += exercise_rule_problems(doc, VOCAB)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    _check_alone(record)


CACHE = tempfile.TemporaryDirectory(prefix="atlas-properties-")


def _check_alone(record: Any, kind: str = "exercises") -> None:
    """What `check` does with the record as the only exercise (or routine) of the project: every check,
    those between records and the pose's included, ends in messages or a library, never another
    exception."""
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / kind
        records.mkdir()
        _write_yaml(record, records / "record.yml")
        # (shipped records read once, nothing kept in the repository; the content pages are left out: they
        # cannot change what is done with one record)
        with mock.patch.dict(os.environ, {CACHE_DIR_VARIABLE: CACHE.name}):
            try:
                load_library(ProjectPaths.at(ROOT, content=Path(folder) / "no-content", **{kind: records}))
            except DataError as error:
                assert all(p.message for p in error.problems)


WALL_SIT = YAML(typ="safe").load((ROOT / "exercises" / "wall-sit.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "field, value",
    [
        ("references", True),  # found by the test above: the dose's sources were checked against it
        ("references", 7),
        ("dose", {**WALL_SIT["dose"], "by_phase": True}),
        ("muscles", {"primary": True, "secondary": 3}),
        ("pose", {**WALL_SIT["pose"], "view": 5, "moving": ["right_knee"]}),
        ("redirect_from", True),
        ("progressions", True),
    ],
)
def test_a_field_of_the_wrong_kind_gets_messages_in_every_check(field, value):
    _check_alone({**WALL_SIT, field: value})


def test_a_routine_whose_sections_are_not_a_list_gets_messages():
    routine = YAML(typ="safe").load((ROOT / "routines" / "home-programme.yml").read_text(encoding="utf-8"))
    _check_alone({**routine, "sections": True}, "routines")


ROUTINE_SCHEMA_JSON = with_enums(
    json.loads((PATHS.schemas / "routine-record.schema.json").read_text(encoding="utf-8")), VOCAB.enums()
)


@SETTINGS
@given(from_schema(_json_safe(ROUTINE_SCHEMA_JSON)), st.data())
def test_every_routine_the_schema_rejects_gets_messages_never_a_traceback(routine, data):
    field = data.draw(st.sampled_from(sorted(routine)))
    routine[field] = data.draw(JSON_VALUES)
    _check_alone(routine, "routines")


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_at_all_gets_messages_never_a_traceback(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        doc = read_yaml(path, "exercises/record.yml")
    if doc.data is not None and not doc.problems:
        for problem in SCHEMA.problems(doc.data, doc.positions, doc.display, doc.text):
            assert problem.message


@pytest.mark.parametrize("depth", [1, 50, 500])
def test_deep_nesting_gets_a_message(depth):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yml"
        path.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        doc = read_yaml(path, "exercises/record.yml")
    problems = list(doc.problems) or SCHEMA.problems(doc.data, doc.positions, doc.display, doc.text)
    assert problems and all(p.message for p in problems)
