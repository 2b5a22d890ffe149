"""One search box: characters in either script, pinyin in any form, English; ranking and speed."""

from __future__ import annotations


import pytest

from glossary.search import TermSearch, plain_pinyin

from .conftest import make_entry


def top(term_search, query, n=5):
    return term_search.search(query, limit=n)


@pytest.mark.parametrize("query", ["专精特新", "專精特新", "專精特新"])
def test_characters_either_script(term_search, query):
    first = top(term_search, query)[0]
    assert (first.source, first.entry_id, first.traditional) == ("glossary", "zhuan-jing-te-xin", "專精特新")


def test_partial_characters(term_search):
    assert top(term_search, "精特")[0].entry_id == "zhuan-jing-te-xin"
    assert "银行" in [r.simplified for r in top(term_search, "銀", 50)]


@pytest.mark.parametrize(
    "query", ["fangguanfu", "fàng guǎn fú", "fang4 guan3 fu2", "fang guan fu", "fàngguǎnfú", "fang4guan3fu2", "FANG GUAN FU"]
)
def test_pinyin_forms(term_search, query):
    assert top(term_search, query)[0].entry_id == "fang-guan-fu"


def test_pinyin_dictionary(term_search):
    assert top(term_search, "yinhang")[0].simplified == "银行"
    assert top(term_search, "yin2 hang2")[0].simplified == "银行"
    assert top(term_search, "yín háng")[0].simplified == "银行"
    assert top(term_search, "zhongguo")[0].simplified == "中国"


def test_tones_filter(term_search):
    assert all(r.pinyin in ("xíng", "xíng") for r in top(term_search, "xing2", 10) if len(r.simplified) == 1)
    assert "行" in [r.simplified for r in top(term_search, "hang2", 10)]


def test_english(term_search):
    first = top(term_search, "streamline administration")[0]
    assert first.entry_id == "fang-guan-fu" and first.pinyin == "fàng guǎn fú"
    assert top(term_search, "Belt and Road")[0].entry_id == "yi-dai-yi-lu"
    assert "银行" in [r.simplified for r in top(term_search, "bank")]


def test_english_whole_words(sample_entries):
    glossary_only = TermSearch(sample_entries, None)
    assert glossary_only.search("stream") == []
    assert glossary_only.search("streamline")[0].entry_id == "fang-guan-fu"
    assert glossary_only.search("Regulation and services")[0].entry_id == "fang-guan-fu"


def test_exact_before_partial(term_search):
    results = top(term_search, "一带", 10)
    assert results[0].entry_id == "yi-dai"
    assert (results[1].source, results[1].simplified) == ("dictionary", "一带")  # exact, from the dictionary
    assert results[2].entry_id == "yi-dai-yi-lu"  # the best prefix match: glossary before dictionary
    assert all(r.simplified.startswith("一带") for r in results[:5])
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_glossary_before_dictionary_at_equal_quality(dictionary):
    search = TermSearch([make_entry(id="yin-hang", simplified="银行", traditional="銀行", pinyin="yín háng", english="bank")], dictionary)
    results = search.search("bank", 5)
    assert results[0].source == "glossary"
    assert results[1].source == "dictionary" and results[1].simplified == "银行"
    assert search.search("银行", 2)[0].source == "glossary"


def test_user_source_and_json(dictionary):
    search = TermSearch([make_entry(source="user")], dictionary)
    result = search.search("测试")[0]
    assert result.source == "user"
    assert set(result.to_json()) == {"source", "simplified", "traditional", "pinyin", "english", "entry_id", "score"}
    dict_result = next(r for r in search.search("测试") if r.source == "dictionary")
    assert dict_result.entry_id is None and ";" in dict_result.english or dict_result.english


def test_empty_query(term_search):
    assert term_search.search("") == []
    assert term_search.search("   ") == []


def test_plain_pinyin():
    assert plain_pinyin("fàng guǎn fú") == ("fangguanfu", (4, 3, 2))
    assert plain_pinyin("nǚ'ér") == ("nver", (3, 2))
    assert plain_pinyin("lu:4") == ("lv", (4,))


def test_short_and_common_queries_give_results(term_search):
    """The queries bench/bench_glossary.py times (its worst query is reported there, not asserted here)."""
    for query in ["专精特新", "fangguanfu", "fang guan fu", "streamline administration", "shi", "s", "a", "to be", "的", "人"]:
        assert term_search.search(query), query
    assert term_search.search("fangguanfu")[0].simplified == "放管服"
