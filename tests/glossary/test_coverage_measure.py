"""The coverage measure of scripts/coverage.py: when a labelled term counts as explained by glossary marks."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location("coverage_script", Path(__file__).resolve().parents[2] / "scripts" / "coverage.py")
assert SPEC is not None and SPEC.loader is not None
coverage = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(coverage)


def spans(text: str, *words: str) -> list[tuple[int, int]]:
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def test_a_label_joining_two_terms_is_explained_by_both_marks() -> None:
    text = "落实主体责任和监督责任。"
    marks = spans(text, "主体责任", "监督责任")
    assert coverage.covered("主体责任和监督责任", text, marks)
    assert not coverage.covered("主体责任和监督责任", text, marks, strict=True)  # no one mark covers 60%


def test_a_mark_on_part_of_a_term_is_not_enough() -> None:
    text = "推动东盟共同体建设。"
    assert not coverage.covered("东盟共同体", text, spans(text, "东盟"))
    assert coverage.covered("东盟", text, spans(text, "东盟共同体"))  # a longer mark holds it whole


def test_quotation_marks_do_not_count_as_characters_to_cover() -> None:
    text = "实现“两个一百年”奋斗目标。"
    assert coverage.covered("“两个一百年”", text, spans(text, "两个一百年"))
