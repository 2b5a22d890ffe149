"""One search box over the glossary and CC-CEDICT: characters, pinyin (any form) and English words."""

from __future__ import annotations

import bisect
import gc
import heapq
import importlib.util
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import gc_paused, read_marshal, stamp, write_marshal
from .dictionary import Dictionary
from .model import GlossaryEntry
from .normalize import fold
from .pinyin import _UNMARK

# Match qualities, best first; the score is quality + source bonus + a frequency fraction.
EXACT, PREFIX, PHRASE, PARTIAL = 4, 3, 2, 1
_SOURCE_BONUS = 0.5
_MAX_PINYIN_PREFIX = 2000  # pinyin prefix candidates kept, most frequent first
_MAX_ENGLISH_CHECKED = 600  # English candidates checked for phrase quality, most frequent first

_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LEADING = ("to ", "a ", "an ", "the ")
_PINYIN_QUERY_RE = re.compile(r"^[a-zA-Z0-9\s'’:·\-" + "".join(_UNMARK) + "üÜ]+$")
_TONES_1_4 = re.compile(r"[1-4]")
# CC-CEDICT readings are ASCII: drop digits, spaces and punctuation to get the toneless key.
_DROP_NON_LETTERS = {c: None for c in range(128) if not chr(c).isalpha()} | {ord("·"): None}


@dataclass(frozen=True)
class SearchResult:
    """One hit: where it came from, its forms, reading, English and score (higher is better)."""

    source: str
    simplified: str
    traditional: str
    pinyin: str
    english: str
    entry_id: str | None
    score: float

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {
            "source": self.source,
            "simplified": self.simplified,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "english": self.english,
            "entry_id": self.entry_id,
            "score": self.score,
        }


def plain_pinyin(text: str) -> tuple[str, tuple[int, ...]]:
    """Pinyin in any form as (toneless lowercase letters with ü→v, explicit tones 1-4 in order).

    "fàng guǎn fú", "fang4 guan3 fu2", "fang4guan3fu2" → ("fangguanfu", (4, 3, 2)); "fang guan fu" → (…, ()).
    """
    letters: list[str] = []
    tones: list[int] = []
    text = unicodedata.normalize("NFC", text).replace("u:", "v").replace("U:", "V")
    for char in text:
        if char in _UNMARK:
            plain, tone = _UNMARK[char]
            letters.append(plain)
            tones.append(tone)
        elif char.isdigit():
            if char in "1234":
                tones.append(int(char))
        elif char.isalpha():
            letters.append(char)
    return "".join(letters).lower().replace("ü", "v"), tuple(tones)


def _is_subsequence(small: tuple[int, ...], big: tuple[int, ...]) -> bool:
    items = iter(big)
    return all(any(x == y for y in items) for x in small)


def _norm_phrase(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def _strip_leading(phrase: str) -> str:
    if phrase.startswith(_LEADING):
        return phrase.split(" ", 1)[1]
    return phrase


def _phrase_quality(query: str, definitions: Iterable[str]) -> int:
    """EXACT when a definition is the query, PREFIX when one starts with it, PHRASE when one contains it."""
    return _normed_quality(query, _normed(definitions))


def _normed(definitions: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each definition as a normalised phrase and the same without a leading "to"/"the"/"a"."""
    out = []
    for definition in definitions:
        phrase = _norm_phrase(definition)
        if phrase:
            out.append((phrase, _strip_leading(phrase)))
    return tuple(out)


def _normed_quality(query: str, phrases: Iterable[tuple[str, str]]) -> int:
    best = PARTIAL
    padded = f" {query} "
    for phrase, bare in phrases:
        if phrase == query or bare == query:
            return EXACT
        if (phrase + " ").startswith(query + " ") or (bare + " ").startswith(query + " "):
            best = PREFIX
        elif best < PHRASE and padded in f" {phrase} ":
            best = PHRASE
    return best


_COMMON_TAGS = frozenset({"n", "v", "vn", "l", "i", "a", "an", "ad", "d"})


def everyday_words(minimum: int = 3) -> set[str]:
    """Words jieba's dictionary lists as common nouns, verbs, idioms and the like (not names of places,
    bodies or people, abbreviations or numerals), seen at least MINIMUM times."""
    path = _jieba_dict()
    if path is None:
        return set()
    words: set[str] = set()
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 3 and parts[2] in _COMMON_TAGS and parts[1].isdigit() and int(parts[1]) >= minimum:
                    words.add(parts[0])
    except OSError:
        return set()
    return words


def word_frequencies() -> dict[str, int]:
    """Word frequencies from jieba's dictionary when jieba is installed (read directly), else empty."""
    path = _jieba_dict()
    if path is None:
        return {}
    freqs: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split(" ", 2)
                if len(parts) >= 2 and parts[1].isdigit():
                    freqs[parts[0]] = int(parts[1])
    except OSError:
        return {}
    return freqs


_INDEX_VERSION = 1
_STATE_FIELDS = (
    "size", "folded", "by_folded", "by_char", "pinyin_keys", "tones", "by_pinyin",
    "by_word", "by_definition", "rank", "sorted_pinyin",
)


def _jieba_dict() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    return path if path.is_file() else None


def load_index(dictionary: Dictionary) -> _DictIndex:
    """The search index for a dictionary: from the marshal cache when current, else built (and cached)."""
    with gc_paused():
        records = dictionary.records()
        try:
            jieba = _jieba_dict()
            key = f"{dictionary.data_stamp()}-{stamp(jieba) if jieba else 'nofreq'}"
            path: Path | None = dictionary.cache_dir() / f"search-v{_INDEX_VERSION}-{key}.marshal"
        except OSError:
            path = None
        if dictionary.use_cache and path is not None:
            state = read_marshal(path)
            if isinstance(state, dict) and set(state) == set(_STATE_FIELDS) and state["size"] == len(records):
                return _DictIndex(records, state)
        index = _DictIndex(records)
        if dictionary.use_cache and path is not None:
            write_marshal(path, {name: getattr(index, name) for name in _STATE_FIELDS}, "search-v*.marshal")
        return index


class _DictIndex:
    """Search indexes over every CC-CEDICT record."""

    def __init__(self, records: Sequence[tuple[str, str, str, str]], state: dict[str, Any] | None = None) -> None:
        self._records = records  # the dictionary's own list (kept by it anyway): definitions are split on use
        if state is not None:
            for name in _STATE_FIELDS:
                setattr(self, name, state[name])
            return
        freqs = word_frequencies()
        count = len(records)
        self.size = count
        self.folded: list[str] = []
        self.by_folded: dict[str, list[int]] = {}
        self.by_char: dict[str, list[int]] = {}
        self.pinyin_keys: list[str] = []
        self.tones: list[tuple[int, ...]] = []
        self.by_pinyin: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_definition: dict[str, list[int]] = {}
        for number, (_trad, simplified, pinyin, defs) in enumerate(records):
            key = fold(simplified)
            self.folded.append(key)
            self.by_folded.setdefault(key, []).append(number)
            for char in set(key):
                self.by_char.setdefault(char, []).append(number)
            plain = pinyin.replace("u:", "v").translate(_DROP_NON_LETTERS).lower()
            tones = tuple(map(int, _TONES_1_4.findall(pinyin)))
            self.pinyin_keys.append(plain)
            self.tones.append(tones)
            self.by_pinyin.setdefault(plain, []).append(number)
            words: set[str] = set()
            for definition in self.definitions(number):
                phrase = _norm_phrase(definition)
                if not phrase:
                    continue
                words.update(phrase.split())
                self.by_definition.setdefault(phrase, []).append(number)
                bare = _strip_leading(phrase)
                if bare != phrase:
                    self.by_definition.setdefault(bare, []).append(number)
            for word in words:
                self.by_word.setdefault(word, []).append(number)

        def weak(number: int) -> int:
            defs = records[number][3]
            return 1 if ("variant of" in defs or defs.startswith("surname ") or "(archaic)" in defs) else 0

        order = sorted(
            range(count),
            key=lambda n: (weak(n), -freqs.get(records[n][1], 0), len(records[n][1]), n),
        )
        self.rank = [0] * count
        for position, number in enumerate(order):
            self.rank[number] = position
        # Sorted pinyin keys for prefix ranges; postings sorted by rank so the most useful come first.
        self.sorted_pinyin = sorted(self.by_pinyin)
        rank = self.rank
        for postings in (self.by_char, self.by_word):
            for values in postings.values():
                values.sort(key=rank.__getitem__)

    def definitions(self, number: int) -> list[str]:
        """The definitions of a record (not kept split: 120,000 lists of strings cost ~35 MB)."""
        return self._records[number][3].split("/")

    def word_set(self, word: str) -> set[int]:
        """The records whose definitions contain a word, as a set (kept for reuse)."""
        cache: dict[str, set[int]] = self.__dict__.setdefault("_word_sets", {})
        found = cache.get(word)
        if found is None:
            found = cache[word] = set(self.by_word.get(word, ()))
        return found

    def frequency_bonus(self, number: int) -> float:
        return 0.4 * (1.0 - self.rank[number] / max(1, self.size))


class TermSearch:
    """Searches glossary entries and a Dictionary; indexes are built on the first query (or prepare())."""

    def __init__(self, entries: Iterable[GlossaryEntry], dictionary: Dictionary | None) -> None:
        self._entries = list(entries)
        self._dictionary = dictionary
        self._index: _DictIndex | None = None
        self._lock = threading.Lock()
        self._glossary = [
            (
                entry,
                tuple(fold(form) for form in entry.forms()),
                plain_pinyin(entry.pinyin),
                _norm_phrase(entry.english),
                # the English and its parts, normalised once (not per query)
                _normed((entry.english, *(part for part in re.split(r"[;,]\s*", entry.english) if part.strip()))),
                frozenset(_norm_phrase(entry.english).split()),
            )
            for entry in self._entries
        ]
        # English word -> the entries whose rendering has it: a query in English looks only at those
        self._by_english_word: dict[str, list[int]] = {}
        for k, row in enumerate(self._glossary):
            for word in row[5]:
                self._by_english_word.setdefault(word, []).append(k)
        # the entries' plain pinyin, sorted: a pinyin query looks only at the range that starts with it
        self._by_plain = sorted((row[2][0], k) for k, row in enumerate(self._glossary))
        self._plain_keys = [plain for plain, _k in self._by_plain]

    def set_entries(self, entries: Iterable[GlossaryEntry]) -> None:
        """Replace the glossary entries (after the user edits theirs); the dictionary index is kept."""
        fresh = TermSearch(entries, None)
        self._entries, self._glossary, self._by_english_word = fresh._entries, fresh._glossary, fresh._by_english_word
        self._by_plain, self._plain_keys = fresh._by_plain, fresh._plain_keys

    def prepare(self) -> None:
        """Build the dictionary indexes now (e.g. from a background thread)."""
        if self._dictionary is not None and self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = load_index(self._dictionary)
                    # the index is millions of long-lived objects: move them out of the collector's
                    # generations, or the next full collection (at some later query) scans them all (~100 ms)
                    gc.freeze()

    def search(self, query: str, limit: int = 20) -> list[SearchResult]:
        """The best hits for a query in characters, pinyin (marks, numbers or none) or English."""
        query = unicodedata.normalize("NFC", query).strip()
        if not query or limit <= 0:
            return []
        has_han = any(ord(c) >= 0x2E80 for c in query)
        scored: dict[tuple[str, str], tuple[float, int, SearchResult | int]] = {}

        def add(key: tuple[str, str], score: float, length: int, item: SearchResult | int) -> None:
            old = scored.get(key)
            if old is None or score > old[0]:
                scored[key] = (score, length, item)

        glossary_hits = self._search_glossary(query, has_han)
        for entry, quality in glossary_hits:
            score = quality + _SOURCE_BONUS + 0.4
            add(("g", entry.id), score, len(entry.simplified), self._glossary_result(entry, score))
        self.prepare()
        index = self._index
        if index is not None:
            hits: dict[int, int] = {}
            if has_han:
                self._dict_chars(index, fold(query), hits)
            else:
                if _PINYIN_QUERY_RE.match(query):
                    self._dict_pinyin(index, query, hits, limit)
                self._dict_english(index, query, hits)
            best = heapq.nlargest(
                limit, hits.items(), key=lambda item: (item[1], -index.rank[item[0]])
            )
            for number, quality in best:
                score = quality + index.frequency_bonus(number)
                add(("d", str(number)), score, len(index.folded[number]), number)
        ordered = sorted(scored.values(), key=lambda v: (-v[0], v[1]))[:limit]
        return [item if isinstance(item, SearchResult) else self._dict_result(item, score) for score, _, item in ordered]

    # -- glossary --------------------------------------------------------------------------------

    def _search_glossary(self, query: str, has_han: bool) -> list[tuple[GlossaryEntry, int]]:
        hits: list[tuple[GlossaryEntry, int]] = []
        folded = fold(query)
        plain, tones = plain_pinyin(query)
        phrase = _norm_phrase(query)
        pinyin_ok = not has_han and bool(_PINYIN_QUERY_RE.match(query)) and bool(plain)
        words = phrase.split() if phrase else []
        rows: Iterable[tuple[Any, ...]] = self._glossary
        if not has_han:
            # the entries that have every word of the query in their English (the rarest word's list
            # first), and for a pinyin query those whose pinyin starts with it (a range of the sorted keys)
            chosen: set[int] = set()
            if words:
                lists = sorted((self._by_english_word.get(word, []) for word in set(words)), key=len)
                chosen = set(lists[0]).intersection(*lists[1:])
            if pinyin_ok:
                lo = bisect.bisect_left(self._plain_keys, plain)
                hi = bisect.bisect_left(self._plain_keys, plain + "\U0010ffff")
                chosen.update(k for _p, k in self._by_plain[lo:hi])
            if not chosen:
                return hits
            rows = [self._glossary[k] for k in sorted(chosen)]
        for entry, forms, (entry_plain, entry_tones), english, parts, english_words in rows:
            quality = 0
            if has_han:
                for form in forms:
                    if form == folded:
                        quality = EXACT
                        break
                    if form.startswith(folded):
                        quality = max(quality, PREFIX)
                    elif folded in form:
                        quality = max(quality, PHRASE)
            else:
                if pinyin_ok and entry_plain.startswith(plain) and _is_subsequence(tones, entry_tones):
                    exact = entry_plain == plain and (not tones or tones == entry_tones)
                    quality = EXACT if exact else PREFIX
                if phrase:
                    if all(word in english_words for word in words):
                        quality = max(quality, _normed_quality(phrase, parts))
            if quality:
                hits.append((entry, quality))
        return hits

    @staticmethod
    def _glossary_result(entry: GlossaryEntry, score: float) -> SearchResult:
        return SearchResult(
            entry.source, entry.simplified, entry.traditional, entry.pinyin, entry.english, entry.id, round(score, 4)
        )

    # -- dictionary ------------------------------------------------------------------------------

    def _dict_result(self, number: int, score: float) -> SearchResult:
        assert self._dictionary is not None
        entry = self._dictionary.entry(number)
        return SearchResult(
            "dictionary",
            entry.simplified,
            entry.traditional,
            entry.pinyin_marks,
            "; ".join(entry.definitions),
            None,
            round(score, 4),
        )

    @staticmethod
    def _dict_chars(index: _DictIndex, folded: str, hits: dict[int, int]) -> None:
        for number in index.by_folded.get(folded, ()):
            hits[number] = EXACT
        postings = [index.by_char.get(char, []) for char in set(folded)]
        if not postings:
            return
        rarest = min(postings, key=len)
        keys = index.folded
        for number in rarest:
            key = keys[number]
            if number not in hits and folded in key:
                hits[number] = PREFIX if key.startswith(folded) else PHRASE

    @staticmethod
    def _dict_pinyin(index: _DictIndex, query: str, hits: dict[int, int], limit: int) -> None:
        plain, tones = plain_pinyin(query)
        if not plain:
            return
        all_tones = index.tones
        for number in index.by_pinyin.get(plain, ()):
            if _is_subsequence(tones, all_tones[number]):
                exact = not tones or tones == all_tones[number]
                hits[number] = max(hits.get(number, 0), EXACT if exact else PREFIX)
        # Prefix matches: a range of the sorted keys.
        if len(plain) < 2:
            return  # a single letter is a prefix of a fifth of the dictionary: exact readings only
        keys = index.sorted_pinyin
        start = bisect.bisect_right(keys, plain)
        end = bisect.bisect_left(keys, plain + "\x7f", lo=start)
        candidates: list[int] = []
        for key in keys[start:end]:
            candidates.extend(index.by_pinyin[key])
        if len(candidates) > _MAX_PINYIN_PREFIX:
            candidates = heapq.nsmallest(_MAX_PINYIN_PREFIX, candidates, key=index.rank.__getitem__)
        for number in candidates:
            if number not in hits and _is_subsequence(tones, all_tones[number]):
                hits[number] = PREFIX

    @staticmethod
    def _dict_english(index: _DictIndex, query: str, hits: dict[int, int]) -> None:
        phrase = _norm_phrase(query)
        if not phrase:
            return
        for key in {phrase, _strip_leading(phrase)}:
            for number in index.by_definition.get(key, ()):
                hits[number] = EXACT
        words = sorted(set(phrase.split()), key=lambda w: len(index.by_word.get(w, ())))
        if not all(word in index.by_word for word in words):
            return
        others = [index.word_set(word) for word in words[1:]]
        checked = 0
        for number in index.by_word[words[0]]:  # in rank order: most useful first
            if number in hits or not all(number in other for other in others):
                continue
            checked += 1
            if checked > _MAX_ENGLISH_CHECKED:
                break
            hits[number] = _phrase_quality(phrase, index.definitions(number))
