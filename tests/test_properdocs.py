"""The site builds the same with ProperDocs, the maintained continuation of MkDocs 1.x (issue 13): same
pages, same bytes, the generator tag aside. Our MkDocs-specific code is the plugin adapter only."""

from __future__ import annotations

import re
import sys

from sitekit import ROOT, run

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# The service worker's cache name is a digest of the pages it keeps, generator tag included.
CACHE_NAME = re.compile(rb'^const CACHE = "[^"]*";$', re.M)


def _build(tool: str, site, cache) -> None:
    # Without Chromium: the PDFs are Chromium's bytes, not the generator's; the pages are what is compared.
    env = {"ATLAS_CHROMIUM": str(site.parent / "no-chromium"), "ATLAS_CACHE_DIR": str(cache)}
    result = run([sys.executable, "-m", tool, "build", "-d", str(site)], cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_properdocs_builds_the_same_site(tmp_path):
    sites = {}
    for tool in ("mkdocs", "properdocs"):
        site = tmp_path / tool / "site"
        _build(tool, site, tmp_path / tool / "cache")
        sites[tool] = {
            p.relative_to(site).as_posix(): CACHE_NAME.sub(b"", GENERATOR.sub(b"", p.read_bytes()))
            for p in site.rglob("*")
            if p.is_file() and p.name != "sitemap.xml.gz"  # gzip stores no generator, but a timestamp
        }
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert sorted(mkdocs) == sorted(properdocs), "the same pages and files"
    different = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not different, f"files that differ beyond the generator tag: {different[:10]}"
    assert len(mkdocs) > 150
