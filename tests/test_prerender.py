"""Generated pages made ahead by forked workers (build_tools/prerender.py): the same site, byte for byte, as
one process makes it with Material's own HTML parsing for search; and Material's search index built from the
sections parsed ahead is the one its own parser gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from material.plugins.search.plugin import SearchIndex
from sitekit import ROOT

from bench.sites import atlas_project
from bench.synthetic import figure_poses, synthetic_library, synthetic_routines
from build_tools.data.vocabulary import load_vocabularies
from build_tools.prerender import PageBody, Prerenderer
from build_tools.search_parse import QuickSearchIndex, search_sections

MKDOCS = [sys.executable, "-m", "mkdocs"]
# MkDocs with search_parse's quicker reading turned off: every page is read for search by Python's HTMLParser
# and Material's own Parser, as Material's search plugin reads it.
MKDOCS_HTMLPARSER = [
    sys.executable,
    "-c",
    "import sys, build_tools.search_parse as s; s.feed = lambda parser, html: False; "
    "s.QuickParser = s.Parser; from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()",
]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_pages_made_ahead_give_the_same_site_as_pages_made_in_one_process_read_by_htmlparser(tmp_path):
    schema = ROOT / "schemas" / "vocabulary.schema.json"
    vocab, problems = load_vocabularies(ROOT / "vocabularies", schema, ROOT)
    assert vocab is not None, problems
    records = synthetic_library(60, vocab, figure_poses(ROOT))  # ATLAS_WORKERS=2 makes them ahead
    project = atlas_project(ROOT, tmp_path / "atlas", records, synthetic_routines(records, vocab))
    sites = {}
    for workers in ("2", "1"):
        env = {
            **os.environ,
            "ATLAS_WORKERS": workers,
            "ATLAS_CACHE_DIR": str(tmp_path / "cache"),  # the second build reuses the first's drawings
            "ATLAS_CHROMIUM": str(tmp_path / "no-chromium"),  # routine PDFs are not the subject here
        }
        site = tmp_path / f"site-{workers}"
        mkdocs = MKDOCS if workers == "2" else MKDOCS_HTMLPARSER
        build = subprocess.run(
            [*mkdocs, "build", "-v", "-d", str(site)], cwd=project, env=env, capture_output=True, text=True
        )
        assert build.returncode == 0, build.stdout + build.stderr
        ahead = "generated pages ahead in 2 worker processes" in build.stderr + build.stdout
        assert ahead is (workers == "2"), workers
        sites[workers] = _files(site)
    assert sites["2"].keys() == sites["1"].keys()
    different = [name for name in sites["1"] if sites["1"][name] != sites["2"][name]]
    assert different == []


class _Page:
    def __init__(self, content: str, title: str) -> None:
        self.content, self.title, self.url, self.toc, self.meta = content, title, "x/", [], {}


def test_sections_parsed_ahead_index_as_material_parses_them():
    html = (
        '<h1 id="t">Title</h1><p>Intro <strong>words</strong></p>'
        '<h2 id="a">A</h2><ul><li>one</li>\n<li> </li><li>two</li></ul>'
        "<figure data-search-exclude><p>hidden</p></figure><pre><code>x  y</code></pre>"
        '<h2 id="b">B</h2>\n<p>last</p>'
    )
    for content in (html, "<p>No heading at all</p>", ""):
        page = _Page(content, "Page title")
        theirs, ours = SearchIndex(), SearchIndex()
        theirs.add_entry_from_context(page)
        sections = search_sections(content)
        QuickSearchIndex(ours, lambda _, s=sections: s).add_entry_from_context(page)
        assert ours.entries == theirs.entries, content
        read_here = SearchIndex()  # no sections parsed ahead: the index reads the page itself
        QuickSearchIndex(read_here, lambda _: None).add_entry_from_context(page)
        assert read_here.entries == theirs.entries, content


def test_a_page_the_worker_cannot_make_is_left_to_the_plugin():
    def make(job):
        if job[0] == "broken":
            raise ValueError("a template error")
        return PageBody(f'<h2 id="{job[0]}">{job[0]}</h2>', [], [], set())

    ahead = Prerenderer(make, [("one", "one/"), ("broken", "broken/"), ("two", "two/")])
    try:
        one = ahead.take("one")
        assert one is not None and one.html == '<h2 id="one">one</h2>'
        assert one.sections is not None and one.sections[-1].id == "one"  # parsed for search too
        assert ahead.take("broken") is None  # the plugin makes it, and fails naming that page
        assert ahead.take("two") is not None
        assert ahead.take("two") is None  # taken once; a page never given is the plugin's too
    finally:
        ahead.close()
