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
import html as html_lib
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
from build_tools.data.problems import Problem, format_github

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
    schema = json.loads((ROOT / "schemas" / "exercise-record.schema.json").read_text(encoding="utf-8"))
    fill_placeholders(data, schema, schema)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    assert "TODO" not in "".join(
        line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    result = check(project)
    assert result.returncode == 0, result.stdout
    modeline = "# yaml-language-server: $schema=../schemas/exercise-record.schema.json\n"
    assert path.read_text().startswith(modeline)


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


# -- GitHub workflows, pull request template and issue forms -------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The commands the README (and the Makefile it points to) gives, which the workflows must use as they are.
README_COMMANDS = ["make test", "python -m build_tools check", "mkdocs build --strict"]


def workflow(name: str) -> dict:
    return SAFE_YAML.load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def run_lines(data: dict) -> list[str]:
    """Every `run:` command in a workflow."""
    return [step["run"] for job in data["jobs"].values() for step in job.get("steps", []) if "run" in step]


def test_workflow_files_are_valid_yaml_with_jobs():
    assert [p.name for p in WORKFLOWS] == ["checks.yml", "publish.yml"]
    for path in WORKFLOWS:
        data = SAFE_YAML.load(path.read_text(encoding="utf-8"))
        assert {"name", "on", "jobs"} <= set(data), path.name
        for job in data["jobs"].values():
            assert job["runs-on"] and job["steps"], path.name


@pytest.mark.parametrize("command", README_COMMANDS)
def test_pull_requests_run_the_readme_commands(command):
    documented = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "Makefile").read_text(
        encoding="utf-8"
    )
    assert command in documented, f"the README/Makefile no longer gives `{command}`"
    checks = workflow("checks.yml")
    assert "pull_request" in checks["on"]
    assert any(command in line for line in run_lines(checks)), f"checks.yml does not run `{command}`"


def test_pull_requests_run_every_pre_commit_hook():
    assert any(".venv/bin/pre-commit run --all-files" in line for line in run_lines(workflow("checks.yml")))


def test_check_reports_as_annotations_on_pull_requests():
    lines = run_lines(workflow("checks.yml"))
    assert any("python -m build_tools check --format github" in line for line in lines)


def test_main_is_built_strictly_and_deployed_to_github_pages():
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    build_steps = data["jobs"]["build"]["steps"]
    assert any("mkdocs build --strict" in step.get("run", "") for step in build_steps)
    uploads = [
        step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert uploads and uploads[0]["with"]["path"] == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_every_action_is_pinned_to_a_release():
    for path in WORKFLOWS:
        for job in SAFE_YAML.load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step[
                        "uses"
                    ]


def test_pull_request_template_carries_the_content_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for rule in [
        "own words",
        "DOI",
        "CC0",
        "CC BY-SA",
        "cautions",
        "out of 10",
        "python -m build_tools check",
        "make serve",
        "make test",
    ]:
        assert rule in text, rule
    assert text.count("- [ ]") >= 8


def test_issue_forms_exist_and_offer_every_condition():
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    suggest = SAFE_YAML.load((forms / "suggest-an-exercise.yml").read_text(encoding="utf-8"))
    report = SAFE_YAML.load((forms / "report-a-problem.yml").read_text(encoding="utf-8"))
    assert suggest["name"] == "Suggest an exercise"
    assert report["name"] == "Report a problem with an exercise"
    for form in (suggest, report):
        assert any(item.get("validations", {}).get("required") for item in form["body"])
    conditions = SAFE_YAML.load((ROOT / "vocabularies" / "conditions.yml").read_text(encoding="utf-8"))
    (dropdown,) = [item for item in suggest["body"] if item.get("id") == "conditions"]
    assert dropdown["attributes"]["options"][:-1] == [c["name"] for c in conditions]


# -- pre-commit ----------------------------------------------------------------------------------------------

PRE_COMMIT = SAFE_YAML.load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS = [hook for repo in PRE_COMMIT["repos"] for hook in repo["hooks"]]


def test_every_pre_commit_hook_is_pinned():
    for repo in PRE_COMMIT["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v?\d+(\.\d+)+|[0-9a-f]{40}", str(repo.get("rev", ""))), repo
            continue
        for hook in repo["hooks"]:
            if hook["language"] == "python":
                deps = hook.get("additional_dependencies", [])
                assert deps and all(re.fullmatch(r"[\w.-]+==[\w.]+", d) for d in deps), hook["id"]
            else:  # a system hook runs the project's own code in the locked environment from `make install`
                assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/"), hook["id"]


def test_pre_commit_ruff_is_the_locked_ruff():
    locked = re.search(r"^ruff==([\w.]+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M)
    pins = {d for hook in HOOKS for d in hook.get("additional_dependencies", []) if d.startswith("ruff==")}
    assert pins == {f"ruff=={locked[1]}"}


def test_pre_commit_runs_the_hooks_the_project_promises():
    entries = {hook["entry"] for hook in HOOKS}
    for wanted in [
        "trailing-whitespace-fixer",
        "end-of-file-fixer",
        "check-yaml",
        "ruff check",
        "ruff format",
        ".venv/bin/python -m build_tools check",
    ]:
        assert any(entry.startswith(wanted) for entry in entries), wanted


# -- Editor help ---------------------------------------------------------------------------------------------

MODELINE = "# yaml-language-server: $schema=../schemas/exercise-record.schema.json\n"


def test_vscode_maps_the_schema_and_recommends_the_yaml_extension():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/exercise-record.schema.json"] == ["exercises/*.yml"]
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_every_record_and_the_template_name_their_schema_on_the_first_line():
    template = ROOT / "build_tools" / "authoring" / "templates" / "new-exercise.yml.j2"
    for path in [template, *sorted((ROOT / "exercises").glob("*.yml"))]:
        assert path.read_text(encoding="utf-8").startswith(MODELINE), path.name


def test_every_vocabulary_field_offers_its_words_to_editors():
    schema = json.loads((ROOT / "schemas" / "exercise-record.schema.json").read_text(encoding="utf-8"))
    for name in ["muscle", "equipment", "condition", "phase", "type", "position", "level", "knee_load"]:
        assert schema["$defs"][name]["enum"], name


def test_editorconfig_indents_yaml_with_two_spaces():
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text and "indent_style = space" in text
    section = text.split("[*.{yml,yaml,", 1)[1].split("\n[", 1)[0]
    assert "indent_size = 2" in section


# -- The guide -----------------------------------------------------------------------------------------------

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PAGE = (ROOT / "content" / "contribute" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "needed",
    [
        "python -m build_tools new",
        "python -m build_tools check",
        "make serve",
        "pull request",
        "own words",
        "DOI",
        "CC0-1.0",
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "Stop if",
        "pain limit",
        "redhat.vscode-yaml",
        ".editorconfig",
        "pre-commit",
    ],
)
def test_the_guide_covers_each_step_and_rule(needed):
    assert needed in GUIDE


def test_the_guide_explains_every_field_of_the_schema():
    schema = json.loads((ROOT / "schemas" / "exercise-record.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    fields = set(schema["properties"])
    for nested in (
        schema["properties"]["muscles"],
        schema["properties"]["compare"],
        defs["dose"],
        defs["frequency"],
        defs["media"],
        schema["properties"]["conditions"]["items"],
    ):
        fields |= set(nested["properties"])
    table = GUIDE.split("## 3. Fill in the fields", 1)[1].split("\n## ", 1)[0]
    missing = sorted(f for f in fields if f"`{f}`" not in table and f"`{f}:`" not in table)
    assert not missing, f"explain these fields in CONTRIBUTING.md step 3: {missing}"


def test_the_messages_the_guide_quotes_are_the_ones_check_prints():
    table = GUIDE.split("## 4. Check it", 1)[1].split("\n## ", 1)[0]
    quoted = [
        row.split(" | ")[1].rstrip(" |…").strip()
        for row in table.splitlines()
        if row.startswith("| `") or row.startswith("| a ")
    ]
    golden = "".join(p.read_text(encoding="utf-8") for p in MISTAKES.glob("*/expected.txt"))
    assert len(quoted) >= 5
    for message in quoted:
        assert message in golden, message


def test_the_contribute_page_includes_the_guide_and_a_shipped_record():
    includes = re.findall(r'^--8<-- "([^"]+)"$', PAGE, re.M)
    assert includes == [
        "CONTRIBUTING.md:write",
        "exercises/side-lying-hip-abduction.yml",
        "CONTRIBUTING.md:share",
    ]
    for section in ("write", "share"):
        assert f"<!-- --8<-- [start:{section}] -->" in GUIDE and f"<!-- --8<-- [end:{section}] -->" in GUIDE
    assert "](macros.md)" in PAGE, "the page links to the content macros"
    # Included text is shown on the site, where links relative to the repository would break.
    for section in ("write", "share"):
        part = GUIDE.split(f"[start:{section}]", 1)[1].split(f"[end:{section}]", 1)[0]
        assert not re.search(r"\]\((?!https://|#)", part), f"use absolute links in the '{section}' part"


def test_the_built_contribute_page_shows_the_steps_and_the_record(shipped_site):
    html = shipped_site.page("contribute")
    record = (ROOT / "exercises" / "side-lying-hip-abduction.yml").read_text(encoding="utf-8")
    assert "--8<--" not in html
    for heading in [
        "The content rules",
        "3. Fill in the fields",
        "A complete example",
        "4. Check it",
        "6. Open a pull request",
        "Editor help",
    ]:
        assert heading in html, heading
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    for line in record.splitlines()[1:4]:  # id, name, aliases, as written in the file
        assert line in text, line
