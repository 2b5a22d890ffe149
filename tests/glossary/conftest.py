"""Shared fixtures: the small fixture glossary, one dictionary and one search per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.dictionary import Dictionary
from glossary.loader import load_curated
from glossary.model import GlossaryEntry
from glossary.search import TermSearch

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_entries() -> list[GlossaryEntry]:
    return load_curated(FIXTURES)


@pytest.fixture(scope="session")
def dictionary(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    dictionary = Dictionary(cache_dir=tmp_path_factory.mktemp("cache"))
    dictionary.load()
    return dictionary


@pytest.fixture(scope="session")
def term_search(sample_entries: list[GlossaryEntry], dictionary: Dictionary) -> TermSearch:
    search = TermSearch(sample_entries, dictionary)
    search.prepare()
    return search


def make_entry(**fields: object) -> GlossaryEntry:
    """A valid entry with overridable fields."""
    values: dict[str, object] = {
        "id": "test-term",
        "simplified": "测试",
        "traditional": "測試",
        "variants": (),
        "pinyin": "cè shì",
        "english": "test",
        "english_source": "zhushi",
        "english_source_note": "",
        "explanation_en": "A test entry.",
        "explanation_zh": "测试条目。",
        "category": "governance",
        "region": "national",
        "related": (),
        "source": "glossary",
    }
    values.update(fields)
    return GlossaryEntry(**values)  # type: ignore[arg-type]
