"""Propose word entries for Zhushi's conversion dictionaries from the round-trip differences of the
working part of a collection (never the held-out part).

    python scripts/mine_conversion.py --corpus DIR taiwan|hongkong

For each character where the view does not give back the original, the word of the Simplified text
around it (jieba) is paired with the original's characters there: 公布 → 公布 (Taiwan), 唔系 → 唔係 (Hong
Kong). Prints simplified<TAB>traditional<TAB>count<TAB>example, most frequent first, for a person to
choose from (names of people are not words to add).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    import jieba

    from bench_roundtrip import differences, documents, legitimate  # type: ignore[import-not-found]
    from reader.core.convert import Script, default_converter

    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("collection", choices=("taiwan", "hongkong"))
    args = parser.parse_args()
    script = Script.TAIWAN if args.collection == "taiwan" else Script.HONGKONG
    converter = default_converter()
    legit = legitimate(args.collection)
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for text in documents(args.corpus, args.collection, "working"):
        view = converter.to_script(text, script).text
        simp = converter.to_script(text, Script.SIMPLIFIED).text
        if len(view) != len(text) or len(simp) != len(text):
            continue
        bad = {i for i, (a, b) in enumerate(zip(text, view)) if a != b and (a, b) not in legit}
        if not bad:
            continue
        pos = 0
        for word in jieba.cut(simp, HMM=False):
            end = pos + len(word)
            if len(word) >= 2 and any(pos <= i < end for i in bad):
                key = (word, text[pos:end])
                counts[key] += 1
                examples.setdefault(key, text[max(0, pos - 6) : end + 6].replace("\n", " "))
            pos = end
    for (simp_word, trad_word), n in counts.most_common():
        print(f"{simp_word}\t{trad_word}\t{n}\t{examples[(simp_word, trad_word)]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
