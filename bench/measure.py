"""Measurements: a child process's wall time and peak memory, sizes on disk, and live-reload latency."""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML

MKDOCS = [sys.executable, "-m", "mkdocs"]
CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BenchError(RuntimeError):
    """The benchmark could not measure what it set out to (a build failed, the server never answered)."""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a busy machine
    peak_mb: float  # the child's maximum resident set size
    returncode: int
    output: str


def run_measured(cmd: list[str], cwd: Path, timeout: float = 900, env: dict[str, str] | None = None) -> Run:
    """Run cmd to completion; its wall time and, from wait4, the peak memory of that one child."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**CHILD_ENV, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode == -signal.SIGKILL:
        output += f"\n(killed after {timeout:.0f} s)"
    return Run(
        seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / 1e6, proc.returncode, output
    )


def mkdocs_build(
    project: Path, site: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> Run:
    """`mkdocs build` of project into site, as configured (strict); raises if it fails."""
    run = run_measured([*MKDOCS, "build", "-q", "-f", config, "-d", str(site)], cwd=project, env=env)
    if run.returncode != 0:
        raise BenchError(f"mkdocs build failed in {project}:\n{run.output[-4000:]}")
    return run


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


FIGURE_BLOCK = re.compile(rb'<figure class="atlas-figure".*?</figure>', re.DOTALL)


def largest_exercise_page(site: Path, drawing: bool = True) -> int:
    """Bytes of the largest /exercises/<id>/index.html; without its drawing (the figure block, which issue
    14 budgets on its own, figure_gzip_bytes) when drawing is False."""
    pages = site.glob("exercises/*/index.html")
    if drawing:
        return max((page.stat().st_size for page in pages), default=0)
    return max((len(FIGURE_BLOCK.sub(b"", page.read_bytes())) for page in pages), default=0)


def figure_gzip_bytes(site: Path) -> list[int]:
    """What the figure adds to each exercise page that has one, gzipped (as a host serves it), in bytes:
    its <figure class="atlas-figure"> block, and the figure.svg the page's script fetches to play it."""
    sizes = []
    for page in site.glob("exercises/*/index.html"):
        block = FIGURE_BLOCK.search(page.read_bytes())
        if block:
            played = page.parent / "figure.svg"
            fetched = len(gzip.compress(played.read_bytes(), mtime=0)) if played.is_file() else 0
            sizes.append(len(gzip.compress(block.group(0), mtime=0)) + fetched)
    return sizes


def largest_figure_svg(site: Path) -> int:
    """Bytes of the largest /exercises/<id>/figure.svg (the standalone, animated drawing)."""
    return max((svg.stat().st_size for svg in site.glob("exercises/*/figure.svg")), default=0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy


def _fetch(url: str) -> str | None:
    try:
        with _LOCAL.open(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _set_summary(record: Path, summary: str) -> None:
    yaml = YAML()  # round trip: the rest of the file stays as the contributor wrote it
    yaml.width = 4096
    data = yaml.load(record.read_text(encoding="utf-8"))
    data["summary"] = summary
    with record.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


@dataclass(frozen=True)
class Reload:
    seconds: float  # from saving the file to the new page being served
    rebuild_seconds: float | None  # of which MkDocs says it spent building ("Documentation built in ...")


BUILT_IN = re.compile(rb"Documentation built in ([0-9.]+) seconds")


def live_reload(
    project: Path, record: Path, repeat: int, start_timeout: float = 180, reload_timeout: float = 60
) -> list[Reload]:
    """Serve project on loopback; per repeat, edit record's summary and time until its page shows it."""
    config = YAML(typ="safe").load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}{urlsplit(config.get('site_url') or '/').path or '/'}"
    page = f"{base}exercises/{record.stem}/"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=CHILD_ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(lambda: _fetch(page) is not None, server, start_timeout, log, "the server to answer")
            reloads = []
            for attempt in range(repeat):
                marker = f"Benchmark marker {os.getpid()}-{attempt}-{time.time_ns()}."
                builds_before = len(_builds(log))
                start = time.perf_counter()
                _set_summary(record, marker)
                _wait_for(
                    lambda marker=marker: marker in (_fetch(page) or ""),
                    server,
                    reload_timeout,
                    log,
                    "the edited page",
                )
                seconds = time.perf_counter() - start
                # The server logs its build time just after serving the new files; give it a moment.
                deadline = time.monotonic() + 5
                while len(_builds(log)) == builds_before and time.monotonic() < deadline:
                    time.sleep(0.05)
                builds = _builds(log)
                reloads.append(Reload(seconds, builds[-1] if len(builds) > builds_before else None))
            return reloads
        finally:
            server.send_signal(signal.SIGINT)  # lets mkdocs remove its temporary site folder
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _builds(log) -> list[float]:
    """Every build time the server has logged so far."""
    log.seek(0)
    return [float(seconds) for seconds in BUILT_IN.findall(log.read())]


def _wait_for(ready, server: subprocess.Popen, timeout: float, log, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if server.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise BenchError(f"mkdocs serve: gave up waiting for {what}:\n{tail}")
        time.sleep(0.02)
