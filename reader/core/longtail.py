"""The long tail: numbered formulas, quoted slogans and 《》 titles that the glossary does not have.

They are recognised as terms of their own so that a reader sees they are one unit: the popup says
"not in the glossary", explains the parts from the dictionary and offers "Add to my glossary".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from dataclasses import dataclass

from glossary.matcher import TermMatch

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_NUM = "一二两三四五六七八九十百千万"
# 四个意识, 两个维护, “三个务必”, 五位一体 inside quotes; 4+1, 1+N
_PATTERNS = (
    ("title", rf"(?<=《)[^《》\n]{{2,60}}(?=》)"),
    ("numbered", rf"[{_NUM}]个[{_HAN}]{{2,6}}|(?<=[“「\"])[{_NUM}]{{1,3}}[{_HAN}]{{1,8}}(?=[”」\"])|\d{{1,2}}\+(?:\d{{1,3}}|[NnXx])(?:\+(?:\d{{1,3}}|[NnXx]))*"),
    ("quoted", rf"(?<=[“「])[{_HAN}、·]{{2,16}}(?=[”」])"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns, compiled on first use (not at import: the window imports this module at start)."""
    return tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)

KINDS = ("numbered", "quoted", "title")


@dataclass(frozen=True)
class TailTerm:
    """A span recognised as one term that has no glossary entry: its kind is numbered, quoted or title."""

    start: int
    end: int
    kind: str


def long_tail(text: str, terms: Sequence[TermMatch] = ()) -> list[TailTerm]:
    """The long-tail terms of a text that no (marked) glossary term overlaps, left to right, without overlaps."""
    taken = [(t.start, t.end) for t in terms if not t.weak]
    found: list[TailTerm] = []
    for kind, pattern in _compiled():
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            found.append(TailTerm(start, end, kind))
            taken.append((start, end))
    found.sort(key=lambda t: t.start)
    return found
