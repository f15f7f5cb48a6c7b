"""My log in real headless Chromium: sessions done on two days, the weekly chart and its table, each
exercise's history; the JSON export valid against the published schema and imported back after deleting
everything; a bad import refused with nothing lost; printed on one page."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import jsonschema
import pytest
from pdftext import page_texts
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def do_session(tab, site_server, address: str, pains: list[str], overall: str) -> None:
    tab.goto(site_server + "routines/session/" + address)
    for pain in pains:
        tab.get_by_role("button", name="Skip", exact=True).wait_for()
        count = tab.locator("[data-count]:visible")
        for i in range(count.count()):
            while count.nth(i).locator("[data-count-number]").text_content() != "1":
                count.nth(i).click()
        tab.get_by_role("button", name="Set done").click()
        tab.get_by_role("radio", name=pain, exact=True).check()
        tab.get_by_role("button", name="Go on").click()
    tab.get_by_role("radio", name=overall, exact=True).check()
    tab.get_by_role("button", name="Save to my log").click()
    expect(tab.get_by_role("heading", level=2, name="Saved to your log")).to_be_visible()


@pytest.fixture
def logged(browser, site_server):
    """A phone with two sessions in its log, a week apart."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    tab = context.new_page()
    tab.clock.install(time=datetime(2026, 11, 24, 18, 0))
    do_session(tab, site_server, "#t=Evening&e=glute-bridge_1_1&e=clamshell_1_1", ["2", "3"], "2")
    tab.clock.fast_forward(7 * 24 * 3600 * 1000)
    do_session(tab, site_server, "#t=Evening&e=glute-bridge_1_1", ["5"], "4")
    tab.goto(site_server + "routines/log/")
    yield tab
    context.close()


def stored(tab) -> str:
    return tab.evaluate("localStorage.getItem('atlas-log')")


def export(tab, kind: str) -> bytes:
    with tab.expect_download() as info:
        tab.get_by_role("button", name=f"Export {kind}").click()
    return open(info.value.path(), "rb").read()


def test_the_log_lists_sessions_weeks_and_each_exercise(logged):
    tab = logged
    expect(tab.get_by_text("Your log stays in this browser on this device.")).to_be_visible()
    rows = tab.locator("[data-log-sessions] tbody tr")
    assert rows.count() == 2
    assert "Glute bridge (1 × 1)" in rows.first.text_content()
    assert "worst 5/10; overall 4/10" in rows.first.text_content()
    weeks = tab.locator("[data-log-weeks] tbody tr")
    assert [weeks.nth(i).locator("td").all_text_contents() for i in range(2)] == [
        ["1", "3/10"],
        ["1", "5/10"],
    ]
    chart = tab.get_by_role("img", name="Pain and sessions by week")
    assert chart.locator("rect").count() == 2 and chart.locator("circle").count() == 2
    assert "worst pain 5 out of 10" in chart.locator("desc").text_content()
    history = tab.locator("details.log-exercise")
    assert history.locator("summary").all_text_contents() == [
        "Clamshell: 1 time, last pain 3/10",
        "Glute bridge: 2 times, last pain 5/10",
    ]


def test_export_matches_the_published_schema_and_imports_back(logged, site_server):
    tab = logged
    schema = json.loads(tab.request.get(site_server + "api/log.schema.json").text())
    exported = export(tab, "JSON")
    data = json.loads(exported)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert len(data["sessions"]) == 2
    table = list(csv.DictReader(io.StringIO(export(tab, "CSV").decode())))
    assert [(r["name"], r["pain_during"]) for r in table] == [
        ("Glute bridge", "2"),
        ("Clamshell", "3"),
        ("Glute bridge", "5"),
    ]

    tab.get_by_role("button", name="Delete everything").click()
    tab.get_by_role("button", name="Yes, delete them").click()
    assert stored(tab) is None
    expect(tab.locator("[data-log-empty]")).to_be_visible()

    tab.set_input_files(
        "[data-log-import]", files=[{"name": "log.json", "mimeType": "application/json", "buffer": exported}]
    )
    expect(tab.locator("[data-log-status]")).to_have_text("Imported 2 sessions.")
    assert json.loads(stored(tab)) == data
    assert tab.locator("[data-log-sessions] tbody tr").count() == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"Date,Pain\n2026-11-24,3\n", "This file is not JSON"),
        (
            b'{"format": "runners-knee-atlas-log", "version": 1, "sessions": "many"}',
            "/sessions: should be array",
        ),
        (None, "/sessions/0/exercises/0/pain: should be at most 10"),
    ],
)
def test_a_bad_import_is_refused_and_nothing_is_lost(logged, content, message):
    tab = logged
    before = stored(tab)
    if content is None:  # a real export with an impossible pain score
        data = json.loads(before)
        data["sessions"][0]["exercises"][0]["pain"] = 11
        content = json.dumps(data).encode()
    tab.set_input_files(
        "[data-log-import]", files=[{"name": "x.json", "mimeType": "application/json", "buffer": content}]
    )
    expect(tab.locator("[data-log-status]")).to_contain_text("Nothing was changed.")
    assert message in tab.locator("[data-log-status]").text_content()
    assert stored(tab) == before


def test_the_log_prints_on_one_page_for_the_physio(logged, artifacts):
    tab = logged
    tab.emulate_media(media="print")
    assert tab.get_by_role("button", name="Print for the physio").is_hidden()
    pdf = artifacts / "log-a4.pdf"
    tab.pdf(path=str(pdf), format="A4")
    texts = page_texts(pdf)
    assert len(texts) == 1
    assert "Glute bridge" in texts[0]
