"""Offline reading: the service worker the build writes at the site's root (sw.js), with its precache list.

Why our own, 80 lines, and not a generator such as Workbox: the site is static and needs exactly one
strategy (a release's files are fetched together after the first visit and served from the cache, so
pages, scripts and data always come from the same release); Workbox would add an npm build step and a
runtime larger than this whole worker, for features we would not use. The worker's code is a plain
file (site-overrides/assets/javascripts/service-worker.js); this module adds the two things only the
build knows: which files to keep, and a cache name that changes whenever any of them does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from build_tools.data.release import Release

# What a reader needs to read and do any routine offline: the routine, exercise, condition and About
# pages, the session and the log, the home page, the exercise figures, search, our assets and
# Material's, the log's schema (the import checks against it), the web app manifest and icons. Left
# out, to stay well inside the budget as the library grows: the muscle, equipment, compare and
# contributor pages, the routine PDFs (printing the page gives the same sheet), source maps.
SKIPPED_SUFFIXES = (".pdf", ".map", ".gz", ".xml")
SKIPPED_FOLDERS = ("atlas/", "muscles/", "equipment/", "compare/", "contribute/")  # atlas/: templates
SKIPPED_PREFIXES = ("assets/javascripts/lunr/",)  # other languages' search stemmers (the site is English)
KEPT_API = ("api/log.schema.json",)
BUDGET_BYTES = 6_000_000


@dataclass(frozen=True)
class Precache:
    urls: tuple[str, ...]  # relative to the site root; a folder's index.html as the folder ("routines/x/")
    size: int  # bytes
    version: str  # the cache's name: the release and a digest of every file kept


def _kept(path: str) -> bool:
    if path.startswith("api/"):
        return path in KEPT_API
    if path == "sw.js" or path.endswith(SKIPPED_SUFFIXES):
        return False
    return not path.startswith(SKIPPED_FOLDERS + SKIPPED_PREFIXES)


def precache(site: Path, release: Release) -> Precache:
    """Every file to keep offline, their total size, and a version that changes when any of them does."""
    digest = hashlib.sha256()
    urls, size = [], 0
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        if not _kept(path):
            continue
        data = file.read_bytes()
        digest.update(path.encode() + b"\0" + data)
        size += len(data)
        urls.append(path.removesuffix("index.html") or "./")
    return Precache(tuple(urls), size, f"atlas-{release.version}-{digest.hexdigest()[:12]}")


def write_service_worker(site: Path, release: Release, source: Path) -> Precache:
    """Write sw.js: the precache list and version, then the worker's code."""
    kept = precache(site, release)
    head = f"const CACHE = {json.dumps(kept.version)};\nconst PRECACHE = {json.dumps(list(kept.urls))};\n"
    (site / "sw.js").write_text(head + source.read_text(encoding="utf-8"), encoding="utf-8")
    return kept
