"""The curated data in glossary/data/: every entry complete and consistent."""

from __future__ import annotations

import pytest

from glossary.loader import DATA_DIR, data_files, load_curated, read_file, validate_entries
from glossary.model import CATEGORIES

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


def test_at_least_80_curated_entries():
    assert len(all_entries()) >= 80


def test_categories_and_files_agree():
    for path in FILES:
        for entry in read_file(path):
            assert entry.category in CATEGORIES, f"{path.name}: {entry.id}"


def test_forms_are_unique_across_entries():
    from glossary.normalize import fold

    owner: dict[str, str] = {}
    clashes = []
    for entry in all_entries():
        for form in {fold(entry.simplified), fold(entry.traditional)}:
            if form in owner and owner[form] != entry.id:
                clashes.append(f"{entry.id} and {owner[form]} share the form {form}")
            owner.setdefault(form, entry.id)
    assert not clashes, "\n".join(clashes)
