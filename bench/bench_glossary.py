"""Timings of the glossary package: dictionary load, lookups, search and the matcher on a long text."""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glossary.dictionary import Dictionary  # noqa: E402
from glossary.loader import load_curated  # noqa: E402
from glossary.matcher import GlossaryMatcher  # noqa: E402
from glossary.model import GlossaryEntry  # noqa: E402
from glossary.search import TermSearch  # noqa: E402


def timed(label: str, func, repeat: int = 1):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    print(f"{label}: median {statistics.median(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms")
    return result


def main() -> None:
    cache_dir = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else None
    dictionary = Dictionary(cache_dir=cache_dir)
    timed("dictionary load", dictionary.load)
    timed("dictionary load again (new instance, cache)", Dictionary(cache_dir=cache_dir).load)
    words = ["行", "中国", "放管服", "專精特新", "银行", "了"]
    timed("lookup x6", lambda: [dictionary.lookup(w) for w in words], repeat=50)
    timed("longest_prefix", lambda: dictionary.longest_prefix("中华人民共和国成立", 0), repeat=50)
    rng = random.Random(1)
    vocab = [e.simplified for e in (dictionary.lookup(w)[0] for w in dictionary.headwords()[:60000:7]) if e]
    article = "".join(rng.choice(vocab) + ("，" if rng.random() < 0.1 else "") for _ in range(2200))[:5000]
    timed("entries_for_text 5000 chars", lambda: dictionary.entries_for_text(article), repeat=10)

    curated = load_curated()
    fake = [
        GlossaryEntry(f"fake-{i}", w, w, (), "", "x", "zhushi", "", "", "", "governance", ())
        for i, w in enumerate(rng.sample([w for w in vocab if 2 <= len(w) <= 6], 400))
    ]
    entries = curated + fake
    text = "".join(rng.choice(vocab) for _ in range(400000))[:1_000_000]
    matcher = timed("matcher build", lambda: GlossaryMatcher(entries))
    found = timed("matcher 1M chars", lambda: matcher.find(text), repeat=3)
    print(f"  {len(found)} matches, {len(entries)} entries")

    search = TermSearch(curated, dictionary)
    timed("search index build (first query)", lambda: search.search("fangguanfu"))
    queries = [
        "专精特新", "專精特新", "精特", "fangguanfu", "fàng guǎn fú", "fang4 guan3 fu2", "fang guan fu",
        "streamline administration", "bank", "zhongguo", "shi", "s", "to", "a", "中", "的",
        "yin hang", "to be", "the of", "xing", "development", "人",
    ]
    worst = 0.0
    for query in queries:
        start = time.perf_counter()
        timed(f"search {query!r}", lambda: search.search(query), repeat=5)
        worst = max(worst, (time.perf_counter() - start) / 5)

    # Baselines measured in the same run: what a plain implementation would cost.
    entries_all = [dictionary.lookup(w) for w in dictionary.headwords()]
    flat = [e for group in entries_all for e in group]
    start = time.perf_counter()
    for query in ("bank", "development", "streamline administration"):
        [e for e in flat if any(query in d for d in e.definitions)]
    naive = (time.perf_counter() - start) / 3
    print(f"search, worst query (target < 20 ms)        {worst * 1000:8.2f} ms   naive scan of CC-CEDICT {naive * 1000:8.2f} ms   ratio {worst / naive:5.3f}×")
    start = time.perf_counter()
    matcher.find(text)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for term in [e.simplified for e in entries][:50]:
        text.count(term)
    per_term = (time.perf_counter() - start) / 50
    naive_all = per_term * len(entries)
    print(f"matcher, 1M chars, {len(entries)} terms             {ours:8.3f} s    str.count per term      {naive_all:8.3f} s    ratio {ours / naive_all:5.3f}×")


if __name__ == "__main__":
    main()
