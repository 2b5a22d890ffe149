"""Finding text in an annotated document across scripts (a Simplified query finds Traditional text)."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.normalize import fold


def find_in_blocks(blocks: Sequence[str], query: str, limit: int = 10_000) -> list[tuple[int, int, int]]:
    """Every occurrence of query in the blocks' view texts, as (block index, start, end); case- and script-insensitive."""
    needle = fold(query.strip()).casefold()
    if not needle:
        return []
    hits: list[tuple[int, int, int]] = []
    for index, text in enumerate(blocks):
        hay = fold(text).casefold()
        if len(hay) != len(text):  # casefold can change length (ß); fall back to plain folding
            hay = fold(text)
        at = hay.find(needle)
        while at >= 0:
            hits.append((index, at, at + len(needle)))
            if len(hits) >= limit:
                return hits
            at = hay.find(needle, at + len(needle))
    return hits
