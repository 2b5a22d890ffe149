"""Matching glossary terms in texts in any script, and the same-length fold."""

from __future__ import annotations


from glossary.matcher import GlossaryMatcher
from glossary.normalize import fold


def spans(matcher, text):
    return [(m.start, m.end, m.text, m.entry.id) for m in matcher.find(text)]


def test_fold_keeps_length_and_folds_scripts():
    for text in ["專精特新企業", "實干爭效", "ＡＢＣ１２", "「放管服」", "𠀀𫝈測試"]:
        assert len(fold(text)) == len(text)
    assert fold("專精特新") == "专精特新"
    assert fold("雄安新區") == "雄安新区"
    assert fold("意味著") == fold("意味着")
    assert fold(fold("幹部")) == fold("幹部")


def test_simplified_and_traditional(sample_entries):
    matcher = GlossaryMatcher(sample_entries)
    assert spans(matcher, "推进专精特新") == [(2, 6, "专精特新", "zhuan-jing-te-xin")]
    assert spans(matcher, "推進專精特新") == [(2, 6, "專精特新", "zhuan-jing-te-xin")]
    assert spans(matcher, "雄安新區的幹部") == [
        (0, 4, "雄安新區", "xiong-an-xin-qu"),
        (5, 7, "幹部", "gan-bu"),
    ]


def test_mixed_script_and_misconverted_variant(sample_entries):
    matcher = GlossaryMatcher(sample_entries)
    assert spans(matcher, "專精特新企业")[0][3] == "zhuan-jing-te-xin"
    assert spans(matcher, "要實干爭效") == [(1, 5, "實干爭效", "shi-gan-zheng-xiao")]
    assert spans(matcher, "要實幹爭效") == [(1, 5, "實幹爭效", "shi-gan-zheng-xiao")]


def test_quoted_forms(sample_entries):
    matcher = GlossaryMatcher(sample_entries)
    # a quoted formula is found inside its marks; where the glossary has the longer name it opens
    # (专精特新企业, 放管服改革), the name is read whole across the marks, with them
    text = "「專精特新」企業和“放管服”改革"
    assert spans(matcher, text) == [
        (0, 8, "「專精特新」企業", "zhuan-jing-te-xin"),
        (9, 16, "“放管服”改革", "fang-guan-fu"),
    ]
    assert spans(matcher, "发展“专精特新”中小企业") == [(3, 7, "专精特新", "zhuan-jing-te-xin")]
    assert spans(matcher, '培育"专精特新"企业') == [(2, 10, '"专精特新"企业', "zhuan-jing-te-xin")]


def test_longest_match_first_and_no_overlap(sample_entries):
    matcher = GlossaryMatcher(sample_entries)
    assert spans(matcher, "共建一带一路") == [(2, 6, "一带一路", "yi-dai-yi-lu")]
    assert spans(matcher, "深化放管服改革") == [(2, 7, "放管服改革", "fang-guan-fu")]
    # A shorter term still matches where the longer one is cut off at the end of the text.
    assert spans(matcher, "一帶一路和一带") == [(0, 4, "一帶一路", "yi-dai-yi-lu"), (5, 7, "一带", "yi-dai")]
    assert spans(matcher, "一带一") == [(0, 2, "一带", "yi-dai")]


def test_positions_index_the_input(sample_entries):
    matcher = GlossaryMatcher(sample_entries)
    text = "ＡＢ新發展理念，雄安"
    for match in matcher.find(text):
        assert text[match.start : match.end] == match.text
    assert [m.entry.id for m in matcher.find(text)] == ["xin-fa-zhan-li-nian", "xiong-an-xin-qu"]


def test_empty_inputs(sample_entries):
    assert GlossaryMatcher([]).find("放管服") == []
    assert GlossaryMatcher(sample_entries).find("") == []


def test_one_million_characters_are_all_matched(sample_entries):
    """(The time it takes is measured by bench/bench_glossary.py, not asserted here.)"""
    filler = "我们要坚持以人民为中心的发展思想，推动经济高质量发展。"
    text = (filler * 10 + "推進專精特新和放管服改革。") * (1_000_000 // (len(filler) * 10 + 13))
    found = GlossaryMatcher(sample_entries).find(text)
    assert len(found) >= 2 * (len(text) // 500)
