"""Which version of the content a build shows, and its date: from git, never from the clock.

Two builds of the same commit must be byte-identical, so every date on the site (sitemap, routine
sheets, PDFs) comes from the commit, or from the newest review date in the data outside a checkout.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path


@dataclass(frozen=True)
class Release:
    version: str  # short commit hash, or "unversioned"
    date: str  # YYYY-MM-DD
    epoch: int  # seconds since 1970, for SOURCE_DATE_EPOCH


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def content_release(root: Path, review_dates: list[str]) -> Release:
    """The release of the checkout at root; falls back to the newest review date outside git."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
        version = _git(root, "log", "-1", "--format=%h") or "unversioned"
    elif found := _git(root, "log", "-1", "--format=%h %ct"):
        version, stamp = found.split()
        epoch = int(stamp)
    else:
        newest = max(review_dates, default="2026-01-01")
        version = "unversioned"
        epoch = int(datetime.combine(date.fromisoformat(newest), datetime.min.time(), UTC).timestamp())
    day = datetime.fromtimestamp(epoch, UTC).date().isoformat()
    return Release(version=version, date=day, epoch=epoch)
