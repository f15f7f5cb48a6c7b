"""Addresses that last: published-ids.yml and its command, and a renamed exercise and routine whose old
addresses (page, PDFs, the QR code printed on an old sheet) still lead to them, in real Chromium."""

from __future__ import annotations

import functools
import json
import sys
import threading
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sitekit import (
    ROOT,
    QuietHandler,
    QuietHTTPServer,
    build,
    check,
    current_address,
    fixture_exercise,
    make_project,
    run,
)

from build_tools.data.addresses import PUBLISHED_IDS_FILE

SITE_URL = "https://runners-knee-atlas.github.io/atlas/"


def published_ids(project: Path, *args: str):
    command = [sys.executable, "-m", "build_tools", "--root", str(project), "published-ids", *args]
    return run(command, cwd=project)


def routine_yaml(routine_id: str, redirect_from: list[str] | None = None) -> str:
    lines = [f"id: {routine_id}"]
    if redirect_from:
        lines.append(f"redirect_from: [{', '.join(redirect_from)}]")
    lines += [
        "title: Knee starter",
        "summary: Two moves to start with.",
        "audience: Runners testing the atlas.",
        "condition: patellofemoral-pain",
        "phase: build-strength",
        "frequency: {per_week: 3}",
        "weeks: 4",
        "sections:",
        "  - name: Strength",
        "    exercises:",
        "      - exercise: hip-lift",
        "      - exercise: wall-hold",
        "reviewed: 2026-11-21",
    ]
    return "\n".join(lines) + "\n"


# -- published-ids.yml ------------------------------------------------------------------------------


def test_the_shipped_list_holds_every_current_id():
    result = published_ids(ROOT, "--check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "published-ids.yml is up to date"


def test_the_command_adds_ids_never_removes_them_and_check_guards_them(tmp_path):
    project = make_project(
        tmp_path,
        exercises={
            "hip-lift.yml": fixture_exercise("hip-lift"),
            "wall-hold.yml": fixture_exercise("wall-hold"),
        },
    )
    assert published_ids(project, "--check").returncode == 1
    first = published_ids(project)
    assert first.returncode == 1 and "added: exercises/hip-lift, exercises/wall-hold" in first.stdout
    listed = (project / PUBLISHED_IDS_FILE).read_text(encoding="utf-8")
    assert "exercises:\n  - hip-lift\n  - wall-hold\nroutines: []\n" in listed
    assert published_ids(project).returncode == 0, "a second run changes nothing"

    (project / "exercises" / "wall-hold.yml").unlink()
    result = check(project)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "published-ids.yml:6:5: exercises[1]: exercise 'wall-hold' was published, but no record has this id"
    )
    assert published_ids(project).returncode == 1, "the command refuses to run over a lost address"
    assert (project / PUBLISHED_IDS_FILE).read_text(encoding="utf-8") == listed

    renamed = fixture_exercise("hip-lift", redirect_from=["wall-hold"])
    (project / "exercises" / "hip-lift.yml").write_text(renamed, encoding="utf-8")
    assert check(project).returncode == 0
    assert published_ids(project, "--check").returncode == 0


def test_ids_that_yaml_would_read_as_numbers_are_written_as_text(tmp_path):
    project = make_project(tmp_path, exercises={"2024.yml": fixture_exercise("2024")})
    published_ids(project)
    assert '  - "2024"\n' in (project / PUBLISHED_IDS_FILE).read_text(encoding="utf-8")
    assert check(project).returncode == 0


# -- A renamed exercise and routine -----------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """One project built twice: first with routine 'knee-starter' and exercise 'glute-lift', then with both
    renamed ('first-week-routine', 'hip-lift'), each new record naming its old id under redirect_from."""
    tmp = tmp_path_factory.mktemp("renamed")
    exercises = {
        "glute-lift.yml": fixture_exercise("glute-lift"),
        "wall-hold.yml": fixture_exercise("wall-hold"),
    }
    before = routine_yaml("knee-starter").replace("hip-lift", "glute-lift")
    project = make_project(tmp / "project", exercises=exercises, routines={"knee-starter.yml": before})
    assert published_ids(project).returncode == 1
    old = build(project, tmp / "old-site")
    assert old.returncode == 0, old.output

    (project / "exercises" / "glute-lift.yml").unlink()
    (project / "exercises" / "hip-lift.yml").write_text(
        fixture_exercise("hip-lift", redirect_from=["glute-lift"]), encoding="utf-8"
    )
    (project / "routines" / "knee-starter.yml").unlink()
    (project / "routines" / "first-week-routine.yml").write_text(
        routine_yaml("first-week-routine", ["knee-starter"]), encoding="utf-8"
    )
    assert check(project).returncode == 0
    new = build(project, tmp / "new-site")
    assert new.returncode == 0, new.output
    return old, new


def test_the_old_pages_are_redirect_pages_to_the_new_ones(renamed):
    _, new = renamed
    for old_url, new_url in (
        ("exercises/glute-lift/", "../hip-lift/"),
        ("routines/knee-starter/", "../first-week-routine/"),
    ):
        page = new.page(old_url)
        assert f'<meta http-equiv="refresh" content="0; url={new_url}">' in page
        assert f'<link rel="canonical" href="{new_url}">' in page
    assert "Knee starter" in new.page("routines/first-week-routine/")
    assert "glute-lift" not in (new.site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_open_data_names_the_old_ids(renamed):
    _, new = renamed
    exercises = json.loads((new.site / "api" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    routines = json.loads((new.site / "api" / "routines.json").read_text(encoding="utf-8"))["routines"]
    assert {e["id"]: e["redirect_from"] for e in exercises} == {"hip-lift": ["glute-lift"], "wall-hold": []}
    assert [(r["id"], r["redirect_from"]) for r in routines] == [("first-week-routine", ["knee-starter"])]


def test_a_build_without_the_redirects_plugin_says_what_to_add(tmp_path):
    project = make_project(
        tmp_path,
        exercises={"hip-lift.yml": fixture_exercise("hip-lift", redirect_from=["glute-lift"])},
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- redirects\n", ""), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "the redirects plugin is not in mkdocs.yml; add '- redirects' to plugins" in result.output
    assert "Traceback" not in result.output


# -- In Chromium ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def new_site_server(renamed):
    _, new = renamed
    server = QuietHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(new.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def qr_codes_in(pdf: Path, tmp_path: Path) -> list[str]:
    """The QR codes on a one-page PDF (rendered with poppler's pdftoppm)."""
    png = tmp_path / pdf.stem
    done = run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(png)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    codes = zxingcpp.read_barcodes(Image.open(f"{png}.png"))
    return [code.text for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]


def land(browser, address: str, expected: str):
    """Open address in a fresh tab and wait until its redirect has brought the tab to expected."""
    tab = browser.new_context().new_page()
    tab.goto(address)
    tab.wait_for_url(expected)
    tab.wait_for_load_state("load")
    return tab


@pytest.mark.browser
@pytest.mark.parametrize(
    "old, new, heading",
    [
        ("routines/knee-starter/", "routines/first-week-routine/", "Knee starter"),
        ("exercises/glute-lift/", "exercises/hip-lift/", "Fixture exercise"),
    ],
)
def test_an_old_address_lands_on_the_new_page(browser, new_site_server, old, new, heading):
    tab = land(browser, new_site_server + old, new_site_server + new)
    assert current_address(tab) == new_site_server + new
    assert heading in tab.inner_text("h1")
    tab.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_an_old_pdf_address_gives_the_new_sheet_whose_qr_code_lands_on_the_new_page(
    browser, renamed, new_site_server, tmp_path, paper
):
    _, new = renamed
    tab = browser.new_context().new_page()
    response = tab.request.get(f"{new_site_server}routines/knee-starter/knee-starter-{paper}.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    current = (new.site / "routines" / "first-week-routine" / f"first-week-routine-{paper}.pdf").read_bytes()
    assert response.body() == current
    pdf = tmp_path / f"old-address-{paper}.pdf"
    pdf.write_bytes(response.body())
    (code,) = qr_codes_in(pdf, tmp_path)
    assert code == SITE_URL + "routines/first-week-routine/"
    target = new_site_server + "routines/first-week-routine/"
    followed = land(browser, code.replace(SITE_URL, new_site_server), target)
    assert current_address(followed) == target
    tab.context.close()
    followed.context.close()


@pytest.mark.browser
def test_the_qr_code_printed_before_the_rename_still_lands_on_the_routine(
    browser, renamed, new_site_server, tmp_path
):
    old, _ = renamed
    (code,) = qr_codes_in(old.site / "routines" / "knee-starter" / "knee-starter-a4.pdf", tmp_path)
    assert code == SITE_URL + "routines/knee-starter/", "the sheet printed before the rename"
    target = new_site_server + "routines/first-week-routine/"
    tab = land(browser, code.replace(SITE_URL, new_site_server), target)
    assert current_address(tab) == target
    assert "Knee starter" in tab.inner_text("h1")
    tab.context.close()
