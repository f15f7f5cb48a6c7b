"""The contributor's path: the ten likely mistakes and their messages, the `new` template, the editor set-up,
pre-commit, the GitHub workflows and the guide that ties them together.

The mistakes live in tests/golden/mistakes/: side-lying-leg-raise.yml is a correct record a newcomer made by
copying a shipped one; each folder holds that record with one mistake and what `check` prints for it, as
text, GitHub annotations and JSON. Refresh after an intended wording change with
`pytest tests/test_contributing.py --update-golden`, then read every changed file.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sitekit import ROOT, check, make_project, run

from build_tools.cli import main as cli
from build_tools.problems import Problem, format_github

MISTAKES = Path(__file__).parent / "golden" / "mistakes"
CORRECT = MISTAKES / "side-lying-leg-raise.yml"
CASES = sorted(p.name for p in MISTAKES.iterdir() if p.is_dir())
GOLDEN_FILES = {"text": "expected.txt", "github": "expected-github.txt", "json": "expected.json"}
SAFE_YAML = YAML(typ="safe", pure=True)

# Words from the parser or the validator that mean nothing to a physio editing their first data file.
JARGON = [
    "block mapping",
    "simple key",
    "scalar",
    "flow sequence",
    "mapping values",
    "additionalProperties",
    "oneOf",
    "anyOf",
    "is not of type",
    "is a required property",
    "Traceback",
    "NoneType",
    "dict",
    "str",
]
# Each message must tell the contributor what to do, with one of these verbs (or a did-you-mean).
FIX_WORDS = [
    "did you mean",
    "add ",
    "change ",
    "write ",
    "put ",
    "rename ",
    "replace ",
    "remove ",
    "use ",
    "line up",
    "set id",
]


def project_with(tmp_path: Path, case: str) -> Path:
    """A fixture project holding exactly the case's exercise files, byte for byte."""
    project = make_project(tmp_path / case)
    for source in (MISTAKES / case / "exercises").glob("*.yml"):
        shutil.copy(source, project / "exercises" / source.name)
    return project


def check_here(project: Path, *args: str) -> tuple[int, str]:
    """`python -m build_tools check` run in this process (fast): exit code and printed output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli(["--root", str(project), "check", *args])
    return code, out.getvalue()


def messages(text_report: str) -> list[str]:
    """The 'what is wrong' part of each line of a text report."""
    return [line.split(": ", 2)[2] for line in text_report.splitlines()[:-1]]


# -- The ten mistakes ----------------------------------------------------------------------------------------


def test_there_are_ten_mistakes():
    assert len(CASES) == 10, CASES


def test_the_correct_record_passes_check(tmp_path):
    project = make_project(tmp_path, exercises={CORRECT.name: CORRECT.read_text(encoding="utf-8")})
    code, output = check_here(project)
    assert code == 0, output


@pytest.mark.parametrize("case", CASES)
def test_each_case_is_the_correct_record_with_one_change(case):
    correct = CORRECT.read_text(encoding="utf-8").splitlines()
    broken = (MISTAKES / case / "exercises" / CORRECT.name).read_text(encoding="utf-8").splitlines()
    changes = [op for op in difflib.SequenceMatcher(None, correct, broken).get_opcodes() if op[0] != "equal"]
    assert len(changes) == 1, changes


@pytest.mark.parametrize("fmt", GOLDEN_FILES)
@pytest.mark.parametrize("case", CASES)
def test_check_prints_the_golden_report(case, fmt, tmp_path, update_golden):
    code, output = check_here(project_with(tmp_path, case), "--format", fmt)
    golden = MISTAKES / case / GOLDEN_FILES[fmt]
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert code == 1
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_gets_one_message_in_plain_words_that_says_what_to_change(case):
    report = (MISTAKES / case / "expected.txt").read_text(encoding="utf-8")
    assert report.endswith("1 problem in 1 file.\n"), report
    (message,) = messages(report)
    assert not [word for word in JARGON if re.search(rf"\b{re.escape(word)}\b", message)], message
    assert any(word in message for word in FIX_WORDS), message
    assert report.startswith("exercises/side-lying-leg-raise.yml:"), (
        "the message names the file the mistake is in"
    )


@pytest.mark.parametrize("case", CASES)
def test_annotations_and_json_carry_the_same_problems_as_the_text(case):
    text = (MISTAKES / case / "expected.txt").read_text(encoding="utf-8")
    problems = json.loads((MISTAKES / case / "expected.json").read_text(encoding="utf-8"))
    assert [str(Problem(**p)) for p in problems] == text.splitlines()[:-1]
    annotations = (MISTAKES / case / "expected-github.txt").read_text(encoding="utf-8").splitlines()
    assert len(annotations) == len(problems)
    for line, p in zip(annotations, problems, strict=True):
        assert line.startswith(f"::error file={p['path']},line={p['line']},col={p['column']},title="), line


def test_annotations_escape_what_github_would_misread():
    problem = Problem("exercises/a,b.yml", 3, 5, "dose.sets", "50% less: one\nline")
    assert format_github([problem]) == (
        "::error file=exercises/a%2Cb.yml,line=3,col=5,title=dose.sets::50%25 less: one%0Aline"
    )
    assert format_github([Problem("exercises/x.yml", 1, 1, "", "empty")]) == (
        "::error file=exercises/x.yml,line=1,col=1,title=file::empty"
    )


# -- More syntax hints than the ten golden cases cover -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: x\nlevel:beginner\nname: y\n",
            "2:1: (file): invalid YAML: put a space after the colon: level: beginner",
        ),
        (
            "steps:\n  - Lie down.\n  -Lift.\ncues: [x]\n",
            "3:3: (file): invalid YAML: put a space after the dash",
        ),
        (
            "steps:\n  - Lie down.\n  Lift the leg.\ncues: [x]\n",
            "3:3: (file): invalid YAML: this line is neither",
        ),
        (
            "cues:\n  - Tip: keep the knee soft.\n",
            "cues[0]: expected text, found a set of fields; the ': ' in the "
            'text made YAML read a field; put the whole text in double quotes: - "Tip: keep the knee soft."',
        ),
        (
            "equipment: [none, mat\nlevel: beginner\n",
            "invalid YAML: the list that starts with '[' on line 1 is not "
            "closed; end it with ']' on that line: equipment: [none, mat]",
        ),
        ("summary: 'Don't lock the knee'\n", "the text after 'summary:' starts with a quote mark"),
        (
            "conditions:\n  - condition: patellofemoral-pain\n   phases: [calm-down]\n",
            "3:4: (file): invalid YAML: wrong indentation: this line starts with 3 spaces; in the list that "
            "starts on line 2, each item begins with '- ' after 2 spaces",
        ),
        (
            "dose:\n  sets: three\n",
            "dose.sets: the text 'three' is not allowed here; expected a whole number",
        ),
        (
            "muscles:\n  primary: IT band\n",
            "muscles.primary: expected a list, found the text 'IT band'; write the "
            "words in square brackets: primary: [tfl-it-band]",
        ),
    ],
    ids=[
        "no-space-after-colon",
        "no-space-after-dash",
        "no-dash",
        "colon-in-list-item",
        "unclosed-list",
        "apostrophe-in-quotes",
        "list-item-indentation",
        "number-in-words",
        "muscle-as-text",
    ],
)
def test_more_common_slips_get_a_plain_hint(text, expected, tmp_path):
    code, output = check_here(make_project(tmp_path, exercises={"slip.yml": text}))
    assert code == 1
    assert expected in output, output
    assert not [word for word in JARGON[:5] if word in output], output


# -- The `new` template --------------------------------------------------------------------------------------


def new_exercise(project: Path, name: str) -> Path:
    result = run([sys.executable, "-m", "build_tools", "--root", str(project), "new", name], cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "exercises" / f"{result.stdout.split('exercises/')[1].split('.yml')[0]}.yml"


def test_the_new_template_fails_with_a_clear_message_at_every_placeholder(tmp_path):
    project = make_project(tmp_path)
    path = new_exercise(project, "Side-lying leg raise")
    placeholder_lines = {
        n
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    }
    result = check(project)
    assert result.returncode == 1
    reported = {}
    for line in result.stdout.splitlines()[:-1]:
        where, field, message = line.split(": ", 2)
        assert where.startswith("exercises/side-lying-leg-raise.yml:"), line
        reported[int(where.split(":")[1])] = message
    assert set(reported) == placeholder_lines, "exactly the TODO lines are reported"
    for message in reported.values():
        assert "still says TODO" in message or (
            "unknown" in message and "'TODO'" in message and "allowed" in message
        )


def test_the_new_template_passes_check_once_its_placeholders_are_filled(tmp_path):
    project = make_project(tmp_path)
    path = new_exercise(project, "Side-lying leg raise")
    yaml = YAML()  # round trip: the explanatory comments stay where they are
    data = yaml.load(path.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "exercise.schema.json").read_text(encoding="utf-8"))
    fill_placeholders(data, schema, schema)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    assert "TODO" not in "".join(
        line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/exercise.schema.json\n")


def fill_placeholders(value, subschema: dict, schema: dict) -> None:
    """Replace every TODO in value (in place) with a valid value chosen from what the schema allows there."""

    def resolve(sub: dict) -> dict:
        while "$ref" in sub:
            target = schema
            for part in sub["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            sub = {**target, **{k: v for k, v in sub.items() if k != "$ref"}}
        return sub

    def valid(sub: dict, key: object) -> object:
        sub = resolve(sub)
        if "enum" in sub:
            return sub["enum"][0]
        if key == "doi":
            return "10.2519/jospt.2019.0302"
        return "Lift the top leg slowly and lower it with control."

    subschema = resolve(subschema)
    pairs = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(pairs):
        child = (
            subschema.get("items", {})
            if isinstance(value, list)
            else subschema.get("properties", {}).get(key, {})
        )
        if isinstance(item, (dict, list)):
            fill_placeholders(item, child, schema)
        elif isinstance(item, str) and "TODO" in item:
            value[key] = valid(child, key)
