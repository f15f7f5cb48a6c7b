"""The site in real headless Chromium: sortable tables, the exercise browser's filters, search, layout.

Uses the shipped site (built once) served on 127.0.0.1; screenshots land in test-artifacts/ for people to
look at.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sitekit import SHIPPED, current_address

LIBRARY = SHIPPED
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _column(page, table, index: int, attribute: str = "data-sort") -> list[str]:
    return table.locator(f"tbody tr td:nth-child({index})").evaluate_all(
        f"cells => cells.map(c => c.getAttribute('{attribute}'))"
    )


def _visible_cards(page) -> list[dict]:
    return page.locator("#atlas-browser-results li[data-level]").evaluate_all(
        "cards => cards.filter(c => !c.hidden && c.offsetParent !== null).map(c => ({...c.dataset}))"
    )


def test_comparison_table_sorts_by_a_column_heading(page, site_server):
    page.goto(site_server + "compare/")
    table = page.locator("article table").last
    heading = table.locator("thead th", has_text="Level")
    levels = list(LIBRARY.vocab.levels)
    heading.click()
    ascending = _column(page, table, 3)
    assert ascending == sorted(ascending) and len(set(ascending)) > 1
    assert heading.get_attribute("aria-sort") == "ascending"
    names = table.locator("tbody tr td:nth-child(1)").all_inner_texts()
    first_level = LIBRARY.vocab.levels[levels[int(ascending[0])]].name
    assert table.locator("tbody tr").first.locator("td").nth(2).inner_text() == first_level
    heading.click()
    assert _column(page, table, 3) == sorted(ascending, reverse=True)
    assert heading.get_attribute("aria-sort") == "descending"
    table.locator("thead th", has_text="Exercise").click()
    sorted_names = table.locator("tbody tr td:nth-child(1)").all_inner_texts()
    assert sorted_names == sorted(names, key=str.lower)


def test_browser_filters_narrow_the_cards_and_survive_a_reload(page, site_server):
    page.goto(site_server + "exercises/")
    total = len(LIBRARY.exercises)
    assert len(_visible_cards(page)) == total
    assert page.locator("#atlas-browser-count").inner_text() == f"{total} exercises"

    page.get_by_label("Level").select_option("beginner")
    page.get_by_label("Muscle").select_option("hips-and-glutes")
    expected = {
        e.id
        for e in LIBRARY.by_name()
        if e.level == "beginner"
        and LIBRARY.muscles_in("hips-and-glutes") & {*e.primary_muscles, *e.secondary_muscles}
    }
    shown = _visible_cards(page)
    assert 0 < len(shown) < total
    assert len(shown) == len(expected)
    assert page.locator("#atlas-browser-count").inner_text() == f"{len(expected)} of {total} exercises match"
    assert parse_qs(urlsplit(current_address(page)).query) == {
        "level": ["beginner"],
        "muscle": ["hips-and-glutes"],
    }

    page.reload()
    assert page.get_by_label("Level").input_value() == "beginner"
    assert page.get_by_label("Muscle").input_value() == "hips-and-glutes"
    assert len(_visible_cards(page)) == len(expected)

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(
        f"document.getElementById('atlas-browser-count').textContent === '{total} exercises'"
    )
    assert urlsplit(current_address(page)).query == ""


def test_a_shared_browser_link_applies_its_filters_and_ignores_unknown_values(page, site_server):
    exercise = next(e for e in LIBRARY.by_name() if e.type == "stretch")
    condition = exercise.condition_ids[0]
    page.goto(site_server + f"exercises/?condition={condition}&type=stretch&level=no-such-level")
    shown = _visible_cards(page)
    expected = [e for e in LIBRARY.by_name() if e.type == "stretch" and condition in e.condition_ids]
    assert len(shown) == len(expected)
    assert all(card["type"] == "stretch" and condition in card["condition"].split() for card in shown)
    assert page.get_by_label("Level").input_value() == ""


def test_browser_name_search_and_keyboard_use(page, site_server):
    page.goto(site_server + "exercises/")
    page.get_by_label("Name").fill("bridge")
    names = [e.name for e in LIBRARY.by_name() if "bridge" in " ".join([e.name, *e.aliases]).lower()]
    assert len(_visible_cards(page)) == len(names) > 0
    page.get_by_label("Name").fill("zzzz no such exercise")
    assert page.locator("#atlas-browser-empty").is_visible()
    page.get_by_label("Name").fill("")
    page.get_by_label("Type").focus()
    page.keyboard.press("ArrowDown")  # a closed select changes value from the keyboard
    first_type = next(iter(LIBRARY.vocab.types))
    assert page.get_by_label("Type").input_value() == first_type
    assert all(card["type"] == first_type for card in _visible_cards(page))
    assert "type=" + first_type in current_address(page)


def _first_search_result(page, site_server, query: str) -> str:
    """The page (path, no query or anchor) of Material search's top result for query."""
    page.goto(site_server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material searches on each key press and shows results as you type; enter all but the last character
    # silently and press the last one, so the only results shown are those for the whole query.
    box = page.locator("input.md-search__input")
    box.fill(query[:-1])
    box.press(query[-1])
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=30_000)
    return urlsplit(first.get_attribute("href")).path


@pytest.mark.parametrize("by", ["name", "alias"])
def test_search_puts_an_exercise_first_for_its_name_or_an_alias(page, site_server, by):
    # An alias that shares no word with the name, so only the alias can find the page.
    exercise, alias = next(
        (e, a)
        for e in LIBRARY.by_name()
        for a in e.aliases
        if len(a.split()) > 1 and not set(a.lower().split()) & set(e.name.lower().split())
    )
    query = exercise.name if by == "name" else alias
    assert _first_search_result(page, site_server, query) == f"/exercises/{exercise.id}/"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_key_pages_fit_the_screen_and_are_captured(browser, site_server, artifacts, viewport):
    pages = {
        "home": "",
        "condition": "conditions/patellofemoral-pain/",
        "exercise": "exercises/clamshell/",
        "muscle": "muscles/gluteus-medius/",
        "browser": "exercises/",
        "compare": "compare/",
    }
    name = "phone" if viewport == PHONE else "desktop"
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        tab = context.new_page()
        for label, url in pages.items():
            tab.goto(site_server + url)
            expected = "slate" if scheme == "dark" else "default"
            assert tab.locator("body").get_attribute("data-md-color-scheme") == expected
            # Nothing wider than the screen: wide tables scroll inside their own box.
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{url} is {width}px wide on a {viewport['width']}px screen"
            assert tab.locator(".atlas-notice").is_visible()
            if scheme == "light" or label in ("home", "exercise"):
                tab.screenshot(path=str(artifacts / f"site-{label}-{name}-{scheme}.png"), full_page=True)
        context.close()


def test_home_page_cards_are_big_enough_to_tap_on_a_phone(browser, site_server):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(site_server)
    cards = tab.locator("a.atlas-where-card")
    assert cards.count() == len(LIBRARY.vocab.conditions)
    for box in [cards.nth(i).bounding_box() for i in range(cards.count())]:
        assert box["height"] >= 48 and box["width"] >= 300
    cards.first.click()
    tab.wait_for_url(re.compile(r"/conditions/[a-z-]+/$"))
    context.close()
