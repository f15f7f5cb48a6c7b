"""Printed routine sheets, in real headless Chromium: page counts on A4 and US Letter, nothing clipped or
off the page, a QR code that scans to the routine's page, and long routines that break cleanly.

Each test leaves its PDFs and PNGs in test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from pdftext import page_count, page_texts, text_outside_the_page
from PIL import Image
from sitekit import SHIPPED, build, fixture_exercise, make_project, record_ids

LIBRARY = SHIPPED
ROUTINES = record_ids("routines")
SITE_URL = "https://runners-knee-atlas.github.io/atlas/"
PAPERS = {"a4": ("A4", 210.0), "letter": ("Letter", 215.9)}  # key: (Chromium format, width in mm)
MARGIN_MM = 11  # left and right, from @page atlas-sheet in routine-sheet.css
HEADER = "EXERCISE AND THE ONE THING TO THINK ABOUT"

pytestmark = pytest.mark.browser


def to_png(pdf: Path, page_number: int, dpi: int = 200) -> Path:
    """Render one page of pdf with poppler's pdftoppm; the PNG path."""
    stem = pdf.with_name(f"{pdf.stem}-p{page_number}")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page_number),
            "-l",
            str(page_number),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return stem.with_suffix(".png")


def decoded_qr_codes(png: Path) -> list[str]:
    codes = zxingcpp.read_barcodes(Image.open(png))
    return [code.text for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]


# -- Every shipped routine ------------------------------------------------------------------------


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_build_time_pdfs_exist_are_linked_and_hold_the_whole_sheet(shipped_site, routine_id):
    routine = LIBRARY.routines[routine_id]
    html = shipped_site.page(routine.url)
    for paper in PAPERS:
        name = f"{routine_id}-{paper}.pdf"
        assert f'href="{name}"' in html, f"the page links its {paper} PDF"
        pdf = shipped_site.site / routine.url / name
        texts = page_texts(pdf)
        if len(routine.items) <= 8:
            assert len(texts) == 1, name
        text = " ".join(texts)
        for item in routine.items:
            assert LIBRARY.exercise(item.exercise).name in text, (name, item.exercise)
        assert "Not medical advice" in text and "above 5 out of 10" in text
        assert text_outside_the_page(pdf) == []


# Every box in the sheet must lie within the printable width and no cell may overflow its box.
CLIPPED = """() => {
  const sheet = document.querySelector(".atlas-sheet");
  const box = sheet.getBoundingClientRect();
  const problems = [];
  if (box.left < -0.5 || box.right > document.documentElement.clientWidth + 0.5) {
    problems.push(`sheet ${box.left}-${box.right} is wider than ${document.documentElement.clientWidth}`);
  }
  for (const el of sheet.querySelectorAll("*")) {
    const what = `${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 40)}"`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (getComputedStyle(el).clipPath !== "none" && r.width <= 1) continue;  // text for screen readers only
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
      problems.push(`${what} sticks out: ${r.left}-${r.right}`);
    }
    const style = getComputedStyle(el);
    if (style.display !== "inline" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${what} overflows its box`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_printing_the_page_fits_the_paper_with_nothing_clipped(
    browser, site_server, artifacts, routine_id, paper
):
    """What a coach gets from the browser's Print: laid out at the paper's printable width, no text is
    clipped or outside the sheet; printed, up to 8 exercises fit one page and the head repeats on every
    page. (One page load serves both: the PDF is laid out for its paper, whatever the window's width.)"""
    routine = LIBRARY.routines[routine_id]
    width_px = (PAPERS[paper][1] - 2 * MARGIN_MM) / 25.4 * 96
    context = browser.new_context(viewport={"width": round(width_px), "height": 1000})
    try:
        tab = context.new_page()
        tab.emulate_media(media="print")
        tab.goto(site_server + routine.url)
        assert tab.evaluate(CLIPPED) == []
        target = artifacts / f"print-{routine_id}-{paper}.pdf"
        tab.pdf(path=str(target), format=PAPERS[paper][0])
    finally:
        context.close()
    texts = page_texts(target)
    if len(routine.items) <= 8:
        assert len(texts) == 1
    assert all(HEADER in text for text in texts), "the head repeats on every page"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("routine_id", ["eight-key-exercises", "runners-knee-three-phases"])
def test_the_qr_code_on_the_sheet_scans_to_the_routine_page(shipped_site, artifacts, routine_id, paper):
    routine = LIBRARY.routines[routine_id]
    pdf = artifacts / f"{routine_id}-{paper}.pdf"
    pdf.write_bytes((shipped_site.site / routine.url / f"{routine_id}-{paper}.pdf").read_bytes())
    last = page_count(pdf)
    assert decoded_qr_codes(to_png(pdf, last)) == [SITE_URL + routine.url]


# -- Fixture routines at the edges ----------------------------------------------------------------

NAMES = [
    "Alpha",
    "Bravo",
    "Charlie",
    "Delta",
    "Echo",
    "Foxtrot",
    "Golf",
    "Hotel",
    "India",
    "Juliet",
    "Kilo",
    "Lima",
    "Mike",
    "November",
]


def fixture_routine(
    routine_id: str,
    title: str,
    sections: list[tuple[str, list[int]]],
    weeks: int,
    notes: list[str],
    summary: str,
    audience: str,
) -> str:
    lines = [
        f"id: {routine_id}",
        f"title: {title}",
        f"summary: {summary}",
        f"audience: {audience}",
        "condition: patellofemoral-pain",
        "phase: build-strength",
        "frequency: {per_week: 3}",
        f"weeks: {weeks}",
        "sections:",
    ]
    for name, numbers in sections:
        lines += [f"  - name: {name}", "    exercises:"]
        for n in numbers:
            lines += [
                f"      - exercise: move-{NAMES[n].lower()}",
                "        sets: 3",
                f"        reps: {11 + n}",
            ]
    lines += ["notes:", *[f"  - {note}" for note in notes], "reviewed: 2026-11-21"]
    return "\n".join(lines) + "\n"


def move(n: int, **fields: object) -> str:
    """Fixture exercise number n, with the dose the fixture routines give it (so they need no reason)."""
    name = NAMES[n]
    dose = {
        "sets": 3,
        "reps": 11 + n,
        "per_side": False,
        "frequency": {"per_week": 3},
        "source": "practice",
        "source_note": "Test programme.",
    }
    return fixture_exercise(f"move-{name.lower()}", name=f"Move {name}", dose=dose, **fields)


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory):
    """Fourteen exercises; a fourteen-exercise routine, and an eight-exercise one with the longest texts."""
    exercises = {
        f"move-{name.lower()}.yml": move(
            n, cues=[f"Cue {name}: keep the hips level and let the knee follow the middle toe all the way."]
        )
        for n, name in enumerate(NAMES)
    }
    long_routine = fixture_routine(
        "long-routine",
        "Fourteen moves",
        [("Warm-up", [0, 1, 2]), ("Strength", list(range(3, 11))), ("Finish", [11, 12, 13])],
        6,
        ["Keep each set slow."],
        "Fourteen moves in three parts.",
        "Testers.",
    )
    longest = "A" + " long note" * 19 + "."  # 200 characters, the most a note may have
    full_page = fixture_routine(
        "full-page",
        "The fullest sheet that must still fit on one page of either paper",
        [("Warm-up", [0, 1]), ("Strength", [2, 3, 4, 5]), ("Stretches", [6, 7])],
        12,
        [longest] * 2,
        "S" + " summary" * 27 + ".",
        "W" + " who" * 38 + ".",
    )
    project = make_project(
        tmp_path_factory.mktemp("edges") / "project",
        exercises=exercises,
        routines={"long-routine.yml": long_routine, "full-page.yml": full_page},
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("paper", PAPERS)
def test_a_long_routine_breaks_between_exercises_and_repeats_the_head(edge_site, artifacts, paper):
    pdf = edge_site.site / "routines" / "long-routine" / f"long-routine-{paper}.pdf"
    (artifacts / pdf.name).write_bytes(pdf.read_bytes())
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        assert "Fourteen moves" in text and HEADER in text and "Athlete" in text, f"head on page {number}"
    for n, name in enumerate(NAMES):
        row = [f"Move {name}", f"Cue {name}: keep the hips level", f"3 × {11 + n}"]
        holding = [number for number, text in enumerate(texts, 1) if any(part in text for part in row)]
        assert len(holding) == 1 and all(part in texts[holding[0] - 1] for part in row), (
            f"Move {name} is split across pages {holding}"
        )
    for section, first in (("WARM-UP", "Move Alpha"), ("STRENGTH", "Move Delta"), ("FINISH", "Move Lima")):
        page_of = [re.search(rf"\b{section}\b", t) is not None for t in texts].index(True)
        assert first in texts[page_of], f"{section} is left at the foot of a page without its first exercise"
    to_png(artifacts / pdf.name, 2, dpi=80)


@pytest.mark.parametrize("paper", PAPERS)
def test_eight_exercises_with_the_longest_texts_still_fit_one_page(edge_site, artifacts, paper):
    pdf = edge_site.site / "routines" / "full-page" / f"full-page-{paper}.pdf"
    (artifacts / pdf.name).write_bytes(pdf.read_bytes())
    assert page_count(pdf) == 1
    assert text_outside_the_page(pdf) == []
    to_png(artifacts / pdf.name, 1, dpi=80)


def test_unchanged_sheets_reuse_their_pdfs_and_a_changed_sheet_is_printed_again(tmp_path):
    def two_routines(note: str) -> dict[str, str]:
        sections = [("Strength", [0, 1])]
        return {
            "first.yml": fixture_routine("first", "First", sections, 4, [note], "One.", "Testers."),
            "second.yml": fixture_routine("second", "Second", sections, 4, ["Slow."], "Two.", "Testers."),
        }

    exercises = {f"move-{name.lower()}.yml": move(n) for n, name in enumerate(NAMES)}
    project = make_project(tmp_path / "project", exercises=exercises, routines=two_routines("Breathe out."))
    cache = tmp_path / "cache"
    pdfs = [
        project / "site" / "routines" / f"{r}/{r}-{paper}.pdf"
        for r in ("first", "second")
        for paper in PAPERS
    ]

    first = build(project, cache=cache)
    assert first.returncode == 0, first.output
    assert "Routine PDFs: 4 printed, 0 reused" in first.output
    printed = [pdf.read_bytes() for pdf in pdfs]

    again = build(project, cache=cache)
    assert again.returncode == 0, again.output
    assert "Routine PDFs: 0 printed, 4 reused" in again.output
    assert [pdf.read_bytes() for pdf in pdfs] == printed

    (project / "routines" / "first.yml").write_text(
        two_routines("Breathe in.")["first.yml"], encoding="utf-8"
    )
    changed = build(project, cache=cache)
    assert changed.returncode == 0, changed.output
    assert "Routine PDFs: 2 printed, 2 reused" in changed.output
    assert "Breathe in." in page_texts(pdfs[0])[0]
    assert [pdf.read_bytes() for pdf in pdfs[2:]] == printed[2:]
