"""Pinyin conversions: CC-CEDICT tone numbers to tone marks, tone marks to numbers, and search keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS: dict[str, str] = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
    "A": "ĀÁǍÀ",
    "E": "ĒÉĚÈ",
    "I": "ĪÍǏÌ",
    "O": "ŌÓǑÒ",
    "U": "ŪÚǓÙ",
    "Ü": "ǕǗǙǛ",
}
# Tone-marked vowel → (plain vowel, tone number).
_UNMARK: dict[str, tuple[str, int]] = {
    marked: (plain, tone + 1) for plain, row in _MARKS.items() for tone, marked in enumerate(row)
}
_UNMARK.update({"ḿ": ("m", 2), "ǹ": ("n", 4), "ń": ("n", 2), "ň": ("n", 3)})

# Syllabic nasals (m2 ḿ, n2 ń, n3 ň, n4 ǹ) have no vowel to carry the mark.
_NASAL: dict[tuple[str, int], str] = {("m", 2): "ḿ", ("n", 2): "ń", ("n", 3): "ň", ("n", 4): "ǹ"}

_SYLLABLE_SPLIT = re.compile(r"[\s,·'’-]+")


@lru_cache(maxsize=8192)
def syllable_to_marks(syllable: str) -> str:
    """One CC-CEDICT syllable ("fang4", "Zhong1", "nu:3", "r5", "xx5") in tone-mark form ("fàng", "Zhōng", "nǚ", "r")."""
    text = syllable.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü") if _looks_pinyin(syllable) else syllable
    if not text or not text[-1].isdigit():
        return text
    tone = int(text[-1])
    base = text[:-1]
    if tone not in (1, 2, 3, 4) or not base:
        return base
    lower = base.lower()
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = -1
        for i in range(len(lower) - 1, -1, -1):
            if lower[i] in "aeiouü":
                index = i
                break
        if index < 0:
            return _NASAL.get((lower, tone), base)
    vowel = base[index]
    marked = _MARKS[vowel][tone - 1]
    return base[:index] + marked + base[index + 1 :]


def _looks_pinyin(syllable: str) -> bool:
    return syllable[:1].isalpha() and syllable.isascii() or ":" in syllable


def numbers_to_marks(pinyin: str) -> str:
    """A CC-CEDICT reading ("fang4 guan3 fu2") in tone marks ("fàng guǎn fú"); other tokens kept."""
    return " ".join(syllable_to_marks(s) for s in pinyin.split())


@lru_cache(maxsize=8192)
def syllable_to_numbers(syllable: str) -> tuple[str, int]:
    """A tone-mark syllable ("fàng") as toneless lowercase and tone ("fang", 4); 5 for neutral."""
    text = unicodedata.normalize("NFC", syllable).lower().replace("u:", "ü").replace("v", "ü")
    tone = 5
    chars = []
    for char in text:
        if char in _UNMARK:
            plain, tone = _UNMARK[char]
            chars.append(plain.lower())
        else:
            chars.append(char)
    plain = "".join(chars)
    if plain and plain[-1] in "012345":
        tone = int(plain[-1]) or 5
        plain = plain[:-1]
    return plain, tone


def toneless(text: str) -> str:
    """Lowercase pinyin without tones, spaces or separators: "fàng guǎn fú" / "fang4 guan3 fu2" → "fangguanfu"; ü→v."""
    return "".join(syllable_to_numbers(s)[0] for s in _SYLLABLE_SPLIT.split(text) if s).replace("ü", "v")


def tone_key(text: str) -> str:
    """Lowercase pinyin with tone numbers, no spaces: "fàng guǎn fú" / "fang4 guan3 fu2" → "fang4guan3fu2"; ü→v."""
    out = []
    for syllable in _SYLLABLE_SPLIT.split(text):
        if syllable:
            plain, tone = syllable_to_numbers(syllable)
            out.append(f"{plain}{tone}")
    return "".join(out).replace("ü", "v")
