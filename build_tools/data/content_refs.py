"""Find exercise ids named in macro calls inside content/*.md, so a misspelt id fails the check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from build_tools.data.model import relative_to
from build_tools.data.problems import Problem
from build_tools.data.suggest import did_you_mean

# Macro name -> (position, keyword) of its argument that holds one exercise id or a list of them.
EXERCISE_ID_ARGUMENTS: dict[str, tuple[int, str]] = {
    "exercise_link": (0, "exercise_id"),
    "compare_table": (0, "ids"),
}


def _id_constants(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, (nodes.List, nodes.Tuple)):
        for item in node.items:
            yield from _id_constants(item)


_JINJA = Environment()  # only parses: each page is read into a tree once, and the readers below walk it


def exercise_ids_in_markdown(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, macro, id) for every literal exercise id passed to a macro in source."""
    return _exercise_ids(_JINJA.parse(source))


def _exercise_ids(tree: nodes.Template) -> Iterator[tuple[int, str, str]]:
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in EXERCISE_ID_ARGUMENTS:
            continue
        position, keyword = EXERCISE_ID_ARGUMENTS[call.node.name]
        values = [call.args[position]] if len(call.args) > position else []
        values += [kw.value for kw in call.kwargs if kw.key == keyword]
        for value in values:
            for exercise_id in _id_constants(value):
                yield call.lineno, call.node.name, exercise_id


def _reference_ids(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """(line, id) for every literal source id passed to the references() macro."""
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "references":
            for value in call.args:
                for reference_id in _id_constants(value):
                    yield call.lineno, reference_id


def _macro_names(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """(line, name) for every plain function call, e.g. {{ exercise_lnk("x") }}."""
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name not in assigned:
            yield call.lineno, call.node.name


def content_reference_problems(
    content: Path,
    known_ids: set[str],
    root: Path,
    macro_names: set[str] | None = None,
    reference_ids: set[str] | None = None,
) -> list[Problem]:
    """A problem for each unknown macro, exercise id and source id in a content page's macro calls."""
    problems = []
    for path in sorted(content.rglob("*.md")):
        display = relative_to(path, root)
        source = path.read_text(encoding="utf-8")
        try:
            tree = _JINJA.parse(source)
        except TemplateSyntaxError as error:
            problems.append(
                Problem(display, error.lineno or 1, 1, "", f"macro syntax error: {error.message}")
            )
            continue
        for line, name in _macro_names(tree) if macro_names is not None else ():
            if macro_names is not None and name not in macro_names:
                problems.append(
                    Problem(
                        display,
                        line,
                        1,
                        name,
                        f"there is no macro called '{name}';"
                        f"{did_you_mean(name, macro_names)} the macros are listed on the Contribute page",
                    )
                )
        for line, reference_id in _reference_ids(tree) if reference_ids is not None else ():
            if reference_ids is not None and reference_id not in reference_ids:
                problems.append(
                    Problem(
                        display,
                        line,
                        1,
                        "references",
                        f"no source has the id '{reference_id}';{did_you_mean(reference_id, reference_ids)} "
                        f"ids are listed in vocabularies/references.yml",
                    )
                )
        for line, macro, exercise_id in _exercise_ids(tree):
            if exercise_id not in known_ids:
                problems.append(
                    Problem(
                        display,
                        line,
                        1,
                        macro,
                        f"no exercise has the id '{exercise_id}';{did_you_mean(exercise_id, known_ids)} "
                        f"ids are file names in exercises/ without .yml",
                    )
                )
    return problems
