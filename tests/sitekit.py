"""Build real sites for tests: small fixture projects in tmp_path, and the shipped site once per run."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forkbuild import ForkBuilds
from ruamel.yaml import YAML

from build_tools import cli

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """The HTML of the page at url, e.g. 'exercises/clamshell/'."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def _child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a command started by a test gets: this one, quiet and without bytecode files."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(extra or {})}


def run(
    cmd: list[str], cwd: Path, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=_child_env(env), capture_output=True, text=True, timeout=timeout)


def _own_cache(site: Path) -> Path:
    """The build cache of a test's build: beside its site, never the repository's .cache/."""
    return site.with_name(f".{site.name}-cache")


def build(
    project: Path,
    site: Path | None = None,
    extra: list[str] | None = None,
    cache: Path | None = None,
) -> BuildResult:
    """`mkdocs build` in project (strict, as configured); the result with combined output.

    Never with -q: MkDocs then drops warnings before strict mode can count them, and a broken link or
    anchor would build without complaint.

    Each build prints its routine PDFs afresh into a cache of its own beside the site, unless given a
    cache to share (the repository's .cache/ is never touched, and no test reuses another's prints)."""
    site = site or project / "site"
    cache = cache or _own_cache(site)
    proc = run(
        [*MKDOCS, "build", "-d", str(site), *(extra or [])],
        cwd=project,
        env={"ATLAS_CACHE_DIR": str(cache)},
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


_FORK_BUILDS = ForkBuilds()


def build_forked(project: Path, site: Path) -> BuildResult:
    """build(), in a process forked from one that has imported MkDocs and the plugins (forkbuild.py): the
    same command, for the many builds that stop at the data check, where starting Python and importing
    was most of the time."""
    log = project.parent / f"{project.name}-{site.name}-build.log"  # (outside the project)
    env = _child_env({"ATLAS_CACHE_DIR": str(_own_cache(site))})
    returncode = _FORK_BUILDS.run(project, ["build", "-d", str(site)], env, log)
    return BuildResult(returncode, log.read_text(encoding="utf-8", errors="replace"), site)


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m build_tools --root project check ...`."""
    return run([sys.executable, "-m", "build_tools", "--root", str(project), "check", *args], cwd=project)


def check_here(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The same command as check(), run in this process: what it prints and its exit status, without
    starting Python (most of the time of a check of a small project). For the many golden cases; an
    exception escapes into the test, where check() would print a traceback. test_cli.py runs the real
    command."""
    argv = ["--root", str(project), "check", *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())


def make_project(
    tmp: Path,
    exercises: dict[str, str] | None = None,
    pages: dict[str, str] | None = None,
    copy_exercises: list[str] | None = None,
    routines: dict[str, str] | None = None,
    vocabularies: dict[str, str] | None = None,
) -> Path:
    """A small complete project in tmp that uses the real vocabularies, schemas, templates and plugins.

    exercises: file name -> YAML text; copy_exercises: ids of shipped records to copy in;
    pages: content path -> Markdown (a home page and an exercise index are always present);
    routines: file name -> YAML text for routines/ (the shipped routines name exercises a fixture lacks);
    vocabularies: file name -> YAML text replacing that shipped vocabulary (e.g. references.yml).
    """
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "exercises").mkdir(exist_ok=True)
    for exercise_id in copy_exercises or []:
        shutil.copy(EXERCISES / f"{exercise_id}.yml", tmp / "exercises")
    for name, text in (exercises or {}).items():
        (tmp / "exercises" / name).write_text(text, encoding="utf-8")
    if routines:
        (tmp / "routines").mkdir(exist_ok=True)
        for name, text in routines.items():
            (tmp / "routines" / name).write_text(text, encoding="utf-8")
    content = tmp / "content"
    defaults = {
        "index.md": "# Home\n\nFixture site.\n",
        "exercises/index.md": "# Exercises\n\n{{ exercise_list() }}\n",
    }
    for rel, text in {**defaults, **(pages or {})}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    if vocabularies:
        shutil.copytree(ROOT / "vocabularies", tmp / "vocabularies")
        for name, text in vocabularies.items():
            (tmp / "vocabularies" / name).write_text(text, encoding="utf-8")
    for folder in ("vocabularies", "schemas", "site-overrides"):
        if (ROOT / folder).exists() and not (tmp / folder).exists():
            (tmp / folder).symlink_to(ROOT / folder)
    shutil.copy(ROOT / "macros.py", tmp / "macros.py")

    yaml = YAML()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Home": "index.md"}, {"Exercises": "exercises/index.md"}]
    config.pop("watch", None)
    config["not_in_nav"] = "/*\n"  # fixture pages need not be in the nav
    with (tmp / "mkdocs.yml").open("w", encoding="utf-8") as out:
        yaml.dump(config, out)
    return tmp


def fixture_exercise(exercise_id: str = "fixture-exercise", **changes: object) -> str:
    """A valid exercise record (tests/fixtures/valid-exercise.yml) with top-level fields replaced."""
    yaml = YAML()
    data = yaml.load((FIXTURES / "valid-exercise.yml").read_text(encoding="utf-8"))
    data["id"] = exercise_id
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    from io import StringIO

    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def current_address(tab) -> str:
    """The address the page itself holds now. Playwright's `tab.url` learns of `history.replaceState`
    through an event that may arrive after the action that caused it; `location.href` cannot lag."""
    return tab.evaluate("location.href")


def record_ids(folder: str) -> list[str]:
    """The shipped records' ids in exercises/ or routines/, from their file names: what tests are
    parametrized by at collection, without reading any YAML (a record's id is its file name, as `check`
    enforces)."""
    return sorted(path.stem for path in (ROOT / folder).glob("*.yml"))


class Lazy:
    """A value made on first use, inside the first test that needs it: the shipped library is loaded then,
    never at import time, so a data error fails the tests that need the data, with `check`'s message,
    instead of stopping the whole collection."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make

    @functools.cached_property
    def value(self) -> Any:
        return self._make()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.value, name)

    def __getitem__(self, key: Any) -> Any:
        return self.value[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value)

    def __len__(self) -> int:
        return len(self.value)

    def __contains__(self, key: object) -> bool:
        return key in self.value


@functools.cache
def _shipped_library() -> Any:
    from build_tools.data.library import ProjectPaths, load_library

    return load_library(ProjectPaths.at(ROOT))


SHIPPED = Lazy(_shipped_library)  # the shipped library, loaded once per test process on first use


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request."""

    def log_message(self, *args: object) -> None:
        pass


class QuietHTTPServer(http.server.ThreadingHTTPServer):
    """A test server that says nothing when the browser drops a connection before the answer is sent (a page
    closed while it was still fetching): the browser chose that, and no test is at fault. Other errors
    still print."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)
