"""Record files an earlier `check` or build read and found sound, so an unchanged file is not read again.

Reading a record file (composing its YAML and building its values with their lines) and checking it
against the schema is most of what `check` does with each of 5,000 exercises. A file that gave no problem
at all is kept with the data read from it in <project>/.cache/atlas/sound-<kind>s.json (ATLAS_CACHE_DIR
moves it), under the SHA-256 of its name and bytes. The whole is kept under a digest of everything reading
and checking a file depend on: the data code (build_tools/data), the versions of Python, ruamel.yaml and
jsonschema, and the schema with its vocabularies and synonyms written in. While the file and that digest
are the same, reading it again would give the same data and find nothing, so the kept data is used.

A file with a problem is never kept: its messages, with their lines, are worked out every time. The
checks that compare records (unique ids, ladders, references) and the check of each pose (figures/sound.py)
run on every record, kept or not. A kept record has no positions; like a record read in a worker process,
its file is read again only if a later message needs a line.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

from build_tools.data.remembered import cache_file, sources_digest, write_whole
from build_tools.data.schema import RecordSchema

DATA_CODE = Path(__file__).parent


def reading_digest(schema: RecordSchema) -> str:
    """A digest of everything that reading and schema-checking a file depend on, besides the file."""
    parts = [
        sources_digest(DATA_CODE, DATA_CODE.rglob("*.py")),
        platform.python_version(),
        version("ruamel.yaml"),
        version("jsonschema"),
        json.dumps([schema.schema, schema.synonyms], sort_keys=True, ensure_ascii=False),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_key(display: str, raw: bytes) -> str:
    """One file as read: its name in messages (an id must match it) and its bytes."""
    return hashlib.sha256(display.encode() + b"\0" + raw).hexdigest()


class SoundRecords:
    """The data of record files found sound under the current code and schema, by file_key."""

    def __init__(self, root: Path, kind: str, schema: RecordSchema) -> None:
        self.file = cache_file(root, f"sound-{kind}s.json")
        self.digest = reading_digest(schema)
        self.known: dict[str, Any] = {}
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
            if kept["digest"] == self.digest and isinstance(kept["records"], dict):
                self.known = kept["records"]
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none kept yet, or from other code, or damaged: read every file

    def get(self, key: str) -> Any | None:
        """The data read from the file with this key, when it was sound."""
        return self.known.get(key)

    def keep(self, sound: dict[str, Any]) -> None:
        """Remember these files' data (and only these); written whole or not at all. The key is the
        file's content, so the same keys mean the same data and nothing is written."""
        if sound.keys() == self.known.keys():
            return
        write_whole(
            self.file,
            json.dumps({"digest": self.digest, "records": sound}, ensure_ascii=False, separators=(",", ":")),
        )
