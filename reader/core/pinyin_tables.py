"""The pinyin data the annotator needs at run time, derived once from pypinyin and CC-CEDICT and cached.

pypinyin and CC-CEDICT are the sources of truth, but a running reader needs only a small part of them:
the tone-mark spelling of each syllable, each character's default reading, the Zhuyin of each syllable
and the phrase readings of words that hold a polyphone. Importing pypinyin costs about 56 MB (its
package import loads its whole phrase list) and CC-CEDICT's records about 70 MB; the derived tables
are a few MB. They are built on first use, written to the cache folder (marshal, and MARISA tries for the
phrase tables, which are mapped rather than read; written atomically) and read back on later starts; the cache key holds the versions of pypinyin, of CC-CEDICT's file and of the
polyphone model's candidate set, so a change in any of them rebuilds the tables.

A syllable missing from the tables (none is expected: every base pypinyin knows is listed with all
five tones) falls back to pypinyin itself.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from typing import Any

_VERSION = 1
_PHRASES_VERSION = 2  # 1: marshal dicts; 2: MARISA tries
_MAX_WORD = 4
_TONE = re.compile(r"^([a-zü]+?)([1-5]?)$")


@dataclass
class Syllables:
    """Spelling tables of every syllable pypinyin knows, and each character's default reading."""

    marks: dict[str, str]  # 'lü4' -> 'lǜ' for every base pypinyin knows, tones 1-5
    numbers: dict[str, str]  # 'lǜ' -> 'lü4' (the inverse)
    bopomofo: dict[str, str]  # base syllable 'lü' -> 'ㄌㄩ' (no tone)
    char_default: dict[int, str]  # code point -> first reading in pypinyin's table ('xing2')

    def to_marks(self, reading: str) -> str:
        found = self.marks.get(reading)
        if found is None:
            from pypinyin.contrib.tone_convert import to_tone

            found = self.marks[reading] = to_tone(reading)
        return found

    def to_number(self, syllable: str) -> str:
        found = self.numbers.get(syllable)
        if found is None:
            from pypinyin.contrib.tone_convert import to_tone3

            found = self.numbers[syllable] = to_tone3(syllable, v_to_u=True, neutral_tone_with_five=True)
        return found

    def to_bopomofo(self, base: str) -> str:
        found = self.bopomofo.get(base)
        if found is None:
            from pypinyin.style.bopomofo import BopomofoConverter

            found = self.bopomofo[base] = BopomofoConverter().to_bopomofo(base.replace("ü", "v")).rstrip("˙")
        return found


class PhraseTable:
    """Words and the readings of their polyphonic characters (None elsewhere, and where the sources of
    one kind disagree), held as a MARISA trie: 75,000 words cost about 20 MB as Python lists in a dict
    and about 1 MB as a trie mapped from the cache folder."""

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    @classmethod
    def build(cls, table: dict[str, list[str | None]]) -> PhraseTable:
        import marisa_trie

        return cls(marisa_trie.BytesTrie((word, _encode(readings)) for word, readings in table.items()))

    def get(self, word: str) -> list[str | None] | None:
        found = self._trie.get(word)
        return _decode(found[0]) if found else None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def tobytes(self) -> bytes:
        return bytes(self._trie.tobytes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseTable) and self.tobytes() == other.tobytes()

    __hash__ = None  # type: ignore[assignment]


def _encode(readings: list[str | None]) -> bytes:
    return " ".join(r or "-" for r in readings).encode("utf-8")


def _decode(data: bytes) -> list[str | None]:
    return [None if r == "-" else r for r in data.decode("utf-8").split(" ")]


@dataclass
class Phrases:
    """Phrase readings over a polyphone model's candidates (for PhraseRules) and single-character
    readings of Traditional characters, from CC-CEDICT and pypinyin's phrase list."""

    cedict: PhraseTable
    pyp: PhraseTable
    char_readings: dict[str, set[str]]


_lock = threading.RLock()  # phrases() builds the syllables under it
_syllables: list[Syllables] = []
_phrases: dict[str, Phrases] = {}


def _version() -> str:
    import importlib.metadata

    return importlib.metadata.version("pypinyin")


def syllables() -> Syllables:
    """The syllable tables (from the cache when current, else built from pypinyin and cached)."""
    with _lock:
        if not _syllables:
            _syllables.append(_cached(f"syllables-v{_VERSION}-{_version()}", Syllables, _build_syllables))
        return _syllables[0]


def phrases(candidates: dict[str, list[str]]) -> Phrases:
    """The phrase tables for a polyphone model's candidate set (cached in memory and on disk)."""
    from glossary.cache import stamp
    from glossary.dictionary import default_dictionary

    digest = hashlib.sha1(repr(sorted(candidates.items())).encode("utf-8")).hexdigest()[:16]
    with _lock:
        found = _phrases.get(digest)
        if found is None:
            try:
                key = f"phrases-v{_PHRASES_VERSION}-{_version()}-{stamp(default_dictionary().path)}-{digest}"
            except OSError:
                key = ""
            found = _phrases[digest] = _cached_phrases(key, candidates)
        return found


def _cached_phrases(key: str, candidates: dict[str, list[str]]) -> Phrases:
    """The phrase tables from the cache folder (two tries, mapped, and the character readings), else built
    and written there."""
    import marisa_trie

    from glossary.cache import read_marshal, write_bytes, write_marshal
    from glossary.dictionary import default_dictionary

    dictionary = default_dictionary()
    base = dictionary.cache_dir() / key if key and dictionary.use_cache else None
    if base is not None:
        chars = read_marshal(base.with_name(key + ".chars.marshal"))
        if isinstance(chars, dict):
            try:
                tables = []
                for name in ("cedict", "pyp"):
                    trie = marisa_trie.BytesTrie()
                    trie.mmap(str(base.with_name(f"{key}.{name}.marisa")))
                    tables.append(PhraseTable(trie))
                return Phrases(cedict=tables[0], pyp=tables[1], char_readings=chars)
            except (OSError, ValueError, RuntimeError):
                pass
    value = _build_phrases(candidates)
    if base is not None:
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            for old in base.parent.glob("phrases-v*"):
                old.unlink(missing_ok=True)
            write_bytes(base.with_name(key + ".cedict.marisa"), value.cedict.tobytes())
            write_bytes(base.with_name(key + ".pyp.marisa"), value.pyp.tobytes())
            write_marshal(base.with_name(key + ".chars.marshal"), value.char_readings, key + ".chars.marshal")
        except OSError:
            pass
    return value


def _cached(key: str, kind: Any, build: Any) -> Any:
    """kind(**state) from the marshal file named by key in the cache folder, else build() (and write it)."""
    from glossary.cache import read_marshal, write_marshal
    from glossary.dictionary import default_dictionary

    dictionary = default_dictionary()
    path = dictionary.cache_dir() / f"{key}.marshal" if key and dictionary.use_cache else None
    fields = list(kind.__dataclass_fields__)
    state = read_marshal(path) if path is not None else None
    if isinstance(state, dict) and sorted(state) == sorted(fields):
        return kind(**state)
    value = build()
    if path is not None:
        write_marshal(path, {name: getattr(value, name) for name in fields}, key.split("-", 1)[0] + "-v*.marshal")
    return value


def _merge(table: dict[str, list[str | None]], word: str, readings: list[str | None]) -> None:
    """Record readings for a word; positions where sources of the same kind disagree become ''."""
    old = table.get(word)
    if old is None:
        table[word] = readings
        return
    for i, r in enumerate(readings):
        if old[i] != r:
            old[i] = ""


def _build_syllables() -> Syllables:
    from pypinyin.contrib.tone_convert import to_tone, to_tone3
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style.bopomofo import BopomofoConverter

    numbers: dict[str, str] = {}
    char_default: dict[int, str] = {}

    def number(syllable: str) -> str:
        found = numbers.get(syllable)
        if found is None:
            found = numbers[syllable] = to_tone3(syllable, v_to_u=True, neutral_tone_with_five=True)
        return found

    for cp, raw in pinyin_dict.items():
        readings = raw.split(",")
        char_default[cp] = number(readings[0])
        for r in readings[1:]:
            number(r)
    bases = {m.group(1) for m in map(_TONE.match, numbers.values()) if m}
    marks: dict[str, str] = {base + tone: to_tone(base + tone) for base in bases for tone in "12345"}
    for syllable, n in numbers.items():
        marks.setdefault(n, syllable)
    for n, syllable in marks.items():
        numbers.setdefault(syllable, n)
    converter = BopomofoConverter()
    bopomofo = {base: converter.to_bopomofo(base.replace("ü", "v")).rstrip("˙") for base in bases}
    return Syllables(marks=marks, numbers=numbers, bopomofo=bopomofo, char_default=char_default)


def _build_phrases(candidates: dict[str, list[str]]) -> Phrases:
    """Derive the phrase tables from pypinyin and CC-CEDICT (a few seconds; the result is cached)."""
    from pypinyin.phrases_dict import phrases_dict

    from glossary.cache import gc_paused
    from glossary.dictionary import default_dictionary

    number = syllables().to_number
    with gc_paused():
        cedict: dict[str, list[str | None]] = {}
        char_readings: dict[str, set[str]] = {}
        for trad, simp, pinyin, _defs in default_dictionary().records():
            if len(simp) == 1:
                if len(trad) == 1:
                    char_readings.setdefault(trad, set()).add(pinyin.lower().replace("u:", "ü"))
                continue
            if not 2 <= len(simp) <= _MAX_WORD or not any(c in candidates for c in simp):
                continue
            syllables_ = pinyin.lower().replace("u:", "ü").split()
            if len(syllables_) != len(simp):
                continue
            readings: list[str | None] = []
            for c, s in zip(simp, syllables_):
                if c in candidates:
                    readings.append(s if s in candidates[c] else "")
                else:
                    readings.append(None)
            _merge(cedict, simp, readings)

        pyp: dict[str, list[str | None]] = {}
        for word, pys in phrases_dict.items():
            if not 2 <= len(word) <= _MAX_WORD or len(pys) != len(word):
                continue
            if not any(c in candidates for c in word):
                continue
            readings = []
            for c, p in zip(word, pys):
                if c in candidates:
                    r = number(p[0])
                    readings.append(r if r in candidates[c] else "")
                else:
                    readings.append(None)
            _merge(pyp, word, readings)
    return Phrases(cedict=PhraseTable.build(cedict), pyp=PhraseTable.build(pyp), char_readings=char_readings)
