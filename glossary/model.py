"""Glossary entries: the curated and user term record and its categories."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "party-doctrine",
    "party-building",
    "economic-policy",
    "planning",
    "governance",
    "social-policy",
    "campaign",
    "place",
    "institution",
    "culture-history",
    "meeting",
    "law",
    "foreign-policy",
    "security",
    "finance",
    "politics",
    "technology-industry",
    "environment",
    "housing-land",
)

ENGLISH_SOURCES: tuple[str, ...] = ("official", "zhushi")

SOURCES: tuple[str, ...] = ("glossary", "user")

# Field names in file order; the TOML data, the user JSON and the CSV/TSV tables use these.
FIELDS: tuple[str, ...] = (
    "id",
    "simplified",
    "traditional",
    "variants",
    "pinyin",
    "english",
    "english_source",
    "english_source_note",
    "explanation_en",
    "explanation_zh",
    "category",
    "region",
    "introduced",
    "superseded",
    "related",
)

LIST_FIELDS: frozenset[str] = frozenset({"variants", "related"})

# Fields whose values repeat across entries (a category, a region, a year, an id named in `related`):
# interned, so 11,000 entries share one string each instead of holding their own copies.
_SHARED_FIELDS: frozenset[str] = frozenset(
    {"id", "english_source", "english_source_note", "category", "region", "introduced", "superseded", "related"}
)


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term: its forms in both scripts, reading, English rendering and explanations."""

    id: str
    simplified: str
    traditional: str
    variants: tuple[str, ...]
    pinyin: str
    english: str
    english_source: str
    english_source_note: str
    explanation_en: str
    explanation_zh: str
    category: str
    related: tuple[str, ...]
    source: str = "glossary"
    region: str = ""
    introduced: str = ""
    superseded: str = ""

    def forms(self) -> tuple[str, ...]:
        """Every written form of the term: simplified, traditional, then variants, without repeats."""
        seen: dict[str, None] = {}
        for form in (self.simplified, self.traditional, *self.variants):
            if form:
                seen.setdefault(form, None)
        return tuple(seen)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (lists for variants and related)."""
        return {
            "id": self.id,
            "simplified": self.simplified,
            "traditional": self.traditional,
            "variants": list(self.variants),
            "pinyin": self.pinyin,
            "english": self.english,
            "english_source": self.english_source,
            "english_source_note": self.english_source_note,
            "explanation_en": self.explanation_en,
            "explanation_zh": self.explanation_zh,
            "category": self.category,
            "region": self.region,
            "introduced": self.introduced,
            "superseded": self.superseded,
            "related": list(self.related),
            "source": self.source,
        }

    def display_json(self) -> dict[str, Any]:
        """to_json() plus the labels a reader is shown with it, worked out once for the popup, the panel
        and the PDF's notes: the region ("Hong Kong", "Guangdong"), whose English it is ("official
        rendering (Xinhua)", "Zhushi's rendering", "your rendering") and both written forms, one
        when they are the same ("國務院 · 国务院", "取得")."""
        from .regions import region_label

        data = self.to_json()
        data["region_label"] = region_label(self.region)
        if self.source == "user":
            data["whose"] = "your rendering"
        elif self.english_source == "official":
            data["whose"] = "official rendering" + (f" ({self.english_source_note})" if self.english_source_note else "")
        else:
            data["whose"] = "Zhushi's rendering"
        same = not self.simplified or self.traditional == self.simplified
        data["forms"] = self.traditional if same else f"{self.traditional} · {self.simplified}"
        return data

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str = "glossary") -> GlossaryEntry:
        """Build an entry from a mapping of field names (TOML table, JSON object); missing fields are empty.

        Raises TypeError when a field has the wrong type.
        """
        values: dict[str, Any] = {}
        for name in FIELDS:
            raw = data.get(name)
            if name in LIST_FIELDS:
                if raw is None:
                    raw = []
                if isinstance(raw, str) or not isinstance(raw, (list, tuple)):
                    raise TypeError(f"field {name!r} must be a list of strings")
                if not all(isinstance(item, str) for item in raw):
                    raise TypeError(f"field {name!r} must be a list of strings")
                values[name] = tuple(sys.intern(item) for item in raw) if name in _SHARED_FIELDS else tuple(raw)
            else:
                if raw is None:
                    raw = ""
                if not isinstance(raw, str):
                    raise TypeError(f"field {name!r} must be a string")
                values[name] = sys.intern(raw) if name in _SHARED_FIELDS else raw
        return cls(**values, source=source)
