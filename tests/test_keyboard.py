"""Keyboard only: every control of the exercise browser and the routine builder is reached with Tab, in real
headless Chromium, and works with the keyboard (no mouse anywhere in these tests); so do the areas of the home
page's knee diagram."""

from __future__ import annotations

import pytest
from sitekit import current_address

pytestmark = pytest.mark.browser

CONTROLS = "input:not([type=hidden]), select, textarea, button, a[href]"
# How a control is named in these tests: its id, the exercise its Add button adds, or its label.
KEY_OF = (
    "el => el.id || el.getAttribute('data-add') || el.getAttribute('aria-label') || el.textContent.trim()"
)


def tab_through(tab, scope: str, presses: int = 400) -> set[str]:
    """Press Tab from the top of the page; return the keys (id or text) of focused controls inside scope."""
    tab.locator("body").focus()
    reached: set[str] = set()
    for _ in range(presses):
        tab.keyboard.press("Tab")
        key = tab.evaluate(
            f"""scope => {{
                const el = document.activeElement;
                return el && el.closest(scope) ? ({KEY_OF})(el) : null;
            }}""",
            scope,
        )
        if key:
            reached.add(key)
    return reached


def controls_in(tab, scope: str) -> set[str]:
    return set(
        tab.evaluate(
            f"""([scope, selector]) => [...document.querySelector(scope).querySelectorAll(selector)]
                .filter(el => el.offsetParent !== null && !el.disabled)
                .map({KEY_OF})""",
            [scope, CONTROLS],
        )
    )


def test_every_browser_filter_is_reached_by_tab_and_works_from_the_keyboard(page, site_server):
    page.goto(site_server + "exercises/")
    scope = "article"
    filters = {c for c in controls_in(page, scope) if c.startswith("atlas-filter-")}
    assert len(filters) >= 7, filters  # name, condition, muscle, equipment, position, level, type
    assert filters <= tab_through(page, scope, presses=120)
    page.locator("#atlas-filter-level").focus()
    page.keyboard.press("ArrowDown")
    assert "level=" in current_address(page)


def test_every_builder_control_is_reached_by_tab_and_a_routine_is_built_by_keyboard(page, site_server):
    page.goto(site_server + "routines/builder/")
    page.locator("#builder-condition").focus()
    page.keyboard.press("ArrowDown")  # choose the first condition from the keyboard
    first_add = page.locator("#builder-catalogue button[data-add]").first
    first_add.focus()
    page.keyboard.press("Enter")
    page.locator("#builder-catalogue button[data-add]").nth(1).focus()
    page.keyboard.press("Enter")
    assert page.locator("#builder-chosen > li").count() == 2
    scope = "article"
    wanted = controls_in(page, "#builder-chosen") | {
        "builder-title",
        "builder-weeks",
        "builder-condition",
        "builder-equipment",
    }
    reached = tab_through(page, scope, presses=600)
    missing = sorted(wanted - reached)
    assert missing == [], f"not reachable with Tab: {missing}"


def test_tab_meets_every_knee_area_in_reading_order_and_enter_opens_the_new_ones(page, site_server):
    """The home page's knee (issue 15 adds the inside and the back): Tab meets all seven areas, in their
    numbering, and Enter on each new area opens its condition page."""
    page.goto(site_server)
    page.locator("body").focus()
    order: list[str] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        condition = page.evaluate(
            "() => document.activeElement.closest('figure.kn') "
            "? document.activeElement.dataset.condition : null"
        )
        if condition and condition not in order:
            order.append(condition)
        if len(order) == 7:
            break
    assert order == [
        "patellofemoral-pain",
        "patellar-tendinopathy",
        "it-band-syndrome",
        "mcl-sprain",
        "pes-anserine-pain",
        "back-of-knee-pain",
        "knee-osteoarthritis",
    ]
    for condition in ("mcl-sprain", "pes-anserine-pain", "back-of-knee-pain"):
        page.goto(site_server)
        page.locator(f'a[data-condition="{condition}"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/conditions/{condition}/")
