"""Script conversion measured on real prose, by round trip (issue 12), against OpenCC's configs and zhconv.

    python bench/bench_roundtrip.py --corpus DIR [--part heldout|working|all] [-v]

DIR holds taiwan.jsonl, hongkong.jsonl and mainland.jsonl (one {"url", "text", …} per line; the texts are
not committed, their addresses are in bench/data/conversion-sources.tsv, and those of the second collection
of 2026-12 (278 documents, 132,000 characters) in bench/data/conversion-sources-2026-12.tsv). Each document is split once
by a hash of its address: a fifth is held out from all tuning.

- Taiwan text → Simplified → the Taiwan view must give back the original; Hong Kong likewise.
- Mainland text → each Traditional view → Simplified must give back the original.

Prints differing characters per 1,000 Chinese characters for Zhushi's views, OpenCC's configs (OpenCC's
exact algorithm over the same dictionaries) and zhconv (MediaWiki's tables), on the same texts.
Differences listed in bench/data/conversion-legitimate.tsv (free variants such as 台/臺 where writers mix
them) are not counted.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HERE = Path(__file__).resolve().parent
LEGIT = HERE / "data" / "conversion-legitimate.tsv"


def held_out(url: str) -> bool:
    return hashlib.sha1(url.encode("utf-8")).digest()[0] % 5 == 0


def documents(folder: Path, name: str, part: str) -> list[str]:
    path = folder / f"{name}.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        if part == "all" or held_out(doc["url"]) == (part == "heldout"):
            out.append(doc["text"])
    return out


def legitimate(collection: str) -> set[tuple[str, str]]:
    """The free-variant pairs of one collection (taiwan, hongkong; none for mainland: Simplified has one form)."""
    pairs: set[tuple[str, str]] = set()
    if LEGIT.exists():
        for line in LEGIT.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                a, b, sets = line.split("\t")[:3]
                if collection in sets.split(","):
                    pairs.add((a, b))
                    pairs.add((b, a))
    return pairs


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def differences(original: str, result: str, legit: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(original, result, context) for every differing stretch that is not a listed free variant."""
    out = []
    if len(original) == len(result):
        for i, (a, b) in enumerate(zip(original, result)):
            if a != b and (a, b) not in legit:
                out.append((a, b, original[max(0, i - 4) : i + 5]))
        return out
    matcher = difflib.SequenceMatcher(None, original, result, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = original[i1:i2], result[j1:j2]
        if len(a) == len(b) and all((x, y) in legit for x, y in zip(a, b)):
            continue
        out.append((a, b, original[max(0, i1 - 4) : i2 + 4]))
    return out


def measure(texts: list[str], convert: Callable[[str], str], legit: set[tuple[str, str]]) -> tuple[float, Counter[tuple[str, str]]]:
    chars = diffs = 0
    kinds: Counter[tuple[str, str]] = Counter()
    for text in texts:
        chars += sum(1 for ch in text if _cjk(ch))
        found = differences(text, convert(text), legit)
        diffs += sum(max(len(a), len(b)) for a, b, _ in found)
        kinds.update((a, b) for a, b, _ in found)
    return 1000 * diffs / max(chars, 1), kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--part", choices=("heldout", "working", "all"), default="heldout")
    parser.add_argument("-v", action="store_true", help="list the commonest differences of Zhushi's views")
    args = parser.parse_args()
    from reader.core.convert import OpenCCDataEngine, Script, default_converter

    zhushi = default_converter()
    opencc = OpenCCDataEngine(lookahead=False)
    try:
        import zhconv
    except ImportError:
        zhconv = None

    def view(script: Script) -> Callable[[str], str]:
        return lambda t: zhushi.to_script(t, script).text

    def oc(*configs: str) -> Callable[[str], str]:
        def run(t: str) -> str:
            for c in configs:
                t = opencc.convert(t, c).text
            return t
        return run

    def zc(*locales: str) -> Callable[[str], str]:
        def run(t: str) -> str:
            for loc in locales:
                t = zhconv.convert(t, loc)
            return t
        return run

    simp = view(Script.SIMPLIFIED)
    cases: dict[str, list[tuple[str, Callable[[str], str]]]] = {
        "taiwan": [
            ("Zhushi: Taiwan view", view(Script.TAIWAN)),
            ("OpenCC tw2s → s2tw", oc("tw2s", "s2tw")),
            ("OpenCC tw2sp → s2twp", oc("tw2sp", "s2twp")),
        ],
        "hongkong": [
            ("Zhushi: Hong Kong view", view(Script.HONGKONG)),
            ("OpenCC hk2s → s2hk", oc("hk2s", "s2hk")),
        ],
        "mainland": [
            ("Zhushi: Traditional view → Simplified", lambda t: simp(zhushi.to_script(t, Script.TRADITIONAL).text)),
            ("Zhushi: Taiwan view → Simplified", lambda t: simp(zhushi.to_script(t, Script.TAIWAN).text)),
            ("Zhushi: Hong Kong view → Simplified", lambda t: simp(zhushi.to_script(t, Script.HONGKONG).text)),
            ("OpenCC s2t → t2s", oc("s2t", "t2s")),
            ("OpenCC s2tw → tw2s", oc("s2tw", "tw2s")),
            ("OpenCC s2twp → tw2sp", oc("s2twp", "tw2sp")),
            ("OpenCC s2hk → hk2s", oc("s2hk", "hk2s")),
        ],
    }
    if zhconv is not None:
        cases["taiwan"].append(("zhconv zh-cn → zh-tw", zc("zh-cn", "zh-tw")))
        cases["hongkong"].append(("zhconv zh-cn → zh-hk", zc("zh-cn", "zh-hk")))
        cases["mainland"].append(("zhconv zh-tw → zh-cn", zc("zh-tw", "zh-cn")))
        cases["mainland"].append(("zhconv zh-hk → zh-cn", zc("zh-hk", "zh-cn")))
    for name, runs in cases.items():
        try:
            texts = documents(args.corpus, name, args.part)
        except FileNotFoundError:
            print(f"\n{name}: no {name}.jsonl in {args.corpus}")
            continue
        chars = sum(1 for t in texts for ch in t if _cjk(ch))
        print(f"\n{name} ({args.part}: {len(texts)} documents, {chars:,} Chinese characters) — differing characters per 1,000")
        legit = legitimate(name)
        for label, convert in runs:
            rate, kinds = measure(texts, convert, legit)
            print(f"  {label:44s} {rate:6.2f}")
            if args.v and label.startswith("Zhushi"):
                print("     " + "  ".join(f"{a}→{b}×{n}" for (a, b), n in kinds.most_common(25)))


if __name__ == "__main__":
    main()
