"""Exercise figures in real headless Chromium: the drawing plays through every frame, the pause control stops
it, and without a script or under reduced motion the start and end stand side by side with the arrow."""

from __future__ import annotations

import shutil
import sys

import pytest
from PIL import Image
from sitekit import ROOT, run

pytestmark = pytest.mark.browser

# The one frame on screen, as the reader sees it (-1 - n when n frames show at once).
SHOWN = """() => {
  const shown = [...document.querySelectorAll('.atlas-figure-moving g.fr')]
    .map((g, i) => [i, getComputedStyle(g)])
    .filter(([, style]) => style.display !== 'none' && style.visibility === 'visible')
    .map(([i]) => i);
  return shown.length === 1 ? shown[0] : -1 - shown.length;
}"""


def _frames_seen(page, ms: int = 3000) -> set[int]:
    """Which frames the drawing shows over `ms` of (fake) time, looked at every slot."""
    seen = set()
    for _ in range(ms // 110):
        page.clock.run_for(110)
        seen.add(page.evaluate(SHOWN))
    return seen


def test_the_figure_plays_and_the_pause_control_stops_it(page, site_server, artifacts):
    page.clock.install()
    page.goto(site_server + "exercises/wall-sit/")
    page.clock.run_for(1000)  # the frames are fetched once the page is loaded and idle
    moving = page.locator(".atlas-figure-moving svg")
    moving.wait_for()
    assert moving.is_visible()
    assert page.locator(".atlas-figure-still").is_hidden()
    frames = page.locator(".atlas-figure-moving g.fr").count()
    assert frames >= 3
    assert _frames_seen(page) == set(range(frames))  # every frame shows in one loop, one at a time
    # The file's own CSS animation is off in the page, and the still it shows under reduced motion hidden.
    assert moving.evaluate("svg => svg.getAnimations({subtree: true}).length") == 0
    hidden = "s => [...s.querySelectorAll('.still')].every(g => getComputedStyle(g).display === 'none')"
    assert moving.evaluate(hidden)
    control = page.get_by_role("button", name="Pause the drawing")
    assert control.is_visible()
    assert control.bounding_box()["height"] >= 44
    control.click()
    assert page.get_by_role("button", name="Play the drawing").get_attribute("aria-pressed") == "true"
    assert len(_frames_seen(page)) == 1  # paused: one frame stays
    page.get_by_role("button", name="Play the drawing").click()
    assert len(_frames_seen(page)) > 1
    page.locator(".atlas-figure").screenshot(path=str(artifacts / "figure-wall-sit.png"))


def test_the_frames_are_fetched_only_when_the_drawing_may_move(browser, site_server):
    """The page carries the start and end; figure.svg comes only to play, never under reduced motion."""
    for motion, wanted in (("no-preference", True), ("reduce", False)):
        context = browser.new_context(reduced_motion=motion)
        tab = context.new_page()
        asked: list[str] = []
        tab.on("request", lambda request, asked=asked: asked.append(request.url))
        tab.goto(site_server + "exercises/wall-sit/", wait_until="load")
        if wanted:
            tab.locator(".atlas-figure-moving svg").wait_for()
        else:
            tab.wait_for_timeout(500)
        assert any(u.endswith("/exercises/wall-sit/figure.svg") for u in asked) is wanted, motion
        assert tab.locator(".atlas-figure template").count() == 0  # no inert copy in the page
        context.close()


def test_when_the_frames_cannot_be_fetched_the_page_keeps_start_and_end(browser, site_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.route("**/figure.svg", lambda route: route.abort())  # offline before the first visit
    tab.goto(site_server + "exercises/wall-sit/", wait_until="load")
    tab.wait_for_timeout(500)
    assert tab.locator(".atlas-figure-still svg").is_visible()
    assert tab.locator(".atlas-figure-moving svg").count() == 0
    assert tab.locator(".atlas-figure-pause").is_hidden()  # no control that would do nothing
    context.close()


def test_without_a_script_the_page_shows_start_and_end(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + "exercises/wall-sit/")
    assert tab.locator(".atlas-figure-still svg g.st").count() == 2
    assert tab.locator(".atlas-figure-still svg").is_visible()
    assert tab.locator(".atlas-figure-pause").is_hidden()  # no control that would do nothing
    context.close()


def test_reduced_motion_shows_start_and_end_side_by_side_with_the_arrow(browser, site_server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    tab = context.new_page()
    tab.clock.install()
    tab.goto(site_server + "exercises/straight-leg-raise/")
    tab.clock.run_for(1000)
    assert tab.locator(".atlas-figure-moving").is_hidden()
    assert tab.locator(".atlas-figure-pause").is_hidden()
    still = tab.locator(".atlas-figure-still svg")
    assert still.is_visible()
    frames = still.locator("g.st")
    assert frames.count() == 2
    first, second = (frames.nth(i).bounding_box() for i in range(2))
    assert first and second and second["x"] >= first["x"] + first["width"] * 0.5  # side by side
    assert still.locator("path.ar").count() == 1 and still.locator("path.ar").is_visible()
    text = tab.locator(".atlas-figure figcaption").inner_text()
    assert "right hip flexion goes from 0 to 40 degrees" in text
    tab.locator(".atlas-figure").screenshot(path=str(artifacts / "figure-straight-leg-raise-reduced.png"))
    context.close()


def test_the_figure_reads_in_dark_mode(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    tab = context.new_page()
    tab.goto(site_server + "exercises/wall-sit/")
    svg = tab.locator(".atlas-figure-moving svg")
    svg.wait_for()
    ink = svg.evaluate("s => getComputedStyle(s).color")
    page_background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert ink != page_background
    fill = svg.evaluate("s => getComputedStyle(s.querySelector('use.u')).fill")
    assert fill != "rgb(255, 255, 255)"  # limbs are filled with the dark page colour, not white
    context.close()


def test_the_contact_sheet_command_draws_the_figures_asked_for_and_names_a_mistyped_id(
    browser, tmp_path, artifacts
):
    """`python -m build_tools figures --sheet`: the illustrator's view of the figures (issue 14)."""
    command = [sys.executable, "-m", "build_tools", "--root", str(ROOT), "figures", "--sheet"]
    sheet = tmp_path / "sheet.png"
    drawn = run([*command, str(sheet), "--only", "clamshell,wall-sit"], cwd=ROOT)
    assert drawn.returncode == 0, drawn.stdout + drawn.stderr
    assert f"Wrote {sheet}: 2 figures." in drawn.stdout
    shutil.copy(sheet, artifacts / "figure-sheet-two.png")
    image = Image.open(sheet).convert("L")
    cell = image.crop((8, 8, 290, 190))  # the first of five columns: the clamshell's start and end
    assert sum(cell.histogram()[:100]) > 500, "line art drawn in the first cell"

    mistyped = run([*command, str(tmp_path / "none.png"), "--only", "clamshel"], cwd=ROOT)
    assert mistyped.returncode == 1
    assert "'clamshel' (did you mean 'clamshell'?)" in mistyped.stdout
    assert not (tmp_path / "none.png").exists()
