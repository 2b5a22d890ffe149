"""The long tail: numbered formulas, quoted slogans and titles without an entry are one unit each."""

from __future__ import annotations

from reader.core.longtail import long_tail
from tests.glossary.conftest import make_entry
from glossary.matcher import TermMatch


def spans(text: str, terms: list[TermMatch] | None = None) -> list[tuple[str, str]]:
    return [(text[t.start : t.end], t.kind) for t in long_tail(text, terms or [])]


def test_numbered_quoted_and_titles_are_found() -> None:
    text = "坚持“五个一工程”和四个统筹，落实“4+2”行动，学习《关于加强县域商业体系建设的意见》。"
    assert spans(text) == [
        ("五个一工程", "numbered"),
        ("四个统筹", "numbered"),
        ("4+2", "numbered"),
        ("关于加强县域商业体系建设的意见", "title"),
    ]


def test_a_glossary_term_takes_precedence() -> None:
    text = "贯彻“两个确立”。"
    entry = make_entry(id="liang-ge-que-li", simplified="两个确立", traditional="兩個確立")
    assert spans(text, [TermMatch(3, 7, "两个确立", entry)]) == []
    # a weak hit does not: the phrase is still one unit
    assert spans(text, [TermMatch(3, 7, "两个确立", entry, weak=True)]) == [("两个确立", "numbered")]


def test_long_or_broken_quotes_are_not_terms() -> None:
    assert spans("他说：“今年我们要把这项工作做得更加扎实，确保取得实效。”") == []
    assert spans("“未闭合的引号") == []
