"""Accessibility: axe-core finds no serious or critical violation on one page of every kind, in the light
and the dark palette, in real headless Chromium."""

from __future__ import annotations

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
