"""What content macros write is held out of Markdown's way and put back whole (site/held_html.py)."""

from __future__ import annotations

import re

import markdown

from build_tools.site.held_html import HeldHtml

BLOCK = '<div class="atlas-cards">\n<a href="x/">X</a>\n</div>'
LINK = '<a href="../exercises/clamshell/">Clamshell</a>'


def _convert(held: HeldHtml, text: str) -> str:
    return held.put_back(markdown.markdown(text, extensions=["tables", "md_in_html"])).html


def test_a_block_comes_back_without_a_paragraph_round_it():
    held = HeldHtml()
    word = held.holding(lambda: BLOCK)()
    assert _convert(held, f"# Page\n\n{word}\n\nAfter.") == f"<h1>Page</h1>\n{BLOCK}\n<p>After.</p>"


def test_a_link_comes_back_where_it_stood_in_a_sentence_a_list_and_a_table():
    held = HeldHtml()
    link = held.holding(lambda: LINK)
    text = f"Try {link()} first.\n\n- Then {link()}.\n\n| Name | Note |\n|---|---|\n| {link()} | easy |\n"
    html = _convert(held, text)
    assert f"<p>Try {LINK} first.</p>" in html
    assert f"<li>Then {LINK}.</li>" in html
    assert f"<td>{LINK}</td>" in html


def test_markdown_never_reads_the_held_html():
    held = HeldHtml()
    word = held.holding(lambda: "<span>*not emphasis*</span> and 2 < 3")()
    assert _convert(held, word) == "<span>*not emphasis*</span> and 2 < 3"


def test_put_back_returns_the_parts_it_used_counts_those_lost_and_then_holds_nothing():
    held = HeldHtml()
    first, second = held.holding(lambda: "<b>1</b>")(), held.holding(lambda: "<b>2</b>")()
    back = held.put_back(f"<p>{second}</p>")
    assert (back.html, back.parts, back.lost) == ("<b>2</b>", ["<b>2</b>"], 1)  # (the first was lost)
    assert held.put_back(first).html == first  # a page never gets another page's part


def test_words_differ_between_runs_so_page_text_cannot_match_one():
    one, two = HeldHtml(), HeldHtml()
    assert one.holding(str)() != two.holding(str)()


def test_a_held_macro_keeps_its_name_and_help_for_macros_info():
    def exercise_link(exercise_id: str) -> str:
        """A link to one exercise."""
        return exercise_id

    wrapped = HeldHtml().holding(exercise_link)
    assert (wrapped.__name__, wrapped.__doc__) == ("exercise_link", "A link to one exercise.")


def test_with_keep_headings_markdown_reads_the_headings_and_nothing_between_them():
    held = HeldHtml()
    written = (
        '\n## Calm it down\n\n<p class="note">*Rest*</p>\n\n## Build strength\n\n<ul><li>Squat</li></ul>\n'
    )
    word = held.holding(lambda: written, keep_headings=True)()
    assert word.count("## ") == 2 and "<p" not in word and "<ul>" not in word
    back = held.put_back(markdown.markdown(f"# Page\n\n{word}\n"))
    html, parts = back.html, back.parts
    assert re.sub(r">\s+<", "><", html.strip()) == (
        '<h1>Page</h1><h2>Calm it down</h2><p class="note">*Rest*</p>'
        "<h2>Build strength</h2><ul><li>Squat</li></ul>"
    )
    assert len(parts) == 2
