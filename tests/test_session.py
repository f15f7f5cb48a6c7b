"""The guided session in real headless Chromium, with Playwright's clock so holds and rests pass at once:
started from a routine page and from the builder, counted, timed, reloaded and resumed, made easier, and
saved to the log with its pain scores. Also: the session's data gives every line the dose its sheet prints."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect
from sitekit import ROOT, SHIPPED

from build_tools.data.model import dose_text
from build_tools.site.session import session_data
from build_tools.site.sheets import sheet_sections

LIBRARY = SHIPPED
EVENING = "#t=Evening&w=6&e=wall-sit_2_10s&e=clamshell_1_3"


def test_every_session_line_gives_the_dose_its_sheet_prints():
    data = session_data(LIBRARY)
    for routine in LIBRARY.routines.values():
        printed = [line.dose for part in sheet_sections(routine, LIBRARY.exercises) for line in part.lines]
        lines = [line for section in data["routines"][routine.id]["sections"] for line in section["lines"]]
        assert [line["dose"] for line in lines] == printed
        for line in lines:  # the numbers the timers use say the same as the words
            words = dose_text(line["sets"], line["reps"], line["hold"], line["perSide"], line["timed"])
            assert words == line["dose"], routine.id


def test_the_session_uses_the_safety_pages_pain_rule_words():
    safety = (ROOT / "content" / "about" / "safety.md").read_text(encoding="utf-8")
    template = (ROOT / "site-overrides" / "atlas" / "pain-rule.html").read_text(encoding="utf-8")
    for words in (
        "Carry on. This is where most sessions should be.",
        "Carry on, but do not make it harder yet. It must pass the after-checks below.",
        "Stop this exercise. Next time, make it easier: fewer reps, less weight or less bend.",
    ):
        assert words in safety and words in template
    for numbers in ("**0 to 2** out of 10", "**3 to 5** out of 10", "**6 to 10** out of 10"):
        html = numbers.replace("**", "<strong>", 1).replace("**", "</strong>", 1)
        assert numbers in safety and html in template


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    tab = context.new_page()
    tab.clock.install(time=datetime(2026, 12, 1, 18, 0))
    tab.clock.pause_at(datetime(2026, 12, 1, 18, 0, 1))  # from here time moves only when a test moves it
    yield context, tab
    context.close()


def live(tab) -> str:
    tab.clock.run_for(
        300
    )  # timers are checked every 250 ms; the live region is filled 30 ms after it is cleared
    return tab.locator("#session-live").text_content()


def stored_log(tab) -> dict:
    return json.loads(tab.evaluate("localStorage.getItem('atlas-log')"))


def test_a_routine_page_starts_a_session_with_its_sheets_dose(phone, site_server):
    _, tab = phone
    tab.goto(site_server + "routines/eight-key-exercises/")
    sheet_dose = tab.locator(".sheet-exercise .sheet-dose").first.evaluate(
        "cell => cell.firstChild.textContent.trim()"
    )  # (a space parts the dose from its note, for search; the cell shows them on two lines)
    sheet_note = tab.locator(".sheet-exercise .sheet-dose-note").first.text_content()
    tab.get_by_role("link", name="Start session").click()
    expect(tab.get_by_role("heading", level=2, name="Straight leg raise")).to_be_visible()
    assert tab.locator("[data-dose]").text_content() == sheet_dose == "3 × 15–20 each side"
    assert tab.locator("[data-dose-note]").text_content() == sheet_note != ""
    assert tab.locator("[data-progress]").text_content() == "Exercise 1 of 8 · set 1 of 3"
    # Per side: both sides side by side, each with its own large counter.
    left = tab.get_by_role("button", name="Count a rep, left side: 0 of 15 done")
    right = tab.get_by_role("button", name="Count a rep, right side: 0 of 15 done")
    for button in (left, right):
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    assert left.bounding_box()["y"] == right.bounding_box()["y"]
    # Its drawing shows (a picture that loaded), and its name links to its page.
    figure = tab.locator("[data-figure] img")
    expect(figure).to_be_visible()
    tab.wait_for_function("document.querySelector('[data-figure] img').complete")
    assert figure.evaluate("img => img.naturalWidth") > 0, figure.get_attribute("src")
    link = tab.locator("[data-exercise-link]").get_attribute("href")
    assert tab.request.get(urljoin(tab.url, link)).ok, link


def test_holds_rests_reps_pain_and_a_reload_in_the_middle(phone, site_server):
    _, tab = phone
    tab.goto(site_server + "routines/builder/" + EVENING)
    builder_doses = tab.locator("[data-sheet-rows] .sheet-dose").evaluate_all(
        "cells => cells.map(c => c.firstChild.textContent)"
    )
    tab.get_by_role("link", name="Start session").click()
    expect(tab.get_by_role("heading", level=2, name="Wall sit")).to_be_visible()
    assert tab.locator("[data-dose]").text_content() == builder_doses[0] == "2 × 10 s hold"

    # A hold: get ready, then the count, then a beep, and the rest between sets.
    tab.get_by_role("button", name="Start the hold").click()
    assert "Get ready" in live(tab)
    assert tab.locator("[data-clock]").text_content().startswith("Get ready: ")
    tab.clock.run_for(5_000)
    assert live(tab) == "Hold for 10 seconds."
    assert tab.locator("[data-clock]").text_content() == "10 s"
    tab.clock.run_for(10_000)
    expect(tab.get_by_role("heading", level=2, name="Rest")).to_be_visible()
    assert tab.locator("[data-session]").get_attribute("data-beeps") == "1"
    assert live(tab) == "Set 1 done. Rest for 120 seconds."

    # A reload in the middle of the rest resumes it, and the time kept running meanwhile.
    tab.clock.run_for(30_000)
    tab.reload()
    expect(tab.get_by_role("heading", level=2, name="Rest")).to_be_visible()
    assert tab.locator("[data-rest-clock]").text_content() == "90 s"  # 120 s less the 30 s before the reload
    tab.clock.run_for(90_000)
    expect(tab.get_by_role("heading", level=2, name="Wall sit")).to_be_visible()
    assert tab.locator("[data-progress]").text_content() == "Exercise 1 of 2 · set 2 of 2"
    assert live(tab) == "Rest over. Set 2 of 2."
    tab.get_by_role("button", name="Start the hold").click()
    tab.clock.run_for(15_500)  # get ready 5 s, hold 10 s, and the next 250 ms check

    # Pain after the exercise, answered with the pain rule's zone.
    expect(tab.get_by_role("heading", level=2, name="How much did it hurt?")).to_be_visible()
    tab.get_by_role("group", name="Knee pain during Wall sit, from 0 to 10").get_by_role(
        "radio", name="2", exact=True
    ).check()
    expect(tab.locator("[data-panel=pain] [data-zone=green]")).to_be_visible()
    tab.get_by_role("button", name="Go on").click()

    # Reps on both sides, counted by tapping, announced politely.
    expect(tab.get_by_role("heading", level=2, name="Clamshell")).to_be_visible()
    assert tab.locator("[data-dose]").text_content() == builder_doses[1] == "1 × 3 each side"
    for side in ("left", "right"):
        for n in range(3):
            tab.get_by_role("button", name=f"Count a rep, {side} side: {n} of 3 done").click()
        assert live(tab) == f"All 3 reps done on the {side} side."
    tab.get_by_role("button", name="Set done").click()
    tab.get_by_role("group", name="Knee pain during Clamshell, from 0 to 10").get_by_role(
        "radio", name="4", exact=True
    ).check()
    expect(tab.locator("[data-panel=pain] [data-zone=amber]")).to_be_visible()
    tab.get_by_role("button", name="Go on").click()

    tab.get_by_role("group", name="Knee pain overall in this session, from 0 to 10").get_by_role(
        "radio", name="3", exact=True
    ).check()
    tab.get_by_role("button", name="Save to my log").click()
    expect(tab.get_by_role("heading", level=2, name="Saved to your log")).to_be_visible()
    [session] = stored_log(tab)["sessions"]
    assert session["routine"]["title"] == "Evening" and session["pain_overall"] == 3
    assert [(e["exercise"], e["sets_done"], e["pain"], e["status"]) for e in session["exercises"]] == [
        ("wall-sit", 2, 2, "done"),
        ("clamshell", 1, 4, "done"),
    ]
    assert session["next_morning"] is None
    assert tab.evaluate("localStorage.getItem('atlas-session')") is None


def test_too_hard_swaps_in_the_easier_version_and_skip_moves_on(phone, site_server):
    _, tab = phone
    tab.goto(site_server + "routines/session/#e=step-up_1_2&e=glute-bridge_1_2")
    expect(tab.get_by_role("heading", level=2, name="Step-up")).to_be_visible()
    tab.get_by_role("button", name="Too hard? Try an easier one").click()
    expect(tab.get_by_role("heading", level=2, name="Wall sit")).to_be_visible()
    assert tab.locator("[data-swapped]").text_content() == "The easier version of Step-up."
    wall_sit = LIBRARY.exercises["wall-sit"].dose.amount
    assert tab.locator("[data-dose]").text_content() == wall_sit
    assert live(tab) == f"Swapped in an easier version: Wall sit. {wall_sit}."
    tab.reload()  # the swap is part of the saved state
    expect(tab.get_by_role("heading", level=2, name="Wall sit")).to_be_visible()
    tab.get_by_role("button", name="Skip", exact=True).click()
    expect(tab.get_by_role("heading", level=2, name="Glute bridge")).to_be_visible()
    tab.get_by_role("button", name="Back", exact=True).click()
    expect(tab.get_by_role("heading", level=2, name="Wall sit")).to_be_visible()


def test_every_session_control_works_from_the_keyboard(phone, site_server):
    _, tab = phone
    tab.goto(site_server + "routines/session/#e=glute-bridge_1_2")
    tab.get_by_role("button", name="Count a rep: 0 of 2 done").focus()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Space")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Count a rep: 2 of 2 done"
    tab.get_by_role("button", name="Set done").focus()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("heading", level=2, name="How much did it hurt?")).to_be_focused()
    tab.keyboard.press("Tab")
    tab.keyboard.press("ArrowRight")  # radio buttons: arrows move the choice
    assert tab.evaluate("document.querySelector('input[name=pain-exercise]:checked').value") == "1"


def finish_a_short_session(tab, site_server) -> None:
    tab.goto(site_server + "routines/session/#t=Quick&e=glute-bridge_1_1")
    tab.get_by_role("button", name="Count a rep: 0 of 1 done").click()
    tab.get_by_role("button", name="Set done").click()
    tab.get_by_role("radio", name="1", exact=True).check()
    tab.get_by_role("button", name="Go on").click()
    tab.get_by_role("button", name="Save to my log").click()
    expect(tab.get_by_role("heading", level=2, name="Saved to your log")).to_be_visible()


QUESTION = "How is the knee this morning compared with before the session?"


def test_the_morning_question_comes_on_a_later_day_and_maps_to_the_pain_rule(phone, site_server):
    _, tab = phone
    finish_a_short_session(tab, site_server)
    tab.goto(site_server)
    assert tab.get_by_text(QUESTION).count() == 0, "not on the same day"

    tab.clock.fast_forward("14:00:00")  # 08:00 the next morning
    tab.goto(site_server + "exercises/step-up/")
    question = tab.get_by_role("region", name=QUESTION)
    expect(question).to_be_visible()
    assert "Your last session: Quick" in question.text_content()
    question.get_by_role("button", name="Worse: more pain or stiffness").click()
    outcome = question.locator("[data-morning-outcome=worse]")
    expect(outcome).to_be_focused()
    assert "Ease back one rung." in outcome.text_content()
    assert "Go back one step next time" in outcome.text_content()  # the safety page's words
    assert stored_log(tab)["sessions"][0]["next_morning"]["answer"] == "worse"

    tab.goto(site_server)
    assert tab.get_by_text(QUESTION).count() == 0, "asked once"
    tab.goto(site_server + "routines/log/")
    assert tab.locator("[data-log-sessions] tbody td").nth(3).text_content() == "Worse"


def test_much_worse_says_see_someone_with_the_red_flags(phone, site_server):
    _, tab = phone
    finish_a_short_session(tab, site_server)
    tab.clock.fast_forward("24:00:00")
    tab.goto(site_server + "compare/")
    tab.get_by_role("button", name="Much worse, or swollen, locking or giving way").click()
    outcome = tab.locator("[data-morning-outcome=much-worse]")
    assert "See someone." in outcome.text_content()
    flags = outcome.locator(".atlas-red-flags")
    expect(flags).to_contain_text("Red flags: stop the exercises and get checked")
    href = flags.get_by_role("link").first.get_attribute("href")
    assert href.startswith(site_server + "conditions/something-else/")


def test_the_pain_rules_next_morning_words_are_the_safety_pages():
    safety = " ".join((ROOT / "content" / "about" / "safety.md").read_text(encoding="utf-8").split())
    template = " ".join((ROOT / "site-overrides" / "atlas" / "morning-question.html").read_text().split())
    for words in (
        "you can keep going, and make it a little harder when you are in the green zone",
        "the load was too much. Go back one step next time",
        "fewer reps, less weight or less bend",
        "Stop the exercises",
    ):
        assert words.lower() in safety.lower() and words.lower() in template.lower(), words


def test_a_figure_shows_when_the_exercise_has_one():
    from dataclasses import replace

    from build_tools.data.model import Media
    from build_tools.site.session import figure_path

    clamshell = LIBRARY.exercises["clamshell"]
    assert clamshell.pose, "every exercise is posed, so every session step can show its drawing"
    assert figure_path(clamshell) == "exercises/clamshell/figure.svg"
    assert figure_path(replace(clamshell, pose=None, media=())) is None
    drawn = replace(clamshell, pose=None, media=(Media("media/clamshell.svg", "", "CC-BY-SA-4.0", "Atlas"),))
    assert figure_path(drawn) == "media/clamshell.svg"


def test_the_screen_is_kept_awake_while_a_session_runs(phone, site_server):
    _, tab = phone
    # Record what the session asks of the Screen Wake Lock API (the real request still runs).
    tab.add_init_script(
        """
        window.wakeRequests = [];
        if (navigator.wakeLock) {
          const request = navigator.wakeLock.request.bind(navigator.wakeLock);
          navigator.wakeLock.request = (type) => { window.wakeRequests.push(type); return request(type); };
        }
        """
    )
    tab.goto(site_server + "routines/eight-key-exercises/")
    assert tab.evaluate("window.wakeRequests") == []  # a routine page does not hold the screen on
    tab.get_by_role("link", name="Start session").click()
    expect(tab.get_by_role("heading", level=2, name="Straight leg raise")).to_be_visible()
    assert tab.evaluate("'wakeLock' in navigator") and tab.evaluate("window.wakeRequests") == ["screen"]
