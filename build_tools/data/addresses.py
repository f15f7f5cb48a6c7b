"""Addresses that last: ids are permanent, a renamed record names the ids it replaces, and every
published id keeps an address.

A record renamed or merged into another lists its old ids under `redirect_from:`; the build then
publishes a redirect from each old page to the new one (mkdocs-redirects) and the old routine PDFs as
copies of the new ones. `published-ids.yml`, kept up to date by `python -m build_tools published-ids`,
lists every id the site has published, so `check` can tell offline when one disappears without a
redirect.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ruamel.yaml.nodes import ScalarNode

from build_tools.data.problems import Problem
from build_tools.data.schema import RecordSchema
from build_tools.data.suggest import did_you_mean
from build_tools.data.yamlfile import YamlDocument, _resolve_tag, read_yaml

PUBLISHED_IDS_FILE = "published-ids.yml"
KINDS = {"exercise": "exercises", "routine": "routines"}  # kind -> folder and key in published-ids.yml

HEADER = """\
# Every exercise and routine id the site has published. Ids are permanent: `check` fails when an id
# listed here has neither its own record nor a record that names it under `redirect_from:`.
# Written by `python -m build_tools published-ids`, which only ever adds ids; do not edit it by hand.
"""


@dataclass
class PublishedIds:
    """The ids in published-ids.yml, per kind, and the document they were read from (for positions)."""

    ids: dict[str, list[str]] = field(default_factory=dict)  # kind -> ids, in file order
    doc: YamlDocument | None = None

    def of(self, kind: str) -> list[str]:
        return self.ids.get(kind, [])


def read_published_ids(root: Path, schema_path: Path) -> tuple[PublishedIds | None, list[Problem]]:
    """published-ids.yml at root, checked; None (and no problems) when the project has none yet."""
    path = root / PUBLISHED_IDS_FILE
    if not path.is_file():
        return None, []
    doc = read_yaml(path, PUBLISHED_IDS_FILE)
    if doc.data is None or doc.problems:
        return None, list(doc.problems)
    schema = RecordSchema.from_file(schema_path)
    problems = schema.problems(doc.data, doc.positions, PUBLISHED_IDS_FILE)
    if problems:
        return None, problems
    return PublishedIds({kind: list(doc.data.get(key, [])) for kind, key in KINDS.items()}, doc), []


def _old_ids(doc: YamlDocument) -> list[tuple[int, str]]:
    """The (index, id) pairs under redirect_from that are ids at all (the schema reports the rest)."""
    listed = doc.data.get("redirect_from") if isinstance(doc.data, dict) else None
    if not isinstance(listed, list):
        return []
    return [(i, old) for i, old in enumerate(listed) if isinstance(old, str)]


def redirect_problems(
    kind: str, documents: dict[str, YamlDocument], published: PublishedIds | None
) -> list[Problem]:
    """Every problem with one kind's redirects: an old id that is the record's own or still a live record,
    a cycle, an old id claimed twice or never published, and a published id that lost its address."""
    folder, a_kind = KINDS[kind], f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    problems: list[Problem] = []
    claimed: dict[str, str] = {}  # old id -> the record that lists it
    for record_id, doc in sorted(documents.items()):
        for _, old in _old_ids(doc):
            claimed.setdefault(old, record_id)
    published_ids = set(published.of(kind)) if published else set()
    for record_id, doc in sorted(documents.items()):
        for i, old in _old_ids(doc):
            path = ("redirect_from", i)
            if old == record_id:
                message = f"'{old}' is this {kind}'s own id; list only the ids it was published under before"
            elif old in documents:
                message = _live_id_message(kind, a_kind, record_id, old, claimed, documents)
            elif claimed[old] != record_id:
                owner = claimed[old]
                message = (
                    f"'{old}' already redirects to '{owner}' ({documents[owner].display} lists it); an old "
                    f"id can lead to one {kind} only: remove it from one of the two"
                )
            elif published is not None and old not in published_ids:
                gone = sorted(published_ids - set(documents))
                message = (
                    f"'{old}' was never published: {PUBLISHED_IDS_FILE} does not list it;"
                    f"{did_you_mean(old, gone)} list only ids the site has published ({a_kind} renamed "
                    f"before it was ever published needs no redirect)"
                )
            else:
                continue
            problems.append(doc.problem_at(path, message))
    if published is not None and published.doc is not None:
        for i, old in enumerate(published.of(kind)):
            if old not in documents and old not in claimed:
                message = (
                    f"{kind} '{old}' was published, but no record has this id or lists it under "
                    f"redirect_from; restore {folder}/{old}.yml, or add 'redirect_from: [{old}]' to the "
                    f"{kind} that replaces it"
                )
                problems.append(published.doc.problem_at((folder, i), message))
    return problems


def _live_id_message(
    kind: str,
    a_kind: str,
    record_id: str,
    old: str,
    claimed: dict[str, str],
    documents: dict[str, YamlDocument],
) -> str:
    """The message for an old id that still has a record of its own: a cycle when redirects lead back."""
    chain, current = [old, record_id], record_id
    while current in claimed and claimed[current] not in chain:
        current = claimed[current]
        chain.append(current)
    if claimed.get(current) == old:
        loop = " -> ".join(f"'{i}'" for i in [*chain, old])
        return (
            f"redirect cycle: {loop} (each id leads to the {kind} that lists it under redirect_from); "
            f"a redirect goes one way only: remove '{old}' here, or '{record_id}' from "
            f"{documents[old].display}"
        )
    return (
        f"'{old}' is still {a_kind} of its own ({documents[old].display}); its address can redirect here "
        f"only once that record is gone: delete {documents[old].display}, or remove '{old}' from this list"
    )


class Renamed(Protocol):
    """A record that may name the ids it replaces (an Exercise or a Routine)."""

    @property
    def id(self) -> str: ...

    @property
    def redirect_from(self) -> tuple[str, ...]: ...


def redirect_map(records: Mapping[str, Renamed]) -> dict[str, str]:
    """Old id -> the id of the record that replaces it, for one kind's typed records."""
    return {old: record.id for record in records.values() for old in record.redirect_from}


def page_redirects(exercises: Mapping[str, Renamed], routines: Mapping[str, Renamed]) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps for every renamed record: old page source -> new page source."""
    maps: dict[str, str] = {}
    for folder, records in (("exercises", exercises), ("routines", routines)):
        for old, new in sorted(redirect_map(records).items()):
            maps[f"{folder}/{old}.md"] = f"{folder}/{new}.md"
    return maps


def updated_published_ids(published: PublishedIds | None, current: dict[str, list[str]]) -> str:
    """published-ids.yml as it should be: every id listed before, plus every current id, sorted."""
    lines = [HEADER.rstrip("\n")]
    for kind, key in KINDS.items():
        ids = sorted(set(published.of(kind) if published else []) | set(current.get(kind, [])))
        lines.append(f"{key}:" + ("" if ids else " []"))
        lines += [f"  - {_yaml_text(i)}" for i in ids]
    return "\n".join(lines) + "\n"


def _yaml_text(value: str) -> str:
    """value as YAML that reads back as the same text: quoted only when YAML would read a number,
    true/false or null (an id such as 2024 or null is allowed)."""
    plain = _resolve_tag(ScalarNode, value, (True, False))
    return value if str(plain) == "tag:yaml.org,2002:str" else json.dumps(value)
