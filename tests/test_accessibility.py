"""Accessibility: axe-core finds no serious or critical violation on one page of every kind, in the light
and the dark palette, in real headless Chromium."""

from __future__ import annotations

from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from sitekit import ROOT

ROUTINE = sorted(p.stem for p in (ROOT / "routines").glob("*.yml"))[0]
PAGES = {
    "home": "",
    "condition": "conditions/patellofemoral-pain/",
    "condition with a signposting page": "conditions/back-of-knee-pain/",
    "condition new in issue 15": "conditions/pes-anserine-pain/",
    "back to running": "running/",
    "exercise": "exercises/step-up/",
    "exercise browser": "exercises/?condition=patellofemoral-pain",
    "muscle": "muscles/gluteus-medius/",
    "muscle group": "muscles/hips-and-glutes/",
    "equipment": "equipment/resistance-band/",
    "compare": "compare/",
    "routine": f"routines/{ROUTINE}/",
    "routine builder": "routines/builder/",
    "session": f"routines/session/?routine={ROUTINE}",
    "session chooser": "routines/session/",
    "log": "routines/log/",
    "safety": "about/safety/",
}
AXE = Axe()


def serious(results) -> list[str]:
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_axe_violations(browser, site_server, kind, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(site_server + PAGES[kind], wait_until="load")
        expected = "slate" if scheme == "dark" else "default"
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        assert serious(AXE.run(tab)) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_serious_axe_violations(browser, site_server, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(site_server, wait_until="load")
        tab.keyboard.press("/")  # Material's shortcut focuses the search box
        tab.keyboard.type("clam")
        tab.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert "Clamshell" in tab.inner_text(".md-search-result")
        assert serious(AXE.run(tab)) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_session_its_pain_question_and_a_filled_log_have_no_serious_axe_violations(
    browser, site_server, scheme
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.clock.install(time=datetime(2026, 12, 1, 18, 0))
        tab.goto(site_server + "routines/session/#e=wall-sit_1_5s&e=clamshell_1_1")
        tab.get_by_role("button", name="Start the hold").click()
        tab.clock.run_for(11_000)
        assert tab.get_by_role("heading", name="How much did it hurt?").is_visible()
        tab.get_by_role("radio", name="6", exact=True).check()
        assert serious(AXE.run(tab)) == []
        tab.get_by_role("button", name="Go on").click()
        assert serious(AXE.run(tab)) == []  # two counters side by side
        tab.get_by_role("button", name="Skip", exact=True).click()
        tab.get_by_role("button", name="Save to my log").click()
        tab.clock.fast_forward("24:00:00")
        tab.goto(site_server + "routines/log/")
        assert tab.get_by_role("img", name="Pain and sessions by week").is_visible()
        assert tab.get_by_text("How is the knee this morning compared with before the session?").is_visible()
        assert serious(AXE.run(tab)) == []
    finally:
        context.close()
