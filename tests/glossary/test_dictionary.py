"""CC-CEDICT lookups, references, longest_prefix, entries_for_text and the load cache."""

from __future__ import annotations

import json

from glossary.dictionary import Dictionary, parse_cedict
from glossary.pinyin import numbers_to_marks


def test_lookup_both_scripts(dictionary):
    simplified = dictionary.lookup("银行")
    traditional = dictionary.lookup("銀行")
    assert simplified == traditional
    entry = simplified[0]
    assert (entry.simplified, entry.traditional, entry.pinyin, entry.pinyin_marks) == ("银行", "銀行", "yin2 hang2", "yín háng")
    assert "bank" in entry.definitions


def test_multiple_readings(dictionary):
    readings = {e.pinyin for e in dictionary.lookup("行")}
    assert {"xing2", "hang2"} <= readings


def test_proper_noun_keeps_capitals(dictionary):
    assert any(e.pinyin_marks == "Zhōng guó" for e in dictionary.lookup("中国"))


def test_to_json(dictionary):
    data = dictionary.lookup("银行")[0].to_json()
    assert set(data) == {"simplified", "traditional", "pinyin", "pinyin_marks", "definitions"}
    json.dumps(data)


def test_missing_word(dictionary):
    assert dictionary.lookup("放管服不是词") == []


def test_variant_reference_followed(dictionary):
    entry = next(e for e in dictionary.lookup("B格"))
    assert any(r.simplified == "逼格" for r in dictionary.references(entry))


def test_see_reference_and_reading_filter(dictionary):
    liao = next(e for e in dictionary.lookup("了") if e.pinyin == "liao3" and e.traditional == "了")
    refs = dictionary.references(liao)
    assert refs and all(r.pinyin == "liao3" and r.traditional == "瞭" for r in refs)


def test_no_references(dictionary):
    assert dictionary.references(dictionary.lookup("银行")[0]) == []


def test_longest_prefix(dictionary):
    found = dictionary.longest_prefix("中华人民共和国成立了", 0)
    words = [word for word, _ in found]
    assert words[0] == "中华人民共和国"
    assert words == sorted(words, key=len, reverse=True)
    assert "中" in words
    assert dictionary.longest_prefix("中华人民共和国", 2)[0][0] == "人民"
    assert dictionary.longest_prefix("abc。", 3) == []


def test_entries_for_text(dictionary):
    entries = dictionary.entries_for_text("我在銀行工作。")
    assert {"銀行", "工作", "我"} <= set(entries)
    assert entries["銀行"][0]["simplified"] == "银行"
    json.dumps(entries, ensure_ascii=False)


def test_entries_for_text_finds_every_headword_in_the_text(dictionary):
    # the scan stops extending a word once no headword starts with it: nothing may be missed by that
    text = "中华人民共和国国务院总理在人民大会堂会见了来访的美利坚合众国国务卿。他说，一带一路倡议已经惠及一百五十多个国家。"
    found = set(dictionary.entries_for_text(text))
    every = {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 12) + 1) if dictionary.lookup(text[i:j])}
    assert found == every
    assert {"中华人民共和国", "美利坚合众国", "人民大会堂", "一带一路"} <= found


def test_entries_for_a_long_text_are_those_of_its_sentences(dictionary):
    """(Its speed is measured by bench/bench_glossary.py, not asserted here.)"""
    sentence = "中国人民银行今天宣布下调存款准备金率，以支持实体经济发展。"
    text = (sentence * 200)[:5000]
    assert set(dictionary.entries_for_text(sentence)) <= set(dictionary.entries_for_text(text))
    assert {"中国人民银行", "存款准备金率", "实体"} <= set(dictionary.entries_for_text(text))


def test_repeated_lookups_agree(dictionary):
    first = dictionary.lookup("银行")
    assert first and all(dictionary.lookup("银行") == first for _ in range(1000))


def test_cache_written_and_reused(tmp_path):
    first = Dictionary(cache_dir=tmp_path)
    first.load()
    assert first.loaded_from == "parsed"
    assert list(tmp_path.glob("cedict-*.marshal"))
    second = Dictionary(cache_dir=tmp_path)
    second.load()
    assert second.loaded_from == "cache"
    assert second.lookup("行") == first.lookup("行")


def test_unreadable_cache_falls_back(tmp_path):
    first = Dictionary(cache_dir=tmp_path)
    first.load()
    for cache in tmp_path.glob("cedict-*.marshal"):
        cache.write_bytes(b"garbage")
    second = Dictionary(cache_dir=tmp_path)
    second.load()
    assert second.loaded_from == "parsed"
    assert second.lookup("银行")


def test_small_file(tmp_path):
    data = tmp_path / "mini.txt"
    data.write_text(
        "# comment\n女兒 女儿 [nu:3 er2] /daughter/\n呣 呣 [m2] /interjection/\nbad line\n", encoding="utf-8"
    )
    assert len(parse_cedict(data)) == 2
    mini = Dictionary(data, use_cache=False)
    assert mini.lookup("女兒")[0].pinyin_marks == "nǚ ér"
    assert mini.lookup("呣")[0].pinyin_marks == "ḿ"


def test_numbers_to_marks():
    assert numbers_to_marks("fang4 guan3 fu2") == "fàng guǎn fú"
    assert numbers_to_marks("lu:4 shi1") == "lǜ shī"
    assert numbers_to_marks("hua4 r5") == "huà r"
    assert numbers_to_marks("gui4 liu2 shou3 xiong2") == "guì liú shǒu xióng"
    assert numbers_to_marks("san1 C") == "sān C"
