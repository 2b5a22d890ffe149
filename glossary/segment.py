"""Local word segmentation around a glossary hit: does the hit agree with the words of its sentence?

A max-probability segmentation (the method of jieba) over a short window around the hit, with
jieba's word frequencies, CC-CEDICT's headwords and the glossary's forms as the vocabulary. A hit
stands when it is one token of the best segmentation: 双减 stands in 落实双减政策 but not in
双减少; 千万工程 does not stand inside 百千万工程. Numbered compounds (三江两岸, 一湾两翼) are
recognised by their shape: a numeral-led term right after another numeral and noun is part of
the longer name.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dictionary import Dictionary
    from .wordfreq import WordFrequencies

log = logging.getLogger(__name__)

_CACHE_VERSION = 2  # 1: a marshal dict; 2: a MARISA trie and a counts array
NUMERALS = frozenset("一二两三四五六七八九十百千万零〇壹贰叁肆伍陆柒捌玖拾两")
# A glossary form counts as a fairly common word: it should stay whole against chance splits but
# lose to a more probable dictionary word that crosses its edge.
GLOSSARY_FREQ = 1_000
DICT_FREQ = 3  # a CC-CEDICT word that jieba's list lacks
WINDOW = 5  # characters considered on each side of a hit
MAX_WORD = 10
_STOPS = frozenset("，。、；：？！“”‘’「」『』（）《》〈〉【】—…·,.;:?!()[]\"' \n\t")


class LocalSegmenter:
    """Max-probability segmentation of short windows over word frequencies plus extra words.

    The vocabulary is held as a MARISA trie with an array of counts (glossary.wordfreq), not a dict:
    the 390,000 words of jieba's list, CC-CEDICT and the glossary cost about 45 MB as a dict and about
    4 MB as a trie, which the reader maps from its cache folder rather than reading.
    """

    def __init__(
        self,
        frequencies: dict[str, int],
        extra: Iterable[str] = (),
        dictionary_words: Iterable[str] = (),
        total: int | None = None,
    ) -> None:
        from .wordfreq import build

        freqs = merged_vocabulary(frequencies, extra, dictionary_words)
        self._init(build(freqs), total or sum(frequencies.values()) or sum(freqs.values()) or 1)

    @classmethod
    def from_vocabulary(cls, vocabulary: WordFrequencies, total: int) -> LocalSegmenter:
        """A segmenter over a vocabulary already merged (merged_vocabulary) and built, e.g. mapped from a cache."""
        segmenter = cls.__new__(cls)
        segmenter._init(vocabulary, total)
        return segmenter

    def _init(self, vocabulary: WordFrequencies, total: int) -> None:
        self._log_total = math.log(total or 1)
        self._freqs = vocabulary
        self._prefixes = vocabulary.prefix_counts
        self._single = math.log(1) - self._log_total  # unknown single character
        self._lock = threading.Lock()
        self._memo: dict[str, tuple[int, ...]] = {}

    @property
    def frequencies(self) -> WordFrequencies:
        """The vocabulary with its frequencies (words and glossary forms)."""
        return self._freqs

    def boundaries(self, text: str, longest: int = MAX_WORD) -> tuple[int, ...]:
        """The cut points of the best segmentation of a short text (0 and len(text) included), with words
        of up to max(longest, MAX_WORD) characters."""
        longest = max(longest, MAX_WORD)
        key = text if longest == MAX_WORD else f"{longest}:{text}"
        found = self._memo.get(key)
        if found is not None:
            return found
        n = len(text)
        prefixes = self._prefixes
        log_total = self._log_total
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        best[n] = (0.0, n)
        for i in range(n - 1, -1, -1):
            known = prefixes(text[i : i + longest])  # {length: count} of the words starting at i, shortest first
            f = known.get(1)
            score = (math.log(f) - log_total if f else self._single) + best[i + 1][0]
            choice = (score, i + 1)
            for length, f in known.items():
                if length >= 2 and f:
                    j = i + length
                    score = math.log(f) - log_total + best[j][0]
                    if score > choice[0]:
                        choice = (score, j)
            best[i] = choice
        cuts = [0]
        i = 0
        while i < n:
            i = best[i][1]
            cuts.append(i)
        result = tuple(cuts)
        with self._lock:
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[key] = result
        return result

    def stands(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is one token of the best segmentation of its surrounding window."""
        left = start
        while left > 0 and start - left < WINDOW and text[left - 1] not in _STOPS:
            left -= 1
        right = end
        while right < len(text) and right - end < WINDOW and text[right] not in _STOPS:
            right += 1
        cuts = self.boundaries(text[left:right], end - start)
        return (start - left) in cuts and (end - left) in cuts and not any(start - left < c < end - left for c in cuts)


def inside_numbered_name(text: str, start: int, end: int) -> bool:
    """Whether a numeral-led hit continues a numbered name: 百千万工程 (not 千万工程), 三江两岸 (not 两岸)."""
    if start == 0 or text[start] not in NUMERALS:
        return False
    before = text[start - 1]
    if before in NUMERALS or before.isdigit():
        return True
    # numeral + one or two nouns right before: 三江两岸, 一湾两翼三带, 一核两翼
    for width in (2,):
        i = start - width
        between = text[i + 1 : start] if i >= 0 else ""
        if i >= 0 and text[i] in NUMERALS and all(_is_han(c) and c not in NUMERALS for c in between):
            if between[0] not in _MEASURES and (i == 0 or text[i - 1] not in "第"):
                return True
    return False


# Characters after a numeral that make it a count or date (十年两岸关系), not a numbered name.
_MEASURES = frozenset("年月日号时次个位名家项条种天届是都大中小多余批周季度亿倍点层级和与及或、")


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3FFFF


def merged_vocabulary(frequencies: dict[str, int], extra: Iterable[str] = (), dictionary_words: Iterable[str] = ()) -> dict[str, int]:
    """Word frequencies with CC-CEDICT's other words (DICT_FREQ) and the glossary forms (at least GLOSSARY_FREQ)."""
    freqs = dict(frequencies)
    for word in dictionary_words:
        if len(word) >= 2 and word not in freqs:
            freqs[word] = DICT_FREQ
    for word in extra:
        if len(word) >= 2:
            freqs[word] = max(freqs.get(word, 0), GLOSSARY_FREQ)
    return freqs


def relevant_vocabulary(forms: Iterable[str], frequencies: dict[str, int], dictionary_words: Iterable[str]) -> dict[str, int]:
    """The words that can decide whether a glossary form stands: those crossing a form's edge or containing it.

    A word matters when one of its proper suffixes begins a form (it crosses the form's left edge),
    one of its proper prefixes ends a form (it crosses the right edge), or it contains a form. Single
    characters keep their frequencies. Keeping only these (tens of thousands instead of half a million)
    keeps the matcher small; the decisions at a hit are the same, since other words only shift every
    alternative alike.
    """
    forms = {f for f in forms if len(f) >= 2}
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    lengths = sorted({len(f) for f in forms})
    for form in forms:
        for k in range(1, len(form)):
            prefixes.add(form[:k])
            suffixes.add(form[k:])
    merged: dict[str, int] = dict(frequencies)
    for word in dictionary_words:
        if len(word) >= 2 and word not in merged:
            merged[word] = DICT_FREQ
    kept: dict[str, int] = {}
    for word, freq in merged.items():
        n = len(word)
        if n == 1:
            kept[word] = freq
            continue
        if n > MAX_WORD:
            continue
        keep = any(word[k:] in prefixes or word[:k] in suffixes for k in range(1, n))
        if not keep:
            for size in lengths:
                if size >= n:
                    break
                if any(word[i : i + size] in forms for i in range(n - size + 1)):
                    keep = True
                    break
        if keep:
            kept[word] = freq
    return kept


def load_segmenter(forms: Iterable[str], dictionary: Dictionary | None = None) -> LocalSegmenter | None:
    """A segmenter over jieba's frequencies and CC-CEDICT for these glossary forms (cached on disk).

    None when jieba's word list is not installed (then hits are only checked for numbered names).
    """
    import array
    import hashlib

    import marisa_trie

    from .cache import stamp, write_bytes
    from .dictionary import default_dictionary
    from .normalize import fold
    from .search import _jieba_dict, word_frequencies
    from .wordfreq import WordFrequencies, build

    jieba = _jieba_dict()
    if jieba is None:
        return None
    dictionary = dictionary or default_dictionary()
    folded = sorted({fold(f) for f in forms if f})
    digest = hashlib.sha1("\n".join(folded).encode("utf-8")).hexdigest()[:16]
    base = None
    if dictionary.use_cache:
        try:
            base = dictionary.cache_dir() / f"segment-v{_CACHE_VERSION}-{stamp(jieba)}-{dictionary.data_stamp()}-{digest}"
        except OSError:
            base = None
    if base is not None:
        try:  # the trie is mapped, not read; the counts array ends with the total of jieba's counts
            trie = marisa_trie.Trie()
            trie.mmap(str(base.with_suffix(".marisa")))
            counts = array.array("I")
            counts.frombytes(base.with_suffix(".counts").read_bytes())
            if len(counts) == len(trie) + 1:
                total = counts.pop()
                return LocalSegmenter.from_vocabulary(WordFrequencies(trie, counts), total)
        except (OSError, ValueError, RuntimeError):
            pass
    frequencies = word_frequencies()
    total = sum(frequencies.values())
    merged: dict[str, int] = {}
    for word, freq in frequencies.items():
        key = fold(word)
        merged[key] = merged.get(key, 0) + freq
    words = relevant_vocabulary(folded, merged, (fold(w) for w in dictionary.headwords()))
    vocabulary = build(merged_vocabulary(words, extra=folded))
    if base is not None:
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            for old in base.parent.glob("segment-v*"):
                old.unlink(missing_ok=True)
            counts = array.array("I", vocabulary._counts)
            counts.append(min(total, 0xFFFFFFFF))
            write_bytes(base.with_suffix(".counts"), counts.tobytes())
            write_bytes(base.with_suffix(".marisa"), vocabulary._trie.tobytes())  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("cannot write the segmentation cache %s: %s", base, exc)
    return LocalSegmenter.from_vocabulary(vocabulary, total)
