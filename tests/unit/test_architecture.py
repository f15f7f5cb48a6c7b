"""The package's shape (issue 13): no import cycle anywhere, no module too long to read in one sitting.
The layers themselves are import-linter contracts in pyproject.toml, run by `make static`."""

from __future__ import annotations

import grimp
from sitekit import ROOT


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("build_tools")
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.append(" -> ".join((importer, *back)))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_is_over_400_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in (ROOT / "build_tools").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long
