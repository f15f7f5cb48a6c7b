"""The contributor commands: check's formats and exit codes, and the `new` scaffold."""

from __future__ import annotations

import json
import re
import shutil
import sys

from sitekit import ROOT, check, make_project, record_ids, run


def test_check_passes_on_a_good_project_and_says_so(tmp_path):
    project = make_project(tmp_path, copy_exercises=["clamshell"])
    result = check(project)
    assert result.returncode == 0
    assert result.stdout.strip() == "OK: 1 exercises checked, no problems."


def test_check_reports_every_problem_in_one_run(tmp_path):
    project = make_project(tmp_path, copy_exercises=["clamshell"])
    text = (project / "exercises" / "clamshell.yml").read_text()
    text = text.replace("level: beginner", "level: easy").replace(
        "position: lying-on-side", "position: side", 1
    )  # the record's, not the pose's
    (project / "exercises" / "clamshell.yml").write_text(text)
    (project / "exercises" / "broken.yml").write_text("id: broken\nname: [unclosed\n")
    result = check(project)
    assert result.returncode == 1
    assert "clamshell.yml:8:8: level: unknown level 'easy'" in result.stdout
    assert "clamshell.yml:7:11: position: unknown position 'side'" in result.stdout
    assert "broken.yml:3:1: (file): invalid YAML" in result.stdout
    assert result.stdout.rstrip().endswith("3 problems in 2 files.")


def test_json_and_github_formats(tmp_path):
    project = make_project(tmp_path, copy_exercises=["clamshell"])
    path = project / "exercises" / "clamshell.yml"
    path.write_text(path.read_text().replace("level: beginner", "level: easy"))
    data = json.loads(check(project, "--format", "json").stdout)
    assert data == [
        {
            "path": "exercises/clamshell.yml",
            "line": 8,
            "column": 8,
            "field": "level",
            "message": data[0]["message"],
        }
    ]
    assert data[0]["message"].startswith("unknown level 'easy';")
    github = check(project, "--format", "github").stdout.strip()
    assert re.fullmatch(
        r"::error file=exercises/clamshell.yml,line=8,col=8,title=level::unknown level 'easy';.*", github
    )


def new(project, *args):
    return run([sys.executable, "-m", "build_tools", "--root", str(project), "new", *args], cwd=project)


def test_new_writes_a_template_that_fails_until_filled_and_refuses_to_overwrite(tmp_path):
    project = make_project(tmp_path)
    result = new(project, "Side-lying hip abduction")
    assert result.returncode == 0, result.stderr
    path = project / "exercises" / "side-lying-hip-abduction.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/exercise-record.schema.json")
    assert "id: side-lying-hip-abduction" in text and "name: Side-lying hip abduction" in text
    failed = check(project)
    assert failed.returncode == 1
    assert "side-lying-hip-abduction.yml" in failed.stdout and "unknown type 'TODO'" in failed.stdout
    again = new(project, "Side-lying hip abduction")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text() == text


GOLDEN = ROOT / "tests" / "golden" / "errors"


def test_a_pose_found_sound_is_not_solved_again_until_it_or_the_figure_rules_change(tmp_path):
    shipped = record_ids("exercises")  # (wall-sit's ladder reaches most of them)
    project = make_project(tmp_path / "p", copy_exercises=shipped)
    remembered = project / ".cache" / "atlas" / "sound-poses.json"
    assert check(project).returncode == 0
    poses = len(json.loads(remembered.read_text())["sound"])
    assert poses == len(shipped)

    # A changed pose is solved again, and a pose with a problem is never remembered.
    sound_text = (project / "exercises" / "wall-sit.yml").read_text()
    bad_text = (GOLDEN / "pose-contact-not-met" / "exercises" / "wall-sit.yml").read_text()
    (project / "exercises" / "wall-sit.yml").write_text(bad_text)
    for _ in range(2):
        result = check(project)
        assert result.returncode == 1 and "'feet-on-floor' cannot be met in the 'end' frame" in result.stdout
    assert len(json.loads(remembered.read_text())["sound"]) == poses - 1

    # The same sound pose again is skipped; narrowing the knee's range in the vocabulary checks it afresh.
    (project / "exercises" / "wall-sit.yml").write_text(sound_text)
    assert check(project).returncode == 0
    joints = (ROOT / "vocabularies" / "figure-joints.yml").read_text()
    narrowed = joints.replace(
        "- id: knee_flexion\n  name: knee flexion\n  sided: true\n  min: 0\n  max: 150",
        "- id: knee_flexion\n  name: knee flexion\n  sided: true\n  min: 0\n  max: 60",
    )
    assert narrowed != joints
    other = make_project(tmp_path / "q", copy_exercises=shipped, vocabularies={"figure-joints.yml": narrowed})
    shutil.copytree(project / ".cache", other / ".cache")
    result = check(other)
    assert result.returncode == 1 and "knee_flexion" in result.stdout, result.stdout


def test_a_record_file_found_sound_is_taken_as_read_until_it_or_what_checks_it_changes(tmp_path):
    shipped = record_ids("exercises")
    project = make_project(tmp_path / "p", copy_exercises=shipped)
    exercises = project / "exercises"
    remembered = project / ".cache" / "atlas" / "sound-exercises.json"

    def kept() -> int:
        return len(json.loads(remembered.read_text())["records"])

    def check_afresh(where):
        command = [sys.executable, "-m", "build_tools", "--root", str(where), "check"]
        return run(command, cwd=where, env={"ATLAS_CACHE_DIR": str(tmp_path / "nothing-kept")})

    assert check(project).returncode == 0
    assert kept() == len(shipped)

    # A problem found between records, in a kept file, is reported as a fresh read reports it, line and all.
    strides = (exercises / "strides.yml").read_text()
    (exercises / "strides.yml").unlink()
    result = check(project)
    assert result.returncode == 1 and "exercises/a-skips.yml:45:" in result.stdout, result.stdout
    assert result.stdout == check_afresh(project).stdout
    (exercises / "strides.yml").write_text(strides)

    # A changed file is read again, and a file with a problem is never kept.
    clamshell = (exercises / "clamshell.yml").read_text()
    (exercises / "clamshell.yml").write_text(clamshell.replace("level: beginner", "level: easy"))
    for _ in range(2):
        result = check(project)
        assert result.returncode == 1 and "clamshell.yml:8:8: level: unknown level 'easy'" in result.stdout
    assert kept() == len(shipped) - 1
    (exercises / "clamshell.yml").write_text(clamshell)
    assert check(project).returncode == 0 and kept() == len(shipped)

    # The same bytes under another name are read again: the id no longer matches the file's name.
    (exercises / "clamshell-again.yml").write_text(clamshell)
    result = check(project)
    assert result.returncode == 1 and "does not match the file name 'clamshell-again.yml'" in result.stdout
    (exercises / "clamshell-again.yml").unlink()

    # A vocabulary that no longer has a word makes every file be read and checked afresh.
    levels = (ROOT / "vocabularies" / "levels.yml").read_text()
    without_advanced = levels[: levels.index("- id: advanced")]
    other = make_project(
        tmp_path / "q", copy_exercises=shipped, vocabularies={"levels.yml": without_advanced}
    )
    shutil.copytree(project / ".cache", other / ".cache")
    result = check(other)
    assert result.returncode == 1 and "back-squat.yml:8:8: level: unknown level 'advanced'" in result.stdout
    assert result.stdout == check_afresh(other).stdout

    # A damaged memory is set aside and written again.
    remembered.write_text('{"digest": ')
    assert check(project).returncode == 0 and kept() == len(shipped)
