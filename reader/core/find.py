"""Finding text in an annotated document across scripts (a Simplified query finds Traditional text)."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.normalize import fold
from reader.core.annotate import BlockAnnotation


def find_in_blocks(blocks: Sequence[BlockAnnotation], query: str, limit: int = 10_000) -> list[tuple[int, int, int]]:
    """Every occurrence of query as (block index, start, end) in view positions; case- and script-insensitive."""
    needle = fold(query.strip()).casefold()
    if not needle:
        return []
    hits: list[tuple[int, int, int]] = []
    for block in blocks:
        hay = fold(block.text).casefold()
        if len(hay) != len(block.text):  # casefold can change length (ß); fall back to plain folding
            hay = fold(block.text)
        at = hay.find(needle)
        while at >= 0:
            hits.append((block.index, at, at + len(needle)))
            if len(hits) >= limit:
                return hits
            at = hay.find(needle, at + len(needle))
    return hits
