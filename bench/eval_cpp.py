"""Accuracy of the pinyin annotator on the CPP polyphone dev split (prints errors with -v)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.pinyin import PinyinAnnotator  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "cpp-dev"


def load() -> list[tuple[str, int, str]]:
    items = []
    for sent, lb in zip((DATA / "dev.sent").read_text("utf-8").splitlines(),
                        (DATA / "dev.lb").read_text("utf-8").splitlines()):
        i = sent.index("\u2581")
        text = sent.replace("\u2581", "")
        items.append((text, i, lb.strip().replace("u:", "ü")))
    return items


def evaluate(ann: PinyinAnnotator, items, verbose: bool = False) -> float:
    joined = "\n".join(t for t, _, _ in items)
    r = ann.readings(joined)
    ok = 0
    pos = 0
    for text, i, gold in items:
        pred = r[pos + i]
        if pred == gold:
            ok += 1
        elif verbose:
            print(f"{gold}\t{pred}\t{text[:i]}[{text[i]}]{text[i+1:]}")
        pos += len(text) + 1
    return ok / len(items)


if __name__ == "__main__":
    items = load()
    ann = PinyinAnnotator()
    t = time.perf_counter()
    acc = evaluate(ann, items, "-v" in sys.argv)
    print(f"accuracy {acc:.4f} on {len(items)} ({time.perf_counter() - t:.2f}s)")
