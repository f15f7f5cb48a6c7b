"""Plain-language explanations for the YAML syntax errors contributors make most often.

The parser's own words ("did not find expected key while parsing a block mapping") mean little to a
physio editing their first data file. Here we look at the line the parser stopped on and say what to
change: line the field up, quote the text that holds a colon, close the list, add the missing space.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError, StreamMark

# "  - key: value" -> indentation, optional list dash, the key, the value (the key is the text before ": ").
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#'\"\[{-][^:#]*?):(?: +(?P<value>.*))?$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
GENERIC_HINT = "check the indentation and that each 'field: value' pair is on its own line"


def explain_syntax_error(error: MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) for a parser error: 1-based, the message saying what to change."""
    lines = text.splitlines()
    problem, context = error.problem or "", error.context or ""
    at, opened = error.problem_mark, error.context_mark
    line, column = (at.line + 1, at.column + 1) if at else (1, 1)

    def source(index: int) -> str:
        return lines[index] if 0 <= index < len(lines) else ""

    hint = None
    if problem.startswith("mapping values are not allowed") and at:
        hint = _colon_or_indent(source(at.line), at.column, _line_above(lines, at.line))
    elif problem.startswith("did not find expected key") and at and opened:
        above = _line_above(lines, at.line)
        hint = _quote_hint(source(at.line), at.column) or _indent_hint(
            source(at.line), above, source(opened.line), opened
        )
    elif "expected '-' indicator" in problem and at and opened:
        hint = _list_indent_hint(source(at.line), source(opened.line), opened)
    elif "simple key" in context and opened:
        line, column = opened.line + 1, opened.column + 1  # the parser notices one line late
        hint = _not_a_field_hint(source(opened.line))
    elif "flow sequence" in context and opened:
        hint = _unclosed_list_hint(source(opened.line), opened.line + 1)
    elif "quoted scalar" in context and opened:
        line, column = opened.line + 1, opened.column + 1
        hint = (
            "a quote mark opens the text here but never closes; add the same quote mark where the text ends"
        )
    if hint:
        return line, column, f"invalid YAML: {hint}"
    where = f" ({context})" if context else ""
    return line, column, f"invalid YAML: {problem or 'the YAML cannot be read'}{where}; {GENERIC_HINT}"


def _line_above(lines: list[str], index: int) -> str:
    """The nearest line above index that holds data (not blank, not a comment)."""
    for candidate in reversed(lines[:index]):
        if candidate.strip() and not candidate.lstrip().startswith("#"):
            return candidate
    return ""


def _spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _plural(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def quoted(text: str) -> str:
    """text as a YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _colon_or_indent(line: str, column: int, above: str) -> str:
    match = KEY_LINE.match(line)
    if match and column > match.end("key"):
        # A colon inside the value: the text must be quoted.
        if match["dash"] and not FIELD_NAME.match(match["key"]):
            body = line[match.end("dash") :].rstrip()
            fix = f"{match['indent']}- {quoted(body)}".strip()
            return (
                f"this text contains ': ' (a colon and a space), which YAML reads as a new field; "
                f"put the whole item in double quotes: {fix}"
            )
        value = (match["value"] or "").rstrip()
        return (
            f"the text after '{match['key']}:' contains ': ' (a colon and a space), which YAML reads as a "
            f"new field; put the whole text in double quotes: {match['key']}: {quoted(value)}"
        )
    return (
        f"wrong indentation: this line starts with {_plural(_spaces(line))} but the line above it with "
        f"{_plural(_spaces(above))}; line up fields that belong together, with the same number of spaces "
        f"(spaces only, two per level)"
    )


def _quote_hint(line: str, column: int) -> str | None:
    match = KEY_LINE.match(line)
    if match is None:
        return None
    value = match["value"] or ""
    if value[:1] not in ("'", '"') or column <= match.start("value"):
        return None
    text = value.rstrip()
    if text[-1:] == text[0]:
        text = text[1:-1]
    return (
        f"the text after '{match['key']}:' starts with a quote mark, so YAML ends the text at the next "
        f"quote mark; quote the whole text with double quotes: {match['key']}: {quoted(text)}"
    )


def _key_name(line: str) -> str:
    match = KEY_LINE.match(line)
    return f"'{match['key']}:'" if match else "the line"


def _indent_hint(line: str, above: str, opener: str, opened: StreamMark) -> str:
    here, upper, outer = _spaces(line), _spaces(above), opened.column
    if outer < here < upper:  # between two levels: say both, the contributor knows which one they meant
        where = (
            f"which lines up with no field above it (the line above starts with {_plural(upper)}, "
            f"{_key_name(opener)} on line {opened.line + 1} with {_plural(outer)}); use the same number of "
            f"spaces as the field it belongs with"
        )
    else:
        where = (
            f"but {_key_name(opener)} on line {opened.line + 1} starts with {_plural(outer)}; line up fields "
            f"that belong together, with the same number of spaces"
        )
    return f"wrong indentation: this line starts with {_plural(here)}, {where} (spaces only, two per level)"


def _list_indent_hint(line: str, opener: str, opened: StreamMark) -> str:
    inside = opened.column + 2
    return (
        f"wrong indentation: this line starts with {_plural(_spaces(line))}; in the list that starts on line "
        f"{opened.line + 1}, each item begins with '- ' after {_plural(opened.column)}, and the other fields "
        f"of an item line up under its first field, after {_plural(inside)}"
    )


def _not_a_field_hint(line: str) -> str:
    squeezed = re.match(r"^ *(?:- +)?(?P<key>[a-z][a-z0-9_]*):(?P<value>\S.*)$", line)
    if squeezed:
        return f"put a space after the colon: {squeezed['key']}: {squeezed['value']}"
    dash = re.match(r"^ *-(?P<item>[^\s-].*)$", line)
    if dash:
        return f"put a space after the dash that starts a list item: - {dash['item']}"
    return (
        "this line is neither 'field: value' nor a list item; start a list item with '- ' (a dash and a "
        "space), or join this line to the text above it"
    )


def _unclosed_list_hint(line: str, number: int) -> str:
    closed = line.rstrip().rstrip(",") + "]"
    return (
        f"the list that starts with '[' on line {number} is not closed; end it with ']' on that line: "
        f"{closed.strip()}"
    )
