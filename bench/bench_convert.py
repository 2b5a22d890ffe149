"""Benchmark script views of a 1,000,000-character text against pypinyin.lazy_pinyin.

Run from the repository root: PYTHONPATH=. .venv/bin/python bench/bench_convert.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reader.core.convert import OpenCCDataEngine, Script, ScriptConverter

ARTICLE = Path(__file__).resolve().parents[1] / "resources" / "articles" / "quanzhou-article.txt"


def _timed(label: str, fn: object, *args: object) -> object:
    start = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    print(f"{label:<36} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--no-pinyin", action="store_true", help="skip the lazy_pinyin reference")
    args = parser.parse_args()
    article = ARTICLE.read_text(encoding="utf-8")
    text = (article * (args.chars // len(article) + 1))[: args.chars]
    print(f"text: {len(text):,} characters")

    engine = OpenCCDataEngine()
    for config in ("t2s", "s2t", "s2twp", "s2hk"):
        _timed(f"load + compile {config}", engine.pipeline, config)
    converter = ScriptConverter(engine)
    for script in (Script.SIMPLIFIED, Script.TRADITIONAL, Script.TAIWAN, Script.HONGKONG):
        converter.cache_clear()
        _timed(f"to_script {script} (uncached)", converter.convert_uncached, text, script)
    _timed("to_script traditional (first call)", converter.to_script, text, Script.TRADITIONAL)
    _timed("to_script traditional (repeat call)", converter.to_script, text, Script.TRADITIONAL)
    if not args.no_pinyin:
        from pypinyin import lazy_pinyin

        _timed("pypinyin.lazy_pinyin", lazy_pinyin, text)


if __name__ == "__main__":
    main()
