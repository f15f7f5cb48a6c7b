"""Poses an earlier `check` or build found sound, so an unchanged pose is not solved again.

Checking a pose means solving it frame by frame (scene.py): about a millisecond of pure Python, most of
what `check` spends on a large library. Which poses had no problem is kept in
<project>/.cache/atlas/sound-poses.json (ATLAS_CACHE_DIR moves it, as it moves the build's caches),
under a digest of everything the pose checks depend on: the figure code in data/figures and the figure
vocabularies. A pose is found there only if it is the same, key for key, and was sound under the same
digest; then its check would again find nothing (pose_problems is a pure function of those), so it is
skipped. A pose with a problem is never remembered: its messages carry its file's lines and are worked
out every time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from build_tools.data.remembered import cache_file, sources_digest, write_whole

FIGURE_CHECK_CODE = Path(__file__).parent


def pose_key(pose: Any) -> str:
    """One pose as written, as a key."""
    return hashlib.sha256(json.dumps(pose, sort_keys=True, default=str).encode()).hexdigest()


class SoundPoses:
    """The keys of poses found sound under the current figure code and vocabularies."""

    def __init__(self, root: Path, vocabularies: Path) -> None:
        self.file = cache_file(root, "sound-poses.json")
        self.digest = hashlib.sha256(
            (
                sources_digest(FIGURE_CHECK_CODE, FIGURE_CHECK_CODE.glob("*.py"))
                + sources_digest(vocabularies, vocabularies.glob("figure-*.yml"))
            ).encode()
        ).hexdigest()
        self.known: frozenset[str] = frozenset()
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
            if kept["digest"] == self.digest:
                self.known = frozenset(str(key) for key in kept["sound"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none kept yet, or from other code, or damaged: check every pose

    def __contains__(self, pose: Any) -> bool:
        return pose_key(pose) in self.known

    def keep(self, sound: Iterable[Any]) -> None:
        """Remember these poses (and only these) as sound; written whole or not at all."""
        keys = sorted({pose_key(pose) for pose in sound})
        if set(keys) == self.known:
            return
        write_whole(self.file, json.dumps({"digest": self.digest, "sound": keys}))
