"""Every curated entry agrees with the reader's own converter and pinyin annotator (quality gates)."""

from __future__ import annotations

import pytest

from glossary.loader import load_curated
from glossary.quality import pinyin_disagreement, read_overrides, script_problem
from reader.core.convert import default_converter
from reader.core.pinyin import reading_line

ENTRIES = load_curated()
OVERRIDES = read_overrides()


def _s2t(text: str) -> str:
    return default_converter().convert(text, "zhushi-s2t").text


def _t2s(text: str) -> str:
    return default_converter().convert(text, "t2s").text




def test_both_scripts_agree_with_the_converter() -> None:
    problems = [f"{e.id}: {p}" for e in ENTRIES if (p := script_problem(e, _s2t, _t2s))]
    assert not problems, "\n".join(problems)


def test_pinyin_agrees_with_the_annotator_or_is_overridden() -> None:
    problems = [f"{e.id}: {p}" for e in ENTRIES if (p := pinyin_disagreement(e, reading_line, OVERRIDES))]
    assert not problems, "\n".join(problems)


def test_every_override_names_a_real_entry_and_is_needed() -> None:
    by_id = {e.id: e for e in ENTRIES}
    stale = [i for i in OVERRIDES if i not in by_id or pinyin_disagreement(by_id[i], reading_line, {}) is None]
    assert not stale, f"overrides no longer needed or for missing entries: {stale}"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.region not in ("taiwan", "hong-kong", "macau")][:1])
def test_the_check_accepts_an_agreeing_entry(entry) -> None:  # type: ignore[no-untyped-def]
    assert script_problem(entry, _s2t, _t2s) is None


def test_the_checks_reject_a_wrong_form_and_reading() -> None:
    from dataclasses import replace

    entry = next(e for e in ENTRIES if e.id == "fang-guan-fu")
    assert script_problem(replace(entry, traditional="放管服服"), _s2t, _t2s)
    assert pinyin_disagreement(replace(entry, pinyin="fáng guǎn fú"), reading_line, {})
