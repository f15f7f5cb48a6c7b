"""Shipped-data checks are tests, never import-time work: every test module imports while loading the
library would fail, so a broken record fails the tests that need it instead of stopping collection."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

IMPORT_EVERY_MODULE = """
import importlib, pathlib, sys
import build_tools.data.library as library

def refuse(*args, **kwargs):
    raise AssertionError("the shipped library was loaded at import time")

library.load_library = refuse
sys.path.insert(0, {tests!r})
for path in sorted(pathlib.Path({tests!r}).glob("test_*.py")):
    importlib.import_module(path.stem)
"""


def test_no_test_module_loads_the_shipped_library_at_import():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE.format(tests=str(TESTS))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
