"""Per-character Jyutping accuracy on a held-out part of HKCanCor (the corpus pycantonese ships).

    python bench/eval_jyutping.py [-v]

HKCanCor's 58 files are split once by a hash of the file name: files whose hash falls in the held-out
part were never looked at while choosing or tuning (see README). Gold is the corpus's own Jyutping,
aligned character by character where a word's syllables match its characters one to one. Compared:
ToJyutping alone, pycantonese alone, and Zhushi's annotator (reader.core.jyutping).
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_SYL = re.compile(r"[a-z]+[1-6]")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def held_out(name: str) -> bool:
    return hashlib.sha1(name.encode()).digest()[0] % 5 == 0  # about a fifth of the files


def sentences(part: str = "heldout") -> list[list[tuple[str, str]]]:
    """Sentences as (character, gold jyutping) pairs; gold '' where it cannot be aligned."""
    import pycantonese

    corpus = pycantonese.hkcancor()
    out = []
    for name, utts in zip(corpus.file_paths, corpus.utterances(by_file=True)):
        if held_out(Path(name).name) != (part == "heldout"):
            continue
        for utt in utts:
            sent: list[tuple[str, str]] = []
            for tok in utt.tokens:
                sylls = _SYL.findall(tok.jyutping or "")
                chars = list(tok.word)
                if len(sylls) == len(chars):
                    sent.extend(zip(chars, sylls))
                else:
                    sent.extend((c, "") for c in chars)
            if any(g for _, g in sent):
                out.append(sent)
    return out


def score(name: str, predict, sents, verbose: bool = False) -> None:
    ok = total = 0
    t = time.perf_counter()
    for sent in sents:
        text = "".join(c for c, _ in sent)
        pred = predict(text)
        for (ch, gold), p in zip(sent, pred):
            if not gold or not _HAN.match(ch):
                continue
            total += 1
            ok += p == gold
            if verbose and p != gold:
                print(f"{name}\t{ch}\t{gold}\t{p}\t{text}")
    print(f"{name:<14} {ok}/{total} = {100 * ok / total:.2f}%  ({time.perf_counter() - t:.1f}s)")


def tojyutping(text: str) -> list[str | None]:
    import ToJyutping

    return [j for _, j in ToJyutping.get_jyutping_list(text)]


def pycantonese_chars(text: str) -> list[str | None]:
    import pycantonese

    out: list[str | None] = []
    for word, jp in pycantonese.characters_to_jyutping(text):
        sylls = _SYL.findall(jp or "")
        out.extend(sylls if len(sylls) == len(word) else [None] * len(word))
    return out


def zhushi(text: str) -> list[str | None]:
    from reader.core.jyutping import jyutping_readings

    return jyutping_readings(text)


if __name__ == "__main__":
    part = "working" if "--working" in sys.argv else "heldout"
    sents = sentences(part)
    print(f"HKCanCor {part} part: {len(sents)} utterances")
    verbose = "-v" in sys.argv
    score("ToJyutping", tojyutping, sents, verbose)
    score("pycantonese", pycantonese_chars, sents, verbose)
    try:
        score("zhushi", zhushi, sents, verbose)
    except ImportError:
        pass
