"""The routine builder in real headless Chromium: filter, add, dose, reorder by keyboard, title, then reopen
the address and find the same routine, printed on one page with a QR code that scans back to it."""

from __future__ import annotations

import json
import subprocess

import pytest
import zxingcpp
from pdftext import page_texts
from PIL import Image
from sitekit import current_address

pytestmark = pytest.mark.browser


@pytest.fixture
def builder(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + "routines/builder/")
    yield context, tab
    context.close()


def catalogue(tab) -> list[str]:
    return tab.locator("#builder-catalogue .builder-catalogue-name").all_text_contents()


def test_the_filters_show_only_matching_exercises(builder):
    _, tab = builder
    data = json.loads(tab.locator("#builder-data").text_content())
    assert len(catalogue(tab)) == len(data["exercises"])
    tab.select_option("#builder-condition", "it-band-syndrome")
    wanted = [e["name"] for e in data["exercises"] if "it-band-syndrome" in e["conditions"]]
    assert catalogue(tab) == wanted and 0 < len(wanted) < len(data["exercises"])
    tab.select_option("#builder-condition", "")
    tab.select_option("#builder-equipment", "mini-band")
    assert catalogue(tab) == [e["name"] for e in data["exercises"] if "mini-band" in e["equipment"]]


def test_the_list_shows_each_exercises_still_drawing(builder):
    _, tab = builder
    rows = tab.locator("#builder-catalogue > li")
    stills = tab.locator("#builder-catalogue img.builder-still")
    assert stills.count() == rows.count() > 0  # every exercise is drawn
    first = stills.first
    first.scroll_into_view_if_needed()
    tab.wait_for_function("document.querySelector('#builder-catalogue img.builder-still').complete")
    assert first.evaluate("img => img.naturalWidth") > 0, first.get_attribute("src")
    assert first.get_attribute("alt") == ""  # the name beside it says what it shows


def set_field(tab, label: str, value: str) -> None:
    field = tab.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")  # the builder saves on change, as a person leaving the field would


def test_a_built_routine_reopens_from_its_address_and_prints_on_one_page(builder, artifacts, tmp_path):
    context, tab = builder
    for name in ("Clamshell", "Wall sit", "Glute bridge"):
        tab.get_by_role("button", name=f"Add {name}", exact=True).click()
    set_field(tab, "Sets of Clamshell", "2")
    set_field(tab, "Reps, Clamshell", "12")
    set_field(tab, "Seconds to hold, Wall sit", "45")
    set_field(tab, "Sets of Glute bridge", "2-3")
    set_field(tab, "Reps, Glute bridge", "15")

    # Reorder with the keyboard only: the focus stays on the button that moved the exercise.
    tab.get_by_role("button", name="Move up: Glute bridge").focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up: Glute bridge"
    tab.keyboard.press("Enter")
    tab.fill("#builder-title", "Tuesday knee work")

    address = current_address(tab)
    assert "#" in address and "glute-bridge_2-3_15" in address
    again = context.new_page()
    again.goto(address)
    order = ["Glute bridge", "Clamshell", "Wall sit"]
    assert again.locator(".builder-item-name").all_text_contents() == order
    assert again.input_value("#builder-title") == "Tuesday knee work"
    assert again.get_by_label("Seconds to hold, Wall sit", exact=True).input_value() == "45"
    rows = again.locator("[data-sheet-rows] .sheet-exercise")
    assert [rows.nth(i).locator(".sheet-name-link").text_content() for i in range(3)] == order
    assert [rows.nth(i).locator(".sheet-dose").text_content().strip() for i in range(3)] == [
        "2–3 × 15",
        "2 × 12 each side",
        "5 × 45 s hold",
    ]

    for paper in ("A4", "Letter"):
        pdf = artifacts / f"builder-{paper.lower()}.pdf"
        again.pdf(path=str(pdf), format=paper)
        texts = page_texts(pdf)
        assert len(texts) == 1
        text = texts[0]
        assert "Tuesday knee work" in text and "Not medical advice" in text
        assert text.index("Glute bridge") < text.index("Clamshell") < text.index("Wall sit")
    png = tmp_path / "builder"
    pdf = artifacts / "builder-a4.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(png)], check=True)
    codes = [c.text for c in zxingcpp.read_barcodes(Image.open(png.with_suffix(".png")))]
    assert codes == [address], "the QR code on the sheet reopens this very routine"


def test_text_in_a_shared_address_stays_text(builder, site_server):
    context, _ = builder
    tab = context.new_page()
    hostile_title = "t=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"
    tab.goto(site_server + f"routines/builder/#{hostile_title}&e=clamshell_3_10&e=nothing_1_1")
    assert tab.locator(".atlas-sheet img").count() == 0
    assert tab.locator("[data-sheet-title]").text_content() == "<img src=x onerror=alert(1)>"
    assert tab.locator(".builder-item-name").all_text_contents() == ["Clamshell"], "unknown ids are dropped"
