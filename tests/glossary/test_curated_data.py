"""The curated data in glossary/data/: every entry complete, consistent and standing on its own."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from glossary.loader import DATA_DIR, data_files, load_curated, read_file, validate_entries
from glossary.model import CATEGORIES
from glossary.quality import article_talk, form_clashes
from tests.glossary.conftest import make_entry

ROOT = Path(__file__).resolve().parents[2]
FILES = data_files(DATA_DIR)


def all_entries():
    return [entry for path in FILES for entry in read_file(path)]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_parses(path):
    assert read_file(path), f"{path.name} has no [[term]] tables"


def test_curated_data_is_valid():
    problems = validate_entries(all_entries())
    assert not problems, "\n".join(problems)


def test_load_curated_succeeds():
    entries = load_curated()
    assert all(entry.source == "glossary" for entry in entries)


def test_categories_and_files_agree():
    for path in FILES:
        for entry in read_file(path):
            assert entry.category in CATEGORIES, f"{path.name}: {entry.id}"


def test_no_two_entries_of_one_region_claim_the_same_form():
    clashes = form_clashes(all_entries())
    assert not clashes, "\n".join(clashes)


def test_a_shared_form_is_allowed_only_across_regions():
    a = make_entry(id="a", region="national")
    b = make_entry(id="b", region="taiwan")
    assert form_clashes([a, b]) == []
    assert form_clashes([a, make_entry(id="c", region="national")])


def test_no_entry_talks_about_one_article():
    talk = {e.id: article_talk(e) for e in all_entries() if article_talk(e)}
    assert not talk, talk


def test_article_talk_is_caught():
    assert article_talk(make_entry(explanation_en="The article says Quanzhou will lead."))
    assert article_talk(make_entry(explanation_zh="本文提出的目标"))
    assert article_talk(make_entry(explanation_en="A term of art in policy writing.")) is None


def test_every_region_is_labelled_and_official_renderings_name_their_source():
    for entry in all_entries():
        assert entry.region, entry.id
        if entry.english_source == "official":
            assert entry.english_source_note.strip(), entry.id


def test_generated_families_match_their_tables():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_families.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_regions_and_size():
    entries = all_entries()
    regions = Counter(e.region.partition(".")[0] for e in entries)
    assert len(entries) >= 400
    assert regions["national"] > 0
