"""The open data under /api/, as a consumer meets it: every file validates against its own published
schema with Ajv (npm, tools/ajv; not the jsonschema that `check` uses), every `$id` is the address
the schema is published at, every field of every document is described in its schema, and each
document says which release it is, its date, licence and attribution."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sitekit import ROOT, SHIPPED, run

from build_tools.data.release import content_release

SITE_URL = "https://runners-knee-atlas.github.io/atlas/"
AJV = ROOT / "tools" / "ajv"
DOCUMENTS = ["exercises", "routines", "vocabularies"]
SCHEMAS = [*DOCUMENTS, "exercise-record", "routine-record", "log"]
LIBRARY = SHIPPED


def ajv(folder: Path) -> subprocess.CompletedProcess:
    """tools/ajv/validate.mjs on a folder; make test installs it (npm ci) before running the tests."""
    assert (AJV / "node_modules" / "ajv").is_dir(), (
        "Ajv is not installed: run `make test` (or npm ci in tools/ajv)"
    )
    return run(["node", str(AJV / "validate.mjs"), str(folder)], cwd=ROOT)


def api(site: Path, name: str) -> Any:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


# -- Ajv --------------------------------------------------------------------------------------------


def test_every_file_under_api_validates_against_its_own_schema_with_ajv(shipped_site):
    folder = shipped_site.site / "api"
    published = sorted(p.name for p in folder.iterdir())
    assert published == sorted([f"{n}.json" for n in DOCUMENTS] + [f"{n}.schema.json" for n in SCHEMAS])
    result = ajv(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in DOCUMENTS:
        assert f"valid {name}.json {SITE_URL}api/{name}.schema.json" in lines
    for name in SCHEMAS:
        assert f"schema {name}.schema.json {SITE_URL}api/{name}.schema.json" in lines
    assert lines[-1] == f"{len(published)} passed, 0 failed"


def test_ajv_fails_a_document_that_breaks_its_schema(shipped_site, tmp_path):
    folder = tmp_path / "api"
    shutil.copytree(shipped_site.site / "api", folder)
    data = api(tmp_path, "exercises.json")
    data["exercises"][0]["muscles"] = {"primary": ["quadriceps"]}  # the record's shape, not the output's
    data["exercises"][1]["dose"]["sets"] = "three"
    (folder / "exercises.json").write_text(json.dumps(data), encoding="utf-8")
    routines = api(tmp_path, "routines.json")
    routines["$schema"] = SITE_URL + "api/routine.schema.json"
    (folder / "routines.json").write_text(json.dumps(routines), encoding="utf-8")
    result = ajv(folder)
    assert result.returncode == 1
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 2, result.stdout
    assert "FAIL exercises.json: " in failures[0]
    assert "/exercises/0 must NOT have additional properties" in failures[0]
    assert "/exercises/1/dose/sets" in failures[0]
    assert failures[1].startswith('FAIL routines.json: its "$schema"')


# -- Addresses and metadata -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_id_is_the_address_it_is_published_at(shipped_site, name):
    published = api(shipped_site.site, f"{name}.schema.json")
    assert published["$id"] == f"{SITE_URL}api/{name}.schema.json"
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    committed = (
        ROOT / "schemas" / ("open-data/" if name in [*DOCUMENTS, "log"] else "") / f"{name}.schema.json"
    )
    assert json.loads(committed.read_text(encoding="utf-8"))["$id"] == published["$id"], (
        "the file in schemas/"
    )


def test_the_schema_names_keep_output_and_records_apart():
    record = json.loads((ROOT / "schemas" / "exercise-record.schema.json").read_text(encoding="utf-8"))
    output = json.loads(
        (ROOT / "schemas" / "open-data" / "exercises.schema.json").read_text(encoding="utf-8")
    )
    assert "muscles" in record["properties"] and "primary_muscles" not in record["properties"]
    assert "primary_muscles" in output["$defs"]["exercise"]["properties"]
    assert "exercise-record.schema.json" in output["description"], "the output schema points editors away"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_names_its_release_date_licence_and_site(shipped_site, name):
    data = api(shipped_site.site, f"{name}.json")
    release = content_release(ROOT, [])
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h"], capture_output=True, text=True
    ).stdout.strip()
    assert data["$schema"] == f"{SITE_URL}api/{name}.schema.json"
    assert data["meta"] == {
        "title": f"Runner's Knee Atlas: {name}",
        "version": commit,
        "generated": release.date,
        "site": SITE_URL,
        "licence": {
            "id": "CC-BY-SA-4.0",
            "name": "Creative Commons Attribution-ShareAlike 4.0 International",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        },
        "attribution": f"Runner's Knee Atlas ({SITE_URL}), licensed under CC BY-SA 4.0",
    }


# -- What the documents hold ------------------------------------------------------------------------


def test_routines_hold_every_routine_with_the_doses_its_sheet_prints(shipped_site):
    data = api(shipped_site.site, "routines.json")
    assert [r["id"] for r in data["routines"]] == sorted(LIBRARY.routines) and data["count"] == len(
        LIBRARY.routines
    )
    for routine in data["routines"]:
        page = html.unescape(shipped_site.page(f"routines/{routine['id']}/"))
        lines = [line for section in routine["sections"] for line in section["exercises"]]
        assert [line["exercise"] for line in lines] == [
            i.exercise for i in LIBRARY.routines[routine["id"]].items
        ]
        for line in lines:
            note = line["dose_note"] or ""
            assert f'<td class="sheet-dose">{line["dose"]} <span class="sheet-dose-note">{note}' in page
        assert routine["url"] == f"{SITE_URL}routines/{routine['id']}/"
        assert [p["url"] for p in routine["pdfs"]] == [
            f"{SITE_URL}routines/{routine['id']}/{routine['id']}-{paper}.pdf" for paper in ("a4", "letter")
        ]


def test_every_word_the_exercises_use_is_in_the_vocabularies_document(shipped_site):
    vocab = api(shipped_site.site, "vocabularies.json")
    ids = {key: {term["id"] for term in terms} for key, terms in vocab.items() if isinstance(terms, list)}
    for exercise in api(shipped_site.site, "exercises.json")["exercises"]:
        assert {exercise["type"]} <= ids["types"] and {exercise["position"]} <= ids["positions"]
        assert {exercise["level"]} <= ids["levels"] and {exercise["knee_load"]} <= ids["knee_loads"]
        assert set(exercise["equipment"]) <= ids["equipment"]
        assert set(exercise["primary_muscles"] + exercise["secondary_muscles"]) <= ids["muscles"]
        for use in exercise["conditions"]:
            assert use["condition"] in ids["conditions"] and set(use["phases"]) <= ids["phases"]
    assert {m["group"] for m in vocab["muscles"]} <= ids["muscle_groups"]


# -- Drift: every field in the output is described in its schema ------------------------------------


def _resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _branches(node: dict, root: dict) -> list[dict]:
    """The schema and every schema it combines (allOf, anyOf, oneOf), resolved."""
    node = _resolve(node, root)
    found = [node]
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key, []):
            found += _branches(sub, root)
    return found


def undescribed_fields(value: Any, schema: dict, root: dict, path: str = "") -> list[str]:
    """Every object field in value whose schema does not declare it with a description, at any depth."""
    found: list[str] = []
    branches = _branches(schema, root)
    if isinstance(value, dict):
        for key, item in value.items():
            declared = [b["properties"][key] for b in branches if key in b.get("properties", {})]
            if not declared:
                found.append(f"{path}/{key}: not in the schema")
                continue
            if not any(d.get("description") or _resolve(d, root).get("description") for d in declared):
                found.append(f"{path}/{key}: no description")
            for sub in declared:
                found += undescribed_fields(item, sub, root, f"{path}/{key}")
    elif isinstance(value, list):
        items = [b["items"] for b in branches if isinstance(b.get("items"), dict)]
        for i, item in enumerate(value):
            for sub in items:
                found += undescribed_fields(item, sub, root, f"{path}/{i}")
            if not items:
                found.append(f"{path}/{i}: the schema does not describe the items")
    return sorted(set(found))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_field_in_the_output_is_described_in_its_schema(shipped_site, name):
    schema = api(shipped_site.site, f"{name}.schema.json")
    assert undescribed_fields(api(shipped_site.site, f"{name}.json"), schema, schema) == []


def test_the_drift_walk_finds_an_undescribed_field():
    schema = {
        "$defs": {"item": {"type": "object", "properties": {"a": {"type": "string", "description": "A."}}}},
        "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}, "description": "All."}},
    }
    value = {"items": [{"a": "x"}, {"a": "y", "b": 1}], "extra": True}
    assert undescribed_fields(value, schema, schema) == [
        "/extra: not in the schema",
        "/items/1/b: not in the schema",
    ]
    schema["$defs"]["item"]["properties"]["a"].pop("description")
    assert "/items/0/a: no description" in undescribed_fields(value, schema, schema)


def test_the_meta_part_is_the_same_in_every_output_schema():
    metas = [
        json.loads((ROOT / "schemas" / "open-data" / f"{n}.schema.json").read_text(encoding="utf-8"))[
            "$defs"
        ]["meta"]
        for n in DOCUMENTS
    ]
    assert metas[0] == metas[1] == metas[2]
