"""The forked builds the golden error tests use (forkbuild.py) behave as `python -m mkdocs build` does."""

from __future__ import annotations

from ruamel.yaml import YAML
from sitekit import build, build_forked, fixture_exercise, make_project


def test_a_forked_build_gives_the_status_and_output_of_a_real_one(tmp_path):
    project = make_project(tmp_path / "good", exercises={"step-one.yml": fixture_exercise("step-one")})
    real, forked = build(project, project / "site"), build_forked(project, project / "forked")
    assert real.returncode == forked.returncode == 0, forked.output
    assert "Documentation built in" in forked.output
    assert real.page("exercises/step-one/") == forked.page("exercises/step-one/")


def test_an_exception_that_escapes_is_printed_as_a_traceback_with_status_1(tmp_path):
    project = make_project(tmp_path / "bad", exercises={"step-one.yml": fixture_exercise("step-one")})
    (project / "boom.py").write_text("def on_config(config):\n    raise RuntimeError('boom')\n")
    yaml = YAML()
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["boom.py"]
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as out:
        yaml.dump(config, out)
    real, forked = build(project), build_forked(project, project / "site")
    for result in (real, forked):
        assert result.returncode == 1
        assert "Traceback (most recent call last)" in result.output
        assert "RuntimeError: boom" in result.output
