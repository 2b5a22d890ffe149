"""Glossary coverage of the terms a reader needs explained, on labelled held-out documents.

    python scripts/coverage.py [--texts DIR] [--labels glossary/mining/heldout-terms.tsv] [--misses]

The labels (url, group, term) were listed by readers who did not write the glossary. With --texts
(a folder of JSON-lines documents holding those urls) each term is looked for in its document and
counts as covered when a glossary term marked there overlaps at least 60% of it or contains it;
without the texts, each term is matched on its own inside a neutral sentence of public affairs
("报告指出，TERM。" — a lone term has no context, and the matcher asks everyday words for some).
Prints coverage per group.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.loader import load_curated  # noqa: E402
from glossary.store import GlossaryStore  # noqa: E402

GROUP_REGION = {"central": "mainland", "provincial": "mainland", "taiwan": "taiwan", "hong-kong": "hong-kong", "macau": "macau"}
PARTS = {"central": "central", "provincial": "provincial", "taiwan": "taiwan+hong-kong", "hong-kong": "taiwan+hong-kong", "macau": "macau"}
FRAME = "报告指出，{}。"
TARGETS = {"central": 85.0, "provincial": 75.0, "taiwan+hong-kong": 70.0, "macau": 70.0}


def read_labels(path: Path) -> dict[str, tuple[str, list[str]]]:
    labels: dict[str, tuple[str, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        url, group, term = line.split("\t")
        labels.setdefault(url, (group, []))[1].append(term)
    return labels


def covered(term: str, text: str, spans: list[tuple[int, int]], strict: bool = False) -> bool:
    """Whether an occurrence of term in text is explained by glossary marks: the marks together cover at
    least 60% of its characters that are not punctuation (a label that joins two terms, 主体责任和监督责任
    or 回升向好、长期向好, is explained by the two entries), or one mark holds it whole. With strict, one
    mark alone must cover 60% (the measure used before 2026-12-02)."""
    at = text.find(term)
    while at != -1:
        end = at + len(term)
        content = [i for i in range(at, end) if text[i].isalnum()]
        hit: set[int] = set()
        for s, e in spans:
            overlap = min(e, end) - max(s, at)
            if overlap <= 0:
                continue
            if (s <= at and e >= end) or (strict and overlap >= 0.6 * len(term)):
                return True
            hit.update(range(max(s, at), min(e, end)))
        if not strict and content and sum(1 for i in content if i in hit) >= 0.6 * len(content):
            return True
        at = text.find(term, at + 1)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Glossary coverage on labelled held-out documents.")
    parser.add_argument("--labels", type=Path, default=ROOT / "glossary" / "mining" / "heldout-terms.tsv")
    parser.add_argument("--texts", type=Path, help="folder of JSON-lines documents (the held-out texts)")
    parser.add_argument("--data", type=Path, help="glossary data folder (default glossary/data)")
    parser.add_argument("--misses", action="store_true", help="list the terms not explained (neither marked nor held back as a weak hit)")
    parser.add_argument("--strict", action="store_true", help="one mark must cover 60%% of a term (the measure before 2026-12-02)")
    args = parser.parse_args(argv)
    texts: dict[str, str] = {}
    if args.texts:
        for path in sorted(args.texts.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    doc = json.loads(line)
                    texts[doc["url"]] = doc["text"]
    matcher = GlossaryStore(load_curated(args.data)).matcher()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for url, (group, terms) in read_labels(args.labels).items():
        part = PARTS[group]
        region = GROUP_REGION[group]
        text = texts.get(url)
        found = matcher.find(text, region) if text else []
        spans = [(m.start, m.end) for m in found if not m.weak]
        any_spans = [(m.start, m.end) for m in found]
        for term in terms:
            if text is not None:
                ok = covered(term, text, spans, args.strict)
                gated = ok or covered(term, text, any_spans, args.strict)
            else:
                framed = FRAME.format(term)
                marks = matcher.find(framed, region)
                ok = covered(term, framed, [(m.start, m.end) for m in marks if not m.weak], args.strict)
                gated = ok or covered(term, framed, [(m.start, m.end) for m in marks], args.strict)
            totals[part][0] += ok
            totals[part][1] += 1
            totals[part][2] += gated
            if not gated:
                misses[part].append(term)
    mode = "in context" if texts else "terms alone"
    print(f"coverage of labelled terms ({mode}): marked; and explained, counting entries whose context")
    print("sense holds them back without a cue in the paragraph (their popup gives the glossary sense second)")
    for part in ("central", "provincial", "taiwan+hong-kong", "macau"):
        hit, total, gated = totals[part]
        if total:
            print(f"  {part:<17} {hit:>4}/{total:<4} {100 * hit / total:5.1f}%   explained {100 * gated / total:5.1f}%   (target {TARGETS[part]:.0f}%)")
    if args.misses:
        for part, terms in misses.items():
            print(f"\nnot explained in {part} ({len(terms)}): " + "、".join(terms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
