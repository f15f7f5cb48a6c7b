"""The Lighthouse benchmark's summary: medians over runs, the target, the table people read."""

from __future__ import annotations

from bench.lighthouse import TARGET, format_table, summarise


def _report(score: float, lcp: float, tbt: float, cls: float) -> dict:
    audits = {
        "largest-contentful-paint": {"numericValue": lcp},
        "total-blocking-time": {"numericValue": tbt},
        "cumulative-layout-shift": {"numericValue": cls},
    }
    return {"categories": {"performance": {"score": score}}, "audits": audits}


def test_the_median_run_decides_and_one_bad_run_does_not():
    runs = [_report(0.99, 1500, 20, 0.0), _report(0.79, 3100, 400, 0.0), _report(0.95, 1800, 60, 0.01)]
    result = summarise("routine", runs)
    assert result.performance_runs == [79, 95, 99]
    assert (result.performance, result.lcp_ms, result.tbt_ms, result.cls) == (95, 1800, 60, 0.0)
    assert result.meets_target
    assert "routine" in format_table([result]) and "pass" in format_table([result])


def test_a_median_under_the_target_is_a_miss():
    runs = [_report(0.85, 3000, 300, 0.0)] * 2 + [_report(1.0, 1200, 10, 0.0)]
    result = summarise("exercise", runs)
    assert result.performance == 85 < TARGET
    assert not result.meets_target
    assert format_table([result]).splitlines()[1].endswith("MISS")
