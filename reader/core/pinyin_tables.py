"""The pinyin data the annotator needs at run time, derived once from pypinyin and CC-CEDICT and cached.

pypinyin and CC-CEDICT are the sources of truth, but a running reader needs only a small part of them:
the tone-mark spelling of each syllable, each character's default reading, the Zhuyin of each syllable
and the phrase readings of words that hold a polyphone. Importing pypinyin costs about 56 MB (its
package import loads its whole phrase list) and CC-CEDICT's records about 70 MB; the derived tables
are a few MB. They are built on first use, written to the cache folder (marshal, atomic) and read back
on later starts; the cache key holds the versions of pypinyin, of CC-CEDICT's file and of the
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


@dataclass
class Phrases:
    """Phrase readings over a polyphone model's candidates (for PhraseRules) and single-character
    readings of Traditional characters, from CC-CEDICT and pypinyin's phrase list."""

    cedict: dict[str, list[str | None]]
    pyp: dict[str, list[str | None]]
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
                key = f"phrases-v{_VERSION}-{_version()}-{stamp(default_dictionary().path)}-{digest}"
            except OSError:
                key = ""
            found = _phrases[digest] = _cached(key, Phrases, lambda: _build_phrases(candidates))
        return found


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
    return Phrases(cedict=cedict, pyp=pyp, char_readings=char_readings)
