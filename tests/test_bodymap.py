"""The body map and the knee diagram: the drawing agrees with the muscle vocabulary and with anatomy (the
abductors on the outside), and every exercise, muscle and group page shows it with the right muscles marked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bodymap import DRAWING, drawing_problems, read_drawing
from sitekit import ROOT, SHIPPED, Lazy, record_ids

from build_tools.data.model import Muscle
from build_tools.site.render import Renderer

LIBRARY = SHIPPED
MUSCLES = Lazy(lambda: SHIPPED.vocab.muscles)
SOURCE = ROOT / DRAWING
DRAWN = read_drawing(SOURCE)
ABDUCTORS = ["gluteus-medius", "tfl-it-band"]
INNER_THIGH = ["hip-adductors", "vmo"]


def _drawing_with(tmp_path: Path, text: str):
    path = tmp_path / "bodymap-body.svg"
    path.write_text(text, encoding="utf-8")
    return read_drawing(path)


def _move_region(svg: str, muscle: str, move) -> str:
    """The drawing with one region's outline moved point by point (x, y) -> move(x, y)."""
    pattern = re.compile(rf'(<path id="r-{re.escape(muscle)}" d=")([^"]+)(")')
    match = pattern.search(svg)
    assert match, f"no region path for {muscle}"
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", match.group(2))]
    assert not re.search(r"[a-z]", match.group(2)), "the test moves absolute paths only"
    moved = iter([c for x, y in zip(numbers[::2], numbers[1::2], strict=False) for c in move(x, y)])
    d = re.sub(r"-?\d+\.?\d*", lambda _: f"{next(moved):.2f}", match.group(2))
    return svg[: match.start(2)] + d + svg[match.end(2) :]


# -- The drawing against the vocabulary ------------------------------------------------------------


def test_the_drawing_has_one_region_per_muscle_and_no_other():
    assert drawing_problems(DRAWN, MUSCLES) == []
    assert sorted(r.muscle for r in DRAWN.regions) == sorted(MUSCLES)


def test_a_muscle_added_to_the_vocabulary_without_a_region_fails():
    muscles = {**MUSCLES, "popliteus": Muscle("popliteus", "Popliteus", group="back-thigh", side="back")}
    assert drawing_problems(DRAWN, muscles) == [
        "muscle 'popliteus' has no region on the body map; draw one in site-overrides/atlas/bodymap-body.svg"
    ]


def test_a_region_whose_id_is_not_in_the_vocabulary_fails(tmp_path):
    svg = SOURCE.read_text(encoding="utf-8").replace(
        'data-muscle="gluteus-medius"', 'data-muscle="glute-med"'
    )
    problems = drawing_problems(_drawing_with(tmp_path, svg), MUSCLES)
    assert any(
        p.startswith("region 'glute-med' is not a muscle") and "did you mean 'gluteus-medius'" in p
        for p in problems
    ), problems
    assert "muscle 'gluteus-medius' has no region on the body map" in " ".join(problems)


def test_a_region_drawn_on_the_other_view_than_its_side_fails():
    muscles = dict(MUSCLES)
    muscles["hamstrings"] = Muscle("hamstrings", "Hamstrings", group="back-thigh", side="front")
    assert drawing_problems(DRAWN, muscles) == [
        "'hamstrings' is drawn on the back view but its side is 'front'"
    ]


def test_a_region_outside_the_body_outline_fails(tmp_path):
    svg = _move_region(SOURCE.read_text(encoding="utf-8"), "quadriceps", lambda x, y: (x - 12, y))
    assert "'quadriceps' reaches outside the body outline" in drawing_problems(
        _drawing_with(tmp_path, svg), MUSCLES
    )


def test_the_published_site_serves_the_checked_drawing(shipped_site):
    assert (shipped_site.site / "atlas" / "bodymap-body.svg").read_bytes() == SOURCE.read_bytes()


# -- Anatomy: inner or outer thigh, from the coordinates ---------------------------------------------


@pytest.mark.parametrize("muscle", ABDUCTORS)
def test_the_abductors_are_drawn_on_the_outside_of_the_hip_and_thigh(muscle):
    region = next(r for r in DRAWN.regions if r.muscle == muscle)
    assert DRAWN.side_of_leg(region) == "outer", f"{muscle} sits on the inner side: {region.box}"


@pytest.mark.parametrize("muscle", INNER_THIGH)
def test_the_adductors_and_vmo_are_drawn_on_the_inside_of_the_thigh(muscle):
    region = next(r for r in DRAWN.regions if r.muscle == muscle)
    assert DRAWN.side_of_leg(region) == "inner", f"{muscle} sits on the outer side: {region.box}"


@pytest.mark.parametrize("muscle", ABDUCTORS)
def test_an_abductor_drawn_on_the_inner_thigh_is_caught(tmp_path, muscle):
    """The mislabel another project shipped: the region mirrored across the middle of the thigh."""
    region = next(r for r in DRAWN.regions if r.muscle == muscle)
    left, right = DRAWN.body_span(region.centre[1])
    middle = (left + right) / 2
    moved = _drawing_with(
        tmp_path, _move_region(SOURCE.read_text(encoding="utf-8"), muscle, lambda x, y: (2 * middle - x, y))
    )
    assert moved.side_of_leg(next(r for r in moved.regions if r.muscle == muscle)) == "inner"


def test_the_deep_hip_rotators_are_drawn_over_the_gluteus_maximus_and_listed_after_it():
    """Pages draw highlights in vocabulary order, so the deeper, overlapping region must come later."""
    order = [r.muscle for r in DRAWN.regions]
    assert order.index("deep-hip-rotators") > order.index("gluteus-maximus")
    assert list(MUSCLES).index("deep-hip-rotators") > list(MUSCLES).index("gluteus-maximus")
    by_muscle = {r.muscle: r for r in DRAWN.regions}
    left, top, right, bottom = by_muscle["gluteus-maximus"].box
    rotators = by_muscle["deep-hip-rotators"].box
    assert left <= rotators[0] and rotators[2] <= right and top < rotators[1] and rotators[3] < bottom


def test_the_vmo_sits_just_above_the_knee_and_the_gastrocnemius_has_two_heads():
    by_muscle = {r.muscle: r for r in DRAWN.regions}
    quadriceps, vmo = by_muscle["quadriceps"].box, by_muscle["vmo"].box
    assert vmo[3] > quadriceps[3] - 2, "the VMO reaches down to the knee"
    assert vmo[1] > (quadriceps[1] + quadriceps[3]) / 2, "the VMO is in the lower half of the thigh"
    heads = ET.parse(SOURCE).getroot().find(".//{http://www.w3.org/2000/svg}path[@id='r-gastrocnemius']")
    assert heads.get("d").count("M") == 2


# -- The pages -------------------------------------------------------------------------------------


class _BodyMap(HTMLParser):
    """The body map figure of a page: its title, description, legend and which muscles each <use> marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures = 0
        self.svg_role = None
        self.uses: list[tuple[str, str]] = []  # (href, class)
        self.text: dict[str, str] = {"title": "", "desc": "", "figcaption": ""}
        self._inside = False
        self._element: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and a.get("class") == "bm":
            self.figures += 1
            self._inside = True
        elif self._inside and tag == "svg" and a.get("class") == "bm-map":
            self.svg_role = a.get("role")
        elif self._inside and tag == "use":
            self.uses.append((a["href"], a.get("class", "")))
        if self._inside and tag in self.text:
            self._element = tag

    def handle_endtag(self, tag):
        if tag == self._element:
            self._element = None
        if tag == "figure":
            self._inside = False

    def handle_data(self, data):
        if self._element:
            self.text[self._element] += data

    def marked(self, role: str) -> list[str]:
        return [href.split("#m-")[1] for href, cls in self.uses if cls == role]


def _body_map(html: str) -> _BodyMap:
    found = _BodyMap()
    found.feed(html)
    assert found.figures == 1, "one body map per page"
    return found


@pytest.mark.parametrize("exercise", record_ids("exercises"), ids=str)
def test_every_exercise_page_marks_its_main_muscles_as_main_and_helpers_as_helpers(shipped_site, exercise):
    record = LIBRARY.exercises[exercise]
    found = _body_map(shipped_site.page(f"exercises/{exercise}/"))
    assert sorted(found.marked("bm-main")) == sorted(record.primary_muscles)
    assert sorted(found.marked("bm-help")) == sorted(record.secondary_muscles)
    drawn = [href.split("#m-")[1] for href, cls in found.uses if "#m-" in href]
    assert drawn == [m for m in MUSCLES if m in drawn], "highlights are drawn in the vocabulary's order"
    assert found.svg_role == "img" and record.name in found.text["title"]
    for muscle in record.primary_muscles + record.secondary_muscles:
        assert MUSCLES[muscle].name in found.text["desc"], f"the description names {muscle}"
        assert MUSCLES[muscle].name in found.text["figcaption"], f"the legend names {muscle}"
    assert "Main:" in found.text["figcaption"]
    assert ("Helper:" in found.text["figcaption"]) == bool(record.secondary_muscles)


def test_every_muscle_and_group_page_highlights_its_muscles(shipped_site):
    for term in [*LIBRARY.vocab.groups, *MUSCLES]:
        found = _body_map(shipped_site.page(f"muscles/{term}/"))
        assert sorted(found.marked("bm-main")) == sorted(LIBRARY.muscles_in(term)), term
        assert found.marked("bm-help") == [], term
        assert all(MUSCLES[m].name in found.text["desc"] for m in LIBRARY.muscles_in(term)), term


def test_every_shape_a_page_uses_is_in_the_drawing_and_the_map_stays_small(shipped_site):
    ids = {el.get("id") for el in ET.parse(SOURCE).getroot().iter() if el.get("id")}
    site = shipped_site.site
    pages = [f"exercises/{e}/" for e in LIBRARY.exercises] + [f"muscles/{m}/" for m in MUSCLES]
    for url in pages:
        html = shipped_site.page(url)
        for href, _ in _body_map(html).uses:
            parts = urlsplit(urljoin("/" + url, href))
            assert (site / parts.path.lstrip("/")).resolve() == (
                site / "atlas" / "bodymap-body.svg"
            ).resolve(), href
            assert parts.fragment in ids, f"{url}: {href} points at no shape"
        figure = re.search(r'<figure class="bm">.*?</figure>', html, re.S).group(0)
        assert len(figure.encode()) < 1800, f"{url}: the body map takes {len(figure.encode())} bytes"


# -- The small map for printed sheets ---------------------------------------------------------------


@pytest.mark.parametrize("exercise", ["clamshell", "glute-bridge", "standing-calf-stretch"])
def test_the_mini_map_is_black_and_white_and_marks_main_and_helper_muscles(exercise):
    record = LIBRARY.exercise(exercise)
    html = Renderer(LIBRARY, ROOT / "site-overrides" / "atlas").render(
        "bodymap-mini.html", "routines/x/", exercise=record
    )
    colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", html))
    assert colours <= {"#000", "#fff", "#a0a0a0"}, f"only black, white and grey: {colours}"
    svg = ET.fromstring(html)
    main = [u.get("href").split("#m-")[1] for u in svg.iter("use") if u.get("class") == "bodymap-mini-main"]
    helpers = [u for u in svg.iter("use") if u.get("class") == "bodymap-mini-help"]
    assert sorted(main) == sorted(record.primary_muscles)
    assert sorted(u.get("href").split("#m-")[1] for u in helpers) == sorted(record.secondary_muscles)
    assert all(u.get("fill", "").startswith("url(#bmm-") for u in helpers), "helpers are hatched"
    assert svg.get("role") == "img" and all(
        MUSCLES[m].name in svg.find("title").text for m in record.primary_muscles
    )
    assert svg.get("width") == "84", "84 CSS px prints 22 mm wide"


# -- The knee diagram on the home page ----------------------------------------------------------------


def test_the_home_page_knee_links_each_place_of_pain_to_its_condition(shipped_site):
    html = shipped_site.page("")
    figure = re.search(r'<figure class="kn">.*?</figure>', html, re.S).group(0)
    links = re.findall(
        r'<a class="kn-link[^"]*" href="([^"]+)" data-condition="([^"]+)" aria-label="([^"]+)"', figure
    )
    assert [c for _, c, _ in links] == [
        "patellofemoral-pain",
        "patellar-tendinopathy",
        "it-band-syndrome",
        "mcl-sprain",
        "pes-anserine-pain",
        "back-of-knee-pain",
        "knee-osteoarthritis",
    ], "reading order: kneecap, below, outside, inside at the joint line, inside below it, back, whole"
    assert {c for _, c, _ in links} == set(LIBRARY.vocab.conditions)
    cards = re.findall(r'<a class="atlas-where-card" href="conditions/([^/"]+)/"', html)
    assert cards == [c for _, c, _ in links], "the cards under the knee follow its numbering"
    for href, condition, label in links:
        assert href == f"conditions/{condition}/"
        assert (shipped_site.site / href / "index.html").is_file()
        assert label.startswith(LIBRARY.vocab.conditions[condition].where.replace("'", "&#39;"))
    assert '<title id="kn-title">' in figure and '<desc id="kn-desc">' in figure
