"""Phonetic systems shown over the text: Hanyu Pinyin, Zhuyin (bopomofo) and Cantonese Jyutping.

Readings travel as tone-number tokens: Mandarin ones as pinyin ("zhong1"), turned into Zhuyin with the
tone placed as Zhuyin places it (ㄓㄨㄥ, ㄍㄨㄛˊ, ˙ㄉㄜ); Cantonese ones as Jyutping ("hoeng1"). In the
Taiwan view Mandarin readings follow the Taiwan standard where it differs (垃圾 lèsè, 星期 xīngqí), unless
the reader keeps the Mainland ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.pinyin import PinyinAnnotator

__all__ = ["SYSTEMS", "Phonetics", "zhuyin", "zhuyin_token", "zhuyin_display", "taiwan_readings", "format_token", "readings_for"]

SYSTEMS: tuple[str, ...] = ("pinyin", "zhuyin", "jyutping")
_ZHUYIN_TONES = {"1": "", "2": "ˊ", "3": "ˇ", "4": "ˋ"}
_TONE = re.compile(r"^(.*?)([1-6])?$")


@dataclass(frozen=True)
class Phonetics:
    """What the reader shows over the text: a system, and Taiwan readings in the Taiwan view or not."""

    system: str = "pinyin"
    taiwan_readings: bool = True

    def __post_init__(self) -> None:
        if self.system not in SYSTEMS:
            raise ValueError(f"unknown phonetic system {self.system!r} (one of {', '.join(SYSTEMS)})")


@lru_cache(maxsize=4096)
def zhuyin_token(reading: str) -> str:
    """A tone-number pinyin syllable as a tone-number Zhuyin token: 'guo2' → 'ㄍㄨㄛ2' (what the page gets)."""
    from reader.core.pinyin_tables import syllables

    base, tone = _TONE.match(reading).groups()  # type: ignore[union-attr]
    return syllables().to_bopomofo(base) + (tone or "5")


def zhuyin(reading: str) -> str:
    """A tone-number pinyin syllable in Zhuyin as written: 'guo2' → 'ㄍㄨㄛˊ', neutral 'de5' → '˙ㄉㄜ'."""
    return zhuyin_display(zhuyin_token(reading))


def zhuyin_display(token: str) -> str:
    """A Zhuyin token with its tone mark placed: after the syllable, the neutral dot before it."""
    base, tone = token[:-1], token[-1]
    return "˙" + base if tone == "5" else base + _ZHUYIN_TONES.get(tone, "")


def format_token(reading: str, system: str, style: str = "marks") -> str:
    """A token of readings_for as shown: pinyin with marks or numbers, Zhuyin with its tone marks, Jyutping as it is."""
    if system == "zhuyin":
        return zhuyin_display(reading)
    if system == "jyutping":
        return reading
    from reader.core.pinyin import format_reading

    return format_reading(reading, style)


@lru_cache(maxsize=1)
def _taiwan_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """(character rows: char -> (mainland, taiwan); word rows: word -> (mainland syllables, taiwan syllables)),
    keyed by both the Traditional and the Simplified form."""
    from reader.core.convert import default_converter

    converter = default_converter()
    chars: dict[str, tuple[str, str]] = {}
    words: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    text = resources.files("reader.core").joinpath("data/taiwan-readings.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, mainland, taiwan = line.split("\t")
        for key in {form, converter.convert(form, "t2s").text}:
            if len(form) == 1:
                chars[key] = (mainland, taiwan)
            else:
                words[key] = (tuple(mainland.split()), tuple(taiwan.split()))
    return chars, words


def taiwan_readings(text: str, readings: list[str | None]) -> list[str | None]:
    """READINGS (Mainland standard, one per character of TEXT) with the Taiwan standard where it differs."""
    chars, words = _taiwan_table()
    out = list(readings)
    done: set[int] = set()
    for word, (mainland, taiwan) in words.items():
        at = text.find(word)
        while at != -1:
            if tuple(out[at : at + len(word)]) == mainland:
                out[at : at + len(word)] = list(taiwan)
                done.update(range(at, at + len(word)))
            at = text.find(word, at + 1)
    for i, ch in enumerate(text):
        row = chars.get(ch)
        if row is not None and i not in done and out[i] == row[0]:
            out[i] = row[1]
    return out


def readings_for(
    text: str,
    phonetics: Phonetics,
    *,
    taiwan_view: bool = False,
    mandarin: PinyinAnnotator | None = None,
    sandhi: bool = False,
) -> list[str | None]:
    """One tone-number token per character of TEXT in the chosen system (None where there is none):
    pinyin 'guo2', Zhuyin 'ㄍㄨㄛ2', Jyutping 'gwok3'; format_token shows one as written."""
    if mandarin is None:
        from reader.core.pinyin import default_annotator

        mandarin = default_annotator()
    annotator = mandarin
    if phonetics.system == "jyutping":
        from reader.core.jyutping import JyutpingAnnotator

        return JyutpingAnnotator(annotator).readings(text)
    readings = annotator.readings(text, sandhi=sandhi)
    if taiwan_view and phonetics.taiwan_readings:
        readings = taiwan_readings(text, readings)
    if phonetics.system == "zhuyin":
        return [zhuyin_token(r) if r else None for r in readings]
    return readings
