"""The benchmark runs end to end on a small library; its figures are read by people, never asserted here."""

from __future__ import annotations

import json
import sys

import pytest
from sitekit import ROOT, check, run

from bench.measure import BenchError
from bench.report import COLUMNS, BenchResult, SizeResult, format_table
from bench.sites import atlas_project, macro_calls
from bench.synthetic import synthetic_library, synthetic_routines
from bench.validation import assert_check_passes
from build_tools.data.vocabulary import load_vocabularies


@pytest.fixture(scope="module")
def vocab():
    vocabularies, problems = load_vocabularies(
        ROOT / "vocabularies", ROOT / "schemas" / "vocabulary.schema.json", ROOT
    )
    assert vocabularies is not None, problems
    return vocabularies


def test_small_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = run(
        [
            sys.executable,
            "-m",
            "bench",
            "--root",
            str(ROOT),
            "--sizes",
            "50",
            "--repeat",
            "1",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header, _, row = proc.stdout.splitlines()[:3]
    assert header.split() == " ".join(COLUMNS).split()
    cells = row.split()
    assert cells[0] == "50" and len(cells) == len(COLUMNS) and cells[-1] == "yes"
    assert "live reload after one YAML edit (shipped library" in proc.stdout

    figures = json.loads(out.read_text())
    (size,) = figures["sizes"]
    for name in (
        "build_s",
        "baseline_s",
        "ratio",
        "cpu_ratio",
        "ms_per_page",
        "peak_mb",
        "largest_page_kb",
        "site_mb",
        "check_s",
        "no_figure_s",
        "figure_gzip_max_kb",
        "figure_gzip_median_kb",
        "figure_svg_max_kb",
    ):
        assert size[name] > 0, name
    assert size["n"] == 50 and size["check_lines_ok"] is True
    assert len(size["build_runs"]) == len(size["baseline_runs"]) == len(size["no_figure_runs"]) == 1
    assert size["stages"]["search plugin"] > 0 and size["stages"]["our pages (atlas plugin)"] > 0
    assert "CPU seconds by stage" in proc.stdout
    assert figures["live_reload"]["median_s"] > 0 and figures["live_reload"]["library"] > 0
    assert [t["target"] for t in figures["targets"]] == [t["target"] for t in _result(ratio=1).targets()]


def test_synthetic_library_passes_check(tmp_path, vocab):
    records = synthetic_library(50, vocab)
    project = atlas_project(ROOT, tmp_path / "atlas", records, synthetic_routines(records, vocab))
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert "OK: 50 exercises" in proc.stdout
    assert sum("progressions" in r for r in records) > 20, "most records sit on a ladder"
    assert len({r["id"] for r in records}) == 50


def test_the_bench_stops_when_its_library_fails_check(tmp_path, vocab):
    records = synthetic_library(20, vocab)
    records[3]["muscles"] = {"primary": ["quadricep"]}
    project = atlas_project(ROOT, tmp_path / "atlas", records, [])
    with pytest.raises(BenchError, match="quadricep"):
        assert_check_passes(project, 20)


def test_synthetic_pages_keep_the_shipped_macro_calls_without_exercise_ids():
    page = (
        '# Knee\n\n{{ exercise_link("clamshell") }} and {{ exercise_list(condition="x") }}\n'
        '{{ compare_table(ids=["a"]) }}'
    )
    assert macro_calls(page) == ['{{ exercise_list(condition="x") }}']


def _result(
    ratio: float,
    growth: float = 5.0,
    page_kb: float = 20,
    check_s: float = 2,
    check_cold_s: float = 2.5,
    lines: bool = True,
    reload_s: float = 1,
    peak_mb: float = 300,
    figure_cost: float = 0.1,
    figure_kb: float = 8,
    svg_kb: float = 30,
) -> BenchResult:
    def size(n: int, build: float) -> SizeResult:
        return SizeResult(
            n=n,
            routines=0,
            build_runs=[build],
            baseline_runs=[build / ratio],
            check_runs=[check_s],
            check_cold_runs=[check_cold_s],
            build_cpu_runs=[build],
            baseline_cpu_runs=[build],
            peak_mb=peak_mb,
            baseline_peak_mb=100,
            largest_page_kb=page_kb,
            site_mb=10,
            baseline_site_mb=10,
            check_lines_ok=lines,
            no_figure_runs=[build / (1 + figure_cost)],
            figure_gzip_max_kb=figure_kb,
            figure_svg_max_kb=svg_kb,
        )

    return BenchResult([size(1000, 4.0), size(5000, 4.0 * growth)], [reload_s], 40, 1)


def test_targets_pass_and_miss_on_their_limits():
    assert all(t["pass"] for t in _result(ratio=1.9).targets())
    missed = _result(
        ratio=2.1,
        growth=6,
        page_kb=41,
        check_cold_s=3.5,
        lines=False,
        reload_s=2.5,
        peak_mb=700,
        figure_cost=0.2,
        figure_kb=16,
        svg_kb=41,
    )
    verdicts = {t["target"]: t["pass"] for t in missed.targets()}
    assert not any(verdicts.values()), verdicts
    table = format_table(_result(ratio=2.5))
    assert "MISS     build time / baseline at N=1,000: 2.5 x (limit 2 x)" in table
    assert "pass     build with figures / without at N=1,000: 1.1 x (limit 1.15 x)" in table


def test_targets_of_sizes_not_run_are_marked_not_run():
    result = _result(ratio=1)
    result.sizes = result.sizes[:0]
    assert "not run  peak memory at N=5,000" in format_table(result)
