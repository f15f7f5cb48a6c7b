"""`python -m bench.lighthouse` (part of `make bench`): Lighthouse mobile performance of the shipped site.

Builds the site, serves it on 127.0.0.1 with gzip as a static host would, and runs Lighthouse (npm, pinned
in tools/lighthouse) with Debian's chromium, mobile preset, RUNS times on each page in PAGES. It reports
the median performance score (Lighthouse's guidance on variability: one run on a shared two-core machine
swings by ten points or more on an unchanged page) with the median LCP, TBT and CLS, against the target of
90. A timing target, so it lives here and is never asserted in tests; tests/test_lighthouse.py runs the
same audits once per page for accessibility, best practices and the page-weight and layout-shift checks
that do not depend on the machine's speed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from build_tools.printing.printing import CHROMIUM_ARGS, chromium_path

from .measure import BenchError, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
# Chromium as the build starts it to print routine sheets (this machine's network is closed, so nothing in
# the background), headless.
CHROMIUM_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
ROUTINE = min(path.stem for path in (ROOT / "routines").glob("*.yml"))
PAGES = {"home": "", "exercise": "exercises/step-up/", "routine": f"routines/{ROUTINE}/"}
RUNS = 5
TARGET = 90
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded when the browser accepts it (as GitHub Pages serves them)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()  # type: ignore[return-value]
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def gzip_server(site: Path) -> Iterator[str]:
    """Serve the built site in a thread; yields its address, ending in '/'."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def run_lighthouse(url: str, report: Path) -> dict:  # type: ignore[type-arg]
    """One Lighthouse run (performance, accessibility, best practices): its JSON report, kept in report."""
    if not LIGHTHOUSE.exists():
        raise BenchError(f"Lighthouse is not installed at {LIGHTHOUSE}; run `make test` or `make bench`")
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices",
            f"--chrome-flags={CHROMIUM_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": str(chromium_path())},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise BenchError(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class PageResult:
    page: str
    performance_runs: list[int]
    performance: float
    lcp_ms: float
    tbt_ms: float
    cls: float

    @property
    def meets_target(self) -> bool:
        return self.performance >= TARGET


def summarise(page: str, reports: list[dict]) -> PageResult:  # type: ignore[type-arg]
    """Medians over the runs of one page."""

    def median(audit: str) -> float:
        return statistics.median(report["audits"][audit]["numericValue"] for report in reports)

    scores = sorted(round(report["categories"]["performance"]["score"] * 100) for report in reports)
    return PageResult(
        page=page,
        performance_runs=scores,
        performance=statistics.median(scores),
        lcp_ms=round(median("largest-contentful-paint")),
        tbt_ms=round(median("total-blocking-time")),
        cls=round(median("cumulative-layout-shift"), 3),
    )


def format_table(results: list[PageResult]) -> str:
    head = f"{'page':<10} {'performance':>11} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6}"
    lines = [f"{head}  runs  target >= {TARGET}"]
    for r in results:
        verdict = "pass" if r.meets_target else "MISS"
        lines.append(
            f"{r.page:<10} {r.performance:>11g} {r.lcp_ms:>7g} {r.tbt_ms:>7g} {r.cls:>6g}  "
            f"{' '.join(map(str, r.performance_runs))}  {verdict}"
        )
    return "\n".join(lines)


def measure(site: Path, runs: int, reports: Path) -> list[PageResult]:
    reports.mkdir(parents=True, exist_ok=True)
    results = []
    with gzip_server(site) as address:
        for page, path in PAGES.items():
            print(f"lighthouse: {page} ({runs} runs)", file=sys.stderr, flush=True)
            page_reports = [run_lighthouse(address + path, reports / f"{page}-{n}.json") for n in range(runs)]
            results.append(summarise(page, page_reports))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one now)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page (default: {RUNS})")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "lighthouse")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="atlas-lighthouse-") as work:
            site = args.site
            if site is None:
                site = Path(work) / "site"
                print("lighthouse: building the site", file=sys.stderr, flush=True)
                mkdocs_build(ROOT, site)
            results = measure(site, args.runs, args.out)
    except BenchError as error:
        print(f"bench: {error}")
        return 1
    (args.out / "summary.json").write_text(
        json.dumps([asdict(r) | {"meets_target": r.meets_target} for r in results], indent=2) + "\n",
        encoding="utf-8",
    )
    print(format_table(results))
    print(f"\nreports written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
