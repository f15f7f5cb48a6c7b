"""The content macros and page data, called directly (no site build): what a page gets from each."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from build_tools.site.render import relative_url


def test_an_exercise_page_names_the_exercise_its_sources_and_where_its_dose_comes_from(library, macros):
    clamshell = library.exercise("clamshell")
    page = macros.exercise_page("clamshell")
    assert clamshell.summary.split(",")[0] in page
    assert f'id="ref-{clamshell.dose.source.reference.id}"' in page, "the dose's source is in the list"
    assert f'href="#ref-{clamshell.dose.source.reference.id}"' in page, "and the dose links to it"
    for reference in clamshell.references:
        assert reference.href in page


def test_a_practice_dose_says_why_on_its_page(library, macros):
    practice = next(e for e in library.exercises.values() if e.dose.source.is_practice)
    assert "Practice: " in macros.exercise_page(practice.id)


def test_references_lists_the_sources_asked_for_in_order(library, macros):
    listed = macros.references("willy2019", "ferber2015")
    assert listed.index('id="ref-willy2019"') < listed.index('id="ref-ferber2015"')
    assert library.vocab.references["willy2019"].href in listed


def test_an_unknown_source_stops_the_page_with_a_suggestion(macros):
    with pytest.raises(KeyError, match="did you mean 'kongsgaard2009'"):
        macros.references("kongsgard2009")


def test_a_mistyped_compare_column_names_the_closest(macros):
    with pytest.raises(ValueError, match="did you mean 'level'"):
        macros.compare_table(columns=["name", "levle"])


def test_the_red_flag_box_names_what_runners_need(macros):
    box = macros.red_flags()
    for sign in ("bone stress injury", "blood clot", "kneecap slipped out of place", "limps"):
        assert sign in box, sign


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("exercises/clamshell/", "exercises/glute-bridge/"),
        ("assets/x.css", "exercises/clamshell/"),
        ("", "routines/builder/"),
        ("exercises/", "404.html"),
        ("api/exercises.json", "about/open-data/"),
        ("conditions/it-band-syndrome/", "."),
    ],
)
def test_links_are_relative_the_way_mkdocs_makes_them(url, page):
    assert relative_url(url, page) == get_relative_url(url, page)
