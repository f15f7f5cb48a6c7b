"""A pytest plugin that says where the suite's CPU goes: `make test-cpu` (or `pytest -p cpu_time`).

`--durations` reports wall time, which on a busy two-core machine mostly measures waiting for a core.
This counts CPU seconds instead: each test's, of its worker process and of everything that process
started (builds, Chromium and its renderers, Lighthouse), read from /proc before and after the test.
At the end it prints the CPU seconds of each test file, largest first, and of the slowest tests.

A process that exits without being waited for takes its CPU time with it (Chromium reaps its own
renderers so), so a test that closes a browser can show less than nothing; those are counted as 0.
Linux only; elsewhere it reports nothing.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

REPORTS = Path(os.environ.get("ATLAS_CPU_REPORTS", "test-artifacts/cpu-time"))
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            found += [int(child) for child in Path(f"/proc/{pid}/task/{thread}/children").read_text().split()]
        except OSError:
            pass
    return found


def _own_and_reaped(pid: int) -> float:
    """utime + stime + cutime + cstime of one process, in seconds (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(ticks) for ticks in fields[11:15]) / TICKS


def tree_cpu_seconds(root: int | None = None) -> float:
    """CPU seconds used so far by a process and every process below it."""
    total, waiting = 0.0, [root or os.getpid()]
    while waiting:
        pid = waiting.pop()
        total += _own_and_reaped(pid)
        waiting += _children(pid)
    return total


class CpuTime:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []  # test id, CPU seconds, wall seconds

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Iterator[None]:
        cpu, wall = tree_cpu_seconds(), time.monotonic()
        yield
        self.rows.append((item.nodeid, max(0.0, tree_cpu_seconds() - cpu), time.monotonic() - wall))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        REPORTS.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (REPORTS / f"{worker}.json").write_text(json.dumps(self.rows), encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if os.environ.get("PYTEST_XDIST_WORKER"):
            return
        rows = [row for path in sorted(REPORTS.glob("*.json")) for row in json.loads(path.read_text())]
        by_file: Counter[str] = Counter()
        for test, cpu, _ in rows:
            by_file[test.split("::")[0]] += cpu
        write = terminalreporter.write_line
        write(f"CPU seconds: {sum(by_file.values()):.0f} in {len(rows)} tests (worker and child processes)")
        for path, cpu in by_file.most_common(20):
            write(f"{cpu:8.1f}  {path}")
        write("slowest tests by CPU:")
        for test, cpu, wall in sorted(rows, key=lambda row: -row[1])[:15]:
            write(f"{cpu:8.1f}  ({wall:.0f} s wall)  {test}")


def pytest_configure(config: pytest.Config) -> None:
    if os.path.isdir("/proc/self/task"):
        if not os.environ.get("PYTEST_XDIST_WORKER"):
            for old in REPORTS.glob("*.json"):
                old.unlink()
        config.pluginmanager.register(CpuTime(), "atlas-cpu-time")
