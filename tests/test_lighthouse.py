"""Lighthouse (npm, pinned in tools/lighthouse) with Debian's chromium, mobile preset, once on each page of
bench/lighthouse.py, against the built site served with gzip as a static host would: accessibility 100, best
practices >= 95, and the parts of performance that do not depend on this machine's speed: the page weighs
what it should, nothing shifts, the page is not too large to lay out. (That no script holds up the first
paint is checked on every page's HTML: tests/test_site.py.) Reports land in test-artifacts/lighthouse-*.json.

The performance score itself (>= 90, the median of five runs) is a timing target: `make bench` measures it
(bench/lighthouse.py), as it does every other."""

from __future__ import annotations

import shutil

import pytest
from conftest import IN_CI, require_chromium

from bench.lighthouse import LIGHTHOUSE, PAGES, gzip_server, run_lighthouse

# What a page may send when first opened, compressed. Most of it is Material's (its bundle and stylesheet) and
# the search index its worker fetches at once (148 kB for the shipped library).
MAX_TRANSFER_KB = 400


@pytest.fixture(scope="module")
def served(shipped_site):
    with gzip_server(shipped_site.site) as address:
        yield address


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_lighthouse_audits(served, artifacts, kind):
    require_chromium()
    if not LIGHTHOUSE.exists() or shutil.which("node") is None:
        (pytest.fail if IN_CI else pytest.skip)(
            "Lighthouse is not installed; run `make test` (npm ci in tools/lighthouse)"
        )
    report = run_lighthouse(served + PAGES[kind], artifacts / f"lighthouse-{kind}.json")
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    audits = report["audits"]
    failing = [
        f"{audit['id']}: {audit['title']}"
        for audit in audits.values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    print(f"lighthouse {kind}: {scores}")
    assert scores["accessibility"] == 100, failing
    assert scores["best-practices"] >= 95, failing

    transfer_kb = audits["total-byte-weight"]["numericValue"] / 1024
    assert transfer_kb <= MAX_TRANSFER_KB, audits["network-requests"]["details"]["items"]
    shifts = audits.get("layout-shifts", {}).get("details")
    assert audits["cumulative-layout-shift"]["numericValue"] < 0.1, shifts
    assert audits["dom-size"]["score"] == 1, audits["dom-size"]["displayValue"]
