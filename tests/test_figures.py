"""Figures drawn from poses: the geometry holds (contacts, floor, props, segment lengths, the drawn knee
angle), every exercise is posed, drawings are cached, self-contained and within budget."""

from __future__ import annotations

import gzip
import math
import re

import pytest
from ruamel.yaml import YAML
from sitekit import ROOT, SHIPPED, Lazy, build, fixture_exercise, make_project, record_ids

from build_tools.data.figures.pose import pose_from_data
from build_tools.data.figures.rig import SEGMENT_ENDS, Rig
from build_tools.data.figures.scene import TOLERANCE_CM, samples, solve
from build_tools.data.figures.vocab import load_figure_vocabulary
from build_tools.site.figures.render import _DRAWN, render, still_frames
from build_tools.site.figures.shapes import project
from build_tools.site.figures.site import describe

LIBRARY = SHIPPED
FIGURES = Lazy(lambda: load_figure_vocabulary(LIBRARY.paths.vocabularies))
RIG = Lazy(lambda: Rig(FIGURES.value))
POSES = Lazy(
    lambda: {e.id: pose_from_data(e.pose, FIGURES.value) for e in LIBRARY.exercises.values() if e.pose}
)


def test_every_exercise_has_a_pose():
    assert sorted(POSES) == sorted(LIBRARY.exercises)


@pytest.mark.parametrize("exercise_id", record_ids("exercises"))
def test_contacts_hold_at_every_keyframe_within_a_centimetre(exercise_id):
    pose = POSES[exercise_id]
    scene = solve(pose, RIG, FIGURES)
    keyframes = dict(zip(pose.keyframe_indexes(), pose.keyframes, strict=True))
    heights = {"floor": 0.0}
    for i, keyframe in keyframes.items():
        body = scene.bodies[i]
        for contact_id in (*pose.contacts, *keyframe.contacts):
            contact = FIGURES.contacts[contact_id]
            if contact.surface != "floor":
                continue
            for point in contact.points:
                assert abs(body.points[point][1] - heights["floor"]) <= TOLERANCE_CM, (keyframe.name, point)
    assert [m for m in scene.misses if m.frame in keyframes and m.contact] == []


@pytest.mark.parametrize("exercise_id", record_ids("exercises"))
def test_nothing_goes_through_the_floor(exercise_id):
    scene = solve(POSES[exercise_id], RIG, FIGURES)
    for body in scene.bodies:
        lowest = min(p[1] for p in samples(RIG, body).values())
        assert lowest >= -2.0  # an outline may touch the floor line, never sink below it


@pytest.mark.parametrize("exercise_id", record_ids("exercises"))
def test_segment_lengths_stay_the_same_in_every_frame(exercise_id):
    scene = solve(POSES[exercise_id], RIG, FIGURES)
    first = scene.bodies[0].points
    for body in scene.bodies[1:]:
        for a, b in SEGMENT_ENDS.values():
            assert math.dist(body.points[a], body.points[b]) == pytest.approx(
                math.dist(first[a], first[b]), abs=1e-6
            )


def test_the_thigh_and_shank_have_the_published_proportions():
    body = RIG.pose("standing", {})
    height = RIG.height
    assert math.dist(body.points["right_hip"], body.points["right_knee"]) == pytest.approx(0.245 * height)
    assert math.dist(body.points["right_knee"], body.points["right_ankle"]) == pytest.approx(0.246 * height)
    assert body.points["right_ankle"][1] - body.points["right_heel"][1] == pytest.approx(0.039 * height)


@pytest.mark.parametrize("knee", [0, 30, 60, 90, 120])
def test_a_side_view_draws_the_knee_angle_the_pose_gives(knee):
    body = RIG.pose("standing", {"right_hip_flexion": 40, "right_knee_flexion": knee})
    hip, kn, ankle = (project("side", body.points[n])[:2] for n in ("right_hip", "right_knee", "right_ankle"))
    thigh = math.atan2(kn[1] - hip[1], kn[0] - hip[0])
    shank = math.atan2(ankle[1] - kn[1], ankle[0] - kn[0])
    drawn = abs(math.degrees(thigh - shank))
    assert drawn == pytest.approx(knee, abs=2)


def test_a_wall_sit_has_its_back_on_the_wall_and_thighs_near_level():
    scene = solve(POSES["wall-sit"], RIG, FIGURES)
    end = scene.bodies[-1].points
    wall = next(p.wall_x for p in scene.props if p.wall_x is not None)
    assert abs(end["sacrum"][0] - wall) <= 1 and abs(end["upper_back"][0] - wall) <= 1
    thigh = math.degrees(
        math.atan2(end["right_knee"][1] - end["right_hip"][1], end["right_knee"][0] - end["right_hip"][0])
    )
    assert abs(thigh) <= 15


def test_a_straight_leg_raise_lifts_a_locked_knee_to_about_the_other_knee():
    scene = solve(POSES["straight-leg-raise"], RIG, FIGURES)
    end = scene.bodies[-1].points
    assert POSES["straight-leg-raise"].keyframes[-1].angles.get("right_knee_flexion", 0) == 0
    assert abs(end["right_knee"][1] - end["left_knee"][1]) <= 20


def test_a_calf_raise_lifts_the_heels_and_keeps_the_toes_down():
    scene = solve(POSES["calf-raise"], RIG, FIGURES)
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    assert end["right_heel"][1] - start["right_heel"][1] >= 5
    assert abs(end["right_toe"][1]) <= 1


def test_a_clamshell_opens_the_top_knee():
    scene = solve(POSES["clamshell"], RIG, FIGURES)
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    gap = [math.dist(b["left_knee"], b["right_knee"]) for b in (start, end)]
    assert gap[1] - gap[0] >= 10
    assert math.dist(end["left_ankle"], end["right_ankle"]) <= 15  # the feet stay together


def test_drawings_are_cached_by_pose():
    pose = POSES["wall-sit"]
    first = render(pose, FIGURES, mode="still", prefix="cache")
    count = len(_DRAWN)
    assert render(pose, FIGURES, mode="still", prefix="cache") is first
    assert len(_DRAWN) == count


@pytest.mark.parametrize("mode", ["animated", "still", "pair"])
def test_the_drawing_is_self_contained_and_uses_the_text_colour(mode):
    svg = render(POSES["step-up"], FIGURES, mode=mode, prefix="t")
    assert svg.startswith("<svg") and "currentColor" in svg
    assert not re.search(r"(?:href|src)=\"(?:https?:|//)", svg)
    assert "<script" not in svg


def test_every_figure_fits_the_budget():
    sizes = {eid: len(render(p, FIGURES, mode="animated", prefix="b").encode()) for eid, p in POSES.items()}
    assert max(sizes.values()) <= 40_000, max(sizes.items(), key=lambda kv: kv[1])
    page_cost = {
        eid: len(
            gzip.compress(
                (
                    render(p, FIGURES, mode="animated", prefix="fa")
                    + render(p, FIGURES, mode="pair", prefix="fp")
                ).encode()
            )
        )
        for eid, p in POSES.items()
    }
    assert max(page_cost.values()) <= 15_000


def test_the_timeline_a_page_plays_shows_each_frame_as_the_css_animation_does():
    svg = render(POSES["wall-sit"], FIGURES, mode="animated", prefix="tl")
    frames = re.findall(r'<g class="fr (tlf\d+)"', svg)
    assert frames == [f"tlf{i}" for i in range(len(frames))] and len(frames) >= 2
    timeline = [int(n) for n in re.search(r'data-timeline="([^"]+)"', svg).group(1).split()]
    slot_ms = int(re.search(r'data-slot-ms="(\d+)"', svg).group(1))
    assert set(timeline) == set(range(len(frames))) and timeline[0] == 0
    cycle = float(re.search(r"animation:([\d.]+)s step-end infinite", svg).group(1))
    assert abs(len(timeline) * slot_ms / 1000 - cycle) < 0.05  # one loop, played by script or by CSS
    # A page's script marks it `played`: its own animation stops and only the frame marked `on` shows.
    assert ".atlas-fig.played .fr{animation:none;display:none}" in svg
    assert ".atlas-fig.played .fr.on{display:inline;visibility:visible}" in svg


def test_the_hip_thrusts_upper_back_rests_on_the_bench_and_ends_flat():
    scene = solve(POSES["hip-thrust"], RIG, FIGURES)
    bench = next(p.box for p in scene.props if p.prop == "chair")
    for i in POSES["hip-thrust"].keyframe_indexes():
        back = scene.bodies[i].points["upper_back"]
        assert abs(back[1] - bench[2]) <= TOLERANCE_CM and bench[0] <= back[0] <= bench[1]
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    assert start["seat"][1] <= 12  # the hips start low, near the floor
    trunk = math.degrees(math.atan2(end["neck"][1] - end["pelvis"][1], end["pelvis"][0] - end["neck"][0]))
    assert abs(trunk) <= 10  # flat from the shoulders to the hips at the top


def test_the_ball_sits_between_the_lower_back_and_the_wall_and_rolls_up_the_back():
    scene = solve(POSES["ball-wall-squat"], RIG, FIGURES)
    wall = next(p.wall_x for p in scene.props if p.wall_x is not None)
    balls = [next(p.circle for p in scene.props_at(i) if p.prop == "ball") for i in range(len(scene.bodies))]
    start = scene.bodies[0].points
    cx, cy, r = balls[0]
    assert abs(cx - r - wall) <= 0.5  # against the wall
    assert abs(math.dist(start["lower_back"], (cx, cy, 0.0)) - r) <= TOLERANCE_CM
    end = scene.bodies[-1].points
    assert balls[-1][1] < cy  # it rolled down the wall, half as far as the back went
    assert balls[-1][1] - end["lumbar"][1] > cy - start["lumbar"][1]  # so it sits higher up the back


HOPS = ["pogo-hops", "two-leg-hops", "single-leg-hop", "bounds", "skipping", "drop-landing", "a-skips"]


@pytest.mark.parametrize("exercise_id", HOPS)
def test_a_hops_middle_frame_has_both_feet_off_the_floor(exercise_id):
    pose = POSES[exercise_id]
    scene = solve(pose, RIG, FIGURES)
    middle = pose.keyframe_indexes()[1]
    assert pose.keyframes[1].airborne and not pose.contacts
    feet = [scene.bodies[middle].points[f"{s}_{p}"][1] for s in ("left", "right") for p in ("heel", "toe")]
    assert min(feet) >= 4.0, feet
    assert pose.keyframes[0].contacts and pose.keyframes[-1].contacts  # taking off and landing
    assert min(p[1] for p in samples(RIG, scene.bodies[-1]).values()) <= TOLERANCE_CM


def test_the_still_drawings_show_a_hops_flight_and_point_the_arrow_to_it():
    pose = POSES["pogo-hops"]
    pair = render(pose, FIGURES, mode="pair", prefix="hop")
    assert pair.count('<g class="st"') == 3  # take-off, flight, landing
    scene = solve(pose, RIG, FIGURES)
    shown, peak = still_frames(pose, scene)
    assert peak == pose.keyframe_indexes()[1] and shown == pose.keyframe_indexes()


def test_stepping_off_a_box_lands_in_front_of_it():
    scene = solve(POSES["drop-landing"], RIG, FIGURES)
    step = next(p.box for p in scene.props if p.prop == "step")
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    assert abs(start["right_heel"][1] - step[2]) <= TOLERANCE_CM
    assert end["right_heel"][0] > step[1] and abs(end["right_heel"][1]) <= TOLERANCE_CM


def _plate(scene, i):
    return next(part.shapes[0] for part in scene.props_at(i) if part.shapes)


def test_the_leg_press_plate_stays_under_the_feet_and_slides_on_a_straight_rail():
    pose = POSES["leg-press"]
    scene = solve(pose, RIG, FIGURES)
    seat = next(p for p in scene.props if p.box)
    assert seat.prop == "leg-press" and seat.box[2] == 45
    centres = []
    for i, body in enumerate(scene.bodies):
        face = _plate(scene, i)[:2]  # the face the feet press on
        (ax, ay, _), (bx, by, _) = face
        for foot in ("right_heel", "right_toe", "left_heel", "left_toe"):
            x, y, _ = body.points[foot]
            off = abs((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / math.hypot(bx - ax, by - ay)
            assert off <= (TOLERANCE_CM if i in pose.keyframe_indexes() else 3.0)
        centres.append(((ax + bx) / 2, (ay + by) / 2))
    assert math.dist(centres[0], centres[-1]) >= 20  # the legs push the plate well away
    (x0, y0), (x1, y1) = centres[0], centres[-1]
    for x, y in centres:  # on the line from the first to the last
        assert abs((x - x0) * (y1 - y0) - (y - y0) * (x1 - x0)) / math.dist(centres[0], centres[-1]) <= 3.0


def test_the_hack_squat_pad_slides_down_along_the_back_with_the_feet_on_the_plate():
    pose = POSES["hack-squat"]
    scene = solve(pose, RIG, FIGURES)
    plate = next(p.box for p in scene.props if p.box)
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    for body in (start, end):
        assert abs(body["right_heel"][1] - plate[2]) <= TOLERANCE_CM
        assert plate[0] <= body["right_heel"][0] <= body["right_toe"][0] <= plate[1]
    (sx, sy, _), (ux, uy, _), (ex, ey, _) = start["sacrum"], start["upper_back"], end["sacrum"]
    assert math.degrees(abs(math.atan2(uy - sy, ux - sx) - math.atan2(sy - ey, sx - ex))) <= 3
    assert start["sacrum"][1] - end["sacrum"][1] >= 20  # it goes well down
    assert end["right_knee"][1] > end["right_hip"][1] - 25  # to about a right angle at the knee


@pytest.mark.parametrize("exercise_id", ["spanish-squat", "terminal-knee-extension", "four-way-hip"])
def test_a_band_moves_with_the_body_and_stays_tied_to_its_post(exercise_id):
    pose = POSES[exercise_id]
    scene = solve(pose, RIG, FIGURES)
    around = pose.prop("band").params["around"]
    ends = set()
    for i, body in enumerate(scene.bodies):
        band = next(p.line for p in scene.props_at(i) if p.prop == "band")
        assert math.dist(band[0], body.points[around]) <= 0.01
        ends.add(tuple(round(v, 3) for v in band[1]))
    assert len(ends) == 1  # the tied end stays put
    post = next(p.strokes[0] for p in scene.props if p.prop == "band")
    assert post[0][1] == 0 and post[1][1] > band[1][1]  # a post from the floor past the knot


@pytest.mark.parametrize("exercise_id", ["plank", "side-plank", "copenhagen-side-plank"])
def test_a_plank_starts_with_the_hips_down_and_lifts_them(exercise_id):
    scene = solve(POSES[exercise_id], RIG, FIGURES)
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    assert end["pelvis"][1] - start["pelvis"][1] >= 8


def test_the_copenhagen_plank_rests_the_top_knee_on_a_bench():
    pose = POSES["copenhagen-side-plank"]
    scene = solve(pose, RIG, FIGURES)
    bench = next(p.box for p in scene.props if p.prop == "chair")
    for i in pose.keyframe_indexes():
        knee = scene.bodies[i].points["right_knee_inside"]
        assert abs(knee[1] - bench[2]) <= TOLERANCE_CM and bench[0] <= knee[0] <= bench[1]


def test_the_decline_squat_stands_on_a_slant_board_toes_down():
    pose = POSES["decline-squat"]
    scene = solve(pose, RIG, FIGURES)
    board = next(p.shapes[0] for p in scene.props if p.prop == "slant-board")
    (bx, by, _), (tx, ty, _) = board[0], board[1]
    assert math.degrees(math.atan2(by - ty, tx - bx)) == pytest.approx(25, abs=0.5)
    for body in (scene.bodies[0].points, scene.bodies[-1].points):
        drop = body["right_heel"][1] - body["right_toe"][1]
        run = body["right_toe"][0] - body["right_heel"][0]
        assert math.degrees(math.atan2(drop, run)) == pytest.approx(25, abs=2)


def test_a_single_leg_squat_to_a_bench_taps_the_seat_behind():
    pose = POSES["modified-single-leg-squat"]
    scene = solve(pose, RIG, FIGURES)
    chair = next(p.box for p in scene.props if p.prop == "chair")
    start, end = scene.bodies[0].points, scene.bodies[-1].points
    assert chair[1] < start["right_heel"][0]  # behind the standing foot
    assert abs(end["seat"][1] - chair[2]) <= TOLERANCE_CM and chair[0] <= end["seat"][0] <= chair[1]


def test_the_mini_squat_rests_the_hands_on_the_chair_back():
    scene = solve(POSES["mini-squat"], RIG, FIGURES)
    chair = next(p for p in scene.props if p.prop == "chair")
    back_top = chair.strokes[0][1]
    for body in (scene.bodies[0].points, scene.bodies[-1].points):
        assert abs(body["right_hand"][1] - back_top[1]) <= TOLERANCE_CM
        assert abs(body["right_hand"][0] - back_top[0]) <= 3


@pytest.mark.parametrize("exercise_id", ["foam-roll-calves", "foam-roll-it-band", "foam-roll-quadriceps"])
def test_foam_rolling_moves_the_body_along_the_roller(exercise_id):
    scene = solve(POSES[exercise_id], RIG, FIGURES)
    roller = next(p.circle for p in scene.props if p.prop == "foam-roller")
    knee = [scene.bodies[i].points["left_knee"][0] - roller[0] for i in (0, -1)]
    assert abs(knee[1] - knee[0]) >= 10


@pytest.mark.parametrize("exercise_id", ["standing-it-band-stretch", "standing-hip-abduction"])
def test_a_wall_in_a_front_view_stands_beside_the_figure_under_its_hand(exercise_id):
    pose = POSES[exercise_id]
    scene = solve(pose, RIG, FIGURES)
    wall = next(p for p in scene.props if p.wall_x is not None)
    assert wall.wall_axis == 2  # beside the body, not the page itself
    hand = next(c for c in pose.contacts if c.endswith("hand-on-wall")).split("-")[0] + "_hand"
    for i in pose.keyframe_indexes():
        assert abs(scene.bodies[i].points[hand][2] - wall.wall_x) <= TOLERANCE_CM
        assert abs(scene.bodies[i].points["pelvis"][2] - wall.wall_x) >= 20


def test_the_text_alternative_says_a_hop_leaves_the_floor_and_names_both_sides_once():
    hop = describe(POSES["pogo-hops"], FIGURES, "Pogo hops")
    assert "middle frame the feet are off the floor, 8 cm up" in hop and "holds still" not in hop
    thrust = describe(POSES["hip-thrust"], FIGURES, "Hip thrust")
    assert "hip flexion of both sides goes from 84 to -4 degrees" in thrust and "left hip" not in thrust


def test_the_pose_new_writes_for_each_position_holds_its_contacts():
    misses = {}
    for position in sorted(FIGURES.positions):  # (the library loads inside the test, not at collection)
        block = YAML(typ="safe").load(FIGURES.positions[position].example)
        pose = pose_from_data({"view": "side", "position": position, **block}, FIGURES)
        scene = solve(pose, RIG, FIGURES)
        keyframes = pose.keyframe_indexes()
        found = [m for m in scene.misses if m.frame in keyframes or m.contact is None]
        if found:
            misses[position] = found
    assert misses == {}


def test_a_build_copies_kept_drawings_and_draws_a_changed_exercise_again(tmp_path):
    wall_sit = YAML(typ="safe").load((ROOT / "exercises" / "wall-sit.yml").read_text(encoding="utf-8"))
    record = {"posed.yml": fixture_exercise("posed", pose=wall_sit["pose"])}
    project = make_project(tmp_path / "p", exercises=record)
    cache = tmp_path / "cache"
    assert build(project, cache=cache).returncode == 0
    (entry,) = (cache / "figures" / "posed").glob("*.json")
    key = entry.stem
    kept = cache / "figures" / "posed" / f"{key}.still.svg"
    site_still = project / "site" / "exercises" / "posed" / "figure-still.svg"
    assert site_still.read_bytes() == kept.read_bytes() and b"<svg" in kept.read_bytes()

    # An unchanged exercise's drawings are the kept files, copied (marked here to tell them apart).
    kept.write_text('<svg xmlns="http://www.w3.org/2000/svg"><!-- kept --></svg>', encoding="utf-8")
    assert build(project, cache=cache).returncode == 0
    assert "<!-- kept -->" in site_still.read_text(encoding="utf-8")

    # A new name is a new key: drawn again, and the old key's files are gone.
    renamed = {"posed.yml": fixture_exercise("posed", name="Posed again", pose=wall_sit["pose"])}
    make_project(tmp_path / "p", exercises=renamed)
    assert build(project, cache=cache).returncode == 0
    assert "<!-- kept -->" not in site_still.read_text(encoding="utf-8")
    assert "Posed again" in site_still.read_text(encoding="utf-8")
    assert not list((cache / "figures" / "posed").glob(f"{key}*"))
