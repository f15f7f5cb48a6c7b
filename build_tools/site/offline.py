"""Offline reading: the service worker the build writes at the site's root (sw.js), with its precache list.

Why our own, 80 lines, and not a generator such as Workbox: the site is static and needs exactly one
strategy (a release's files are fetched together after the first visit and served from the cache, so
pages, scripts and data always come from the same release); Workbox would add an npm build step and a
runtime larger than this whole worker, for features we would not use. The worker's code is a plain
file (site-overrides/assets/javascripts/service-worker.js); this module adds the two things only the
build knows: which files to keep, and a cache name that changes whenever any of them does.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from build_tools.data.release import Release

# What a reader needs to read and do any routine offline, and nothing more, so the precache stays inside
# its budget as the library grows: the home page, every routine and exercise page (with their figures: the
# animated file for the session, start and end for routine sheets, the still for exercise cards),
# the session and the log, the pain rule and the red flags, search, our assets and Material's, the log's
# schema (the import checks against it), the web app manifest and icons. Everything else (condition,
# muscle, equipment, compare, About and contributor pages, the tag index, routine PDFs: printing the page
# gives the same sheet) is read online.
KEPT_PREFIXES = (
    "routines/",
    "exercises/",
    "search/",
    "assets/",
    "about/safety/",
    "conditions/something-else/",
    "manifest.webmanifest",
)
KEPT_FILES = ("index.html", "api/log.schema.json")
SKIPPED_SUFFIXES = (".pdf", ".map", ".gz")
# The tag index; other languages' stemmers; the contributors' pose editor (its page is read online too).
SKIPPED_PREFIXES = (
    "exercises/tags/",
    "assets/javascripts/lunr/",
    "assets/pose-editor.json",
    "assets/javascripts/pose-editor.js",
    "assets/stylesheets/pose-editor.css",
)
BUDGET_BYTES = 6_000_000


@dataclass(frozen=True)
class Precache:
    urls: tuple[str, ...]  # relative to the site root; a folder's index.html as the folder ("routines/x/")
    size: int  # bytes, as stored
    download: int  # bytes fetched from a host that serves them gzipped (as GitHub Pages does)
    version: str  # the cache's name: the release and a digest of every file kept


def _kept(path: str) -> bool:
    if path in KEPT_FILES:
        return True
    if path.endswith(SKIPPED_SUFFIXES) or path.startswith(SKIPPED_PREFIXES):
        return False
    return path.startswith(KEPT_PREFIXES)


class GzipSizes:
    """Each file's gzipped size by its SHA-256, kept between builds in a JSON file (the atlas plugin's
    cache folder): compressing every kept file only to report the download cost took a tenth of a build.
    Only the sizes of this build's files are written back."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._known: dict[str, int] = {}
        self._used: dict[str, int] = {}
        try:
            self._known = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            pass  # none yet, or damaged: compress afresh

    def of(self, data: bytes, key: str) -> int:
        """The gzipped size of data, whose SHA-256 (hex) is key."""
        size = self._known.get(key)
        if not isinstance(size, int):
            size = len(gzip.compress(data, compresslevel=6, mtime=0))
        self._used[key] = size
        return size

    def save(self) -> None:
        if self.path is None or self._used == self._known:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self._used, sort_keys=True), encoding="utf-8")
        except OSError:  # a read-only checkout: compressed again next time
            pass


def _site_files(site: Path) -> list[str]:
    """Every file in the site, by its path from the site root ('exercises/x/index.html'). (os.walk: with
    three drawings an exercise, pathlib's rglob and relative_to took longer than reading the files.)"""
    found: list[str] = []
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.extend(prefix + name for name in names)
    return found


def precache(site: Path, release: Release, gzip_sizes: GzipSizes | None = None) -> Precache:
    """Every file to keep offline, their total size, and a version that changes when any of them does."""
    sizes = gzip_sizes or GzipSizes()
    digest = hashlib.sha256()
    urls, size, download = [], 0, 0
    for path in sorted(_site_files(site), key=lambda path: path.split("/")):  # as pathlib orders them
        if not _kept(path):
            continue
        with open(os.path.join(site, path), "rb") as file:
            data = file.read()
        file_digest = hashlib.sha256(data).hexdigest()  # (each file hashed once: the figures make many)
        digest.update(path.encode() + b"\0" + file_digest.encode() + b"\0")
        size += len(data)
        download += sizes.of(data, file_digest)
        urls.append(path.removesuffix("index.html") or "./")
    sizes.save()
    return Precache(tuple(urls), size, download, f"atlas-{release.version}-{digest.hexdigest()[:12]}")


def write_service_worker(
    site: Path, release: Release, source: Path, gzip_sizes: GzipSizes | None = None
) -> Precache:
    """Write sw.js: the precache list and version, then the worker's code."""
    kept = precache(site, release, gzip_sizes)
    head = f"const CACHE = {json.dumps(kept.version)};\nconst PRECACHE = {json.dumps(list(kept.urls))};\n"
    (site / "sw.js").write_text(head + source.read_text(encoding="utf-8"), encoding="utf-8")
    return kept
