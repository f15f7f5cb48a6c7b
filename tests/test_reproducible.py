"""Reproducible builds: two builds of the same commit are byte-identical (dates from the commit)."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from sitekit import ROOT, build

REPRINTED = 2  # routines whose PDFs the second build prints again; it may reuse the others' (see below)


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def test_two_builds_of_the_same_commit_are_identical(shipped_site, tmp_path):
    """The second build starts from an empty cache, so it draws every figure and renders every page again,
    but for the routine PDFs: printing is most of a build's time, so it takes the first build's prints
    (reused only where every file the sheet loads is byte for byte the same: printing.PrintCache) and
    prints again the two routines with the largest sheets, which must come out byte for byte the same."""
    printed = shipped_site.site.with_name(f".{shipped_site.site.name}-cache") / "routine-pdfs"
    largest = sorted(shipped_site.site.glob("routines/*/*-a4.pdf"), key=lambda pdf: pdf.stat().st_size)
    reprinted = {pdf.parent.name for pdf in largest[-REPRINTED:]}
    cache = tmp_path / "cache"
    shutil.copytree(printed, cache / "routine-pdfs")
    for routine in reprinted:
        (cache / "routine-pdfs" / f"{routine}.json").unlink()  # its prints are no longer known

    again = build(ROOT, tmp_path / "again", cache=cache)
    assert again.returncode == 0, again.output
    assert f"Routine PDFs: {2 * REPRINTED} printed, {2 * (len(largest) - REPRINTED)} reused" in again.output
    assert differing_files(shipped_site.site, again.site) == []
    assert (again.site / "sitemap.xml.gz").exists()
