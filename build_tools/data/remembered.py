"""What `check` and the build remember between runs in <project>/.cache/atlas: where it lives, the digest of
the files an answer depends on, and writing it whole or not at all."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

CACHE_DIR_VARIABLE = "ATLAS_CACHE_DIR"  # moves every cache, as the plugin's cache_dir option does
DEFAULT_CACHE_DIR = ".cache/atlas"


def cache_file(root: Path, name: str) -> Path:
    """<root>/.cache/atlas/<name>, or under ATLAS_CACHE_DIR when it is set."""
    return root / os.environ.get(CACHE_DIR_VARIABLE, DEFAULT_CACHE_DIR) / name


def sources_digest(folder: Path, paths: Iterable[Path]) -> str:
    """A digest of files' paths within folder and their contents. It does not depend on where folder is,
    nor on how it was named (a build run as `-f mkdocs.yml` names it relatively)."""
    digest = hashlib.sha256()
    for relative in sorted(path.relative_to(folder).as_posix() for path in paths):
        digest.update(relative.encode() + b"\0" + (folder / relative).read_bytes() + b"\0")
    return digest.hexdigest()


def replace_whole(file: Path, text: str) -> None:
    """Write file through a temporary file and a rename, so a reader finds the old text or the new, never
    part of one. Raises OSError when it cannot (the temporary file is removed)."""
    handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_whole(file: Path, text: str) -> None:
    """replace_whole, creating the folder. A folder that cannot be written to (a read-only checkout) is left
    alone: the caller then only works everything out again next time."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        replace_whole(file, text)
    except OSError:
        return
