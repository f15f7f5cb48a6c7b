"""The throw-away projects the benchmark builds: a synthetic atlas and a served copy (the plain
baseline is baseline.py's).

Each takes the repository's current configuration, templates and vocabularies at run time (linked,
never copied into this package), so the figures are always those of today's pipeline.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from build_tools.data.content_refs import exercise_ids_in_markdown

from .synthetic import write_records

# What a synthetic atlas shares with the repository, by link. Its data and content are its own.
SHARED = ("vocabularies", "schemas", "site-overrides", "macros.py")
CONDITION_PAGE = "conditions/patellofemoral-pain.md"
STAGE_HOOK = Path(__file__).with_name("stage_hook.py")
NAV = [{"Home": "index.md"}, {"Exercises": "exercises/index.md"}, {"Runner's knee": CONDITION_PAGE}]
# The served snapshot copies the data, content and templates; it links these and leaves the rest out.
LINKED = ("build_tools", "scripts", "tests")
NOT_SERVED = ("site", "bench-results", "test-artifacts", "node_modules")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    return yaml


def shipped_config(root: Path) -> Any:
    """The repository's mkdocs.yml, as editable data."""
    return _yaml().load((root / "mkdocs.yml").read_text(encoding="utf-8"))


def write_config(config: Any, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        _yaml().dump(config, out)
    return path


def macro_calls(markdown: str) -> list[str]:
    """The {{ ... }} expressions of a shipped page that name no particular exercise."""
    calls = re.findall(r"\{\{.*?\}\}", markdown, flags=re.DOTALL)
    return [call for call in calls if not list(exercise_ids_in_markdown(call))]


def synthetic_content(root: Path, count: int) -> dict[str, str]:
    """A home page, the exercise index and one condition page, calling the macros the shipped pages call."""
    pages = {}
    for rel, title, fallback in (
        ("exercises/index.md", "Exercises", "{{ exercise_list() }}"),
        (CONDITION_PAGE, "Runner's knee", '{{ exercise_list(condition="patellofemoral-pain") }}'),
    ):
        shipped = root / "content" / rel
        calls = macro_calls(shipped.read_text(encoding="utf-8")) if shipped.is_file() else []
        pages[rel] = f"# {title}\n\n" + "\n\n".join(calls or [fallback]) + "\n"
    pages["index.md"] = (
        f"# Runner's Knee Atlas benchmark\n\nA synthetic library of {count:,} exercises.\n\n"
        "[Browse every exercise](exercises/index.md) or start with [runner's knee]"
        f"({CONDITION_PAGE}).\n"
    )
    return pages


def _write_pages(pages: dict[str, str], docs: Path) -> None:
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")


def atlas_project(root: Path, folder: Path, records: list[dict], routines: list[dict]) -> Path:
    """A project of these records built by the shipped plugins, templates and settings."""
    folder.mkdir(parents=True)
    write_records(records, folder / "exercises")
    write_records(routines, folder / "routines", schema="routine")
    _write_pages(synthetic_content(root, len(records)), folder / "content")
    for name in SHARED:
        if (root / name).exists():
            (folder / name).symlink_to(root / name)
    config = shipped_config(root)
    config["docs_dir"] = "content"
    config["nav"] = NAV
    config.pop("watch", None)  # build only; it also names folders this project does not have
    config["hooks"] = [str((root / hook).resolve()) for hook in config.get("hooks", [])]
    if not config["hooks"]:
        del config["hooks"]
    write_config(config, folder / "mkdocs.yml")
    return folder


def stages_config(project: Path) -> Path:
    """A second config for project that also writes where the build's time went (stage_hook.py)."""
    config = _yaml().load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [*config.get("hooks", []), str(STAGE_HOOK)]
    return write_config(config, project / "mkdocs-stages.yml")


def served_copy(root: Path, folder: Path) -> Path:
    """A snapshot of the shipped project: editing a record, or others editing the repository,
    changes neither."""
    folder.mkdir(parents=True)
    for entry in root.iterdir():
        if entry.name.startswith(".") or entry.name in NOT_SERVED:
            continue
        if entry.name in LINKED:  # code and tooling: imported from the installed package anyway
            (folder / entry.name).symlink_to(entry)
        elif entry.is_dir():
            shutil.copytree(entry, folder / entry.name)
        else:
            shutil.copy(entry, folder / entry.name)
    return folder
