"""Exercise figures in real headless Chromium: the drawing plays, the pause control stops it, and under
reduced motion the start and end stand side by side with the arrow instead."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

RUNNING = "() => document.querySelector('.atlas-figure-moving svg').getAnimations({subtree: true})"


def _states(page) -> set[str]:
    return set(page.evaluate(f"() => ({RUNNING})().map(a => a.playState)"))


def test_the_figure_plays_and_the_pause_control_stops_it(page, site_server, artifacts):
    page.goto(site_server + "exercises/wall-sit/")
    moving = page.locator(".atlas-figure-moving svg")
    assert moving.is_visible()
    assert page.locator(".atlas-figure-still").is_hidden()
    assert _states(page) == {"running"}
    control = page.get_by_text("Pause the drawing")
    assert control.is_visible()
    control.click()
    assert _states(page) == {"paused"}
    assert page.get_by_text("Play the drawing").is_visible()
    page.get_by_text("Play the drawing").click()
    assert _states(page) == {"running"}
    page.locator(".atlas-figure").screenshot(path=str(artifacts / "figure-wall-sit.png"))


def test_reduced_motion_shows_start_and_end_side_by_side_with_the_arrow(browser, site_server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(site_server + "exercises/straight-leg-raise/")
    assert tab.locator(".atlas-figure-moving").is_hidden()
    assert tab.get_by_text("Pause the drawing").is_hidden()
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
    ink = svg.evaluate("s => getComputedStyle(s).color")
    page_background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert ink != page_background
    fill = svg.evaluate("s => getComputedStyle(s.querySelector('use.u')).fill")
    assert fill != "rgb(255, 255, 255)"  # limbs are filled with the dark page colour, not white
    context.close()
