"""Propose glossary candidates from a corpus of real texts, with document frequencies.

    python scripts/mine_terms.py CORPUS.jsonl… [--out glossary/mining]

A corpus file has one JSON document a line: url, title, date, region, kind, text (the texts are
not committed; glossary/mining/sources.tsv lists them). Documents are split once, by a hash of the
address, into a working part (3 in 4) and a held-out part (1 in 4); candidates come from the
working part only.

Candidates, each with its document frequency (df) in the working part, per region group:
- numbered formulas: 两个确立, 四个意识, “八个坚持”, 4+1, 1+N …
- quoted phrases (“…”, 「…」) and 《》 titles of laws, plans and documents;
- session names: 十八届三中全会, 十四届全国人大二次会议 …;
- n-grams of one to four whole words (jieba's segmentation, 2–10 characters) that CC-CEDICT lacks,
  kept when maximal (no longer n-gram has the same df).

Texts are folded to Simplified for counting, so Traditional and Simplified documents agree. Every
candidate gets a decision: `chosen` (the glossary matches it whole; the entry id is given),
`rejected` (listed in glossary/mining/rejected.tsv with a reason) or `open`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.dictionary import default_dictionary  # noqa: E402
from glossary.loader import load_curated  # noqa: E402
from glossary.matcher import GlossaryMatcher  # noqa: E402
from glossary.normalize import fold  # noqa: E402

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
NUM = "一二两三四五六七八九十百千万"
GROUPS = ("central", "provincial", "taiwan", "hong-kong", "macau")

NUMBERED = re.compile(rf"[{NUM}]{{1,3}}个[{HAN}]{{2,6}}|[“「\"]([{NUM}]{{1,3}}[{HAN}]{{1,6}})[”」\"]")
PLUS = re.compile(r"[“「\"]?(\d{1,2}\s*[+＋]\s*(?:\d{1,3}|[NnXx])(?:\s*[+＋]\s*(?:\d{1,3}|[NnXx]))*)[”」\"]?")
QUOTED = re.compile(rf"[“「]([{HAN}、，·]{{2,24}})[”」]")
TITLE = re.compile(rf"《([{HAN}A-Za-z0-9（）()、·—\-]{{2,40}})》")
SESSION = re.compile(
    rf"[{NUM}]+届[一二三四五六七八九]中全会|[{NUM}]+届全国人大[一二三四五六七八九]次会议|"
    rf"全国政协[{NUM}]+届[一二三四五六七八九]次会议|[{NUM}]+届(?:省|市|区)?委[{NUM}]+次全会|"
    rf"第[{NUM}]+届立法院第[{NUM}]+會期|[{NUM}]+五(?:规划|時期|时期)"
)
# Characters that rarely begin or end a term: function words and common particles.
EDGE_STOP = set("的了在是和与及等对为把被从向以于并而或也都就还又要将已之其这那此各该每我你他她它们个上下中里")
SENTENCE_SPLIT = re.compile(rf"[^{HAN}]+")


def group_of(doc: dict) -> str:
    region = doc.get("region", "")
    if region in ("taiwan", "hong-kong", "macau"):
        return region
    return "central" if region == "national" else "provincial"


def split_of(url: str) -> str:
    """working or heldout: a fixed hash of the address, so the split never changes as documents are added."""
    return "heldout" if int(hashlib.sha1(url.encode("utf-8")).hexdigest(), 16) % 4 == 0 else "working"


def load_docs(paths: Iterable[Path]) -> list[dict]:
    docs: dict[str, dict] = {}
    heads: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            head = re.sub(r"\s+", "", doc["text"])[:60]
            if doc["url"] in docs or head in heads:
                continue
            heads.add(head)
            doc["group"] = group_of(doc)
            doc["split"] = split_of(doc["url"])
            docs[doc["url"]] = doc
    return list(docs.values())


def candidates_in(text: str, words: set[str]) -> dict[str, str]:
    """Each candidate in one (folded) text with its kind."""
    found: dict[str, str] = {}
    for m in SESSION.finditer(text):
        found[m.group(0)] = "session"
    for m in NUMBERED.finditer(text):
        found.setdefault(m.group(1) or m.group(0), "numbered")
    for m in PLUS.finditer(text):
        found.setdefault(re.sub(r"\s+", "", m.group(1)).replace("＋", "+"), "numbered")
    for m in QUOTED.finditer(text):
        found.setdefault(m.group(1), "quoted")
    for m in TITLE.finditer(text):
        found.setdefault(m.group(1), "title")
    import jieba

    for run in SENTENCE_SPLIT.split(text):
        if len(run) < 2:
            continue
        tokens = jieba.lcut(run)  # word boundaries: a candidate is one to four whole words
        for i in range(len(tokens)):
            if tokens[i] in EDGE_STOP:
                continue
            gram = ""
            for j in range(i, min(i + 4, len(tokens))):
                gram += tokens[j]
                if len(gram) > 10:
                    break
                if len(gram) < 2 or tokens[j] in EDGE_STOP or gram in words:
                    continue
                found.setdefault(gram, "ngram")
    return found


def mine(docs: list[dict], min_df: int) -> list[dict]:
    words = {fold(w) for w in default_dictionary().headwords()}
    df: Counter[str] = Counter()
    df_group: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    originals: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        if doc["split"] != "working":
            continue
        original = doc["text"]
        folded = fold(original)
        found = candidates_in(folded, words)
        for cand, kind in found.items():
            df[cand] += 1
            df_group[doc["group"]][cand] += 1
            if kinds.get(cand, "ngram") == "ngram":
                kinds[cand] = kind
            start = folded.find(cand)
            if start >= 0:
                originals[cand][original[start : start + len(cand)]] += 1
    kept = {c for c, n in df.items() if n >= (min_df if kinds[c] == "ngram" else 2)}
    # An n-gram is dropped when a longer kept n-gram containing it has the same df (it only occurs inside it).
    by_len = sorted(kept, key=len, reverse=True)
    maximal: set[str] = set()
    for cand in by_len:
        if kinds[cand] == "ngram":
            if any(df[longer] == df[cand] and cand in longer for longer in maximal if len(longer) > len(cand)):
                continue
        maximal.add(cand)
    rows = []
    for cand in maximal:
        form = originals[cand].most_common(1)[0][0] if originals[cand] else cand
        rows.append({
            "candidate": form,
            "folded": cand,
            "kind": kinds[cand],
            "df": df[cand],
            **{f"df_{g}": df_group[g][cand] for g in GROUPS},
        })
    rows.sort(key=lambda r: (-r["df"], r["kind"], r["folded"]))
    return rows


def decide(rows: list[dict], rejected: dict[str, str]) -> None:
    matcher = GlossaryMatcher(load_curated())
    for row in rows:
        hits = matcher.find(row["candidate"])
        whole = [h for h in hits if h.start == 0 and h.end == len(row["candidate"])]
        if whole:
            row["decision"], row["entry"] = "chosen", whole[0].entry.id
        elif row["folded"] in rejected:
            row["decision"], row["entry"] = "rejected", rejected[row["folded"]]
        else:
            row["decision"], row["entry"] = "open", ""


def write_labelled(paths: list[Path], docs: list[dict], out: Path) -> None:
    """The terms readers marked in working documents, with how many documents and the glossary's decision."""
    groups = {d["url"]: d["group"] for d in docs}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, str] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                for term in item["terms"]:
                    key = fold(term)
                    forms.setdefault(key, term)
                    counts[key][groups.get(item["url"], "?")] += 1
    rows = [{"candidate": forms[k], "folded": k, "kind": "labelled", "df": sum(c.values()),
             **{f"df_{g}": c[g] for g in GROUPS}} for k, c in counts.items()]
    rows.sort(key=lambda r: (-r["df"], r["folded"]))
    decide(rows, {})
    columns = ["candidate", "df", *[f"df_{g}" for g in GROUPS], "decision", "entry"]
    with out.open("w", encoding="utf-8") as handle:
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            handle.write("\t".join(str(row[c]) for c in columns) + "\n")


def read_rejected(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                term, _, reason = line.partition("\t")
                out[fold(term.strip())] = reason.strip() or "rejected"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Propose glossary candidates from a corpus (see the module docstring).")
    parser.add_argument("corpus", nargs="+", type=Path, help="JSON-lines corpus files")
    parser.add_argument("--out", type=Path, default=ROOT / "glossary" / "mining", help="output folder (default glossary/mining)")
    parser.add_argument("--min-df", type=int, default=3, help="least document frequency for an n-gram (default 3)")
    parser.add_argument("--working", nargs="*", type=Path, default=[],
                        help="corpus files read in full while writing entries (all their documents are working)")
    parser.add_argument("--labels", nargs="*", type=Path, default=[],
                        help="JSON-lines files of terms readers marked in working documents (url, terms): "
                        "written to labelled-terms.tsv with the glossary's decision for each")
    args = parser.parse_args(argv)
    docs = load_docs(args.corpus)
    known = {d["url"] for d in docs}
    for doc in load_docs(args.working):
        if doc["url"] not in known:
            doc["split"] = "working"
            docs.append(doc)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "sources.tsv").open("w", encoding="utf-8") as handle:
        handle.write("url\tdate\tregion\tgroup\tkind\tsplit\tchars\n")
        for doc in sorted(docs, key=lambda d: (d["group"], d["split"], d["url"])):
            handle.write("\t".join([doc["url"], doc.get("date", ""), doc.get("region", ""), doc["group"],
                                    doc.get("kind", ""), doc["split"], str(len(doc["text"]))]) + "\n")
    rows = mine(docs, args.min_df)
    decide(rows, read_rejected(args.out / "rejected.tsv"))
    columns = ["candidate", "kind", "df", *[f"df_{g}" for g in GROUPS], "decision", "entry"]
    with (args.out / "candidates.tsv").open("w", encoding="utf-8") as handle:
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            handle.write("\t".join(str(row[c]) for c in columns) + "\n")
    if args.labels:
        write_labelled(args.labels, docs, args.out / "labelled-terms.tsv")
    work = [d for d in docs if d["split"] == "working"]
    summary = Counter((d["group"], d["split"]) for d in docs)
    print(f"{len(docs)} documents ({len(work)} working), {sum(len(d['text']) for d in docs):,} characters")
    for (group, split), count in sorted(summary.items()):
        print(f"  {group:<11} {split:<8} {count}")
    decisions = Counter(r["decision"] for r in rows)
    print(f"{len(rows)} candidates: " + ", ".join(f"{k} {v}" for k, v in sorted(decisions.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
