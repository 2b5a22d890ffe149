"""Readings in every system a reader can choose: Zhuyin, Taiwan standard readings, Cantonese Jyutping."""

from __future__ import annotations

from importlib import resources

import pytest

from reader.core.phonetics import Phonetics, format_token, readings_for, zhuyin


@pytest.mark.parametrize(
    "reading, expected",
    [
        ("zhong1", "ㄓㄨㄥ"),  # first tone: no mark
        ("guo2", "ㄍㄨㄛˊ"),
        ("wo3", "ㄨㄛˇ"),
        ("shi4", "ㄕˋ"),
        ("de5", "˙ㄉㄜ"),  # the neutral-tone dot goes before the syllable
        ("lü4", "ㄌㄩˋ"),
        ("nü3", "ㄋㄩˇ"),
        ("xue2", "ㄒㄩㄝˊ"),
        ("er2", "ㄦˊ"),
        ("zi5", "˙ㄗ"),
        ("yuan2", "ㄩㄢˊ"),
        ("jiong3", "ㄐㄩㄥˇ"),
    ],
)
def test_zhuyin_syllables_and_tone_marks(reading: str, expected: str) -> None:
    assert zhuyin(reading) == expected


def _shown(text: str, phonetics: Phonetics, taiwan_view: bool = False) -> list[str]:
    tokens = readings_for(text, phonetics, taiwan_view=taiwan_view)
    return [format_token(t, phonetics.system) for t in tokens if t]


def test_zhuyin_follows_the_pinyin_model() -> None:
    assert _shown("我們的朋友在銀行工作", Phonetics("zhuyin"))[:4] == ["ㄨㄛˇ", "˙ㄇㄣ", "˙ㄉㄜ", "ㄆㄥˊ"]
    assert _shown("銀行", Phonetics("zhuyin"))[1] == "ㄏㄤˊ"  # the polyphone read in its word, as in pinyin


def test_taiwan_view_gives_taiwan_standard_readings() -> None:
    text = "星期一我們研究垃圾分類，也談產品質量。"
    taiwan = _shown(text, Phonetics("pinyin"), taiwan_view=True)
    mainland = _shown(text, Phonetics("pinyin"), taiwan_view=False)
    assert taiwan[:2] == ["xīng", "qí"] and mainland[:2] == ["xīng", "qī"]
    assert taiwan[5:9] == ["yán", "jiù", "lè", "sè"]
    assert mainland[5:9] == ["yán", "jiū", "lā", "jī"]
    assert "zhí" in taiwan and "zhí" not in mainland  # 質量
    zy = _shown("星期", Phonetics("zhuyin"), taiwan_view=True)
    assert zy == ["ㄒㄧㄥ", "ㄑㄧˊ"]


def test_taiwan_words_win_over_characters_and_can_be_turned_off() -> None:
    # 人質 keeps zhì in Taiwan too, though 質 alone is zhí there
    assert _shown("人質", Phonetics("pinyin"), taiwan_view=True) == ["rén", "zhì"]
    kept = _shown("星期垃圾", Phonetics("pinyin", taiwan_readings=False), taiwan_view=True)
    assert kept == ["xīng", "qī", "lā", "jī"]


def test_taiwan_agency_names_keep_shu3_while_signing_is_shu4() -> None:
    shown = _shown("警政署部署警力", Phonetics("pinyin"), taiwan_view=True)
    assert shown[2] == "shǔ" and shown[4] == "shù"


def test_taiwan_readings_do_not_touch_other_views() -> None:
    assert _shown("星期", Phonetics("pinyin"), taiwan_view=False) == ["xīng", "qī"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("香港特別行政區", "hoeng1 gong2 dak6 bit6 hang4 zing3 keoi1"),
        ("銀行", "ngan4 hong4"),
        ("因為", "jan1 wai6"),
        ("重新", "cung4 san1"),
        ("重要", "zung6 jiu3"),
        ("音樂", "jam1 ngok6"),
        ("快樂", "faai3 lok6"),
        ("施政報告", "si1 zing3 bou3 gou3"),
        ("香港特别行政区", "hoeng1 gong2 dak6 bit6 hang4 zing3 keoi1"),  # Simplified text too
    ],
)
def test_jyutping_of_words(text: str, expected: str) -> None:
    assert " ".join(_shown(text, Phonetics("jyutping"))) == expected


def test_jyutping_polyphone_chosen_by_context() -> None:
    # characters outside any word the library knows: the Mandarin reading in context decides
    assert _shown("各處都有", Phonetics("jyutping"))[1] == "cyu3"  # chù "place", not chǔ "handle"
    assert _shown("工作量大", Phonetics("jyutping"))[2] == "loeng6"  # liàng "amount", not liáng "measure"
    counted = _shown("數一數人數", Phonetics("jyutping"))
    assert counted[0] == counted[2] == "sou2" and counted[4] == "sou3"  # shǔ "count" against shù "number"
    assert _shown("處理", Phonetics("jyutping")) == ["cyu5", "lei5"]


def test_jyutping_one_reading_per_character_with_astral_and_latin() -> None:
    text = "😀𠀀A1香港"
    tokens = readings_for(text, Phonetics("jyutping"))
    assert len(tokens) == len(text)
    assert tokens[:4] == [None, None, None, None] and tokens[4:] == ["hoeng1", "gong2"]


def test_jyutping_table_readings_are_readings_of_their_character() -> None:
    import ToJyutping

    text = resources.files("reader.core").joinpath("data/jyutping-by-pinyin.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 50
    for ch, _pinyin, jyutping in rows:
        assert jyutping in ToJyutping.get_jyutping_candidates(ch)[0][1], (ch, jyutping)


def test_taiwan_table_rows_are_well_formed() -> None:
    text = resources.files("reader.core").joinpath("data/taiwan-readings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 40
    for form, mainland, taiwan in rows:
        assert len(mainland.split()) == len(taiwan.split()) == len(form), form


def test_unknown_system_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown phonetic system"):
        Phonetics("wade-giles")
