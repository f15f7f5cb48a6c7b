"""The JSON Schema contract: keep its vocabularies in step with vocabularies/, and explain its errors."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from .problems import Problem
from .suggest import allowed_list, did_you_mean
from .yamlfile import JsonPath, Positions, field_name

VOCABULARY_FILES = {
    "muscle": "muscles.yml",
    "equipment": "equipment.yml",
    "condition": "conditions.yml",
    "phase": "phases.yml",
    "type": "types.yml",
    "position": "positions.yml",
    "level": "levels.yml",
    "knee_load": "knee-loads.yml",
}

JSON_TYPES = {"object": "a set of fields", "array": "a list", "string": "text", "integer": "a whole number",
              "number": "a number", "boolean": "true or false", "null": "nothing"}


def describe_value(value: Any) -> str:
    """Name what the contributor wrote, in plain words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value[:60]}'"


def with_enums(schema: dict[str, Any], enums: dict[str, list[str]]) -> dict[str, Any]:
    """A copy of schema with each vocabulary $def's enum replaced by the current vocabulary."""
    schema = json.loads(json.dumps(schema))
    for name, ids in enums.items():
        schema["$defs"][name] = {"enum": ids, "description": f"A word from vocabularies/{VOCABULARY_FILES[name]}."}
    return schema


def render_schema(schema: dict[str, Any]) -> str:
    """The schema as committed: two-space JSON with a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class RecordSchema:
    """A compiled schema plus the knowledge to turn its errors into plain-language problems."""

    def __init__(self, schema: dict[str, Any], kind: str = "exercise", synonyms: dict[str, dict[str, str]] | None = None):
        self.schema = schema
        self.kind = kind
        # Per vocabulary: other words for an id (slugs of its names), for did-you-mean on near misses.
        self.synonyms = synonyms or {}
        self.validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    @classmethod
    def from_file(cls, path: Path, enums: dict[str, list[str]] | None = None, kind: str = "exercise",
                  synonyms: dict[str, dict[str, str]] | None = None) -> RecordSchema:
        schema = json.loads(path.read_text(encoding="utf-8"))
        return cls(with_enums(schema, enums) if enums else schema, kind, synonyms)

    @cached_property
    def _vocabulary_by_id(self) -> dict[int, str]:
        return {id(sub): name for name, sub in self.schema.get("$defs", {}).items() if name in VOCABULARY_FILES}

    def resolve(self, subschema: dict[str, Any]) -> dict[str, Any]:
        """Follow local $refs, keeping the outermost description."""
        description = subschema.get("description")
        while "$ref" in subschema:
            pointer = subschema["$ref"].removeprefix("#/").split("/")
            target: Any = self.schema
            for part in pointer:
                target = target[part]
            subschema = {**target, **{k: v for k, v in subschema.items() if k != "$ref"}}
        if description:
            subschema = {**subschema, "description": description}
        return subschema

    def problems(self, data: Any, positions: Positions, display: str) -> list[Problem]:
        """Every schema violation in data, as problems with positions and plain messages."""
        found = []
        for error in self.validator.iter_errors(data):
            found.extend(self._explain(error, positions, display))
        return found

    def _explain(self, error: ValidationError, positions: Positions, display: str) -> list[Problem]:
        path: JsonPath = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        value = error.instance

        def at(p: JsonPath, message: str, key: bool = False) -> Problem:
            line, column = positions.of_key(p) if key else positions.of_value(p)
            return Problem(display, line, column, field_name(p), message)

        kind = error.validator
        if kind == "required":
            missing = [name for name in error.validator_value if name not in (value or {})]
            out = []
            for name in missing:
                sub = self.resolve(schema.get("properties", {}).get(name, {}))
                hint = sub.get("description", "")
                where = f"add '{name}:'" + (f" to {field_name(path)}" if path else "")
                out.append(at(path + (name,), f"missing required field; {where}. {hint}".strip()))
            return out
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            extras = [k for k in value if k not in allowed]
            return [
                at(path + (k,), f"unknown field '{k}';{did_you_mean(k, allowed)} allowed fields: {allowed_list(allowed)}",
                   key=True)
                for k in extras
            ]
        if kind == "enum":
            choices = [str(c) for c in error.validator_value]
            vocabulary = self._vocabulary_by_id.get(id(schema))
            suggestion = did_you_mean(value, choices)
            if vocabulary and not suggestion and isinstance(value, str):
                synonyms = self.synonyms.get(vocabulary, {})
                match = did_you_mean(value, synonyms)
                suggestion = f" did you mean '{synonyms[match.split(chr(39))[1]]}'?" if match else ""
            if vocabulary:
                what = f"unknown {vocabulary.replace('_', ' ')} '{value}';"
                where = f" allowed (from vocabularies/{VOCABULARY_FILES[vocabulary]}): "
            else:
                what, where = f"'{value}' is not allowed;", " allowed: "
            return [at(path, what + suggestion + where + allowed_list(choices))]
        if kind == "type":
            expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            wanted = " or ".join(JSON_TYPES.get(t, t) for t in expected)
            return [at(path, f"expected {wanted}, found {describe_value(value)}")]
        if kind in ("oneOf", "anyOf"):
            options = [sub.get("required", []) for sub in error.validator_value]
            if all(len(o) == 1 for o in options):
                names = " or ".join(f"'{o[0]}'" for o in options)
                given = [o[0] for o in options if isinstance(value, dict) and o[0] in value]
                if given and kind == "oneOf":
                    return [at(path, f"give only one of {names}, not both")]
                return [at(path, f"give {'one of ' if kind == 'oneOf' else 'at least one of '}{names}")]
            deepest = best_match(error.context) if error.context else None
            if deepest is not None and tuple(deepest.absolute_path) != path:
                return self._explain(deepest, positions, display)
            description = schema.get("description", "see the schema")
            return [at(path, f"{describe_value(value)} is not allowed here; expected {description[0].lower()}"
                             f"{description[1:]}")]
        # The innermost rule's description says what is allowed (e.g. the label format), else the field's.
        description = schema.get("description") or self.resolve(self._schema_at(path)).get("description", "")
        allowed = f"; {description[0].lower()}{description[1:]}" if description else ""
        if kind == "pattern":
            return [at(path, f"{describe_value(value)} has a form that is not allowed{allowed}")]
        if kind == "format":
            return [at(path, f"{describe_value(value)} is not a real {error.validator_value}{allowed}")]
        if kind in ("minLength", "maxLength"):
            bound = "at least" if kind == "minLength" else "at most"
            return [at(path, f"text is {len(value)} characters; it must be {bound} {error.validator_value}")]
        if kind in ("minItems", "maxItems"):
            bound = "at least" if kind == "minItems" else "at most"
            return [at(path, f"list has {len(value)} items; it needs {bound} {error.validator_value}{allowed}")]
        if kind in ("minimum", "maximum"):
            bound = "at least" if kind == "minimum" else "at most"
            return [at(path, f"{describe_value(value)} is out of range; it must be {bound} {error.validator_value}")]
        if kind == "uniqueItems":
            return [at(path, f"the list repeats an item; list each one once{allowed}")]
        return [at(path, f"{error.message}{allowed}")]

    def _schema_at(self, path: JsonPath) -> dict[str, Any]:
        """The (resolved) schema for the property at path, when it can be found simply."""
        node = self.schema
        for part in path:
            node = self.resolve(node)
            if isinstance(part, int):
                node = node.get("items", {})
            else:
                node = node.get("properties", {}).get(part, {})
        return node
