"""Read one YAML file strictly: plain data out, every problem with its line and column.

We compose the YAML into nodes (ruamel.yaml's C parser when present, with the YAML 1.2 resolver, so
`no` stays a string) and build plain Python values ourselves. That lets us refuse what a data file
should never contain (tags that build objects, duplicate keys, alias bombs) and remember where every
value stood, so later checks can point at the exact line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import Resolver

from build_tools.data.problems import Problem
from build_tools.data.syntax_hints import explain_syntax_error

try:  # the C parser is some 25 times faster; see DESIGN notes on the 5,000-record target
    from ruamel.yaml.main import CParser  # type: ignore[attr-defined]  # not re-exported by name
except ImportError:  # pragma: no cover - pure-Python fallback
    CParser = None

# Text-direction overrides and zero-width characters: they can make published text read differently from
# what reviewers saw in the pull request, so they are refused. (U+200D, used in emoji, is allowed.)
INVISIBLE_CONTROLS = re.compile("[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_FILE_BYTES = 200_000
MAX_TEXT_CHARS = 5_000
MAX_NODES = 20_000
MAX_DEPTH = 40  # records nest 4 levels; deeper text is a mistake, and Python would run out of stack

TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}

JsonPath = tuple[str | int, ...]


@dataclass
class Positions:
    """Where each value (and each mapping key) stood in the file, by JSON path; 1-based."""

    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: JsonPath) -> tuple[int, int]:
        """The position of the value at path, or of its nearest ancestor that we know."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: JsonPath) -> tuple[int, int]:
        """The position of the key naming path (falls back to the value)."""
        return self.keys.get(path) or self.of_value(path)


@dataclass
class YamlDocument:
    """A parsed file: its data (None when unreadable), what was wrong, and where every value stood."""

    path: Path
    display: str
    data: Any
    problems: list[Problem]
    text: str = ""  # the file as read, when it was UTF-8
    found_positions: Positions | None = field(default=None, repr=False)

    @property
    def positions(self) -> Positions:
        """Where each value stood. A document sent back from a worker process travels without them
        (they were most of its size) and reads the file again the first time a message needs a line."""
        if self.found_positions is None:
            self.found_positions = read_yaml(self.path, self.display).found_positions or Positions()
        return self.found_positions

    def problem_at(
        self, path: JsonPath, message: str, field: str | None = None, key: bool = False
    ) -> Problem:
        """A problem at the value at path (at its key with key=True), named by path unless field is given.
        Positions are looked up only here, so a document from a worker reads its file again only for this."""
        line, column = self.positions.of_key(path) if key else self.positions.of_value(path)
        return Problem(self.display, line, column, field_name(path) if field is None else field, message)

    def __getstate__(self) -> dict[str, Any]:
        # Sent to another process (fanout.py) without its text and positions, which are found again.
        return {**self.__dict__, "text": "", "found_positions": None}


def field_name(path: JsonPath) -> str:
    """Dotted field name for a JSON path, e.g. ('muscles', 'primary', 1) -> muscles.primary[1]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_resolve_tag = functools.lru_cache(maxsize=4096)(Resolver().resolve)


class _CachingResolver(Resolver):
    """The YAML 1.2 resolver, remembering its answer for short values: ids, vocabulary words and numbers
    recur across thousands of records, and each answer is a shared Tag whose text is worked out once."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if value is None or len(value) <= 40:
            return _resolve_tag(kind, value, implicit)
        return super().resolve(kind, value, implicit)


if CParser is not None:

    class _FastComposer(CParser, _CachingResolver):  # type: ignore[misc]  # C extension: untyped
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _CachingResolver.__init__(self, loadumper=self)

    def _compose(text: str) -> Node | None:
        node: Node | None = _FastComposer(text).get_single_node()
        return node

else:  # pragma: no cover

    def _compose(text: str) -> Node | None:
        node: Node | None = YAML(typ="safe", pure=True).compose(text)
        return node


class _Builder:
    """Turns a node tree into plain values, recording positions and problems."""

    def __init__(self, display: str, may_hide_controls: bool = True):
        self.display = display
        self.may_hide_controls = may_hide_controls  # False when the whole file has none: skip the search
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.count = 0

    def problem(self, node: Node, path: JsonPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), message))

    def build(self, node: Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node)
        if len(path) > MAX_DEPTH:
            self.problem(
                node, path, f"lists and fields nest more than {MAX_DEPTH} levels deep; a record needs a few"
            )
            return None
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag  # a property that builds the text each time: read it once (a tenth of `check`)
        if tag not in PLAIN_TAGS:
            self.problem(
                node,
                path,
                f"the YAML tag '{(tag or '').replace(TAG, '!!')}' is not allowed; "
                f"write plain text, numbers and lists",
            )
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the three kinds of node YAML has
        return self.scalar(node, path, tag)

    def mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == TAG + "merge":
                self.problem(key_node, path, "YAML merge keys ('<<') are not allowed; write the fields out")
                continue
            if not isinstance(key_node, ScalarNode) or key_tag not in (TAG + "str",):
                self.problem(key_node, path, "field names must be plain words, like 'name'")
                continue
            key = key_node.value
            if key in result:
                self.problem(
                    key_node,
                    path + (key,),
                    f"duplicate field '{key}' (first given on line {first_line[key]}); keep only one",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.positions.keys[path + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, path + (key,))
        return result

    def scalar(self, node: ScalarNode, path: JsonPath, tag: str) -> Any:
        value = node.value
        if len(value) > MAX_TEXT_CHARS:
            self.problem(node, path, f"text is {len(value)} characters long; the limit is {MAX_TEXT_CHARS}")
            return value[:MAX_TEXT_CHARS]
        hidden = self.may_hide_controls and INVISIBLE_CONTROLS.search(value)
        if hidden:
            code = f"U+{ord(hidden.group()):04X}"
            self.problem(
                node,
                path,
                f"the text contains an invisible control character ({code}) that can make it "
                "display differently from what it says; delete it (retype the text if unsure)",
            )
            return value
        kind = tag[len(TAG) :]
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            try:
                return int(value.replace("_", ""), 0) if not value.lstrip("+-").isdigit() else int(value)
            except ValueError:
                self.problem(node, path, f"'{value[:40]}' is not a usable whole number")
                return None
        if kind == "float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value  # str and timestamp stay text; the schema checks dates


class _TooBig(Exception):
    def __init__(self, node: Node):
        self.node = node


def _first_bad_byte(raw: bytes, error: UnicodeDecodeError) -> tuple[int, int]:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column


def read_yaml(path: Path, display: str, raw: bytes | None = None) -> YamlDocument:
    """Read path strictly (raw: its bytes, when the caller has read them). Never raises for bad content:
    problems are returned in the document."""

    def fail(line: int, column: int, message: str) -> YamlDocument:
        return YamlDocument(
            path, display, None, [Problem(display, line, column, "", message)], "", Positions()
        )

    if raw is None:
        raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _first_bad_byte(raw, error)
        byte = raw[error.start]
        return fail(line, column, f"byte 0x{byte:02x} is not UTF-8 text; save the file with UTF-8 encoding")
    text = text.removeprefix("\ufeff")

    tab_problems = [
        Problem(display, n, line.index("\t") + 1, "", "tab character; indent with spaces (two per level)")
        for n, line in enumerate(text.splitlines(), 1)
        if "\t" in line
    ]
    if tab_problems:
        return YamlDocument(path, display, None, tab_problems, text, Positions())

    try:
        root = _compose(text)
    except MarkedYAMLError as error:
        return fail(*explain_syntax_error(error, text))
    except YAMLError as error:
        return fail(1, 1, f"invalid YAML: {error}")

    if root is None:
        return fail(1, 1, 'the file is empty; start from a template with `python -m build_tools new "Name"`')

    builder = _Builder(display, may_hide_controls=INVISIBLE_CONTROLS.search(text) is not None)
    try:
        data = builder.build(root, ())
    except _TooBig as too_big:
        mark = too_big.node.start_mark
        return fail(
            mark.line + 1,
            mark.column + 1,
            f"the file expands to more than {MAX_NODES:,} values (anchors and aliases?); "
            f"write the values out",
        )
    return YamlDocument(path, display, data, builder.problems, text, builder.positions)
