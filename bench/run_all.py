"""Run every benchmark in turn (make bench); each prints ratios against a baseline measured in the same run."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_loaders.py", "bench_library.py", "bench_convert.py", "bench_pinyin.py", "bench_annotate.py", "bench_glossary.py", "bench_window.py", "bench_export.py"]


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    for name in BENCHES:
        path = HERE / name
        if not path.exists():
            continue
        print(f"\n== {name}")
        sys.stdout.flush()
        runpy.run_path(str(path), run_name="__main__")


if __name__ == "__main__":
    main()
