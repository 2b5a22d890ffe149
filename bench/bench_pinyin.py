"""Benchmark: PinyinAnnotator.readings() against pypinyin.lazy_pinyin on 1,000,000 characters."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.pinyin import PinyinAnnotator  # noqa: E402

N_CHARS = 1_000_000


def bench_text(n: int = N_CHARS) -> str:
    article = (ROOT / "resources" / "articles" / "quanzhou-article.txt").read_text("utf-8")
    text = (article.rstrip("\n") + "\n") * (n // len(article) + 1)
    return text[:n]


def main() -> None:
    import pypinyin

    text = bench_text()
    article = (ROOT / "resources" / "articles" / "quanzhou-article.txt").read_text("utf-8")

    t = time.perf_counter()
    ann = PinyinAnnotator()
    ann.readings("中文")
    load = time.perf_counter() - t

    t = time.perf_counter()
    ann.readings(article)
    first_article = time.perf_counter() - t
    t = time.perf_counter()
    ann.readings(article)
    warm_article = time.perf_counter() - t

    pypinyin.lazy_pinyin("中文")
    t = time.perf_counter()
    pypinyin.lazy_pinyin(text)
    t_lazy = time.perf_counter() - t

    t = time.perf_counter()
    r = ann.readings(text)
    t_ours = time.perf_counter() - t
    assert len(r) == len(text)

    print(f"load (first call): {load:.3f} s")
    print(f"article ({len(article)} chars): first {first_article * 1000:.1f} ms, warm {warm_article * 1000:.1f} ms")
    print(f"{len(text):,} chars: readings() {t_ours:.2f} s, lazy_pinyin {t_lazy:.2f} s, "
          f"ratio {t_ours / t_lazy:.2f}")


if __name__ == "__main__":
    main()
