"""Label sheets for the prose pinyin measure (bench/eval_prose.py) from a folder of collected texts.

    python bench/prose_items.py TEXTS_DIR OUT_DIR

TEXTS_DIR holds JSON-lines documents ({"url", "group", "text"}). Every character the polyphone model
knows with more than one reading (CC-CEDICT's readings, as g2pM lists them) becomes an item with 30
characters of context either side; documents are split by the first byte of the address's SHA-1 (< 2
of 5 held out, as for the earlier sets). Writes items-all.jsonl, docs.json and one sheet per part for
readers (id, char, context, choices, reading) — the annotator's own readings are not shown to them.

A Traditional character counts by its Simplified form (長 as 长, 為 as 为, 會 as 会): until 2026-12-03
only characters the model knows in their own form were items, so in Taiwan and Hong Kong texts about a
third of the polyphones were never labelled. `--only-folded` writes just those (ids t-…), to add them to
a set labelled before.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from reader.core.pinyin_model import PolyphoneModel

    from glossary.normalize import fold

    only_folded = "--only-folded" in sys.argv
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    texts, out = Path(args[0]), Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    model = PolyphoneModel()
    docs, items, choices = [], [], {}
    for path in sorted(texts.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            split = "heldout" if hashlib.sha1(doc["url"].encode("utf-8")).digest()[0] < 256 * 2 // 5 else "working"
            docs.append({"url": doc["url"], "split": split, "group": doc.get("group", "")})
            text = doc["text"]
            for i, ch in enumerate(text):
                key = ch if ch in model.candidates else fold(ch)
                if key in model.candidates and (key != ch or not only_folded):
                    lo = max(0, i - 30)
                    prefix = "t" if only_folded else "p"
                    item = {"id": f"{prefix}-{len(items) + 1:05d}", "url": doc["url"], "pos": i - lo, "char": ch,
                            "context": (text[lo:i] + "【" + ch + "】" + text[i + 1 : i + 31]).replace("\n", " ")}
                    items.append(item)
                    choices[item["id"]] = (split, " ".join(model.candidates[key]))
    (out / "docs.json").write_text(json.dumps(docs, ensure_ascii=False, indent=0), encoding="utf-8")
    (out / "items-all.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
    for part in ("heldout", "working"):
        rows = [f"{x['id']}\t{x['char']}\t{x['context']}\t{choices[x['id']][1]}\t" for x in items if choices[x["id"]][0] == part]
        (out / f"sheet-{part}.tsv").write_text("id\tchar\tcontext\tchoices\treading\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    print(f"{len(docs)} documents, {len(items)} items")


if __name__ == "__main__":
    main()
