"""Run one function over many items on every CPU core, when that is safe and worth it.

Reading and checking a record file is pure Python and takes about half a millisecond, so `check` on
5,000 records is CPU-bound on one core. Spread over the machine's cores in forked worker processes it
takes a fraction of that. The function is handed to the workers by the fork itself, never pickled, so it
may be a closure over a compiled schema; only the items and the results travel between processes.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_FROM = 400
# ATLAS_WORKERS=N asks for N processes whatever the number of items: 1 to compare or to debug with
# breakpoints, 2 to make a small library take the parallel path (the tests do).
WORKERS_VARIABLE = "ATLAS_WORKERS"

_job: Callable[[Any], Any] | None = None  # what the forked workers run, inherited from the parent


def worker_count(items: int) -> int:
    """How many processes to use for this many items: 1 unless forking is safe and pays, or is asked for."""
    # fork is only safe in a process with one thread (`mkdocs serve` has a server thread) and on Linux
    # (macOS frameworks object to it); elsewhere everything runs here, as before.
    if items < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    wanted = os.environ.get(WORKERS_VARIABLE, "")
    if wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), items)
    if items < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 8)


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _job is not None
    return [_job(item) for item in chunk]


def map_in_processes(job: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[job(item) for item in items], in order, spread over worker processes when worth it."""
    workers = worker_count(len(items))
    if workers == 1:
        return [job(item) for item in items]
    global _job
    _job = job
    size = -(-len(items) // workers)  # one contiguous chunk per worker keeps results in order
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            return [result for part in pool.map(_run_chunk, chunks) for result in part]
    finally:
        _job = None
