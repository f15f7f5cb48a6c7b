"""The pose editor (/contribute/pose-editor/) in real headless Chromium: its script poses, places and
projects the figure as the build does (every named point within half a centimetre, on sample poses and on
every shipped exercise's keyframes); a slider moved by keyboard changes the drawing and the YAML; the YAML
means what the sliders show and passes `check` in a record; axe finds nothing serious, light or dark."""

from __future__ import annotations

import copy
import json
import math
from io import StringIO

import pytest
from ruamel.yaml import YAML
from sitekit import SHIPPED, Lazy, check, fixture_exercise, make_project
from test_accessibility import AXE, serious

from build_tools.data.figures.pose import pose_from_data
from build_tools.data.figures.rig import Rig
from build_tools.data.figures.scene import solve
from build_tools.data.figures.vocab import example_pose_data, load_figure_vocabulary
from build_tools.site.figures.shapes import project

pytestmark = pytest.mark.browser

TOLERANCE_CM = 0.5
LIBRARY = SHIPPED
FIGURES = Lazy(lambda: load_figure_vocabulary(LIBRARY.paths.vocabularies))
RIG = Lazy(lambda: Rig(FIGURES.value))
PAGE = "contribute/pose-editor/"
SAMPLES = {
    "standing": {
        "view": "side",
        "position": "standing",
        "contacts": ["feet-on-floor"],
        "keyframes": {"start": {}, "end": {"both": {"shoulder_flexion": 10, "elbow_flexion": 20}}},
    },
    "squat": {
        "view": "side",
        "position": "standing",
        "contacts": ["feet-on-floor"],
        "keyframes": {
            "start": {},
            "middle": {"both": {"hip_flexion": 50, "knee_flexion": 60, "ankle_dorsiflexion": 10}},
            "end": {
                "both": {"hip_flexion": 100, "knee_flexion": 120, "ankle_dorsiflexion": 20},
                "tilt": 25,
            },
        },
    },
    "side-lying clamshell": "clamshell",  # the shipped exercise's own pose
    "trunk flexion, rotation and tilt": {
        "view": "front",
        "position": "standing",
        "tilt": 12,
        "keyframes": {
            "start": {
                "both": {
                    "trunk_flexion": 35,
                    "trunk_rotation": -25,
                    "trunk_side_bend": 10,
                    "neck_flexion": 20,
                },
                "left": {
                    "hip_abduction": 20,
                    "hip_rotation": 30,
                    "shoulder_abduction": 90,
                    "shoulder_rotation": 60,
                    "elbow_flexion": 45,
                },
                "right": {
                    "hip_flexion": -20,
                    "knee_flexion": 60,
                    "ankle_dorsiflexion": -30,
                    "hip_rotation": -40,
                },
            },
            "end": {"both": {"trunk_rotation": 40, "shoulder_flexion": 120}, "tilt": -8},
        },
    },
    "three-quarter, on hands and knees": {
        "view": "three-quarter",
        "position": "all-fours",
        "contacts": ["hands-on-floor", "left-knee-on-floor"],
        "keyframes": {
            "start": {
                "both": {
                    "hip_flexion": 94,
                    "knee_flexion": 115,
                    "ankle_dorsiflexion": -60,
                    "shoulder_flexion": 90,
                },
                "tilt": -16,
            },
            "end": {"right": {"hip_abduction": 45, "hip_rotation": 20}, "left": {"shoulder_abduction": 30}},
        },
    },
}
# The script's answers for one pose block: each keyframe's angles, its points posed about the pelvis
# (Rig.pose), those points projected for the pose's view, and each keyframe placed in the room (solve).
SOLVE = """async (pose) => {
  const editor = await window.atlasPoseEditor.ready;
  return editor.keyframes(pose).map((k, i) => {
    const points = editor.solve({position: pose.position, angles: k.angles, tilt: pose.tilt || 0});
    const projected = Object.fromEntries(
      Object.entries(points).map(([n, p]) => [n, editor.project(pose.view, p)]));
    return {name: k.name, angles: k.angles, points, projected, placed: editor.place(pose)[i].points};
  });
}"""


def python_answers(data: dict) -> list[dict]:
    """The same answers from the build's own code."""
    pose = pose_from_data(data, FIGURES)
    scene = solve(pose, RIG, FIGURES)
    out = []
    for keyframe, index in zip(pose.keyframes, pose.keyframe_indexes(), strict=True):
        points = RIG.pose(pose.position, keyframe.angles, pose.tilt).points
        out.append(
            {
                "name": keyframe.name,
                "angles": keyframe.angles,
                "points": points,
                "projected": {n: project(pose.view, p) for n, p in points.items()},
                "placed": scene.bodies[index].points,
            }
        )
    return out


def disagreements(python: list[dict], script: list[dict]) -> list[str]:
    """Every keyframe, part and named point where the two differ by more than the tolerance (or where one
    names a point the other lacks)."""
    found = []
    assert [k["name"] for k in python] == [k["name"] for k in script]
    for ours, theirs in zip(python, script, strict=True):
        if ours["angles"] != pytest.approx(theirs["angles"]):
            found.append(f"{ours['name']}: angles {ours['angles']} != {theirs['angles']}")
        for part in ("points", "projected", "placed"):
            if set(ours[part]) != set(theirs[part]):
                found.append(f"{ours['name']} {part}: names differ: {set(ours[part]) ^ set(theirs[part])}")
                continue
            for name, p in ours[part].items():
                off = math.dist(p, theirs[part][name])
                if off > TOLERANCE_CM:
                    found.append(f"{ours['name']} {part} {name}: {off:.2f} cm apart")
    return found


@pytest.fixture
def editor(page, site_server):
    page.goto(site_server + PAGE)
    page.wait_for_selector("[data-pose-editor][data-pe-ready]")
    return page


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_script_poses_places_and_projects_as_the_build_does(editor, sample):
    data = SAMPLES[sample]
    if isinstance(data, str):
        data = json.loads(json.dumps(LIBRARY.exercises[data].pose))
    script = editor.evaluate(SOLVE, data)
    assert disagreements(python_answers(data), script) == []
    assert len(script[0]["points"]) > 40  # joints and every contact point, both sides


def test_every_shipped_exercise_and_starting_position_agrees_at_every_keyframe(editor):
    poses = {e.id: e.pose for e in LIBRARY.by_name()}
    poses |= {f"position {p.id}": example_pose_data(p) for p in FIGURES.positions.values()}
    wrong = {}
    for name, pose in poses.items():
        pose = json.loads(json.dumps(pose))
        found = disagreements(python_answers(pose), editor.evaluate(SOLVE, pose))
        if found:
            wrong[name] = found[:3]
    assert wrong == {}
    assert len(poses) == len(LIBRARY.exercises) + len(FIGURES.positions)


def test_the_comparison_sees_a_few_degrees(editor):
    """The tolerance is tight enough to catch a joint off by a few degrees (the test can fail)."""
    data = SAMPLES["trunk flexion, rotation and tilt"]
    bent = copy.deepcopy(data)
    bent["keyframes"]["start"]["right"]["knee_flexion"] += 3
    bent["keyframes"]["start"]["both"]["trunk_rotation"] += 2
    found = disagreements(python_answers(data), editor.evaluate(SOLVE, bent))
    assert any("right_ankle" in f for f in found) and any("left_shoulder" in f for f in found)


def test_every_joint_and_side_has_a_labelled_slider_with_the_joints_range(editor):
    for joint in FIGURES.joints.values():
        for angle in [f"{s}_{joint.id}" for s in ("left", "right")] if joint.sided else [joint.id]:
            slider = editor.locator(f"#pe-{angle}")
            assert slider.get_attribute("type") == "range"
            assert float(slider.get_attribute("min")) == joint.min, angle
            assert float(slider.get_attribute("max")) == joint.max, angle
            label = editor.locator(f"label[for='pe-{angle}']").inner_text()
            assert joint.id.split("_")[0] in label.lower(), (angle, label)
            assert editor.get_by_label(label, exact=True).count() == 1
            assert editor.locator(f"output[for='pe-{angle}']").inner_text().endswith("°")
            assert slider.bounding_box()["height"] >= 44
    tilt = editor.locator("#pe-tilt")
    assert (tilt.get_attribute("min"), tilt.get_attribute("max")) == ("-90", "90")


def _choose_clamshell_end(tab) -> None:
    tab.get_by_label("Start from").select_option(label="Clamshell")
    tab.get_by_label("End", exact=True).check()


def test_a_slider_moved_by_keyboard_changes_the_yaml_and_the_drawing(editor):
    _choose_clamshell_end(editor)
    yaml_before = editor.locator("#pe-yaml").input_value()
    drawing_before = editor.locator("[data-pe-body-drawing]").inner_html()
    assert "right: {hip_abduction: 20, hip_rotation: 35}" in yaml_before
    slider = editor.get_by_label("Right hip rotation", exact=True)
    slider.focus()
    for _ in range(3):
        editor.keyboard.press("ArrowRight")
    assert editor.locator("output[for='pe-right_hip_rotation']").inner_text() == "38°"
    assert slider.get_attribute("aria-valuetext") == "38 degrees"
    yaml_after = editor.locator("#pe-yaml").input_value()
    assert "right: {hip_abduction: 20, hip_rotation: 38}" in yaml_after
    assert yaml_after.replace("38", "35") == yaml_before
    assert editor.locator("[data-pe-body-drawing]").inner_html() != drawing_before
    assert editor.locator("[data-pe-ring]").get_attribute("display") == "inline"  # the moving joint
    editor.get_by_label("Start", exact=True).check()  # the start keyframe is as it was
    assert editor.locator("output[for='pe-right_hip_rotation']").inner_text() == "0°"


def test_the_yaml_means_what_the_sliders_show_and_passes_check(editor, tmp_path):
    _choose_clamshell_end(editor)
    editor.get_by_label("Use a middle keyframe").check()
    editor.get_by_label("Right knee flexion", exact=True).focus()
    editor.keyboard.press("ArrowLeft")
    text = editor.locator("#pe-yaml").input_value()
    pasted = YAML(typ="safe").load(text)
    assert list(pasted) == ["pose"] and list(pasted["pose"]["keyframes"]) == ["start", "middle", "end"]
    shown = editor.evaluate("atlasPoseEditor.keyframes(atlasPoseEditor.current())")
    for keyframe, sliders in zip(pose_from_data(pasted["pose"], FIGURES).keyframes, shown, strict=True):
        shown_angles = sliders["angles"]
        every = set(keyframe.angles) | set(shown_angles)
        assert {a: keyframe.angles.get(a, 0) for a in every} == {a: shown_angles.get(a, 0) for a in every}
    out = StringIO()
    YAML().dump({"pose": pasted["pose"]}, out)
    record = fixture_exercise(pose=pasted["pose"])
    project_dir = make_project(tmp_path, exercises={"fixture-exercise.yml": record})
    done = check(project_dir)
    assert done.returncode == 0, done.stdout + done.stderr + out.getvalue()


def test_copy_puts_the_yaml_on_the_clipboard(browser, site_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(site_server + PAGE)
        tab.wait_for_selector("[data-pose-editor][data-pe-ready]")
        tab.get_by_role("button", name="Copy the YAML").click()
        tab.wait_for_function("document.querySelector('[data-pe-status]').textContent.startsWith('Copied')")
        assert tab.evaluate("navigator.clipboard.readText()") == tab.locator("#pe-yaml").input_value()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_serious_axe_violations_and_it_fits_a_phone(browser, site_server, scheme, width, artifacts):
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(site_server + PAGE)
        tab.wait_for_selector("[data-pose-editor][data-pe-ready]")
        tab.get_by_label("Start from").select_option(label="Clamshell")
        assert serious(AXE.run(tab)) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways
        for control in (
            tab.get_by_label("Start from"),
            tab.get_by_label("View"),
            tab.get_by_role("button", name="Copy the YAML"),
        ):
            assert control.bounding_box()["height"] >= 44
        tab.screenshot(path=str(artifacts / f"pose-editor-{width}-{scheme}.png"))
    finally:
        context.close()
