"""The pictures in a real browser (Debian's Chromium): screenshots at phone and desktop widths that prove the
shared drawing and its highlights really render, and the knee areas that lead to their condition pages by
click, tap and keyboard. Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sitekit import SHIPPED

LIBRARY = SHIPPED
EXERCISES = ["clamshell", "quad-set", "standing-calf-stretch"]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
CONDITIONS = [
    "patellofemoral-pain",
    "patellar-tendinopathy",
    "it-band-syndrome",
    "mcl-sprain",
    "pes-anserine-pain",
    "back-of-knee-pain",
    "knee-osteoarthritis",
]
# The inside of the knee shows only in the front view and the back only in the side view: one area each.
ONE_VIEW = {
    "mcl-sprain": "front-view area",
    "pes-anserine-pain": "front-view area",
    "back-of-knee-pain": "side-view area",
}
SKIN, MAIN = (0xF5, 0xF0, 0xEB), (0xE0, 0x78, 0x4F)  # --bm-skin and --bm-main in the light palette
SLATE_SKIN = (0x3A, 0x3E, 0x4B)
KNEE_ZONES = [
    (0xF7, 0xC4, 0xA8),
    (0xF2, 0xD9, 0x8F),
    (0xB7, 0xD4, 0xEC),
    (0xC4, 0xE3, 0xBF),
    (0xF3, 0xBF, 0xD6),
    (0xA6, 0xDC, 0xD7),
    (0xDC, 0xD0, 0xEA),
]


def _share(png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> float:
    """The fraction of pixels within tolerance of colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=1 << 24)
    close = sum(
        n for n, pixel in counts if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
    )
    return close / (image.width * image.height)


def _not_blank(png: bytes) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the screenshot is blank or flat"
    assert max(count for count, _ in colours) < 0.97 * image.width * image.height, (
        "one colour fills the screenshot"
    )


def _open(browser, site_server, url: str, viewport: str, **options):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(site_server + url)
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_pages_show_the_body_map_with_its_main_muscles(
    browser, site_server, artifacts, exercise, viewport
):
    context, page = _open(browser, site_server, f"exercises/{exercise}/", viewport)
    _not_blank(page.screenshot(path=artifacts / f"bodymap-{exercise}-{viewport}.png", full_page=True))
    figure = page.locator("figure.bm")
    figure.scroll_into_view_if_needed()
    _not_blank(figure.screenshot(path=artifacts / f"bodymap-{exercise}-{viewport}-map.png"))
    drawing = page.locator("svg.bm-map")
    box = drawing.bounding_box()
    assert 200 <= box["width"] <= 330 and box["height"] > 1.4 * box["width"], box
    shot = drawing.screenshot()
    assert _share(shot, SKIN) > 0.10, "the body outline from atlas/bodymap-body.svg was drawn"
    assert _share(shot, MAIN, tolerance=24) > 0.002, "the main muscles are highlighted"
    context.close()


def test_the_body_map_follows_the_dark_palette(browser, site_server, artifacts):
    context, page = _open(browser, site_server, "exercises/glute-bridge/", "desktop", color_scheme="dark")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("figure.bm").scroll_into_view_if_needed()
    page.locator("figure.bm").screenshot(path=artifacts / "bodymap-glute-bridge-desktop-dark-map.png")
    shot = page.locator("svg.bm-map").screenshot()
    assert _share(shot, SLATE_SKIN) > 0.10 and _share(shot, SKIN) < 0.01
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_page_shows_the_knee_diagram(browser, site_server, artifacts, viewport):
    context, page = _open(browser, site_server, "", viewport)
    _not_blank(page.screenshot(path=artifacts / f"bodymap-home-{viewport}.png", full_page=True))
    figure = page.locator("figure.kn")
    figure.scroll_into_view_if_needed()
    shot = figure.screenshot(path=artifacts / f"bodymap-home-{viewport}-knee.png")
    _not_blank(shot)
    for colour in KNEE_ZONES:
        assert _share(shot, colour) > 0.003, f"knee area in {colour} drawn"
    # Big enough to tap: every labelled button is at least 44 CSS pixels high.
    for condition in CONDITIONS:
        button = page.locator(f'a[data-condition="{condition}"] .kn-button').bounding_box()
        assert button["height"] >= 44 and button["width"] >= 150, (condition, button)
    context.close()


@pytest.mark.parametrize("condition", CONDITIONS)
def test_clicking_a_knee_area_opens_its_condition(page, site_server, condition):
    targets = (
        (ONE_VIEW[condition], "label")
        if condition in ONE_VIEW
        else ("front-view area", "side-view area", "label")
    )
    page.goto(site_server)
    for target in targets:
        if page.url != site_server:
            page.go_back()  # (the browser keeps the home page: loading it again would cost a second of CPU)
        link = page.locator(f'a[data-condition="{condition}"]')
        if target == "label":
            link.locator(".kn-button").click()
        else:
            markers = link.locator(".kn-marker")
            assert markers.count() == (1 if condition in ONE_VIEW else 2), target
            markers.nth(0 if target.startswith("front") or condition in ONE_VIEW else 1).click()
        page.wait_for_url(f"**/conditions/{condition}/")
        assert page.url == f"{site_server}conditions/{condition}/", target


@pytest.mark.parametrize("condition", CONDITIONS)
def test_tapping_a_knee_label_on_a_phone_opens_its_condition(browser, site_server, condition):
    context, page = _open(browser, site_server, "", "phone", has_touch=True, is_mobile=True)
    page.locator(f'a[data-condition="{condition}"] .kn-button').tap()
    page.wait_for_url(f"**/conditions/{condition}/")
    context.close()


@pytest.mark.parametrize("condition", CONDITIONS)
def test_tab_reaches_each_knee_area_with_a_visible_focus_and_enter_follows_it(page, site_server, condition):
    page.goto(site_server)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-condition')") == condition:
            break
    else:
        pytest.fail(f"Tab never reached the {condition} area")
    focused = page.evaluate("""() => {
        const link = document.activeElement;
        const style = (selector) => getComputedStyle(link.querySelector(selector));
        return {button: style('.kn-button').strokeWidth, dash: style('.kn-button').strokeDasharray,
                zone: style('.kn-zone').strokeWidth};
    }""")
    assert focused["button"] == "4px" and focused["zone"] == "4px" and focused["dash"] != "none", focused
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/conditions/{condition}/")


def test_knee_links_come_in_reading_order(page, site_server):
    page.goto(site_server)
    order = page.eval_on_selector_all("a.kn-link", "links => links.map(a => a.dataset.condition)")
    assert order == CONDITIONS
    assert set(order) == set(LIBRARY.vocab.conditions)
