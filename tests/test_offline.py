"""Offline: the service worker's precache stays inside its 6 MB budget and holds every routine and
exercise page; in real Chromium, after one visit and with the network off, pages never opened load and a
session runs and is logged; a new release's worker replaces the old cache once the reader reloads."""

from __future__ import annotations

import functools
import gzip
import json
import posixpath
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sitekit import ROOT, QuietHandler, QuietHTTPServer

pytestmark = pytest.mark.browser
ROUTINES = sorted(p.stem for p in (ROOT / "routines").glob("*.yml"))
EXERCISES = sorted(p.stem for p in (ROOT / "exercises").glob("*.yml"))


def precache(site: Path) -> tuple[str, list[str]]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    cache = json.loads(re.search(r"^const CACHE = (.*);$", text, re.M).group(1))
    return cache, json.loads(re.search(r"^const PRECACHE = (.*);$", text, re.M).group(1))


def test_the_precache_holds_every_routine_and_exercise_within_budget(shipped_site):
    site = shipped_site.site
    cache, urls = precache(site)
    assert cache.startswith("atlas-")
    files = [site / u / "index.html" if u.endswith("/") or u == "./" else site / u for u in urls]
    assert all(f.is_file() for f in files)
    size = sum(f.stat().st_size for f in files)
    download = sum(len(gzip.compress(f.read_bytes(), compresslevel=6, mtime=0)) for f in files)
    print(f"precache: {len(urls)} files, {download / 1e6:.2f} MB to download, {size / 1e6:.2f} MB stored")
    # The budget is what a phone downloads after the first visit (hosts serve these files gzipped).
    assert download <= 6_000_000
    for needed in (
        *[f"routines/{r}/" for r in ROUTINES],
        *[f"exercises/{e}/" for e in EXERCISES],
        *[f"exercises/{e}/figure.svg" for e in EXERCISES],  # the page's moving drawing, the session's
        "routines/session/",
        "routines/log/",
        "about/safety/",
        "search/search_index.json",
        "api/log.schema.json",
        "manifest.webmanifest",
        "assets/images/icon-512.png",
    ):
        assert needed in urls, needed
    assert not [u for u in urls if u.endswith(".pdf")]
    # Whatever a kept page shows (pictures, scripts, styles) is kept too: nothing breaks offline.
    kept = {(Path(u) / "index.html").as_posix() if u.endswith("/") else u for u in urls} | {"index.html"}
    for url in urls:
        if not (url.endswith("/") or url == "./"):
            continue
        page = url if url != "./" else ""
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for ref in re.findall(r'<(?:img|script|link rel="stylesheet")[^>]*?(?:src|href)="([^"#?]+)', html):
            if ref.startswith(("http:", "https:", "data:")):
                continue
            target = posixpath.normpath(posixpath.join("/" + page, ref)).lstrip("/")
            if (site / target).is_dir():
                target += "/index.html"
            assert target in kept, f"{url} uses {ref}, which is not kept offline"
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}


def wait_until_offline_ready(tab) -> None:
    """The worker has installed (so the whole precache is stored) and controls the page."""
    tab.evaluate("navigator.serviceWorker.ready")
    tab.wait_for_function("navigator.serviceWorker.controller !== null")


def test_after_one_visit_the_atlas_works_with_the_network_off(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="allow")
    try:
        tab = context.new_page()
        tab.goto(site_server)
        wait_until_offline_ready(tab)
        context.set_offline(True)
        tab.goto(site_server + f"routines/{ROUTINES[-1]}/")
        expect(tab.get_by_role("link", name="Start session")).to_be_visible()
        tab.wait_for_load_state("load")
        broken = tab.locator("img").evaluate_all(
            "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert broken == [], "the sheet's pictures are kept offline too"
        assert tab.locator("img.sheet-figure").count() > 0
        tab.emulate_media(media="print")
        assert tab.pdf(format="A4")[:4] == b"%PDF"  # printing the sheet works offline
        tab.emulate_media(media="screen")
        tab.goto(site_server + "exercises/clamshell/")
        expect(tab.get_by_role("heading", level=1, name="Clamshell")).to_be_visible()
        expect(tab.locator(".atlas-figure-moving svg")).to_be_visible()  # its frames were kept too

        tab.goto(site_server + "routines/session/#t=Offline&e=glute-bridge_1_1")
        tab.get_by_role("button", name="Count a rep: 0 of 1 done").click()
        tab.get_by_role("button", name="Set done").click()
        tab.get_by_role("radio", name="0", exact=True).check()
        tab.get_by_role("button", name="Go on").click()
        tab.get_by_role("button", name="Save to my log").click()
        tab.get_by_role("link", name="Open my log").click()
        expect(tab.locator("[data-log-sessions] tbody tr")).to_have_count(1)
        assert "Offline" in tab.locator("[data-log-sessions] tbody tr").text_content()
        # The network really is off: something never kept cannot be fetched.
        assert tab.evaluate("fetch('sitemap.xml').then(() => 'fetched', () => 'failed')") == "failed"
    finally:
        context.close()


class _Switchable(QuietHandler):
    folder: dict = {}

    def translate_path(self, path: str) -> str:
        self.directory = str(self.folder["now"])
        return super().translate_path(path)


def test_a_new_release_replaces_the_old_cache(browser, shipped_site, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(shipped_site.site, old)
    shutil.copytree(shipped_site.site, new)
    old_cache, _ = precache(old)
    worker = (new / "sw.js").read_text(encoding="utf-8")
    (new / "sw.js").write_text(worker.replace(old_cache, "atlas-next-release"), encoding="utf-8")
    home = (new / "index.html").read_text(encoding="utf-8")
    (new / "index.html").write_text(home.replace("</h1>", " (new release)</h1>", 1), encoding="utf-8")

    _Switchable.folder = {"now": old}
    server = QuietHTTPServer(("127.0.0.1", 0), functools.partial(_Switchable, directory=str(old)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(service_workers="allow")
    try:
        tab = context.new_page()
        tab.goto(address)
        wait_until_offline_ready(tab)
        assert tab.evaluate("caches.keys()") == [old_cache]

        _Switchable.folder["now"] = new  # the host now serves the next release
        tab.reload()
        notice = tab.get_by_role("status").filter(has_text="Newer content is ready.")
        expect(notice).to_be_visible(timeout=15_000)
        assert "(new release)" not in tab.locator("h1").first.text_content(), "the old release until asked"
        with tab.expect_navigation():
            notice.get_by_role("button", name="Reload").click()
        expect(tab.locator("h1").first).to_contain_text("(new release)")
        assert tab.evaluate("caches.keys()") == ["atlas-next-release"]
    finally:
        context.close()
        server.shutdown()


def test_chromium_finds_the_atlas_installable(browser, site_server):
    """Lighthouse 12 no longer audits installability, so ask Chromium itself (DevTools protocol)."""
    context = browser.new_context(service_workers="allow")
    try:
        tab = context.new_page()
        tab.goto(site_server)
        wait_until_offline_ready(tab)
        session = context.new_cdp_session(tab)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # Playwright's contexts are private windows, where Chromium never installs anything; every other
        # reason (no manifest, no usable icon, no service worker) would be listed.
        assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
        manifest = session.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest") and not manifest["errors"]
    finally:
        context.close()
