"""Numbered names recognised as families (glossary/patterns.toml): 省十三届人大五次会议, 十九届二中、三中全会 …"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import GlossaryEntry
from .normalize import fold

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns.toml"
SENSES_FILE = Path(__file__).resolve().parent / "senses.toml"
# written by scripts/generate_families.py for generated families (ministries' departments)
GENERATED_SENSES_FILE = Path(__file__).resolve().parent / "senses-generated.toml"
EVERYDAY_FILE = Path(__file__).resolve().parent / "everyday.tsv"


@dataclass(frozen=True)
class NamePattern:
    """A regular expression over folded (Simplified) text and the entry that explains what it matches."""

    entry: str
    regex: str
    examples: tuple[str, ...]
    not_matching: tuple[str, ...]


def read_patterns(path: Path = PATTERNS_FILE) -> list[NamePattern]:
    """The patterns of a file (none when it is missing)."""
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        NamePattern(t["entry"], t["regex"], tuple(t.get("examples", ())), tuple(t.get("not", ())))
        for t in data.get("pattern", [])
    ]


def pattern_problems(patterns: Iterable[NamePattern], ids: set[str]) -> list[str]:
    """What is wrong with the patterns: unknown entries, regexes that do not compile or miss their examples."""
    problems = []
    for p in patterns:
        if p.entry not in ids:
            problems.append(f"pattern for {p.entry}: no such entry")
        try:
            compiled = re.compile(p.regex)
        except re.error as exc:
            problems.append(f"pattern for {p.entry}: does not compile: {exc}")
            continue
        for example in p.examples:
            if not compiled.fullmatch(fold(example)):
                problems.append(f"pattern for {p.entry}: does not match its example {example!r}")
        for counter in p.not_matching:
            if compiled.fullmatch(fold(counter)):
                problems.append(f"pattern for {p.entry}: matches {counter!r}, which it must not")
    return problems


def resolve(patterns: Iterable[NamePattern], entries: Iterable[GlossaryEntry]) -> list[tuple[str, GlossaryEntry]]:
    """(regex, entry) pairs for the patterns whose entry exists."""
    by_id = {e.id: e for e in entries}
    return [(p.regex, by_id[p.entry]) for p in patterns if p.entry in by_id]


@dataclass(frozen=True)
class ContextSense:
    """An entry whose form is also an everyday word: its glossary sense holds only with one of its cues.

    A cue is a word that must occur in the same paragraph, or "@region" (the document is read as that
    region: @mainland, @taiwan, @hong-kong, @macau). everyday: the ordinary meaning, for the record.
    """

    entry: str
    cues: tuple[str, ...]
    everyday: str
    examples: tuple[str, ...]
    not_matching: tuple[str, ...]

    def regions(self) -> frozenset[str]:
        """The regions its examples are read as (a line "taiwan: …" is a Taiwan text; others Mainland)
        and those of its "@region" cues: where the sense was shown to hold."""
        found = {line.partition(":")[0] if ":" in line[:10] else "mainland" for line in self.examples}
        return frozenset(found | {c[1:] for c in self.cues if c.startswith("@")})


def read_senses(path: Path | None = None) -> list[ContextSense]:
    """The context senses of a file (none when it is missing); by default the hand-written ones and the generated."""
    if path is None:
        return read_senses(SENSES_FILE) + read_senses(GENERATED_SENSES_FILE)
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        ContextSense(t["entry"], tuple(t["cues"]), t.get("everyday", ""), tuple(t.get("examples", ())), tuple(t.get("not", ())))
        for t in data.get("sense", [])
    ]


def read_everyday(path: Path = EVERYDAY_FILE) -> dict[str, str]:
    """Entries whose own term is an everyday phrase (事事心中有底, 心灵契合, 修订草案): id -> why. Their forms are
    matched as everyday words are, marked only in a sentence of public affairs. None when the file is missing."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entry, _tab, why = line.partition("\t")
            out[entry.strip()] = why.strip()
    return out
