"""Pinyin readings for Chinese text: per-character tone-number syllables with polyphone disambiguation."""

from __future__ import annotations

import bisect
import re
import threading

import numpy as np

from reader.core.pinyin_rules import PhraseRules, SpecialChars

__all__ = ["PinyinAnnotator", "default_annotator", "format_reading"]

# Clause and sentence boundaries used to cut text into model inputs (g2pM was trained on sentences of
# at most 50 characters, so long sentences are cut at commas and similar marks).
_LINE_RE = re.compile(r"[^\n]+")
_CLAUSE_RE = re.compile(r"[^。！？!?；;，,、：:]+[。！？!?；;，,、：:”’」』）)]*")
_MAX_SEGMENT = 50

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    if cp == 0x3007:  # 〇
        return True
    for lo, hi in _HAN_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def format_reading(reading: str, style: str = "marks") -> str:
    """Render a tone-number reading ('lü4') as tone marks ('lǜ') or tone numbers ('lü4')."""
    if style == "numbers":
        return reading
    if style != "marks":
        raise ValueError(f"unknown pinyin style: {style!r}")
    from reader.core.pinyin_tables import syllables

    return syllables().to_marks(reading)


def _t2s_table() -> dict[int, str]:
    """One-to-one Traditional -> Simplified character map from OpenCC's TSCharacters (first candidate)."""
    from glossary.opencc_files import data_file

    table: dict[int, str] = {}
    with data_file("TSCharacters.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            src, dst = parts[0], parts[1].split(" ")[0]
            if len(src) == 1 and len(dst) == 1 and src != dst:
                table[ord(src)] = dst
    return table


class PinyinAnnotator:
    """Annotates text with one reading per character; heavy data is loaded on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            from reader.core.pinyin_model import PolyphoneModel

            self._model = PolyphoneModel()
            model = self._model
            table = _t2s_table()
            SpecialChars.adjust_t2s(table, model.candidates, model.mono)
            self._t2s = table
            self._poly = frozenset(model.candidates)
            self._rules = PhraseRules(model.candidates)
            self._specials = SpecialChars(table, self._rules.char_readings, model.candidates, model.mono)
            self._cache: dict[str, str | None] = {}
            self._loaded = True

    def _char_reading(self, ch: str) -> str | None:
        """Default reading of a (simplified) character, or None if it is not a Han character."""
        if not _is_han(ch):
            return None
        mono = self._model.mono.get(ch)
        if mono is not None:
            return mono
        cands = self._model.candidates.get(ch)
        if cands:
            return cands[0]
        from reader.core.pinyin_tables import syllables

        return syllables().char_default.get(ord(ch))

    # ------------------------------------------------------------------ segmentation

    def _segments(self, simp: str, poly_pos: list[int]) -> list[tuple[int, int]]:
        """Model input spans (start, end) covering every polyphonic position.

        Each line is one span when short enough; longer lines are cut after sentence or clause marks
        into pieces merged greedily up to the length the model was trained on.
        """
        spans: list[tuple[int, int]] = []
        n_poly = len(poly_pos)
        k = 0
        for m in _LINE_RE.finditer(simp):
            if k >= n_poly:
                break
            s, e = m.span()
            if poly_pos[k] >= e:
                continue
            k = bisect.bisect_left(poly_pos, e, k)
            if e - s <= _MAX_SEGMENT:
                spans.append((s, e))
                continue
            cur_s = cur_e = s
            for cm in _CLAUSE_RE.finditer(simp, s, e):
                cs, ce = cm.span()
                while ce - cs > _MAX_SEGMENT:  # no punctuation for a long stretch: hard cut
                    if cur_e > cur_s:
                        spans.append((cur_s, cur_e))
                    spans.append((cs, cs + _MAX_SEGMENT))
                    cs += _MAX_SEGMENT
                    cur_s = cur_e = cs
                if ce - cur_s > _MAX_SEGMENT and cur_e > cur_s:
                    spans.append((cur_s, cur_e))
                    cur_s = cs
                cur_e = ce
            if cur_e > cur_s:
                spans.append((cur_s, cur_e))
        return spans

    # ------------------------------------------------------------------ public API

    def readings(self, text: str, *, sandhi: bool = False) -> list[str | None]:
        """One entry per character of text (Python str indexing, newlines included): a tone-number
        syllable like 'tiao2', 'lü4', 'le5' (5 = neutral tone, ü written as ü), or None where the
        character has no reading (punctuation, Latin, digits, emoji, spaces)."""
        if not self._loaded:
            self._load()
        if not text:
            return []
        simp = text.translate(self._t2s)
        simp, fixed = self._specials.prepare(text, simp, set(text))
        if "画" in simp:  # Taiwan's 計畫, 規畫 simplify to forms the word lists lack (大台中|计画, not 中计)
            for taiwan, mainland in _TAIWAN_FORMS:
                simp = simp.replace(taiwan, mainland)
        cache = self._cache
        missing = set(simp).difference(cache)
        for ch in missing:
            cache[ch] = self._char_reading(ch)
        out: list[str | None] = [cache[c] for c in simp]

        poly = self._poly
        poly_pos = [i for i, c in enumerate(simp) if c in poly]
        if poly_pos:
            self._disambiguate(text, simp, poly_pos, out)
        for i, r in fixed.items():
            out[i] = r
        self._rules.apply_words(simp, out)
        if sandhi:
            _apply_sandhi(simp, out)
        return out

    def _disambiguate(self, text: str, simp: str, poly_pos: list[int], out: list[str | None]) -> None:
        model = self._model
        spans = self._segments(simp, poly_pos)
        get = model.char2idx.get
        unk = model.unk
        ids = np.fromiter((get(c, unk) for c in simp), dtype=np.int64, count=len(simp))
        seqs: list[np.ndarray] = []
        targets: list[list[int]] = []
        flat_pos: list[int] = []
        k = 0
        n_poly = len(poly_pos)
        for s, e in spans:
            while k < n_poly and poly_pos[k] < s:
                k += 1
            j = bisect.bisect_left(poly_pos, e, k)
            if j == k:
                continue
            seqs.append(ids[s:e])
            targets.append([p - s for p in poly_pos[k:j]])
            flat_pos.extend(poly_pos[k:j])
            k = j
        chars = [simp[p] for p in flat_pos]
        preds, margins = model.predict(seqs, targets, chars)
        for p, r in zip(flat_pos, preds):
            out[p] = r
        self._rules.apply(simp, flat_pos, preds, margins, out)


# Taiwan word forms whose character-by-character simplification the segmentation and phrase lists do not know,
# with the Mainland form of the same reading.
_TAIWAN_FORMS = (("计画", "计划"), ("规画", "规划"), ("企画", "企划"))


def _apply_sandhi(simp: str, out: list[str | None]) -> None:
    """Tone changes of 一 and 不 before a following syllable."""
    n = len(simp)
    for i, ch in enumerate(simp):
        if ch != "一" and ch != "不":
            continue
        if out[i] is None:
            continue
        # Next syllable (skip nothing: sandhi applies only within a word, i.e. to the next character).
        nxt = out[i + 1] if i + 1 < n else None
        if nxt is None or ch == "一" and simp[i + 1] in _ORDINAL_NEXT:
            continue
        tone = nxt[-1]
        if ch == "不":
            if out[i] == "bu4" and tone == "4":
                out[i] = "bu2"
            continue
        if out[i] != "yi1":
            continue
        prev = simp[i - 1] if i > 0 else ""
        if prev and prev == (simp[i + 1] if i + 1 < n else "") and out[i - 1] is not None:
            out[i] = "yi5"  # 看一看, 数一数
            continue
        if prev in _ORDINAL_PREFIX or _is_numeric_context(simp, i):
            continue
        if tone == "4":
            out[i] = "yi2"
        elif tone in "123":
            out[i] = "yi4"


_ORDINAL_PREFIX = frozenset("第初")
_ORDINAL_NEXT = frozenset("月号")
_DIGITS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟0123456789")
_NUMERIC_NEXT = frozenset("〇零一二三四五六七八九十百千万亿两0123456789")


def _is_numeric_context(simp: str, i: int) -> bool:
    """一 read as a digit: inside a number (一二三, 十一, 一九四九) or in 统一/唯一-style word endings."""
    prev = simp[i - 1] if i > 0 else ""
    nxt = simp[i + 1] if i + 1 < len(simp) else ""
    if nxt in _NUMERIC_NEXT and nxt != "":
        return True
    if prev in _DIGITS and prev != "":
        return True
    if prev + "一" in _FINAL_YI:
        return True
    return False


_FINAL_YI = frozenset(["统一", "唯一", "万一", "划一", "专一", "同一", "单一", "逐一", "之一", "合一", "归一",
                       "始终如一", "表里如一", "整齐划一", "独一", "不一", "如一"])


_default: PinyinAnnotator | None = None
_default_lock = threading.Lock()


def reading_line(text: str) -> str:
    """The tone-mark reading of a word or phrase as glossary entries write it: one syllable per character
    that has a reading, separated by spaces ("fàng guǎn fú")."""
    return " ".join(format_reading(r, "marks") for r in default_annotator().readings(text) if r)


def default_annotator() -> PinyinAnnotator:
    """The shared annotator (built on first call; its data loads on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = PinyinAnnotator()
    return _default
