"""`new`: write a template exercise file a contributor fills in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from build_tools.data.suggest import slugify

TEMPLATE_DIR = Path(__file__).parent / "templates"


def render_template(name: str, exercise_id: str, today: date, words: dict[str, list[str]]) -> str:
    """The scaffold text for a new exercise; words are the vocabularies' ids (Vocabularies.enums()), so the
    lists the template offers are never kept by hand."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined, keep_trailing_newline=True
    )
    template = env.get_template("new-exercise.yml.j2")
    return template.render(name=name, id=exercise_id, today=today.isoformat(), words=words)


def write_new_exercise(
    exercises_dir: Path, name: str, words: dict[str, list[str]], today: date | None = None
) -> Path:
    """Write exercises/<id>.yml from the template; refuse to overwrite. Returns the path written."""
    exercise_id = slugify(name)
    if not exercise_id:
        raise ValueError(f"cannot make an id from the name {name!r}; use letters or digits")
    path = exercises_dir / f"{exercise_id}.yml"
    if path.exists():
        raise FileExistsError(f"{path} already exists; pick another name or edit that file")
    path.write_text(render_template(name, exercise_id, today or date.today(), words), encoding="utf-8")
    return path
