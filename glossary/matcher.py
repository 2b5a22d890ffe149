"""Finding glossary terms in a text in any script: leftmost, longest, non-overlapping."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import GlossaryEntry
from .normalize import fold


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: its span in the input text, the text there and the entry."""

    start: int
    end: int
    text: str
    entry: GlossaryEntry


class GlossaryMatcher:
    """Matches the folded forms (simplified, traditional, variants) of a set of entries in texts."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self._terms: dict[str, GlossaryEntry] = {}
        # Own forms win over other entries' variants when two entries share a folded form.
        entries = list(entries)
        for primary in (True, False):
            for entry in entries:
                forms = (entry.simplified, entry.traditional) if primary else entry.variants
                for form in forms:
                    key = fold(form.strip())
                    if key:
                        self._terms.setdefault(key, entry)
        lengths: dict[str, set[int]] = {}
        for key in self._terms:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths: dict[str, tuple[int, ...]] = {
            first: tuple(sorted(values, reverse=True)) for first, values in lengths.items()
        }
        if self._lengths:
            chars = "".join(sorted(self._lengths))
            self._first: re.Pattern[str] | None = re.compile("[" + re.escape(chars) + "]")
        else:
            self._first = None

    def __len__(self) -> int:
        return len(self._terms)

    def find(self, text: str) -> list[TermMatch]:
        """Every term in text, left to right, longest first at each position, without overlaps."""
        if self._first is None or not text:
            return []
        folded = fold(text)
        terms = self._terms
        lengths = self._lengths
        search = self._first.search
        matches: list[TermMatch] = []
        size = len(folded)
        pos = 0
        while True:
            hit = search(folded, pos)
            if hit is None:
                break
            start = hit.start()
            for length in lengths[folded[start]]:
                end = start + length
                if end > size:
                    continue
                entry = terms.get(folded[start:end])
                if entry is not None:
                    matches.append(TermMatch(start, end, text[start:end], entry))
                    pos = end
                    break
            else:
                pos = start + 1
        return matches
