"""The quick validity check agrees with jsonschema on every record we have and on thousands of broken ones."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from sitekit import ROOT

from bench.synthetic import synthetic_library, synthetic_routines
from build_tools.data.quickvalid import quick_validity
from build_tools.data.schema import RecordSchema
from build_tools.data.vocabulary import load_vocabularies
from build_tools.data.yamlfile import read_yaml

TESTS = ROOT / "tests"
ODD_VALUES = [
    None,
    True,
    False,
    0,
    1,
    2.0,
    2.5,
    -1,
    201,
    601,
    "",
    "ab",
    "abc",
    "2-3",
    "1-",
    "x" * 401,
    "2026-02-30",
    "2026-11-21",
    "quadricep",
    "gluteus-medius",
    "calm-down",
    "TODO",
    "Has <b>tag</b>",
    "10.1234/abc",
    "https://example.org/x",
    [],
    ["a", "a"],
    ["a", "b"],
    [1, 1],
    [1, True],
    [1.0, 1],
    {},
    {"x": 1},
]


@pytest.fixture(scope="module")
def schemas():
    vocab, problems = load_vocabularies(
        ROOT / "vocabularies", ROOT / "schemas" / "vocabulary.schema.json", ROOT
    )
    assert vocab is not None, problems
    exercise = RecordSchema.from_file(ROOT / "schemas" / "exercise-record.schema.json", vocab.enums())
    routine_file = ROOT / "schemas" / "routine-record.schema.json"
    routine = RecordSchema.from_file(routine_file, vocab.enums()) if routine_file.is_file() else None
    return vocab, exercise, routine


def _records(folder_name: str) -> list[object]:
    """Every parsable record under the repository's data folder and the test fixtures of that kind."""
    paths = sorted((ROOT / folder_name).glob("*.yml")) + sorted(TESTS.rglob(f"{folder_name}/*.yml"))
    if folder_name == "exercises":
        paths += sorted((TESTS / "fixtures").glob("*.yml")) + sorted(
            (TESTS / "golden" / "mistakes").rglob("*.yml")
        )
    documents = [read_yaml(path, path.name) for path in paths]
    return [doc.data for doc in documents if doc.data is not None]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _mutate(record, rng: random.Random):
    """A copy of record with one random change: a value replaced, a field dropped or added,
    a list item doubled."""
    record = copy.deepcopy(record)
    path = rng.choice([p for p in _paths(record) if p])
    parent = record
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    action = rng.randrange(4)
    if action == 0:
        parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif action == 1:
        del parent[key]
    elif action == 2 and isinstance(parent, dict):
        parent["unexpected"] = 1
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    else:
        parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
    return record


def _agree(schema: RecordSchema, values: list[object]) -> tuple[int, int]:
    """(decided, valid): how many the quick check decided, and how many were valid;
    fails on any disagreement."""
    quick = quick_validity(schema.validator.schema)
    assert quick is not None, "our schemas use only keywords the quick check knows"
    decided = valid = 0
    for value in values:
        verdict = quick(value)
        truth = schema.validator.is_valid(value)
        assert verdict is None or verdict == truth, (verdict, truth, value)
        decided += verdict is not None
        valid += truth
    return decided, valid


def test_quick_check_agrees_on_every_exercise_and_many_broken_ones(schemas):
    vocab, exercise, _ = schemas
    records = _records("exercises") + synthetic_library(60, vocab)
    rng = random.Random(8)
    mutated = [_mutate(rng.choice(records), rng) for _ in range(1500)]
    decided, valid = _agree(exercise, records + mutated)
    total = len(records) + len(mutated)
    assert len(records) // 2 < valid < total // 2, "most mutations break the record"
    assert decided > 0.9 * total, "the quick check decides nearly every record"


def test_quick_check_agrees_on_every_routine_and_many_broken_ones(schemas):
    vocab, _, routine = schemas
    if routine is None:
        pytest.skip("the project has no routine schema yet")
    records = _records("routines") + synthetic_routines(synthetic_library(60, vocab), vocab)
    rng = random.Random(8)
    _agree(routine, records + [_mutate(rng.choice(records), rng) for _ in range(800)])


def test_a_schema_with_an_unknown_keyword_gets_no_quick_check():
    assert quick_validity({"type": "object", "not": {"required": ["x"]}}) is None
    assert quick_validity({"$ref": "other.json#/x"}) is None


def test_values_it_cannot_decide_exactly_are_left_to_jsonschema():
    quick = quick_validity({"type": "array", "uniqueItems": True})
    assert quick([1, True]) is None  # jsonschema's own equality rules decide this one
    assert quick(["a", "a"]) is False and quick(["a", "b"]) is True


def test_integers_follow_json_schema_not_python():
    quick = quick_validity({"type": "integer", "minimum": 1})
    assert quick(2.0) is True and quick(True) is False and quick(0) is False


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "schemas").glob("*.json")))
def test_every_shipped_schema_gets_a_quick_check(name):
    import json

    assert quick_validity(json.loads(Path(ROOT / "schemas" / name).read_text())) is not None
