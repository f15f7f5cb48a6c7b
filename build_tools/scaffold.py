"""`new`: write a template exercise file a contributor fills in."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .figures.vocab import example_pose

TEMPLATE_DIR = Path(__file__).parent / "templates"


def _vocabularies(exercises_dir: Path) -> Path:
    """The project's vocabularies beside exercises/, or the shipped ones."""
    beside = exercises_dir.parent / "vocabularies"
    return (
        beside if (beside / "figure-positions.yml").is_file() else Path(__file__).parents[1] / "vocabularies"
    )


def slugify(name: str) -> str:
    """'Side-lying hip abduction (band)' -> 'side-lying-hip-abduction-band'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def render_template(name: str, exercise_id: str, today: date, pose: str = "") -> str:
    """The scaffold text for a new exercise (pose: its default pose block, see build_tools/figures)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined, keep_trailing_newline=True
    )
    return env.get_template("new-exercise.yml.j2").render(
        name=name, id=exercise_id, today=today.isoformat(), pose=pose
    )


def write_new_exercise(
    exercises_dir: Path, name: str, today: date | None = None, position: str = "standing"
) -> Path:
    """Write exercises/<id>.yml from the template; refuse to overwrite. Returns the path written."""
    exercise_id = slugify(name)
    if not exercise_id:
        raise ValueError(f"cannot make an id from the name {name!r}; use letters or digits")
    path = exercises_dir / f"{exercise_id}.yml"
    if path.exists():
        raise FileExistsError(f"{path} already exists; pick another name or edit that file")
    pose = example_pose(_vocabularies(exercises_dir), position)  # a default pose for the position
    path.write_text(render_template(name, exercise_id, today or date.today(), pose), encoding="utf-8")
    return path
