"""Shared bench helpers: the 1M-character text built from the bundled article, and timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from resources import BUNDLED_ARTICLE


def article_text() -> str:
    """The bundled article's text."""
    return BUNDLED_ARTICLE.read_text(encoding="utf-8")


def million_text(chars: int = 1_000_000) -> str:
    """The article repeated (whole lines) to about `chars` characters."""
    base = article_text().strip("\n") + "\n"
    reps = chars // len(base) + 1
    return (base * reps)[:chars].rsplit("\n", 1)[0]


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def report(name: str, seconds: float, baseline_name: str, baseline: float, target: float | None = None) -> None:
    """One line: the measurement, the baseline, the ratio and the target."""
    ratio = seconds / baseline if baseline else float("inf")
    goal = f"  (target ≤ {target}×: {'ok' if ratio <= target else 'MISSED'})" if target else ""
    print(f"{name:46s} {seconds:8.3f} s   {baseline_name} {baseline:8.3f} s   ratio {ratio:5.2f}×{goal}")


SPAWNED = "ZHUSHI_BENCH_SPAWNED"
"""Environment variable: the wall-clock time (epoch seconds) at which the bench process was started."""


def since_spawned(epoch_seconds: float) -> float:
    """Seconds from the start of this bench process (as its parent recorded it) to EPOCH_SECONDS."""
    import os

    return epoch_seconds - float(os.environ[SPAWNED])


def run_bench_process(script: str, *args: str, timeout: int = 900) -> dict[str, float]:
    """Run a bench script in a fresh process (offscreen Qt) and return the JSON it prints last."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SPAWNED: repr(time.time())}
    result = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env, timeout=timeout)
    for line in reversed(result.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    raise RuntimeError(f"bench {args} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
