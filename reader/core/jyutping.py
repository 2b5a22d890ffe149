"""Jyutping (Cantonese romanisation) for Chinese text: ToJyutping's word list, polyphones by context.

ToJyutping reads words it knows as words (銀行 ngan4 hong4) and other characters by their commonest
reading. Its longest match can run across a word boundary (香港銀行 read as 香|港銀|行); so where a word of
the text (jieba's segmentation) is one the library knows, the word's own reading is used. Where a
polyphonic character still has its default reading, the Mandarin reading the pinyin model
chose in context picks among its Cantonese readings (为 wèi "for" → wai6, wéi "be" → wai4), from a small
table (data/jyutping-by-pinyin.tsv).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.pinyin import PinyinAnnotator

__all__ = ["jyutping_readings", "JyutpingAnnotator"]


@lru_cache(maxsize=1)
def _by_pinyin() -> dict[tuple[str, str], str]:
    """(character, Mandarin reading) -> Jyutping, for Traditional and Simplified forms of each character."""
    from reader.core.convert import default_converter

    converter = default_converter()
    table: dict[tuple[str, str], str] = {}
    text = resources.files("reader.core").joinpath("data/jyutping-by-pinyin.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        ch, py, jp = line.split("\t")
        table[(ch, py)] = jp
        simp = converter.convert(ch, "t2s").text
        if len(simp) == 1:
            table.setdefault((simp, py), jp)
    return table


class JyutpingAnnotator:
    """One Jyutping syllable (or None) per character of a text."""

    def __init__(self, mandarin: PinyinAnnotator | None = None) -> None:
        self._mandarin = mandarin
        self._lock = threading.Lock()

    @staticmethod
    def _default(ch: str) -> str | None:
        return _default_reading(ch)

    def _by_words(self, text: str, out: list[str | None]) -> None:
        """Give each word of TEXT that the library knows as a word its own reading (in place)."""
        import ToJyutping

        pos = 0
        for word in _words(text):
            end = pos + len(word)
            if len(word) >= 2:
                piece = text[pos:end]
                own = [jp for _, jp in ToJyutping.get_jyutping_list(piece)]
                if own != out[pos:end] and own != [self._default(ch) for ch in piece]:
                    out[pos:end] = own
            pos = end

    def readings(self, text: str) -> list[str | None]:
        import ToJyutping

        with self._lock:
            pairs = ToJyutping.get_jyutping_list(text)
            if len(pairs) != len(text):  # not expected: the library returns one pair per character
                return [None] * len(text)
            out: list[str | None] = [jp for _, jp in pairs]
            self._by_words(text, out)
            pairs = list(zip(text, out))
            table = _by_pinyin()
            mandarin: list[str | None] | None = None
            for i, (ch, jp) in enumerate(pairs):
                if jp is None or jp != self._default(ch):
                    continue  # not Chinese, or read inside a word the library knows
                if ch not in _table_chars():
                    continue
                if mandarin is None:
                    if self._mandarin is None:
                        from reader.core.pinyin import default_annotator

                        self._mandarin = default_annotator()
                    mandarin = self._mandarin.readings(text)
                choice = table.get((ch, mandarin[i] or ""))
                if choice is not None:
                    out[i] = choice
            return out


@lru_cache(maxsize=8192)
def _default_reading(ch: str) -> str | None:
    """The library's reading of a character on its own (its commonest)."""
    import ToJyutping

    return ToJyutping.get_jyutping_list(ch)[0][1]


@lru_cache(maxsize=1)
def _table_chars() -> frozenset[str]:
    return frozenset(ch for ch, _ in _by_pinyin())


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    from reader.core.pinyin import _t2s_table

    return _t2s_table()


def _words(text: str) -> list[str]:
    """TEXT cut into words (jieba, on the text folded one to one to Simplified), as pieces of TEXT."""
    folded = text.translate(_fold_table())
    out: list[str] = []
    pos = 0
    for word in _jieba().cut(folded, HMM=False):
        out.append(text[pos : pos + len(word)])
        pos += len(word)
    return out


_default_annotator: JyutpingAnnotator | None = None


def jyutping_readings(text: str) -> list[str | None]:
    """Jyutping per character of TEXT (None for characters that are not Chinese)."""
    global _default_annotator
    if _default_annotator is None:
        _default_annotator = JyutpingAnnotator()
    return _default_annotator.readings(text)
