"""Golden tests: each bad input gives exactly the recorded message, names file, line and field, and
stops both `check` and `mkdocs build` without a traceback or a touched site.

Cases live in tests/golden/errors/<case>/ (exercises/*.yml, optional content/*.md, routines/*.yml and
vocabularies/*.yml, which replace the shipped files of that name, and published-ids.yml) with expected.txt.
Refresh after an intended wording change with `pytest tests/test_error_messages.py --update-golden`.
`check` runs in the test's process and `mkdocs build` in a process forked from one that has imported
MkDocs (sitekit.check_here, forkbuild.py): the same commands, without starting Python 138 times.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sitekit import build_forked, check_here, make_project

GOLDEN = Path(__file__).parent / "golden" / "errors"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
MESSAGE = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<what>.+)$", re.M
)


def project_for(case: str, tmp_path: Path) -> Path:
    source = GOLDEN / case
    exercises = {
        p.name: p.read_bytes().decode("utf-8", "surrogateescape") for p in (source / "exercises").glob("*")
    }
    pages = (
        {
            p.relative_to(source / "content").as_posix(): p.read_text()
            for p in (source / "content").rglob("*.md")
        }
        if (source / "content").exists()
        else {}
    )
    project = make_project(tmp_path / "project", pages=pages)
    for p in (source / "exercises").glob("*"):
        shutil.copy(p, project / "exercises" / p.name)  # byte for byte (one case is not UTF-8)
    for p in (source / "routines").glob("*"):
        (project / "routines").mkdir(exist_ok=True)
        shutil.copy(p, project / "routines" / p.name)
    if (source / "vocabularies").exists():
        shipped = (project / "vocabularies").resolve()
        (project / "vocabularies").unlink()  # a link to the shipped folder: copy it, then replace files
        shutil.copytree(shipped, project / "vocabularies")
        for p in (source / "vocabularies").glob("*"):
            shutil.copy(p, project / "vocabularies" / p.name)
    if (source / "published-ids.yml").exists():
        shutil.copy(source / "published-ids.yml", project / "published-ids.yml")
    del exercises
    return project


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_golden_message(case, tmp_path, update_golden):
    project = project_for(case, tmp_path)
    result = check_here(project)
    expected_file = GOLDEN / case / "expected.txt"
    if update_golden:
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == expected_file.read_text(encoding="utf-8")
    messages = list(MESSAGE.finditer(result.stdout))
    assert messages, "every problem is reported as path:line:column: field: message"
    for m in messages:
        folders = ("exercises/", "content/", "routines/", "vocabularies/", "published-ids.yml")
        assert m["path"].startswith(folders), m.group(0)
        assert int(m["line"]) >= 1 and int(m["column"]) >= 1


@pytest.mark.parametrize("case", CASES)
def test_mkdocs_build_stops_and_keeps_the_old_site(case, tmp_path):
    project = project_for(case, tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good site")
    result = build_forked(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    first_problem = (GOLDEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first_problem in result.output
    assert (site / "index.html").read_text() == "previous good site"
    # No staging folder is left behind (.site-cache is the test's own cache, which check writes too).
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-") and p.name != ".site-cache"]
    assert leftovers == []
