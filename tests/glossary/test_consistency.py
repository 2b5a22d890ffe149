"""Every curated entry agrees with the reader's own converter and pinyin annotator."""

from __future__ import annotations

import pytest

from glossary.loader import load_curated
from reader.core.convert import default_converter
from reader.core.pinyin import default_annotator, format_reading

ENTRIES = load_curated()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_traditional_is_the_converters(entry) -> None:  # type: ignore[no-untyped-def]
    assert default_converter().convert(entry.simplified, "s2t").text == entry.traditional


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_pinyin_agrees_with_the_annotator(entry) -> None:  # type: ignore[no-untyped-def]
    for form in (entry.simplified, entry.traditional):
        readings = [format_reading(r, "marks") for r in default_annotator().readings(form) if r]
        assert " ".join(readings) == entry.pinyin, form
