"""`mkdocs serve`: an edited record shows on its page and in search after the rebuild, and what did not
change reads as before (search keeps the sections of unchanged pages between rebuilds: search_parse.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from sitekit import MKDOCS, ROOT, fixture_exercise, make_project

LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy


def fetch(url: str) -> str | None:
    try:
        with LOCAL.open(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(ready, server: subprocess.Popen, what: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        found = ready()
        if found:
            return found
        assert server.poll() is None, f"mkdocs serve stopped while waiting for {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def search_entries(base: str) -> dict[str, tuple[str, str]]:
    index = json.loads(fetch(base + "search/search_index.json") or "{}")
    return {doc["location"]: (doc["title"], doc["text"]) for doc in index.get("docs", [])}


def test_an_edited_record_shows_on_its_page_and_in_search_and_the_rest_of_search_is_unchanged(tmp_path):
    posed = fixture_exercise(
        pose=YAML(typ="safe").load((ROOT / "exercises" / "clamshell.yml").read_bytes())["pose"]
    )
    project = make_project(tmp_path, exercises={"fixture-exercise.yml": posed})
    yaml = YAML()
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["watch"] = ["exercises"]
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as out:
        yaml.dump(config, out)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mount = urlsplit(config.get("site_url") or "/").path or "/"  # serve answers under site_url's path
    base = f"http://127.0.0.1:{port}{mount}"
    page = base + "exercises/fixture-exercise/"
    record = project / "exercises" / "fixture-exercise.yml"
    old_summary = "A complete, valid record that tests copy and then break in one place."
    new_summary = "An edited summary that the served page and search both show."

    temp = tmp_path / "tmp"  # where MkDocs makes the folder it serves: beside the project, one disk
    temp.mkdir()
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        wait_for(lambda: old_summary in (fetch(page) or ""), server, "the first build")
        before = search_entries(base)
        assert any(old_summary in text for _, text in before.values())

        record.write_text(
            record.read_text(encoding="utf-8").replace(old_summary, new_summary), encoding="utf-8"
        )
        wait_for(lambda: new_summary in (fetch(page) or ""), server, "the edited page")

        def search_with_the_edit() -> dict[str, tuple[str, str]] | None:
            entries = search_entries(base)
            return entries if any(new_summary in text for _, text in entries.values()) else None

        after = wait_for(search_with_the_edit, server, "the edited summary in search")
        assert not any(old_summary in text for _, text in after.values())
        assert after.keys() == before.keys()
        # Every section that showed the summary shows the new one; every other reads as before.
        showed = {location for location, (_, text) in before.items() if old_summary in text}
        assert {location for location, (_, text) in after.items() if new_summary in text} == showed
        unchanged = before.keys() - showed
        assert unchanged and all(after[location] == before[location] for location in unchanged)

        # The drawings in the served folder are links to the kept ones (plugin.CopiedWhole), after the
        # rebuild too, and they are what the server sends.
        (served,) = temp.glob("mkdocs_*/exercises/fixture-exercise/figure.svg")
        kept = [p for p in (project / ".cache").rglob("*.svg") if os.path.samefile(p, served)]
        assert len(kept) == 1 and served.stat().st_nlink == 2
        assert fetch(page + "figure.svg") == kept[0].read_text(encoding="utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
