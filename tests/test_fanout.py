"""Large libraries are read on every core (build_tools/data/fanout.py): the same problems, lines and order as
reading them in one process, and positions found again for documents that came back from a worker."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sitekit import ROOT, check, run

from bench.sites import atlas_project
from bench.synthetic import synthetic_library
from build_tools.data import fanout
from build_tools.data.vocabulary import load_vocabularies

SIZE = fanout.PARALLEL_FROM + 50


@pytest.fixture(scope="module")
def large_project(tmp_path_factory):
    """A synthetic library just big enough to be read in parallel, with mistakes in three files."""
    vocab, problems = load_vocabularies(
        ROOT / "vocabularies", ROOT / "schemas" / "vocabulary.schema.json", ROOT
    )
    assert vocab is not None, problems
    records = synthetic_library(SIZE, vocab)
    records[7]["muscles"]["primary"] = ["quadricep"]  # found by the schema, inside the worker
    records[300]["progressions"] = ["no-such-exercise"]  # found across files, after the workers are done
    records[-1]["dose"].pop("sets")
    return atlas_project(ROOT, tmp_path_factory.mktemp("large") / "atlas", records, [])


SPREAD = """
import json, os, time

from build_tools.data import fanout

def job(item):
    time.sleep(0.002)  # about as long as reading a record: a worker cannot finish every chunk alone
    return item, os.getpid()

results = fanout.map_in_processes(job, list(range({size})))
print(json.dumps({{"pid": os.getpid(), "results": results}}))
"""


def test_a_large_library_reads_on_several_processes_in_order():
    # In a fresh interpreter: pytest-xdist's workers run threads, and fanout never forks a threaded process.
    proc = run([sys.executable, "-c", SPREAD.format(size=SIZE)], cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    spread = json.loads(proc.stdout)
    assert [item for item, _ in spread["results"]] == list(range(SIZE))
    workers = {pid for _, pid in spread["results"]}
    assert spread["pid"] not in workers
    assert len(workers) > 1, "CI machines have two or more cores"


def test_a_small_library_or_a_threaded_process_stays_in_this_process():
    assert fanout.worker_count(fanout.PARALLEL_FROM - 1) == 1
    with ThreadPoolExecutor(1) as pool:  # a thread besides this one, as under `mkdocs serve`
        assert pool.submit(fanout.worker_count, SIZE).result() == 1


def test_atlas_workers_asks_for_that_many_processes_whatever_the_size():
    # In a fresh interpreter, as above: a test in this worker may have started a thread (a site server).
    asked = "from build_tools.data import fanout; print(fanout.worker_count({}))"
    counts = {
        (workers, items): run(
            [sys.executable, "-c", asked.format(items)], cwd=ROOT, env={fanout.WORKERS_VARIABLE: workers}
        ).stdout.strip()
        for workers, items in (("2", 60), ("2", 1), ("1", fanout.PARALLEL_FROM + 1))
    }
    assert counts == {
        ("2", 60): "2",  # how tests/test_prerender.py makes a small site ahead
        ("2", 1): "1",  # one item is never worth a process
        ("1", fanout.PARALLEL_FROM + 1): "1",
    }


def test_parallel_and_single_process_checks_say_the_same_with_line_numbers(large_project, monkeypatch):
    monkeypatch.setenv(fanout.WORKERS_VARIABLE, "2")
    parallel = check(large_project, "--format", "json")
    monkeypatch.setenv(fanout.WORKERS_VARIABLE, "1")
    single = check(large_project, "--format", "json")
    assert parallel.returncode == single.returncode == 1
    assert parallel.stdout == single.stdout
    assert "quadricep" in parallel.stdout and "no-such-exercise" in parallel.stdout
    assert '"line": 1,' not in parallel.stdout, "every problem points at its own line"
