"""What check and the build remember between runs: a record file found sound is not read again."""

from __future__ import annotations

import subprocess

from sitekit import ROOT, make_project, record_ids

from build_tools.data import records
from build_tools.data.library import ProjectPaths, load_library


def test_a_record_file_found_sound_is_not_read_again_and_gives_the_same_record(tmp_path, monkeypatch):
    shipped = record_ids("exercises")
    project = make_project(tmp_path / "project", copy_exercises=shipped)
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "kept"))
    monkeypatch.setenv("ATLAS_WORKERS", "1")  # read here, where the reads are counted
    read: list[str] = []
    read_yaml = records.read_yaml
    monkeypatch.setattr(
        records,
        "read_yaml",
        lambda path, display, raw=None: read.append(path.name) or read_yaml(path, display, raw),
    )

    first = load_library(ProjectPaths.at(project))
    assert sorted(read) == sorted(f"{exercise_id}.yml" for exercise_id in shipped)
    read.clear()
    again = load_library(ProjectPaths.at(project))
    assert read == []
    assert again.exercises == first.exercises

    wall_sit = project / "exercises" / "wall-sit.yml"
    wall_sit.write_text(wall_sit.read_text().replace("name: Wall sit", "name: Wall squat hold"))
    changed = load_library(ProjectPaths.at(project))
    assert read == ["wall-sit.yml"]
    assert changed.exercises["wall-sit"].name == "Wall squat hold"


def test_no_cache_is_committed():
    """What a cache holds is trusted without being checked again (a record's data, a sound pose, a drawing
    put into pages), so a cache committed to the repository could carry what `check` refuses."""
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--", ".cache", "**/.cache/**"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked == []
