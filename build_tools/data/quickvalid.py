"""A fast yes/no for "is this record valid?", so jsonschema runs only on records that have problems.

jsonschema spends about 0.7 ms on a valid exercise record, over half of `check` on 5,000 records.
This compiles the schema once into small Python functions that give the same answer for the
keywords our schemas use. It never explains anything: any record it does not call valid, and any
value it is unsure about, goes to jsonschema, which finds and words the problems as before. A schema
with a keyword it does not know gets no quick check at all. tests/test_quickvalid.py holds it to
jsonschema's verdict on every fixture and on thousands of mutated records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator

Check = Callable[[Any], bool]


class Unsure(Exception):
    """A value outside what the quick check decides exactly (e.g. a number in a list that must be unique)."""


class UnknownKeyword(Exception):
    pass


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    # JSON Schema counts 2.0 as an integer; bool is never a number.
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
}
ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"}
FORMATS = Draft202012Validator.FORMAT_CHECKER


def _enum(allowed: list[Any]) -> Check:
    if not all(isinstance(item, str) for item in allowed):
        raise UnknownKeyword("enum of non-text values")
    words = frozenset(allowed)

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            raise Unsure  # jsonschema's equality rules for other types are its own business
        return value in words

    return check


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if not all(isinstance(item, str) for item in value):
        raise Unsure
    return len(set(value)) == len(value)


def _of(kind: type | tuple[type, ...], test: Check) -> Check:
    """A keyword that, like every JSON Schema keyword, ignores values of other types."""
    return lambda v: not isinstance(v, kind) or test(v)


def _every(checks: list[Check]) -> Check:
    """All of checks. (A plain loop: `all()` over a generator cost a third of the quick check's time.)"""
    if len(checks) == 1:
        return checks[0]

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True

    return every


class _Compiler:
    def __init__(self, root: dict[str, Any]):
        self.defs = root.get("$defs", {})
        self.refs: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        if not ref.startswith("#/$defs/") or ref[8:] not in self.defs:
            raise UnknownKeyword(f"$ref {ref}")
        if ref not in self.refs:
            self.refs[ref] = lambda v: compiled(v)  # placeholder, so a recursive schema compiles
            compiled = self.schema(self.defs[ref[8:]])
            self.refs[ref] = compiled
        return self.refs[ref]

    def schema(self, schema: Any) -> Check:
        if schema is True or schema is False:
            answer: bool = schema
            return lambda v: answer
        checks = [
            self.keyword(name, value, schema) for name, value in schema.items() if name not in ANNOTATIONS
        ]
        return _every(checks) if checks else (lambda v: True)

    def keyword(self, name: str, value: Any, schema: dict[str, Any]) -> Check:
        if name == "$ref":
            return self.ref(value)
        if name == "type":
            tests = [TYPES[t] for t in (value if isinstance(value, list) else [value])]
            return tests[0] if len(tests) == 1 else (lambda v: any(test(v) for test in tests))
        if name == "enum":
            return _enum(value)
        if name == "properties":
            fields = {key: self.schema(sub) for key, sub in value.items()}

            def each_field(v: dict[str, Any]) -> bool:
                for key, item in v.items():
                    check = fields.get(key)
                    if check is not None and not check(item):
                        return False
                return True

            return _of(dict, each_field)
        if name == "additionalProperties":
            if value is not False or "patternProperties" in schema:
                raise UnknownKeyword("additionalProperties other than false")
            known = frozenset(schema.get("properties", {}))
            return _of(dict, lambda v: known.issuperset(v))
        if name == "required":
            return _of(dict, lambda v: all(key in v for key in value))
        if name == "items":
            if "prefixItems" in schema:
                raise UnknownKeyword("prefixItems")
            item = self.schema(value)

            def each_item(v: list[Any]) -> bool:
                for i in v:
                    if not item(i):
                        return False
                return True

            return _of(list, each_item)
        if name in ("minItems", "maxItems", "minLength", "maxLength"):
            kind = list if name.endswith("Items") else str
            return _of(
                kind, (lambda v: len(v) >= value) if name.startswith("min") else (lambda v: len(v) <= value)
            )
        if name == "pattern":
            regex = re.compile(value)
            return _of(str, lambda v: regex.search(v) is not None)
        if name in ("minimum", "maximum"):
            test: Check = (lambda v: v >= value) if name == "minimum" else (lambda v: v <= value)
            return lambda v: not _is_number(v) or test(v)
        if name == "uniqueItems":
            return _unique if value else (lambda v: True)
        if name == "format":
            return lambda v: FORMATS.conforms(v, value)
        if name in ("allOf", "anyOf", "oneOf"):
            branches = [self.schema(sub) for sub in value]
            if name == "allOf":
                return _every(branches)
            if name == "anyOf":
                return lambda v: any(branch(v) for branch in branches)
            return lambda v: sum(1 for branch in branches if branch(v)) == 1
        raise UnknownKeyword(name)


def quick_validity(schema: dict[str, Any]) -> Callable[[Any], bool | None] | None:
    """A function telling whether a value is valid (None when unsure), or None if the schema is beyond it."""
    try:
        check = _Compiler(schema).schema(schema)
    except (UnknownKeyword, KeyError, re.error):
        return None

    def is_valid(value: Any) -> bool | None:
        try:
            return check(value)
        except Unsure:
            return None

    return is_valid
