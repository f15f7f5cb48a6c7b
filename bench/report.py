"""The benchmark's figures: one row per library size, the targets they are read against, table and JSON."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Units are decimal: 1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes.


@dataclass
class SizeResult:
    """Everything measured for one synthetic library of n exercises (times are medians of the runs)."""

    n: int
    routines: int
    build_runs: list[float]
    baseline_runs: list[float]
    check_runs: list[float]
    build_cpu_runs: list[float]
    baseline_cpu_runs: list[float]
    peak_mb: float  # the largest of our build runs
    baseline_peak_mb: float
    largest_page_kb: float  # the largest exercise page, its drawing aside (figure_gzip_max_kb)
    site_mb: float
    baseline_site_mb: float
    check_lines_ok: bool  # check still gives the exact line of each problem at this size
    # The same records without poses, built the same way: what the figures cost.
    no_figure_runs: list[float] = field(default_factory=list)
    no_figure_cpu_runs: list[float] = field(default_factory=list)
    figure_gzip_max_kb: float = 0.0  # the <figure class="atlas-figure"> block of an exercise page, gzipped
    figure_gzip_median_kb: float = 0.0
    figure_svg_max_kb: float = 0.0  # the largest standalone figure.svg
    stages: dict[str, float] = field(default_factory=dict)  # CPU seconds by stage, one extra build
    # check with nothing remembered as sound (data/sound_records.py, data/figures/sound.py): a fresh
    # clone's first check
    check_cold_runs: list[float] = field(default_factory=list)
    largest_page_with_drawing_kb: float = 0.0

    @property
    def build_s(self) -> float:
        return statistics.median(self.build_runs)

    @property
    def baseline_s(self) -> float:
        return statistics.median(self.baseline_runs)

    @property
    def ratio(self) -> float:
        return self.build_s / self.baseline_s

    @property
    def cpu_ratio(self) -> float:
        """The ratio in CPU seconds, which other work on the machine disturbs less than wall time."""
        return statistics.median(self.build_cpu_runs) / statistics.median(self.baseline_cpu_runs)

    @property
    def no_figure_s(self) -> float:
        return statistics.median(self.no_figure_runs) if self.no_figure_runs else 0.0

    @property
    def figure_cost(self) -> float:
        """How much longer the build is with figures than without: 0.1 is 10 % longer."""
        return self.build_s / self.no_figure_s - 1 if self.no_figure_s else 0.0

    @property
    def ms_per_page(self) -> float:
        return self.build_s * 1000 / self.n

    @property
    def check_s(self) -> float:
        return statistics.median(self.check_runs)

    @property
    def check_cold_s(self) -> float:
        return statistics.median(self.check_cold_runs) if self.check_cold_runs else 0.0

    def as_dict(self) -> dict[str, Any]:
        derived = {
            name: round(getattr(self, name), 4)
            for name in (
                "build_s",
                "baseline_s",
                "ratio",
                "cpu_ratio",
                "no_figure_s",
                "figure_cost",
                "ms_per_page",
                "check_s",
                "check_cold_s",
            )
        }
        return {**asdict(self), **derived}


@dataclass
class BenchResult:
    sizes: list[SizeResult]
    reload_runs: list[float]
    reload_library: int  # exercises in the shipped library that was served
    repeat: int
    reload_rebuild_runs: list[float | None] = field(
        default_factory=list
    )  # MkDocs's own build time per reload
    environment: dict[str, str] = field(default_factory=dict)

    @property
    def reload_s(self) -> float:
        return statistics.median(self.reload_runs)

    def at(self, n: int) -> SizeResult | None:
        return next((s for s in self.sizes if s.n == n), None)

    def targets(self) -> list[dict[str, Any]]:
        """Each target (issues 8, 13 and 14) with the measured value and pass/fail (None when its size
        was not run). Figure sizes do not depend on the library's size: they are read at the largest."""
        small, large = self.at(1000), self.at(5000)
        largest = max(self.sizes, key=lambda s: s.n, default=None)

        def target(
            name: str, value: float | None, limit: float, unit: str, ok: bool | None = None
        ) -> dict[str, Any]:
            passed = None if value is None else (ok if ok is not None else value <= limit)
            return {
                "target": name,
                "value": None if value is None else round(value, 3),
                "limit": limit,
                "unit": unit,
                "pass": passed,
            }

        return [
            target("build time / baseline at N=1,000", small and small.ratio, 2, "x"),
            target(
                "build time at 5,000 / at 1,000", small and large and large.build_s / small.build_s, 5.5, "x"
            ),
            target(
                "largest exercise page at N=5,000, its drawing aside",
                large and large.largest_page_kb,
                40,
                "kB",
            ),
            target(
                "check on 5,000 records, with line numbers (files and poses found sound before)",
                large and large.check_s,
                3,
                "s",
                ok=large and large.check_s < 3 and large.check_lines_ok,
            ),
            target(
                "check on 5,000 records from cold (every file read, every pose solved)",
                large and large.check_cold_s,
                3,
                "s",
                ok=large and large.check_cold_s < 3,
            ),
            target("live reload after one YAML edit", self.reload_s, 2, "s", ok=self.reload_s < 2),
            target(
                "peak memory at N=5,000", large and large.peak_mb, 600, "MB", ok=large and large.peak_mb < 600
            ),
            target(
                "what a figure adds to an exercise page, gzipped",
                largest and largest.figure_gzip_max_kb,
                15,
                "kB",
            ),
            target("largest figure.svg", largest and largest.figure_svg_max_kb, 40, "kB"),
            target(
                "build with figures / without at N=1,000",
                small.build_s / small.no_figure_s if small and small.no_figure_runs else None,
                1.15,
                "x",
            ),
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "units": "seconds (medians), MB = 1e6 bytes, kB = 1e3 bytes",
            "repeat": self.repeat,
            "sizes": [s.as_dict() for s in self.sizes],
            "live_reload": {
                "library": self.reload_library,
                "runs": self.reload_runs,
                "median_s": round(self.reload_s, 4),
                "rebuild_runs": self.reload_rebuild_runs,
            },
            "targets": self.targets(),
            "environment": self.environment,
        }

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")


COLUMNS = (
    "N",
    "build s",
    "baseline s",
    "ratio",
    "cpu ratio",
    "no-figure s",
    "figures",
    "ms/page",
    "peak MB",
    "page kB",
    "figure gz kB",
    "svg kB",
    "site MB",
    "check s",
    "cold s",
    "lines",
)


def format_table(result: BenchResult) -> str:
    """The figures as an aligned text table, then live reload and the targets."""
    rows = [COLUMNS] + [
        (
            f"{s.n:,}",
            f"{s.build_s:.2f}",
            f"{s.baseline_s:.2f}",
            f"{s.ratio:.2f}",
            f"{s.cpu_ratio:.2f}",
            f"{s.no_figure_s:.2f}",
            f"{s.figure_cost:+.0%}",
            f"{s.ms_per_page:.1f}",
            f"{s.peak_mb:.0f}",
            f"{s.largest_page_kb:.1f}",
            f"{s.figure_gzip_max_kb:.1f}/{s.figure_gzip_median_kb:.1f}",
            f"{s.figure_svg_max_kb:.1f}",
            f"{s.site_mb:.1f}",
            f"{s.check_s:.2f}",
            f"{s.check_cold_s:.2f}",
            "yes" if s.check_lines_ok else "NO",
        )
        for s in result.sizes
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(
        f"live reload after one YAML edit (shipped library, {result.reload_library} exercises): "
        f"{result.reload_s:.2f} s (median of {len(result.reload_runs)}){_rebuild_share(result)}"
    )
    lines += ["", *format_stages(result.sizes), "", "targets:"]
    for t in result.targets():
        verdict = {True: "pass", False: "MISS", None: "not run"}[t["pass"]]
        value = "-" if t["value"] is None else f"{t['value']:g} {t['unit']}"
        lines.append(f"  {verdict:7}  {t['target']}: {value} (limit {t['limit']:g} {t['unit']})")
    return "\n".join(lines)


def format_stages(sizes: list[SizeResult]) -> list[str]:
    """Where our build's CPU time goes, stage by stage, for each size (from stage_hook.py)."""
    measured = [s for s in sizes if s.stages]
    if not measured:
        return []
    stages = list(dict.fromkeys(stage for s in measured for stage in s.stages))
    header = ["CPU seconds by stage (one extra build of ours)", *(f"N={s.n:,}" for s in measured)]
    rows = [header] + [
        [stage, *(_share(s.stages.get(stage, 0.0), sum(s.stages.values())) for s in measured)]
        for stage in stages
    ]
    rows.append(["total", *(f"{sum(s.stages.values()):.2f}" for s in measured)])
    width = max(len(row[0]) for row in rows)
    columns = [max(len(row[i]) for row in rows) for i in range(1, len(header))]
    return [
        "  ".join([row[0].ljust(width), *(c.rjust(w) for c, w in zip(row[1:], columns, strict=True))])
        for row in rows
    ]


def _share(seconds: float, total: float) -> str:
    return f"{seconds:.2f} ({seconds / total:.0%})" if total else f"{seconds:.2f}"


def _rebuild_share(result: BenchResult) -> str:
    builds = [b for b in result.reload_rebuild_runs if b is not None]
    return f", of which MkDocs building: {statistics.median(builds):.2f} s" if builds else ""
