"""Run the whole benchmark: per size, generate, check, build ours and the baseline; then live reload."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

import mkdocs

from build_tools.data.vocabulary import load_vocabularies

from . import sites
from .baseline import baseline_project
from .measure import (
    BenchError,
    Reload,
    figure_gzip_bytes,
    folder_bytes,
    largest_exercise_page,
    largest_figure_svg,
    live_reload,
    mkdocs_build,
)
from .report import BenchResult, SizeResult, format_table
from .synthetic import figure_poses, synthetic_library, synthetic_routines, without_poses
from .validation import assert_check_passes, check_reports_lines, run_check


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_size(root: Path, n: int, repeat: int, work: Path) -> SizeResult:
    """Every figure for one synthetic library of n exercises, built in work."""
    vocab, problems = load_vocabularies(
        root / "vocabularies", root / "schemas" / "vocabulary.schema.json", root
    )
    if vocab is None:
        raise BenchError("the repository's vocabularies have problems:\n" + "\n".join(map(str, problems)))
    records = synthetic_library(n, vocab, figure_poses(root))
    # Routines join the library once the project has them (issue 4): a few, whatever the size.
    routines = (
        synthetic_routines(records, vocab)
        if (root / "schemas" / "routine-record.schema.json").is_file()
        else []
    )
    project = sites.atlas_project(root, work / "atlas", records, routines)
    no_figures = sites.atlas_project(root, work / "atlas-no-figures", without_poses(records), routines)
    baseline = baseline_project(work / "baseline", n)

    _say(f"N={n}: check")
    assert_check_passes(project, n)
    check_runs = [run_check(project).seconds for _ in range(repeat)]
    check_cold_runs = []
    for _ in range(repeat):  # as a fresh clone's first check: no file or pose remembered as sound
        for remembered in (project / ".cache" / "atlas").glob("sound-*.json"):
            remembered.unlink()
        check_cold_runs.append(run_check(project).seconds)
    check_lines_ok = check_reports_lines(project, records)

    # Untimed first builds fill each project's .cache/atlas (routine PDFs, templates, drawings).
    _say(f"N={n}: first builds")
    mkdocs_build(project, work / "site")
    mkdocs_build(no_figures, work / "no-figures-site")

    ours, without, theirs = [], [], []
    for attempt in range(repeat):  # alternate, so drift in the machine's speed hits all alike
        _say(f"N={n}: build {attempt + 1} of {repeat}")
        ours.append(mkdocs_build(project, work / "site"))
        without.append(mkdocs_build(no_figures, work / "no-figures-site"))
        theirs.append(mkdocs_build(baseline, work / "baseline-site"))

    _say(f"N={n}: a build timed stage by stage")
    stages_file = work / "stages.json"
    mkdocs_build(
        project,
        work / "stages-site",
        config=sites.stages_config(project).name,
        env={"ATLAS_BENCH_STAGES": str(stages_file)},
    )
    figure_sizes = figure_gzip_bytes(work / "site")
    return SizeResult(
        n=n,
        routines=len(routines),
        build_runs=[round(r.seconds, 4) for r in ours],
        baseline_runs=[round(r.seconds, 4) for r in theirs],
        check_runs=[round(s, 4) for s in check_runs],
        check_cold_runs=[round(s, 4) for s in check_cold_runs],
        build_cpu_runs=[round(r.cpu_seconds, 4) for r in ours],
        baseline_cpu_runs=[round(r.cpu_seconds, 4) for r in theirs],
        peak_mb=round(max(r.peak_mb for r in ours), 1),
        baseline_peak_mb=round(max(r.peak_mb for r in theirs), 1),
        largest_page_kb=round(largest_exercise_page(work / "site", drawing=False) / 1e3, 2),
        largest_page_with_drawing_kb=round(largest_exercise_page(work / "site") / 1e3, 2),
        site_mb=round(folder_bytes(work / "site") / 1e6, 2),
        baseline_site_mb=round(folder_bytes(work / "baseline-site") / 1e6, 2),
        check_lines_ok=check_lines_ok,
        no_figure_runs=[round(r.seconds, 4) for r in without],
        no_figure_cpu_runs=[round(r.cpu_seconds, 4) for r in without],
        figure_gzip_max_kb=round(max(figure_sizes, default=0) / 1e3, 2),
        figure_gzip_median_kb=round(statistics.median(figure_sizes or [0]) / 1e3, 2),
        figure_svg_max_kb=round(largest_figure_svg(work / "site") / 1e3, 2),
        stages=json.loads(stages_file.read_text(encoding="utf-8")),
    )


def measure_live_reload(root: Path, repeat: int, work: Path) -> tuple[list[Reload], int]:
    """Seconds from one YAML edit to the new page under `mkdocs serve`, for a copy of the shipped library."""
    project = sites.served_copy(root, work / "served")
    records = sorted((project / "exercises").glob("*.yml"))
    if not records:
        raise BenchError("the shipped library has no exercises to edit")
    _say(f"live reload: serving {len(records)} shipped exercises")
    return live_reload(project, records[0], repeat), len(records)


def default_work_folder() -> Path | None:
    """A folder in memory (/dev/shm) when the machine has one: the builds write thousands of files, and a
    shared machine's disk would otherwise decide the figures. None: the system's temporary folder."""
    memory = Path("/dev/shm")
    return memory if memory.is_dir() and os.access(memory, os.W_OK) else None


def run_bench(
    root: Path, sizes: list[int], repeat: int, out: Path, work_folder: Path | None = None
) -> BenchResult:
    """Measure every size and live reload (building in work_folder); print the table, write the JSON."""
    root = root.resolve()
    load_at_start = " ".join(f"{x:.2f}" for x in os.getloadavg())  # other work skews wall times
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"atlas-bench-{n}-", dir=work_folder) as work:
            results.append(measure_size(root, n, repeat, Path(work)))
    # Live reload as a contributor has it: the project on the file system where MkDocs makes the folder it
    # serves (the system's temporary folder), not in memory; the plugin links drawings into that folder
    # when it can (plugin.CopiedWhole).
    with tempfile.TemporaryDirectory(prefix="atlas-bench-serve-") as work:
        reloads, library = measure_live_reload(root, repeat, Path(work))
    result = BenchResult(
        results,
        [round(r.seconds, 4) for r in reloads],
        library,
        repeat,
        reload_rebuild_runs=[r.rebuild_seconds for r in reloads],
        environment={
            "python": platform.python_version(),
            "mkdocs": mkdocs.__version__,
            "machine": platform.machine(),
            "cpus": str(len(os.sched_getaffinity(0))),
            "platform": platform.platform(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "work_folder": str(work_folder or tempfile.gettempdir()),
            "live_reload_folder": tempfile.gettempdir(),
        },
    )
    result.write_json(out)
    print(format_table(result))
    print(f"\nfigures written to {out}")
    return result
