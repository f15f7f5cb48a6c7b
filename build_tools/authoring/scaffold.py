"""`new`: write a template exercise file a contributor fills in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from build_tools.data.figures.vocab import example_pose
from build_tools.data.suggest import slugify

TEMPLATE_DIR = Path(__file__).parent / "templates"


def _vocabularies(exercises_dir: Path) -> Path:
    """The project's vocabularies beside exercises/, or the shipped ones."""
    beside = exercises_dir.parent / "vocabularies"
    return (
        beside if (beside / "figure-positions.yml").is_file() else Path(__file__).parents[2] / "vocabularies"
    )


def render_template(
    name: str, exercise_id: str, today: date, words: dict[str, list[str]], pose: str = ""
) -> str:
    """The scaffold text for a new exercise; words are the vocabularies' ids (Vocabularies.enums()), so the
    lists the template offers are never kept by hand; pose is its default pose block (see figures)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined, keep_trailing_newline=True
    )
    template = env.get_template("new-exercise.yml.j2")
    return template.render(name=name, id=exercise_id, today=today.isoformat(), words=words, pose=pose)


def write_new_exercise(
    exercises_dir: Path,
    name: str,
    words: dict[str, list[str]],
    today: date | None = None,
    position: str = "standing",
) -> Path:
    """Write exercises/<id>.yml from the template; refuse to overwrite. Returns the path written."""
    exercise_id = slugify(name)
    if not exercise_id:
        raise ValueError(f"cannot make an id from the name {name!r}; use letters or digits")
    path = exercises_dir / f"{exercise_id}.yml"
    if path.exists():
        raise FileExistsError(f"{path} already exists; pick another name or edit that file")
    pose = example_pose(_vocabularies(exercises_dir), position)  # a default pose for the position
    path.write_text(render_template(name, exercise_id, today or date.today(), words, pose), encoding="utf-8")
    return path
