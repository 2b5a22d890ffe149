"""Mandarin reading accuracy on real prose: polyphonic characters labelled by readers who did not write the
rules (issue 15), against the annotator.

    python bench/eval_prose.py --labels DIR [--part working|heldout|all] [-v]

DIR holds items-all.jsonl ({"id", "url", "pos", "char", "context"}), labels-*.tsv (id, reading) and
docs.json (each document's address and split). The texts are not committed; their addresses are in
bench/data/pinyin-prose-sources.tsv (the first set, 21,000 characters) and
bench/data/pinyin-prose-sources-2026-12.tsv (the second, 26,400 characters: 55 documents split 30
held out / 25 working by the first byte of the address's SHA-1 (< 2 of 5 held out); every held-out
polyphone labelled by two readers who did not write the rules, 28 disagreements of 3,261 settled by a
third), and bench/data/pinyin-prose-sources-2026-12b.tsv (the third, 25,100 characters of the fresh
set 4 of 2026-12-02: 36 documents, 14 held out by the same rule; 1,348 held-out polyphones labelled by two
readers, 23 disagreements and the 38 places where the annotator and the readers differed settled by a
third reader who was shown both readings unlabelled), and bench/data/pinyin-prose-sources-2026-12c.tsv
(the fourth, 18,854 Han characters of 36 new documents, 15 held out by the same rule; 1,279 held-out
polyphones labelled the same way), and bench/data/pinyin-prose-sources-2026-12e.tsv (the fifth, the 65
documents of the fifth conversion collection, 41,000 Han characters, 32 held out: 2,346 held-out polyphones
and, labelled apart because the item sheets had skipped them until then, 1,083 Traditional characters
whose Simplified form is a polyphone — 長, 為, 會, 調 …). Documents were split by a hash of the address
before any rule was looked at: only the working part is used to find what goes wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--part", choices=("working", "heldout", "all"), default="heldout")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    from reader.core.pinyin import default_annotator

    splits = {d["url"]: d["split"] for d in json.loads((args.labels / "docs.json").read_text(encoding="utf-8"))}
    gold: dict[str, str] = {}
    for path in sorted(args.labels.glob("labels-*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].strip():
                gold[parts[0].strip()] = parts[1].strip().replace("v", "ü")
    items = [json.loads(line) for line in (args.labels / "items-all.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [it for it in items if it["id"] in gold and (args.part == "all" or splits[it["url"]] == args.part)]
    annotator = default_annotator()
    by_context: dict[str, list[str | None]] = {}
    ok = lenient = 0
    errors: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    chars = sum(1 for _ in items)
    for it in items:
        context = it["context"]
        at = min(it["pos"], 30)  # the context is 30 characters either side, the target marked 【】
        text = context[:at] + it["char"] + context[at + 3 :]
        if text not in by_context:
            by_context[text] = annotator.readings(text)
        got = by_context[text][at] or ""
        want = gold[it["id"]]
        if got == want:
            ok += 1
            lenient += 1
        elif got[:-1] == want[:-1] and "5" in (got[-1:], want[-1:]):
            lenient += 1  # a neutral tone against a full one: the dictionaries and readers differ (部分 bùfen/bùfèn)
        else:
            key = (it["char"], want, got)
            errors[key] += 1
            examples.setdefault(key, context)
    from pypinyin import Style, pinyin

    pyp_ok = 0
    pyp_cache: dict[str, list[str]] = {}
    for it in items:
        at = min(it["pos"], 30)
        text = it["context"][:at] + it["char"] + it["context"][at + 3 :]
        if text not in pyp_cache:
            pyp_cache[text] = [r[0] for r in pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, v_to_u=True, errors=lambda x: [None] * len(x))]
        pyp_ok += (pyp_cache[text][at] or "") == gold[it["id"]]
    docs = {it["url"] for it in items}
    print(f"{args.part}: {len(docs)} documents, {chars} labelled polyphones: {ok}/{chars} = {100 * ok / max(chars, 1):.2f}% "
          f"(neutral against full tone not counted: {100 * lenient / max(chars, 1):.2f}%); pypinyin {100 * pyp_ok / max(chars, 1):.2f}%")
    if args.v:
        for (ch, want, got), n in errors.most_common(60):
            print(f"  {ch} gold {want} got {got} ×{n}   {examples[(ch, want, got)]}")


if __name__ == "__main__":
    main()
