"""MkDocs hook used only by the benchmark: where a build's CPU time goes, by stage.

Loaded through `hooks:` (bench/sites.py adds it for one untimed build), it wraps every plugin's event
methods and a few named functions in timers. Time goes to the innermost stage running, so the stages add
up: a plugin's event minus the figures it draws, and so on. At shutdown it writes seconds per stage as
JSON to $ATLAS_BENCH_STAGES, with "MkDocs and the rest" for what no stage claimed (navigation, links,
imports, ...) and the CPU time of the processes the build started.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import mkdocs.utils
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

import build_tools.data.library
import build_tools.plugin
import build_tools.site.figures.site

OUT = os.environ.get("ATLAS_BENCH_STAGES", "bench-stages.json")
REST = "MkDocs and the rest"
CHILDREN = "worker processes (parallel YAML reading, Chromium)"

seconds: Counter[str] = Counter()
_running: list[list[Any]] = []  # [stage, CPU time when it last resumed], innermost last


def _timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        now = time.process_time()
        if _running:
            outer = _running[-1]
            seconds[outer[0]] += now - outer[1]
        _running.append([stage, now])
        try:
            return function(*args, **kwargs)
        finally:
            now = time.process_time()
            seconds[stage] += now - _running.pop()[1]
            if _running:
                _running[-1][1] = now

    return timed


def _wrap(owner: Any, name: str, stage: str) -> None:
    if hasattr(owner, name):  # (an older checkout may not have it: its time goes to the caller's stage)
        setattr(owner, name, _timed(stage, getattr(owner, name)))


_wrap(build_tools.data.library, "pose_problems", "figures: checking poses")
_wrap(build_tools.site.figures.site, "_draw", "figures: drawing")
_wrap(build_tools.plugin, "load_library", "our data: loading and checking")
_wrap(build_tools.plugin, "api_files", "our open data (/api/)")
_wrap(build_tools.plugin, "write_routine_pdfs", "our routine PDFs (cached)")
_wrap(build_tools.plugin, "write_service_worker", "our service worker")
_wrap(Page, "render", "Markdown")
_wrap(mkdocs.commands.build, "_build_page", "theme templates (Material)")
_wrap(mkdocs.utils, "write_file", "writing files")
_wrap(File, "copy_file", "writing files")

_run_event = PluginCollection.run_event


def _run_event_timed(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
    """MkDocs' own run_event, with each plugin's method timed under the plugin's name."""
    methods = self.events[name]
    origins = self._event_origins  # type: ignore[attr-defined]
    self.events[name] = [_timed(_stage_of(origins.get(m, "?"), name), m) for m in methods]
    try:
        return _run_event(self, name, item, **kwargs)
    finally:
        self.events[name] = methods


def _stage_of(plugin: str, event: str) -> str:
    if plugin == "atlas" and event in ("page_markdown", "page_content", "post_page"):
        return "our pages (atlas plugin)"
    if plugin == "atlas":
        return "our plugin, other events"
    if plugin.startswith("material/"):
        plugin = plugin.removeprefix("material/")
    if plugin.startswith("hooks/") or plugin.endswith("stage_hook.py"):
        return REST
    return f"{plugin} plugin"


PluginCollection.run_event = _run_event_timed  # type: ignore[method-assign]


def on_shutdown() -> None:
    used = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = used.ru_utime + used.ru_stime
    stages = {stage: round(value, 3) for stage, value in seconds.most_common()}
    stages[REST] = round(max(0.0, total - sum(seconds.values())), 3)
    stages[CHILDREN] = round(children.ru_utime + children.ru_stime, 3)
    Path(OUT).write_text(json.dumps(stages, indent=2) + "\n", encoding="utf-8")
