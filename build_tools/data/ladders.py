"""Progression ladders: the easier-to-harder graph between exercises.

A record may name harder exercises (progressions) and easier ones (regressions). Both are read as
edges of one graph, easier -> harder, so the two lists can never disagree silently: a pair given both
ways is reported, and so is any cycle.
"""

from __future__ import annotations

from build_tools.data.problems import Problem
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import JsonPath, YamlDocument

Edge = tuple[str, str]  # (easier, harder)


def ladder_problems(documents: dict[str, YamlDocument]) -> tuple[set[Edge], list[Problem]]:
    """The graph's edges, and problems for unknown ids, self-links, contradictions and cycles."""
    edges: dict[Edge, tuple[YamlDocument, JsonPath]] = {}
    problems: list[Problem] = []
    for exercise_id, doc in documents.items():
        for field, is_harder in (("progressions", True), ("regressions", False)):
            ids = doc.data.get(field)
            if not isinstance(ids, list):
                continue
            for i, other in enumerate(ids):
                if not isinstance(other, str):
                    continue
                if other == exercise_id:
                    problems.append(
                        doc.problem_at(
                            (field, i), f"an exercise cannot be its own {field[:-1]}; remove '{other}'"
                        )
                    )
                elif other not in documents:
                    problems.append(
                        doc.problem_at(
                            (field, i),
                            f"no exercise has the id '{other}';{did_you_mean(other, documents)} "
                            f"ids are file names in exercises/ without .yml",
                        )
                    )
                else:
                    edge = (exercise_id, other) if is_harder else (other, exercise_id)
                    edges.setdefault(edge, (doc, (field, i)))
    for (easier, harder), (doc, path) in sorted(edges.items()):
        if (harder, easier) in edges and easier < harder:
            other_doc = edges[(harder, easier)][0]
            problems.append(
                doc.problem_at(
                    path,
                    f"'{easier}' and '{harder}' disagree: each is listed as harder than the other "
                    f"(see also {other_doc.display}); keep one direction",
                )
            )
    problems += _cycle_problems(edges)
    return set(edges), problems


def _cycle_problems(edges: dict[Edge, tuple[YamlDocument, JsonPath]]) -> list[Problem]:
    graph: dict[str, list[str]] = {}
    for easier, harder in sorted(edges):
        if (harder, easier) not in edges:  # two-way pairs are reported above
            graph.setdefault(easier, []).append(harder)
    state: dict[str, int] = {}
    problems = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt]
                doc, path = edges[(node, nxt)]
                problems.append(
                    doc.problem_at(
                        path,
                        "progressions go round in a circle: "
                        + " -> ".join(cycle)
                        + "; a ladder must go from easier to harder only",
                    )
                )
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return problems


def ladders_from_edges(edges: set[Edge]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each exercise's harder (progressions) and easier (regressions) neighbours, sorted."""
    harder: dict[str, list[str]] = {}
    easier: dict[str, list[str]] = {}
    for low, high in sorted(edges):
        harder.setdefault(low, []).append(high)
        easier.setdefault(high, []).append(low)
    return ({k: tuple(v) for k, v in harder.items()}, {k: tuple(v) for k, v in easier.items()})
