"""Validation of glossary entries and the errors load_curated raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.loader import GlossaryError, load_curated, validate_entries
from glossary.model import CATEGORIES, GlossaryEntry

from .conftest import FIXTURES, make_entry


def test_fixture_loads(sample_entries):
    assert len(sample_entries) == 8
    entry = next(e for e in sample_entries if e.id == "fang-guan-fu")
    assert entry.variants == ("放管服改革",)
    assert entry.related == ("zhuan-jing-te-xin",)
    assert entry.source == "glossary"
    assert validate_entries(sample_entries) == []


def test_to_json_keys_exactly():
    data = make_entry(variants=("x",)).to_json()
    assert list(data) == [
        "id", "simplified", "traditional", "variants", "pinyin", "english", "english_source",
        "english_source_note", "explanation_en", "explanation_zh", "category", "region", "introduced",
        "superseded", "related", "source",
    ]
    assert data["variants"] == ["x"]
    assert len(CATEGORIES) == 19


def test_load_is_cached():
    assert load_curated(FIXTURES) == load_curated(FIXTURES)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"english": ""}, "missing or empty field english"),
        ({"explanation_zh": " "}, "missing or empty field explanation_zh"),
        ({"category": "economy"}, "unknown category"),
        ({"pinyin": "cè"}, "1 syllables but"),
        ({"pinyin": "ce4 shi4"}, "tone numbers"),
        ({"pinyin": "Cè shì"}, "not lowercase"),
        ({"related": ("nope",)}, "related id 'nope' does not exist"),
        ({"id": "Bad_Id"}, "lowercase ascii"),
        ({"english_source": "official", "english_source_note": ""}, "english_source_note"),
        ({"english_source": "wiki"}, "english_source must be"),
    ],
)
def test_validate_reports(fields, message):
    problems = validate_entries([make_entry(**fields)])
    assert any(message in p for p in problems), problems


def test_duplicate_ids_reported():
    problems = validate_entries([make_entry(), make_entry(simplified="测验", traditional="測驗")])
    assert any("duplicate id" in p for p in problems)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = (FIXTURES / "sample.toml").read_text(encoding="utf-8")


def test_error_names_file_and_entry(tmp_path):
    bad = GOOD.replace('category = "place"', 'category = "geography"')
    _write(tmp_path, "places.toml", bad)
    with pytest.raises(GlossaryError) as info:
        load_curated(tmp_path)
    assert "places.toml" in str(info.value) and "xiong-an-xin-qu" in str(info.value)


def test_missing_field_names_file_and_entry(tmp_path):
    bad = GOOD.replace('explanation_zh = "河北省的国家级新区。"\n', "")
    _write(tmp_path, "x.toml", bad)
    with pytest.raises(GlossaryError, match=r"x\.toml: term #7 \(xiong-an-xin-qu\): missing field\(s\) explanation_zh"):
        load_curated(tmp_path)


def test_bad_toml_raises(tmp_path):
    _write(tmp_path, "broken.toml", "[[term]]\nid = \n")
    with pytest.raises(GlossaryError, match="broken.toml"):
        load_curated(tmp_path)


def test_wrong_type_raises(tmp_path):
    _write(tmp_path, "t.toml", GOOD.replace('variants = ["雄安"]', 'variants = "雄安"'))
    with pytest.raises(GlossaryError, match="variants"):
        load_curated(tmp_path)


def test_a_changed_file_is_read_again_and_a_broken_cache_is_ignored(tmp_path):
    import os

    from glossary import loader
    from glossary.cache import default_cache_dir

    data = _write(tmp_path, "places.toml", GOOD)
    first = load_curated(data)
    caches = list(default_cache_dir().glob("glossary-v*.marshal"))
    assert caches, "the parsed glossary is kept in the user cache folder"
    # read back from the cache file in a new process (the in-process cache cleared): the same entries
    loader._load_cached.cache_clear()
    assert load_curated(data) == first
    # an edit (new text, same size or not) is seen at once: the key holds each file's time and size
    edited = GOOD.replace('english = "Xiong\'an New Area"', 'english = "Xiong\'an New Zone"')
    assert edited != GOOD
    (data / "places.toml").write_text(edited, encoding="utf-8")
    os.utime(data / "places.toml", ns=(10**18, 10**18))
    loader._load_cached.cache_clear()
    assert any(e.english == "Xiong'an New Zone" for e in load_curated(data))
    # a damaged cache file is read past, not trusted
    for cache in default_cache_dir().glob("glossary-v*.marshal"):
        cache.write_bytes(b"not marshal")
    loader._load_cached.cache_clear()
    assert any(e.english == "Xiong'an New Zone" for e in load_curated(data))


def test_from_mapping_round_trip():
    entry = make_entry(variants=("a", "b"), related=())
    assert GlossaryEntry.from_mapping(entry.to_json()) == entry


def test_an_entry_comes_ready_for_display_with_its_labels() -> None:
    """The popup, the side panel and the PDF's notes all show the labels worked out here, once."""
    from glossary.model import GlossaryEntry

    entries = {e.id: e for e in load_curated()}
    official = next(e for e in entries.values() if e.english_source == "official" and e.english_source_note and e.simplified != e.traditional)
    shown = official.display_json()
    assert shown["whose"] == f"official rendering ({official.english_source_note})"
    assert shown["forms"] == f"{official.traditional} · {official.simplified}"
    ours = next(e for e in entries.values() if e.english_source == "zhushi" and e.simplified == e.traditional)
    assert ours.display_json()["whose"] == "Zhushi's rendering" and ours.display_json()["forms"] == ours.traditional
    mine = GlossaryEntry.from_mapping({"id": "mine", "simplified": "试点", "traditional": "試點", "english": "pilot"}, source="user")
    assert mine.display_json()["whose"] == "your rendering" and mine.display_json()["forms"] == "試點 · 试点"
