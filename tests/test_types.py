"""The pure-Python core and the glossary type-check with mypy (STYLE: typed modules, mypy on the core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_and_glossary_type_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "reader/core", "glossary", "--ignore-missing-imports"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
