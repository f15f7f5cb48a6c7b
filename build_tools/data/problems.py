"""A problem found in the data, and the ways of printing a list of them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a line and column (both 1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """Raised when the library cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_text(self.problems))


def format_text(problems: list[Problem]) -> str:
    """The default report: one problem per line, then a count."""
    lines = [str(p) for p in problems]
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}.")
    return "\n".join(lines)


def _escape_annotation(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    out = []
    for p in problems:
        title = _escape_annotation(p.field or "file", property_value=True)
        out.append(
            f"::error file={_escape_annotation(p.path, property_value=True)},line={p.line},"
            f"col={p.column},title={title}::{_escape_annotation(p.message)}"
        )
    return "\n".join(out)


def format_json(problems: list[Problem]) -> str:
    """Machine-readable problems: a JSON list of objects."""
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
