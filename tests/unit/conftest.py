"""Unit tests (make test-fast): functions called directly on the shipped records; no build, no browser."""

from __future__ import annotations

import pytest
from sitekit import ROOT

from build_tools.data.library import Library, ProjectPaths, load_library
from build_tools.site.macros import ContentMacros
from build_tools.site.render import Renderer


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped library, loaded once, in a fixture: a data error fails a test, not the collection."""
    return load_library(ProjectPaths.at(ROOT))


@pytest.fixture(scope="session")
def renderer(library: Library) -> Renderer:
    return Renderer(library, ROOT / "site-overrides" / "atlas", "https://github.com/example/atlas")


@pytest.fixture
def macros(library: Library, renderer: Renderer) -> ContentMacros:
    """The content macros as a page at exercises/<id>/ would call them."""
    return ContentMacros(library, renderer, page_url=lambda: "exercises/any/")
