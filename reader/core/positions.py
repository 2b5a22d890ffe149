"""Positions across the bridge: Python counts code points, the page (JavaScript) counts UTF-16 units.

Everything the page receives about a text — term spans, readings, search hits, the map back to the
source — is given in UTF-16 units of that text, converted here, at the edge. Positions the page sends
back are source positions (read from that map), so they are code points again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def utf16_offsets(text: str) -> list[int] | None:
    """The UTF-16 offset of every code-point position 0..len(text), or None when the two agree (no astral
    characters: the common case costs one scan)."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return None
    offsets = [0] * (len(text) + 1)
    unit = 0
    for i, ch in enumerate(text):
        offsets[i] = unit
        unit += 2 if ord(ch) > 0xFFFF else 1
    offsets[len(text)] = unit
    return offsets


def spans_to_utf16(offsets: list[int] | None, spans: list[list[Any]]) -> list[list[Any]]:
    """[start, end, …] spans in code points → the same in UTF-16 units."""
    if offsets is None:
        return spans
    return [[offsets[s[0]], offsets[s[1]], *s[2:]] for s in spans]


def per_unit(offsets: list[int] | None, values: Sequence[T | None]) -> list[T | None]:
    """One value per code point → one per UTF-16 unit (None on the second half of a surrogate pair)."""
    if offsets is None:
        return list(values)
    out: list[T | None] = [None] * offsets[-1]
    for i, value in enumerate(values):
        out[offsets[i]] = value
    return out
