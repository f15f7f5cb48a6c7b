"""`mkdocs build` in a fresh process forked from one that has already imported MkDocs, its plugins and ours.

Starting Python and importing all of that is most of the time of a build that stops at the data check,
and the golden error cases run 69 of them (test_error_messages.py). A server process, started once per
test process, imports everything and then, for each build, forks a child that runs the `mkdocs` command
line as `python -m mkdocs` would: in the project's folder, with the given environment, its output in a
file, exiting with the command's status (and printing a traceback, as Python would, if an exception
escaped). Nothing of one build is left in the next: each runs in its own process and the server never
builds. The server has one thread, so forking it is safe.

Protocol: one JSON line per build on the server's stdin ({"cwd", "args", "env", "log"}); it answers one
JSON line ({"returncode"}) when the child has exited.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any


def _run_child(job: dict[str, Any]) -> None:
    """In the forked child: run `mkdocs <args>` and exit with its status; never returns."""
    status = 1
    try:
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        sys.path[0] = job["cwd"]  # as `python -m` sets it
        sys.argv = ["mkdocs", *job["args"]]
        import mkdocs.__main__

        try:
            mkdocs.__main__.cli(prog_name="mkdocs")
            status = 0
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            if not isinstance(done.code, int | None):
                print(done.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def serve() -> None:
    """The server: import what every build imports, then fork one child per build asked for."""
    import material.plugins.search.plugin  # noqa: F401
    import material.plugins.tags.plugin  # noqa: F401
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401
    import mkdocs_redirects.plugin  # noqa: F401

    import build_tools.plugin  # noqa: F401

    for line in sys.stdin:
        job = json.loads(line)
        sys.stdout.flush()
        child = os.fork()
        if child == 0:
            _run_child(job)
        _, wait_status = os.waitpid(child, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(wait_status)}), flush=True)


class ForkBuilds:
    """The client: one server per test process, started on the first build."""

    def __init__(self) -> None:
        self._server: subprocess.Popen[str] | None = None

    def run(self, cwd: Path, args: list[str], env: dict[str, str], log: Path, timeout: float = 300) -> int:
        """`mkdocs <args>` in cwd with env; its exit status, its output written to log."""
        if self._server is None or self._server.poll() is not None:
            self._server = subprocess.Popen(
                [sys.executable, __file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                start_new_session=True,  # (its children with it: a build that hangs is killed with it)
            )
            atexit.register(self.close)
        assert self._server.stdin is not None and self._server.stdout is not None
        job = {"cwd": str(cwd), "args": args, "env": env, "log": str(log)}
        self._server.stdin.write(json.dumps(job) + "\n")
        self._server.stdin.flush()
        ready, _, _ = select.select([self._server.stdout], [], [], timeout)
        answer = self._server.stdout.readline() if ready else ""
        if not answer:
            os.killpg(self._server.pid, signal.SIGKILL)
            self._server.wait()
            raise RuntimeError(f"mkdocs {' '.join(args)} in {cwd} gave no answer within {timeout} s")
        returncode: int = json.loads(answer)["returncode"]
        return returncode

    def close(self) -> None:
        if self._server is not None and self._server.poll() is None:
            assert self._server.stdin is not None
            self._server.stdin.close()
            self._server.wait(timeout=30)


if __name__ == "__main__":
    serve()
