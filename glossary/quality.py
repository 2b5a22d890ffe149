"""Quality gates for curated entries: scripts agree with the converter, pinyin with the annotator,
no shared forms within a region, no text about one particular article."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .model import GlossaryEntry
from .normalize import fold
from .regions import is_outside_mainland

OVERRIDES_FILE = Path(__file__).resolve().parent / "pinyin-overrides.tsv"

# Phrases that tie an entry to one text instead of standing on its own.
_ARTICLE_TALK = re.compile(
    r"\b(?:the|this|that) (?:article|essay|text|author|document above)\b|\bin the article\b|"
    r"本文|文章(?:中|里|提出|认为|说)|文中|該文|该文|作者(?:认为|提出)",
    re.IGNORECASE,
)


def article_talk(entry: GlossaryEntry) -> str | None:
    """The phrase that makes an entry speak about one particular article, or None."""
    for text in (entry.explanation_en, entry.explanation_zh, entry.english):
        found = _ARTICLE_TALK.search(text)
        if found:
            return found.group(0)
    return None


def script_problem(entry: GlossaryEntry, s2t: Callable[[str], str], t2s: Callable[[str], str]) -> str | None:
    """Whether the two written forms agree with the converter.

    Mainland entries are written in Simplified: the Traditional form must be the converter's. Taiwan,
    Hong Kong and Macau entries are written in Traditional, in their own usage: the Simplified form
    must be what the converter makes of it.
    """
    if is_outside_mainland(entry.region):
        made = t2s(entry.traditional)
        if made != entry.simplified:
            return f"simplified {entry.simplified!r} is not the converter's {made!r} for {entry.traditional!r}"
    else:
        made = s2t(entry.simplified)
        if made != entry.traditional:
            return f"traditional {entry.traditional!r} is not the converter's {made!r} for {entry.simplified!r}"
    return None


def read_overrides(path: Path = OVERRIDES_FILE) -> dict[str, str]:
    """Entry id → the reading an entry keeps where the annotator reads its form otherwise (with a reason)."""
    out: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                parts = line.split("\t")
                out[parts[0].strip()] = parts[1].strip() if len(parts) > 1 else ""
    return out


def pinyin_disagreement(entry: GlossaryEntry, annotate: Callable[[str], str], overrides: dict[str, str]) -> str | None:
    """Where the entry's pinyin differs from the annotator's reading of its main form, unless overridden."""
    form = entry.traditional if is_outside_mainland(entry.region) else entry.simplified
    theirs = annotate(form)
    if theirs == entry.pinyin:
        return None
    if overrides.get(entry.id) == entry.pinyin:
        return None
    return f"pinyin {entry.pinyin!r} but the annotator reads {form!r} as {theirs!r} (fix it, or list it in pinyin-overrides.tsv)"


def form_clashes(entries: Iterable[GlossaryEntry]) -> list[str]:
    """Forms (any script, any variant) that two entries of the same region both claim."""
    owner: dict[tuple[str, str], str] = {}
    clashes: list[str] = []
    for entry in entries:
        for form in {fold(f) for f in entry.forms()}:
            key = (form, entry.region)
            other = owner.setdefault(key, entry.id)
            if other != entry.id:
                clashes.append(f"{entry.id} and {other} both claim {form} in region {entry.region}")
    return clashes
