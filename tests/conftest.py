"""Shared fixtures: the shipped site built once, a local HTTP server for it, and real headless Chromium."""

from __future__ import annotations

import functools
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from filelock import FileLock
from sitekit import ROOT, BuildResult, QuietHandler, QuietHTTPServer, build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuildResult:
    """The real site, built once per test run from the repository (strict). Under pytest-xdist the first
    worker to need it builds it into the run's shared temporary folder while the others wait; tests only
    read it (one that changes a site copies it first)."""
    run_folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        run_folder = run_folder.parent  # shared by this run's workers
    folder = run_folder / "shipped"
    outcome = folder / "outcome.json"
    with FileLock(str(run_folder / "shipped.lock")):
        if not outcome.is_file():
            folder.mkdir(exist_ok=True)
            built = build(ROOT, folder / "site")
            outcome.write_text(json.dumps([built.returncode, built.output]), encoding="utf-8")
    returncode, output = json.loads(outcome.read_text(encoding="utf-8"))
    assert returncode == 0, output
    return BuildResult(returncode, output, folder / "site")


@pytest.fixture(scope="session")
def site_server(shipped_site: BuildResult):
    """The shipped site served over HTTP on 127.0.0.1; yields the base URL ending in '/'."""
    handler = functools.partial(QuietHandler, directory=str(shipped_site.site))
    server = QuietHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def require_chromium() -> None:
    """Browser tests need Debian's chromium. In CI its absence is a failure, never a silent skip."""
    if CHROMIUM.exists():
        return
    message = f"Debian chromium not found at {CHROMIUM}; run `bash scripts/system-deps`"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class Chromium:
    """The session's browser, whose new contexts block service workers unless a test allows them.

    A fresh context is a first visit, and on a first visit the site's service worker downloads the whole
    offline copy (some 300 files) in the background: about two CPU-seconds of Chromium and of the test's
    HTTP server, spent again by every browser test. Only test_offline.py is about that copy, and it asks
    for the worker with `service_workers="allow"`. The pages work the same without it: a reader's first
    visit has none either."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> BrowserContext:
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Real headless Chromium driven by Playwright (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield Chromium(instance)
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (phone-sized contexts are made by the tests that need them)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def artifacts() -> Path:
    """Where tests leave screenshots and PDFs for people to look at (git-ignored)."""
    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")
