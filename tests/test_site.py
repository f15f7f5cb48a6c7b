"""The site a reader browses: pages built from the records, read back from the built HTML.

A small fixture site (a four-rung ladder) checks each page's shape; the shipped site checks coverage
(every exercise, muscle, equipment item and condition has its page) and that no link is broken.
"""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from linkcheck import broken_links, page_links
from sitekit import ROOT, SHIPPED, BuildResult, build, fixture_exercise, make_project

from build_tools.site.compare import COLUMNS
from build_tools.site.macros import CONTENT_MACROS

LIBRARY = SHIPPED


def _article(html: str) -> str:
    """The page's own content, without Material's header, navigation and footer."""
    return html[html.index("<article") : html.index("</article>")]


def _text(html: str) -> str:
    """What a reader sees: scripts and tags removed (inline ones without a space), entities decoded."""
    visible = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    visible = re.sub(r"</?(a|span|strong|em|code|time)\b[^>]*>", "", visible)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", visible)).split())


class _Tables(HTMLParser):
    """Every <table> as (header texts, rows of (cell text, data-sort)), for checking tables as data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[tuple[str, str]]]]] = []
        self._cell: list[str] | None = None
        self._sort = ""
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self.tables and not self._in_head:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell, self._sort = [], dict(attrs).get("data-sort", "")

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            headers, rows = self.tables[-1]
            if self._in_head:
                headers.append(text)
            else:
                rows[-1].append((text, self._sort))
            self._cell = None


def tables_in(html: str) -> list[tuple[list[str], list[list[tuple[str, str]]]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


# -- A fixture site: four exercises on one ladder, across phases, types and equipment -------------

LADDER = {
    "step-one": dict(
        name="Step one",
        type="strength",
        level="beginner",
        knee_load="low",
        equipment=["none", "mini-band"],
        muscles={"primary": ["gluteus-maximus"]},
        progressions=["step-two"],
        conditions=[{"condition": "patellofemoral-pain", "phases": ["calm-down", "build-strength"]}],
        compare={"key_advantage": "Needs only a band", "ideal_use": "The first days"},
    ),
    "step-two": dict(
        name="Step two",
        type="isometric",
        level="intermediate",
        knee_load="moderate",
        equipment=["mini-band"],
        muscles={"primary": ["gluteus-medius"], "secondary": ["quadriceps"]},
        progressions=["step-three"],
        conditions=[{"condition": "patellofemoral-pain", "phases": ["build-strength"]}],
        dose={
            "sets": 3,
            "hold_seconds": 30,
            "per_side": True,
            "frequency": {"per_week": 7},
            "source": "practice",
            "source_note": "Test.",
            "by_phase": [
                {"phase": "calm-down", "sets": 5, "hold_seconds": 45, "note": "light"},
                {"phase": "build-strength", "sets": 4, "hold_seconds": 30},
            ],
        },
    ),
    "step-three": dict(
        name="Step three",
        type="strength",
        level="advanced",
        knee_load="high",
        equipment=["step", "weights"],
        muscles={"primary": ["quadriceps"]},
        progressions=["step-four"],
        conditions=[{"condition": "patellofemoral-pain", "phases": ["build-strength"]}],
    ),
    "step-four": dict(
        name="Step four",
        type="plyometric",
        level="advanced",
        knee_load="high",
        equipment=["none"],
        muscles={"primary": ["quadriceps"]},
        conditions=[{"condition": "it-band-syndrome", "phases": ["return-to-running"]}],
        steps=["Stand tall {{ 7*7 }} and {% raw %} hop.", "Land *softly*."],
    ),
}
FIXTURE_PAGES = {
    "conditions/patellofemoral-pain.md": "# Runner's knee\n\n## Exercises\n\n"
    '{{ condition_exercises("patellofemoral-pain") }}\n\n'
    '## Side by side\n\n{{ compare_table(condition="patellofemoral-pain", '
    'columns=["name", "level", "key_advantage"]) }}\n',
    "compare.md": '# Compare\n\n{{ compare_table(ids=["step-two", "step-one"], columns='
    + json.dumps(list(COLUMNS))
    + ") }}\n",
    "muscles/index.md": "# Muscles\n\n{{ muscle_index() }}\n",
    "equipment/index.md": "# Equipment\n\n{{ equipment_index() }}\n",
    "browser.md": "# Browser\n\n{{ exercise_browser() }}\n",
    "home.md": "# Home\n\n{{ where_it_hurts() }}\n",
    "links.md": "# Links\n\nThe [dose of step two](exercises/step-two.md#dose).\n",
    # Macro output is put back after Markdown (site/held_html.py): in a list, in a table, and with ids
    # that other pages link to (the link to the browser's search box must pass the strict anchor check).
    "inline.md": '# Inline\n\n- Try {{ exercise_link("step-one") }} first.\n\n'
    '| Exercise | Note |\n|---|---|\n| {{ exercise_link("step-two") }} | easy |\n\n'
    "[Search the exercises](browser.md#atlas-filter-q)\n",
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> BuildResult:
    records = {f"{i}.yml": fixture_exercise(i, **fields) for i, fields in LADDER.items()}
    project = make_project(tmp_path_factory.mktemp("site"), exercises=records, pages=FIXTURE_PAGES)
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_exercise_page_ladder_walks_both_ways_with_this_exercise_highlighted(fixture_site):
    html = _article(fixture_site.page("exercises/step-three/"))
    ladder = html[
        html.index('<ol class="atlas-ladder"') : html.index("</ol>", html.index('class="atlas-ladder"'))
    ]
    rungs = re.findall(r'<li class="atlas-rung atlas-rung--(\w+)"[^>]*>(.*?)</li>', ladder)
    assert [(kind, _text(body)) for kind, body in rungs] == [
        ("easier", "Easier still: Step one"),
        ("easier", "Easier: Step two"),
        ("current", "Step three (this exercise)"),
        ("harder", "Harder: Step four"),
    ]
    assert 'href="../step-one/"' in ladder and 'href="../step-four/"' in ladder
    assert 'aria-current="step"' in ladder


def test_exercise_page_shows_badges_links_dose_by_phase_and_edit_link(fixture_site):
    html = _article(fixture_site.page("exercises/step-two/"))
    text = _text(html)
    for badge in ("Isometric", "Intermediate", "Knee load: moderate", "Lying on your back"):
        assert f">{badge}</span>" in html
    assert 'href="../../muscles/gluteus-medius/"' in html and 'href="../../muscles/quadriceps/"' in html
    assert 'href="../../equipment/mini-band/"' in html
    assert 'href="../../conditions/patellofemoral-pain/"' in html and "Runner's knee: Build strength" in text
    assert "Start with 3 × 30 s hold each side, daily." in text
    assert "Calm it down 5 × 45 s hold each side light As above" in text
    assert "Build strength 4 × 30 s hold each side As above" in text
    assert "Where this dose comes from: Practice: Test." in text
    assert 'href="https://github.com/runners-knee-atlas/atlas/edit/main/exercises/step-two.yml"' in html
    assert "Last reviewed: 2026-11-21" in text


def test_exercise_page_sections_have_permalinks_and_fill_the_table_of_contents(fixture_site):
    page = fixture_site.page("exercises/step-two/")
    sections = ["How to do it", "Dose", "Coaching cues", "Common mistakes", "Where you feel it", "Stop if"]
    sections += ["Easier and harder", "References"]
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', page, re.S).group(0)
    assert [t.strip() for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', toc, re.S)] == sections
    for section in sections:
        anchor = section.lower().replace(" ", "-")
        assert f'href="#{anchor}"' in toc
        assert f'<h2 id="{anchor}">{section}<a class="headerlink" href="#{anchor}"' in page
    assert 'href="../exercises/step-two/#dose"' in fixture_site.page("links/")


def test_macros_write_their_html_where_they_are_called_in_lists_and_tables(fixture_site):
    html = fixture_site.page("inline/")
    assert re.search(r'<li>Try <a [^>]*href="\.\./exercises/step-one/"[^>]*>Step one</a> first\.</li>', html)
    assert re.search(r'<td><a [^>]*href="\.\./exercises/step-two/"[^>]*>Step two</a></td>', html)
    assert 'href="../browser/#atlas-filter-q"' in html  # (the build is strict: the anchor was found)
    every_page = "".join(p.read_text(encoding="utf-8") for p in fixture_site.site.rglob("*.html"))
    assert "atlasheld" not in every_page  # no word that held a macro's HTML is left anywhere


def _build_step_one_with(tmp_path, page: str, markdown: str) -> BuildResult:
    """A strict build of one fixture exercise (step-one) and one content page."""
    exercises = {"step-one.yml": fixture_exercise("step-one")}
    return build(make_project(tmp_path, exercises=exercises, pages={page: markdown}))


def test_a_filter_that_changes_a_macros_output_stops_the_strict_build(tmp_path):
    result = _build_step_one_with(
        tmp_path, "shout.md", '# Shout\n\n{{ exercise_link("step-one") | upper }}\n'
    )
    assert result.returncode != 0
    assert "Doc file 'shout.md': the output of 1 macro call(s) was changed" in result.output


def test_a_link_to_a_section_an_exercise_page_lacks_stops_the_strict_build(tmp_path):
    markdown = "# Links\n\n[Nowhere](exercises/step-one.md#no-such-section)\n"
    result = _build_step_one_with(tmp_path, "links.md", markdown)
    assert result.returncode != 0
    assert "does not contain an anchor '#no-such-section'" in result.output


def test_exercise_page_has_tags_and_json_ld_that_keeps_contributor_text_inert(fixture_site):
    html = fixture_site.page("exercises/step-four/")
    assert re.search(r'class="md-tag[^"]*"[^>]*>\s*Plyometric\s*<', html)
    assert re.search(r'class="md-tag[^"]*"[^>]*>\s*IT band syndrome\s*<', html)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "HowTo" and data["name"] == "Step four"
    assert data["step"][0] == {
        "@type": "HowToStep",
        "position": 1,
        "text": "Stand tall {{ 7*7 }} and {% raw %} hop.",
    }
    assert "{{" not in blocks[0] and "{%" not in blocks[0], (
        "braces in contributor text are escaped in the JSON"
    )
    assert "49" not in _text(_article(html)).split("Stand tall")[1][:10]


def test_condition_exercises_group_by_phase_then_type(fixture_site):
    html = _article(fixture_site.page("conditions/patellofemoral-pain/"))
    section = html[html.index('id="calm-it-down"') : html.index('id="side-by-side"')]
    by_phase = {part.split('"')[0]: _text('<h3 id="' + part) for part in section.split('<h3 id="')[1:]}
    by_phase["calm-it-down"] = _text(section.split('<h3 id="')[0])
    assert "Strength (1) Step one" in by_phase["calm-it-down"] and "Step two" not in by_phase["calm-it-down"]
    build = by_phase["build-strength"]
    assert (
        build.index("Strength (2) Step one")
        < build.index("Step three")
        < build.index("Isometric (1) Step two")
    )
    assert (
        "No exercise in the library is marked for this phase of Runner's knee yet."
        in by_phase["return-to-running"]
    )
    assert "Step four" not in section, "an exercise for another condition stays off this page"


def test_compare_table_rows_and_columns_come_from_the_records(fixture_site):
    [(headers, rows)] = tables_in(_article(fixture_site.page("compare/")))
    assert headers == [column.label for column in COLUMNS.values()]
    cells = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    assert [row["name"][0] for row in cells] == ["Step two", "Step one"], "rows follow the ids given"
    assert cells[1]["key_advantage"][0] == "Needs only a band" and cells[0]["key_advantage"][0] == "–"
    assert cells[1]["equipment"][0] == "No equipment, Mini loop band (optional)"
    assert cells[0]["level"] == ("Intermediate", "001"), "levels sort by their order, not alphabetically"
    assert cells[0]["dose"][0] == "3 × 30 s hold each side"
    assert cells[0]["secondary_muscles"][0] == "Quadriceps"


def test_compare_table_for_a_condition_lists_its_exercises_only(fixture_site):
    [(headers, rows)] = tables_in(_article(fixture_site.page("conditions/patellofemoral-pain/")))
    assert headers == ["Exercise", "Level", "Key advantage"]
    assert [row[0][0] for row in rows] == ["Step one", "Step three", "Step two"]


def test_a_mistyped_compare_column_fails_the_build_with_a_suggestion(tmp_path):
    project = make_project(
        tmp_path,
        exercises={"step-four.yml": fixture_exercise("step-four")},
        pages={"c.md": '# C\n\n{{ compare_table(columns=["name", "levle"]) }}\n'},
    )
    result = build(project, extra=["-v"])  # -q alone hides the macro error's message
    assert result.returncode != 0
    assert "compare_table has no column 'levle'; did you mean 'level'?" in result.output


@pytest.mark.parametrize("url", ["muscles/", "conditions/patellofemoral-pain/"])
def test_the_headings_a_macro_writes_are_in_the_page_contents(fixture_site, url):
    # (these macros write Markdown headings, which Markdown reads: macros.WRITE_HEADINGS)
    html = fixture_site.page(url)
    written = re.findall(r'<h[23] id="([^"]+)"', html)
    assert len(written) >= 3
    for anchor in written:
        assert f'href="#{anchor}" class="md-nav__link"' in html, anchor


def test_muscle_pages_list_main_then_helper_and_an_unused_muscle_says_so(fixture_site):
    quads = _text(_article(fixture_site.page("muscles/quadriceps/")))
    assert (
        quads.index("Main target")
        < quads.index("Step three")
        < quads.index("Also works it")
        < quads.index("Step two")
    )
    group = _text(_article(fixture_site.page("muscles/front-thigh/")))
    assert "This group covers: Quadriceps, Vastus medialis oblique (VMO)." in group and "Step four" in group
    unused = _text(_article(fixture_site.page("muscles/soleus/")))
    assert "No exercise in the library works this muscle yet." in unused and "Main target" not in unused
    index = tables_in(_article(fixture_site.page("muscles/")))
    quad_row = next(row for _, rows in index for row in rows if row[0][0] == "Quadriceps")
    assert [cell[0] for cell in quad_row] == ["Quadriceps", "2", "1"]


def test_equipment_pages_answer_what_can_i_do_with_only_this(fixture_site):
    band = _text(_article(fixture_site.page("equipment/mini-band/")))
    assert "With only this" in band and "Step one" in band and "Step two" in band
    step = _text(_article(fixture_site.page("equipment/step/")))
    assert "Every exercise that uses this needs something else as well." in step
    assert step.index("Together with other equipment") < step.index("Step three")
    foam = _text(_article(fixture_site.page("equipment/foam-roller/")))
    assert "No exercise in the library uses this yet." in foam
    index = _text(_article(fixture_site.page("equipment/")))
    assert "Mini loop band A short loop" in index and "2 exercises · 2 with this alone" in index


def test_browser_cards_carry_every_facet_and_the_form_offers_every_term(fixture_site):
    html = _article(fixture_site.page("browser/"))
    card = re.search(
        r'<li class="atlas-card" ([^>]*)>\s*<p class="atlas-card-title"><a href="../exercises/step-two/"',
        html,
    )
    assert card, "each card links to its exercise page"
    facets = dict(re.findall(r'data-([a-z]+)="([^"]*)"', card.group(1)))
    assert facets == {
        "q": "step two | test move",
        "condition": "patellofemoral-pain",
        "muscle": "gluteus-medius hips-and-glutes quadriceps front-thigh",
        "equipment": "mini-band",
        "position": "lying-on-back",
        "level": "intermediate",
        "type": "isometric",
    }
    for facet in ("condition", "muscle", "equipment", "position", "level", "type"):
        assert (
            f'<label for="atlas-filter-{facet}">' in html
            and f'<select id="atlas-filter-{facet}" name="{facet}">' in html
        )
    for term in LIBRARY.vocab.equipment.values():
        assert f'<option value="{term.id}">' in html


def test_where_it_hurts_cards_lead_to_each_condition(fixture_site):
    html = _article(fixture_site.page("home/"))
    for condition in LIBRARY.vocab.conditions.values():
        assert f'href="../conditions/{condition.id}/"' in html
    assert "Outside of the knee" in html and "Often: IT band syndrome" in html


# -- The shipped site ------------------------------------------------------------------------------


def test_every_exercise_has_exactly_one_page_reachable_from_the_browser(shipped_site):
    pages = sorted(p.parent.name for p in (shipped_site.site / "exercises").glob("*/index.html"))
    assert sorted(set(pages) - {"tags"}) == sorted(LIBRARY.exercises)
    browser = page_links(shipped_site.page("exercises/")).links
    for exercise_id in LIBRARY.exercises:
        assert browser.count(f"{exercise_id}/") == 1, f"{exercise_id} should be one card in the browser"


def test_every_vocabulary_term_has_a_listing_page(shipped_site):
    vocab = LIBRARY.vocab
    for term_id in [*vocab.muscles, *vocab.groups]:
        html = _article(shipped_site.page(f"muscles/{term_id}/"))
        used = LIBRARY.for_muscle(term_id, "primary") or LIBRARY.for_muscle(term_id, "secondary")
        assert ("No exercises yet" in html) == (not used), term_id
    for term_id in vocab.equipment:
        html = _article(shipped_site.page(f"equipment/{term_id}/"))
        assert ("No exercises yet" in html) == (not LIBRARY.for_equipment(term_id)), term_id
    for term_id in vocab.conditions:
        html = _article(shipped_site.page(f"conditions/{term_id}/"))
        assert all(f'href="../../exercises/{e.id}/"' in html for e in LIBRARY.for_condition(term_id)), term_id
    muscles_index = page_links(shipped_site.page("muscles/")).links
    equipment_index = page_links(shipped_site.page("equipment/")).links
    assert all(f"{m}/" in muscles_index for m in [*vocab.muscles, *vocab.groups])
    assert all(f"{e}/" in equipment_index for e in vocab.equipment)


def test_no_broken_internal_link_or_anchor_in_the_built_site(shipped_site):
    assert broken_links(shipped_site.site) == []


def test_link_checker_finds_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="#gone">bad</a>'
        '<a href="../b/">missing</a><img src="../pic.png">'
        '<a href="https://example.org/">external</a>'
    )
    (tmp_path / "pic.png").write_bytes(b"")
    assert broken_links(tmp_path) == [
        "a/index.html -> #gone: a/index.html has no id 'gone'",
        "a/index.html -> ../b/: no file b/index.html",
    ]


def test_compare_page_has_the_classic_set_from_the_records(shipped_site):
    html = _article(shipped_site.page("compare/"))
    (headers, rows), (all_headers, all_rows) = tables_in(html)
    classic = [
        "straight-leg-raise",
        "clamshell",
        "modified-single-leg-squat",
        "monster-walk",
        "glute-bridge",
        "step-up",
        "short-arc-quad",
        "hip-90-90-stretch",
        "plank",
        "dead-bug",
    ]
    assert headers == [
        "Exercise",
        "Level",
        "Knee load",
        "Equipment",
        "Ideal use",
        "Key advantage",
    ]
    vocab = LIBRARY.vocab
    for exercise_id, row in zip(classic, rows, strict=True):
        exercise = LIBRARY.exercise(exercise_id)
        assert row[0][0] == exercise.name
        assert row[1][0] == vocab.levels[exercise.level].name
        assert row[2][0] == vocab.knee_loads[exercise.knee_load].name
        texts = ("ideal_use", "key_advantage")
        for column, (text, _) in zip(texts, row[4:], strict=True):
            assert text == _text(exercise.compare.get(column, "–")), (exercise_id, column)
    assert len(all_headers) == 8
    assert [row[0][0] for row in all_rows] == [e.name for e in LIBRARY.by_name()]


def test_every_page_carries_the_medical_notice(shipped_site):
    for path in shipped_site.site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        notice = html[
            html.index('class="atlas-notice"') : html.index("</p>", html.index('class="atlas-notice"'))
        ]
        page_url = "/" + path.parent.relative_to(shipped_site.site).as_posix() + "/"
        [link] = re.findall(r'href="([^"]+)"', notice)
        assert "Education, not diagnosis." in notice and urljoin(page_url, link) == "/about/safety/", path


def test_exercise_pages_stay_small_and_carry_valid_json_ld(shipped_site):
    for exercise in LIBRARY.exercises.values():
        path = shipped_site.site / exercise.url / "index.html"
        html = path.read_text()
        # The drawing has its own budget (issue 14): at most 15 KB gzip on top of the page's 40 KB, the
        # figure.svg the page's script fetches to play it included; its frames are not in the page itself.
        [figure] = re.findall(r'<figure class="atlas-figure".*?</figure>', html, re.S)
        frames = (path.parent / "figure.svg").read_bytes()
        assert b"data-timeline=" in frames and 'class="fr' not in html, exercise.id
        assert len(gzip.compress(figure.encode())) + len(gzip.compress(frames)) <= 15_000, exercise.id
        rest = len(html.replace(figure, "").encode())
        assert rest < 40_000, f"{exercise.id}: {rest} bytes without its drawing"
        [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert json.loads(block)["name"] == exercise.name
        assert json.loads(block)["image"] == "figure.svg"


def test_home_page_leads_from_where_it_hurts_to_each_condition(shipped_site):
    html = _article(shipped_site.page(""))
    for condition in LIBRARY.vocab.conditions.values():
        assert f'href="conditions/{condition.id}/"' in html
    assert "atlas-red-flags" in html
    for target in ("routines/", "exercises/", "compare/"):
        assert f'href="{target}"' in html


@pytest.mark.parametrize("macro", CONTENT_MACROS)
def test_every_content_macro_is_documented_with_an_example(macro):
    doc = (ROOT / "content" / "contribute" / "macros.md").read_text(encoding="utf-8")
    assert re.search(rf"^### `{macro}`$", doc, re.M), (
        f"content/contribute/macros.md needs a '### `{macro}`' section"
    )
    section = doc.split(f"### `{macro}`", 1)[1].split("\n### `", 1)[0]
    assert f"{{{{ {macro}(" in section, f"the {macro} section needs an example call"


def test_generated_pages_lose_indentation_but_keep_words_apart():
    from build_tools.site.compact_html import collapse_indentation

    assert (
        collapse_indentation("<li>\n      <a>Runner's\n        knee</a>\n\n   \n</li>")
        == "<li>\n<a>Runner's\nknee</a>\n</li>"
    )
    kept = "<pre>\n    indented code\n</pre>"
    assert collapse_indentation(kept) == kept


SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=[^>]*>")


def test_no_script_holds_up_the_first_paint(shipped_site):
    """Every script file is deferred (or async, or a module): a page is read before any JavaScript runs, and
    Lighthouse's mobile timings on a slow phone depend on it (bench/lighthouse.py)."""
    blocking = {
        f"{page.relative_to(shipped_site.site)}: {tag}"
        for page in shipped_site.site.rglob("*.html")
        for tag in SCRIPT_TAG.findall(page.read_text(encoding="utf-8"))
        if not re.search(r"\b(defer|async)\b|type=\"?module", tag)
    }
    assert not blocking, sorted(blocking)[:10]


def test_search_indexes_the_exercise_page_but_not_its_drawing(shipped_site):
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    step_up = [doc for doc in index["docs"] if doc["location"].startswith("exercises/step-up/")]
    assert step_up and any("stairs" in doc["text"] for doc in step_up)
    assert not [doc["location"] for doc in index["docs"] if "Drawing of " in doc["text"]]
    assert not [doc["location"] for doc in index["docs"] if "Pause the drawing" in doc["text"]]


def test_search_gives_a_routine_page_its_words_apart_and_without_the_sheet_furniture(shipped_site):
    """A reader who searches for an exercise sees the routines that use it: its name, cue and dose, word by
    word, not the printed sheet's column heads, muscle-map words or tick grid."""
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    (sheet,) = [doc for doc in index["docs"] if doc["location"] == "routines/eight-key-exercises/"]
    assert "Clamshell Stack your top hip" in sheet["text"]
    assert "3 × 15 each side with a mini band" in sheet["text"]
    for furniture in ("Athlete", "Start date", "Muscles, front and back", "Tick each day", "Next morning"):
        assert furniture not in sheet["text"], furniture


def test_search_reads_the_words_of_table_cells_apart(shipped_site):
    """Dose tables, comparison tables and the muscle index: search gives 'Repetitions 10 per set', never
    'Repetitions10 per set' (a space between cells, which a browser does not show in a table)."""
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    merged = re.compile(r"Repetitions\d|Sets\d|ExerciseLevel|MuscleMain|Main target inHelper|PhaseDose")
    assert [doc["location"] for doc in index["docs"] if merged.search(doc["text"])] == []
    (dose,) = [doc for doc in index["docs"] if doc["location"] == "exercises/clamshell/#dose"]
    assert re.search(r"Repetitions \d+ per set", dose["text"]), dose["text"]
