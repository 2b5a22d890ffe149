"""The whole suite runs with HOME and the XDG folders in a temporary folder: no test reads or
changes the user's own settings, glossary, library or caches."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_ROOT = Path(tempfile.mkdtemp(prefix="zhushi-tests-"))
for name, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                  ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"), ("XDG_RUNTIME_DIR", "runtime")):
    folder = _ROOT / sub
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ[name] = str(folder)
TEST_HOME = _ROOT


def pytest_unconfigure(config):  # type: ignore[no-untyped-def]
    shutil.rmtree(_ROOT, ignore_errors=True)
