"""The pinyin tables a running reader uses instead of importing pypinyin: the same spellings as
pypinyin for every syllable, read back from the cache, and rebuilt when the cache is damaged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core import pinyin_tables

ROOT = Path(__file__).resolve().parents[2]


def test_every_syllable_is_spelled_as_pypinyin_spells_it() -> None:
    from pypinyin.contrib.tone_convert import to_tone
    from pypinyin.style.bopomofo import BopomofoConverter

    tables = pinyin_tables.syllables()
    assert len(tables.marks) > 2000
    assert all(tables.marks[n] == to_tone(n) for n in tables.marks if n[-1] in "1234")
    assert tables.to_marks("lü4") == "lǜ" and tables.to_number("lǜ") == "lü4" and tables.to_marks("de5") == "de"
    converter = BopomofoConverter()
    assert all(b == converter.to_bopomofo(base.replace("ü", "v")).rstrip("˙") for base, b in tables.bopomofo.items())
    assert tables.char_default[ord("中")] == "zhong1"


def test_the_phrase_tables_come_back_from_the_cache_and_a_damaged_cache_is_rebuilt() -> None:
    candidates = {"行": ["xing2", "hang2"], "长": ["chang2", "zhang3"]}
    first = pinyin_tables.phrases(candidates)
    assert first.cedict.get("银行") == [None, "hang2"] and first.cedict.get("成长") == [None, "zhang3"]
    assert "银行" in first.cedict and "银" not in first.cedict and first.pyp.get("银") is None
    pinyin_tables._phrases.clear()
    from glossary.dictionary import default_dictionary

    files = list(default_dictionary().cache_dir().glob("phrases-v*"))  # two tries and the characters' readings
    assert files, "the phrase tables were not cached"
    again = pinyin_tables.phrases(candidates)
    assert again == first
    pinyin_tables._phrases.clear()
    for path in files:
        path.write_bytes(b"not a trie, not marshal")
    assert pinyin_tables.phrases(candidates) == first
    pinyin_tables._phrases.clear()
    for path in default_dictionary().cache_dir().glob("phrases-v*.marisa"):
        path.write_bytes(path.read_bytes()[:100])  # cut short
    assert pinyin_tables.phrases(candidates) == first


def test_annotating_text_does_not_import_pypinyin() -> None:
    """pypinyin's import alone costs ~56 MB; a running reader reads the cached tables instead."""
    code = (
        "from reader.core.pinyin import default_annotator, format_reading\n"
        "from reader.core.phonetics import zhuyin\n"
        "a = default_annotator(); r = a.readings('银行行长说，这件事做得到。')\n"
        "print(' '.join(format_reading(x) for x in r if x), zhuyin(r[0]))\n"
        "import sys; print('pypinyin' in sys.modules)\n"
    )
    run = lambda: subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: E731
    run()  # the first run may build the cache (and imports pypinyin to do so)
    result = run()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "yín háng háng zhǎng shuō zhè jiàn shì zuò de dào ㄧㄣˊ"
    assert lines[1] == "False"
