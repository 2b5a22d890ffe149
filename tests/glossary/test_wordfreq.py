"""jieba's word frequencies as a memory-mapped trie: the same counts as the word list, from the cache
files on a later start, and rebuilt when those files are damaged."""

from __future__ import annotations

from pathlib import Path

from glossary import wordfreq


def _word_list(folder: Path) -> Path:
    path = folder / "dict.txt"
    path.write_text("中国 5000 ns\n中国人 800 n\n人民 3000 n\n共和国 900 n\n中华人民共和国 700 ns\n改革 2000 vn\n", encoding="utf-8")
    return path


def test_counts_and_prefixes_are_those_of_the_word_list(tmp_path: Path) -> None:
    freqs = wordfreq.load(_word_list(tmp_path), None)
    assert len(freqs) == 6 and freqs.total == 12400
    assert freqs.get("中国人") == 800 and freqs.get("中华") == 0 and freqs.get("中华", -1) == -1
    assert "改革" in freqs and "改" not in freqs
    assert freqs.prefix_counts("中国人民银行") == {2: 5000, 3: 800}
    assert freqs.prefix_counts("银行") == {}
    assert dict(freqs.items())["共和国"] == 900
    assert freqs.tag("改革") == "v" and freqs.tag("人民") == "n" and freqs.tag("中华") == ""


def test_a_later_start_reads_the_cache_files_and_a_damaged_one_is_rebuilt(tmp_path: Path) -> None:
    source = _word_list(tmp_path)
    cache = tmp_path / "cache"
    first = wordfreq.load(source, cache)
    files = sorted(p.suffix for p in cache.iterdir())
    assert files == [".counts", ".marisa", ".tags"]
    again = wordfreq.load(source, cache)
    assert dict(again.items()) == dict(first.items()) and again.tag("中国") == "n"
    for path in cache.iterdir():  # damage both: the counts no longer match the trie
        path.write_bytes(b"\x00" * 3)
    rebuilt = wordfreq.load(source, cache)
    assert rebuilt.get("人民") == 3000 and len(rebuilt) == 6


def test_the_shared_list_is_jiebas() -> None:
    freqs = wordfreq.jieba_frequencies()
    assert len(freqs) > 300_000
    assert freqs.get("人民") > freqs.get("人氏") > 0
