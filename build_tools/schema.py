"""The JSON Schema contract: keep its vocabularies in step with vocabularies/, and explain its errors."""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from .figures.vocab import FIGURE_FILES
from .problems import Problem
from .quickvalid import quick_validity
from .scaffold import slugify
from .suggest import allowed_list, did_you_mean
from .syntax_hints import quoted
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
# Every schema $def whose enum is generated from a data file: the word lists, and the bibliography's ids.
ENUM_FILES = {
    **VOCABULARY_FILES,
    "reference": "references.yml",
    "dose_source": "references.yml",
    **FIGURE_FILES,  # the pose's word lists (build_tools/figures)
}

PLACEHOLDER = re.compile(r"\bTODO\b")  # what the `new` template leaves for the contributor to replace

JSON_TYPES = {
    "object": "a set of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _inside(path: JsonPath) -> str:
    """Where in the record a field goes, for 'add ... <here>'."""
    if isinstance(path[-1], int):
        parent = next((part for part in reversed(path) if isinstance(part, str)), None)
        return f"to this entry of '{parent}'" if parent else "to this entry"
    return f"under '{path[-1]}:'"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
        if name not in schema["$defs"]:
            continue  # e.g. the routine schema has no muscle list
        schema["$defs"][name] = {"enum": ids, "description": ENUM_DESCRIPTIONS.get(name, _word_from(name))}
    return schema


def _word_from(name: str) -> str:
    return f"A word from vocabularies/{ENUM_FILES[name]}."


ENUM_DESCRIPTIONS = {
    "reference": "The id of a source in vocabularies/references.yml, e.g. willy2019.",
    "dose_source": "'practice', or the id of one of this record's references (vocabularies/references.yml).",
}


def render_schema(schema: dict[str, Any]) -> str:
    """The schema as committed: two-space JSON with a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema with each local "#/$defs/..." $ref replaced by its target (siblings kept via allOf).

    Parts without a $ref stay the very same objects, so code that knows a $def by identity still does.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, expanding: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            items = [walk(item, expanding) for item in node]
            return node if all(a is b for a, b in zip(items, node, strict=True)) else items
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs and ref not in expanding:
            target = walk(defs[ref[8:]], (*expanding, ref))
            siblings = {k: walk(v, expanding) for k, v in node.items() if k != "$ref"}
            return {"allOf": [target], **siblings} if siblings else target
        fields = {k: v if k == "$defs" else walk(v, expanding) for k, v in node.items()}
        return node if all(fields[k] is node[k] for k in node) else fields

    return walk(schema, ())


class RecordSchema:
    """A compiled schema plus the knowledge to turn its errors into plain-language problems."""

    def __init__(
        self,
        schema: dict[str, Any],
        kind: str = "exercise",
        synonyms: dict[str, dict[str, str]] | None = None,
    ):
        self.schema = schema
        self.kind = kind
        # Per vocabulary: other words for an id (slugs of its names), for did-you-mean on near misses.
        self.synonyms = synonyms or {}
        # Validate against a copy with the $refs written out: jsonschema resolves a $ref on every use, which
        # was half of `check`'s time (1.36 -> 0.67 ms a record). Messages still read self.schema.
        self.validator = Draft202012Validator(
            inline_refs(schema), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        # A quick yes/no first, so jsonschema only explains records that have problems (see quickvalid.py).
        self.quick_validity = quick_validity(self.validator.schema)

    @classmethod
    def from_file(
        cls,
        path: Path,
        enums: dict[str, list[str]] | None = None,
        kind: str = "exercise",
        synonyms: dict[str, dict[str, str]] | None = None,
    ) -> RecordSchema:
        schema = json.loads(path.read_text(encoding="utf-8"))
        return cls(with_enums(schema, enums) if enums else schema, kind, synonyms)

    @cached_property
    def _vocabulary_by_id(self) -> dict[int, str]:
        return {id(sub): name for name, sub in self.schema.get("$defs", {}).items() if name in ENUM_FILES}

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

    def problems(
        self, data: Any, positions: Positions, display: str, text: str | None = None
    ) -> list[Problem]:
        """Every schema violation in data, as problems with positions and plain messages.

        text, the file data was read from, lets a file with no placeholder anywhere skip the search
        through every value for one."""
        found = []
        known_valid = self.quick_validity is not None and self.quick_validity(data) is True
        for error in () if known_valid else self.validator.iter_errors(data):
            found.extend(self._explain(error, positions, display))
        # A placeholder left in free text passes the schema; say so, and say it instead of a length complaint.
        maybe_placeholders = text is None or PLACEHOLDER.search(text) is not None
        placeholders = self._placeholders(data, (), positions, display) if maybe_placeholders else []
        flagged = {p.field for p in placeholders}
        return placeholders + [p for p in found if p.field not in flagged]

    def _placeholders(self, value: Any, path: JsonPath, positions: Positions, display: str) -> list[Problem]:
        """Every free-text value still holding the `new` template's TODO, with what to write instead."""
        if isinstance(value, (dict, list)):
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            return [p for k, v in pairs for p in self._placeholders(v, (*path, k), positions, display)]
        if not (isinstance(value, str) and PLACEHOLDER.search(value)):
            return []
        sub = self.resolve(self._schema_at(path))
        if "enum" in sub:
            return []  # a vocabulary field's own message already lists the allowed words
        parent = self.resolve(self._schema_at(path[:-1])) if path and isinstance(path[-1], int) else {}
        what = _lower_first(parent.get("description") or sub.get("description") or "your own text")
        line, column = positions.of_value(path)
        message = f"still says TODO (the template's placeholder); replace it with {what}"
        return [Problem(display, line, column, field_name(path), message)]

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
            # A misspelt field is both unknown and missing; report it once, as the misspelling.
            properties = schema.get("properties", {})
            misspelt = {self._closest(k, properties) for k in self._unknown_fields(schema, value)}
            return [
                at(path + (name,), f"missing required field; {self._how_to_add(name, schema, path)}")
                for name in missing
                if name not in misspelt
            ]
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            out = []
            for k in self._unknown_fields(schema, value):
                close = self._closest(k, allowed)
                if close:
                    fix = f"did you mean '{close}'? change '{k}:' to '{close}:'"
                else:
                    fix = f"remove it, or use one of these fields: {allowed_list(allowed, len(allowed))}"
                out.append(at(path + (k,), f"unknown field '{k}'; {fix}", key=True))
            return out
        if kind == "enum":
            choices = [str(c) for c in error.validator_value]
            vocabulary = self._vocabulary_by_id.get(id(schema))
            if vocabulary and isinstance(value, (dict, list)):
                where = f"vocabularies/{ENUM_FILES[vocabulary]}"
                found = f"expected one id from {where}, found {describe_value(value)}"
                return [at(path, f"{found}; allowed: {allowed_list(choices)}")]
            suggestion = did_you_mean(value, choices)
            if vocabulary and not suggestion and isinstance(value, str):
                synonyms = self.synonyms.get(vocabulary, {})
                match = did_you_mean(value, synonyms)
                suggestion = f" did you mean '{synonyms[match.split(chr(39))[1]]}'?" if match else ""
            if vocabulary:
                what = f"unknown {vocabulary.replace('_', ' ')} '{value}';"
                where = f" allowed (from vocabularies/{ENUM_FILES[vocabulary]}): "
            else:
                what, where = f"'{value}' is not allowed;", " allowed: "
            return [at(path, what + suggestion + where + allowed_list(choices))]
        if kind == "type":
            expected = (
                error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            )
            wanted = " or ".join(JSON_TYPES.get(t, t) for t in expected)
            fix = self._type_fix(path, expected, value)
            found = f"expected {wanted}, found {describe_value(value)}"
            return [at(path, f"{found}; {fix}" if fix else found)]
        if kind in ("oneOf", "anyOf"):
            options = [sub.get("required", []) for sub in error.validator_value]
            if all(len(o) == 1 for o in options):
                names = " or ".join(f"'{o[0]}'" for o in options)
                given = [o[0] for o in options if isinstance(value, dict) and o[0] in value]
                if given and kind == "oneOf":
                    return [at(path, f"give only one of {names}, not both; remove one of them")]
                return [at(path, self._how_to_add_one_of([o[0] for o in options], schema, path, kind))]
            deepest = best_match(error.context) if error.context else None
            if deepest is not None and tuple(deepest.absolute_path) != path:
                return self._explain(deepest, positions, display)
            description = schema.get("description", "see the schema")
            return [
                at(
                    path,
                    f"{describe_value(value)} is not allowed here; expected {description[0].lower()}"
                    f"{description[1:]}",
                )
            ]
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
            return [
                at(path, f"list has {len(value)} items; it needs {bound} {error.validator_value}{allowed}")
            ]
        if kind in ("minimum", "maximum"):
            bound = "at least" if kind == "minimum" else "at most"
            return [
                at(
                    path,
                    f"{describe_value(value)} is out of range; it must be {bound} {error.validator_value}",
                )
            ]
        if kind == "uniqueItems":
            return [at(path, f"the list repeats an item; list each one once{allowed}")]
        return [at(path, f"{error.message}{allowed}")]

    @staticmethod
    def _unknown_fields(schema: dict[str, Any], value: Any) -> list[str]:
        """Fields in value that schema forbids (only when it forbids extra fields)."""
        if schema.get("additionalProperties") is not False or not isinstance(value, dict):
            return []
        return [k for k in value if k not in schema.get("properties", {})]

    @staticmethod
    def _closest(word: str, choices: Any) -> str | None:
        """The choice a near miss most likely meant, or None."""
        suggestion = did_you_mean(word, choices)
        return suggestion.split("'")[1] if suggestion else None

    def _how_to_add(self, name: str, schema: dict[str, Any], path: JsonPath) -> str:
        """What to write for a missing field: a section's own fields, or an example value and its meaning."""
        sub = self.resolve(schema.get("properties", {}).get(name, {}))
        where = f" {_inside(path)}" if path else ""
        if sub.get("properties") and sub.get("required"):
            options = [o["required"][0] for o in sub.get("oneOf", []) if len(o.get("required", [])) == 1]
            fields: list[str] = []
            for field in sub["properties"]:
                if field in sub["required"]:
                    fields.append(field)
                elif field in options and field == options[0]:
                    fields.append(" or ".join(options))
            listed = f"{', '.join(fields[:-1])} and {fields[-1]}"
            return (
                f"add a '{name}:' section{where}, with these fields indented under it: {listed} "
                f"(copy one from a similar exercise and change it)"
            )
        example = self._example(name, sub)
        text = f"add '{name}:'{where}" + (f", e.g. {example}" if example else "")
        description = sub.get("description", "")
        return f"{text}. {description}".strip() if description else text

    def _how_to_add_one_of(self, names: list[str], schema: dict[str, Any], path: JsonPath, kind: str) -> str:
        """What to write when one of several alternative fields is needed, with what each one means."""
        # An anyOf inside allOf has no properties of its own: they are on the object at path.
        properties = schema.get("properties") or self.resolve(self._schema_at(path)).get("properties", {})
        meanings = "; ".join(
            f"{n}: {_lower_first(self.resolve(properties.get(n, {})).get('description', '')).rstrip('.')}"
            for n in names
        )
        either = " or ".join(f"'{n}:'" for n in names) + (" (or both)" if kind == "anyOf" else "")
        where = f" {_inside(path)}" if path else ""
        return f"add {either}{where} ({meanings})"

    def _example(self, name: str, sub: dict[str, Any]) -> str | None:
        """A valid example line for a vocabulary field, e.g. 'phases: [calm-down]'."""
        items = sub.get("items")
        if sub.get("type") == "array" and isinstance(items, dict) and self.resolve(items).get("enum"):
            return f"{name}: [{self.resolve(items)['enum'][0]}]"
        if sub.get("enum"):
            return f"{name}: {sub['enum'][0]}"
        return None

    def _type_fix(self, path: JsonPath, expected: list[str], value: Any) -> str | None:
        """How to turn what was written into the expected kind of value, when the fix is clear."""
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        if value is None:
            return f"fill in the value after '{key}:'"
        if "array" in expected and isinstance(value, str):
            items = self._schema_at(path).get("items", {})
            vocabulary = items.get("$ref", "").rsplit("/", 1)[-1] if isinstance(items, dict) else ""
            if vocabulary in ENUM_FILES or vocabulary == "exercise_id":
                words = [self._as_word(part, vocabulary) for part in value.split(",") if part.strip()]
                return f"write the words in square brackets: {key}: [{', '.join(words)}]"
            return f"write each item on its own line under '{key}:', starting with '- ' (a dash and a space)"
        if "integer" in expected and isinstance(value, str):
            number = re.match(r"\s*(\d+)", value)
            return (
                f"write just the number: {key}: {number[1]}" if number else "write it as a number in digits"
            )
        if "string" in expected and isinstance(value, dict) and len(value) == 1:
            ((first, rest),) = value.items()
            text = quoted(f"{first}: {rest}" if rest is not None else f"{first}:")
            line = f"- {text}" if path and isinstance(path[-1], int) else f"{key}: {text}"
            return f"the ': ' in the text made YAML read a field; put the whole text in double quotes: {line}"
        return None

    def _as_word(self, text: str, vocabulary: str) -> str:
        """The vocabulary word (or exercise id) that text most likely means."""
        word = slugify(text)
        if vocabulary not in ENUM_FILES:
            return word
        choices = self.resolve({"$ref": f"#/$defs/{vocabulary}"}).get("enum", [])
        if word in choices:
            return word
        synonyms = self.synonyms.get(vocabulary, {})
        return synonyms.get(word) or self._closest(word, choices) or word

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
