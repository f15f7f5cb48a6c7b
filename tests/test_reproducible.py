"""Reproducible builds: two builds of the same commit are byte-identical (dates from the commit)."""

from __future__ import annotations

import filecmp
from pathlib import Path

from sitekit import ROOT, build


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
    again = build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    assert differing_files(shipped_site.site, again.site) == []
    assert (again.site / "sitemap.xml.gz").exists()
