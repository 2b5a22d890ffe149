"""The command line contract: convert, pinyin, terms, lookup, glossary, errors (run as a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = Path(__file__).resolve().parents[1] / "resources" / "articles" / "quanzhou-article.txt"


def zhushi(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, env=full_env, timeout=120)


def test_convert_traditional_fixes_the_article() -> None:
    result = zhushi("convert", str(ARTICLE), "--to", "traditional")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    for good in ("實幹", "佔全國", "怎麼看", "製造業", "模範", "聯繫", "鬥爭", "採購"):
        assert good in out
    assert "實干" not in out and "制造業" not in out


def test_convert_keeps_everything_else_byte_for_byte() -> None:
    text = "RCEP 2022年\r\n  U盘 😀 𠀀\n\tabc\n"
    result = zhushi("convert", "-", "--opencc", "s2twp", stdin=text.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == "RCEP 2022年\r\n  隨身碟 😀 𠀀\n\tabc\n"


def test_convert_to_simplified_from_stdin() -> None:
    result = zhushi("convert", "--to", "simplified", stdin="實幹爭效，製造業".encode("big5"))
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == "实干争效，制造业"


def test_pinyin_json_one_element_per_character() -> None:
    text = "統籌協調\n調研, 會計 OK 😀"
    result = zhushi("pinyin", "--json", "-", stdin=text.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    values = json.loads(result.stdout)
    assert len(values) == len(text)
    assert values[:4] == ["tǒng", "chóu", "xié", "tiáo"]
    assert values[4] is None and values[5:7] == ["diào", "yán"]
    assert values[9] == "kuài"
    assert values[-1] is None and values[-3] is None


def test_pinyin_numbers_and_plain_output() -> None:
    result = zhushi("pinyin", "--numbers", "-", stdin="綠色發展".encode("utf-8"))
    assert result.stdout.decode("utf-8").strip() == "lü4 se4 fa1 zhan3"
    result = zhushi("pinyin", "-", stdin="一定要來。\n不對".encode("utf-8"))
    assert result.stdout.decode("utf-8").splitlines() == ["yī dìng yào lái 。", "bù duì"]
    result = zhushi("pinyin", "--sandhi", "-", stdin="一定不對".encode("utf-8"))
    assert result.stdout.decode("utf-8").strip() == "yí dìng bú duì"


def test_pinyin_in_zhuyin_taiwan_readings_and_jyutping() -> None:
    result = zhushi("pinyin", "--system", "zhuyin", "-", stdin="我們的星期".encode("utf-8"))
    assert result.stdout.decode("utf-8").strip() == "ㄨㄛˇ ˙ㄇㄣ ˙ㄉㄜ ㄒㄧㄥ ㄑㄧ"
    result = zhushi("pinyin", "--system", "zhuyin", "--taiwan", "-", stdin="我們的星期".encode("utf-8"))
    assert result.stdout.decode("utf-8").strip() == "ㄨㄛˇ ˙ㄇㄣ ˙ㄉㄜ ㄒㄧㄥ ㄑㄧˊ"
    result = zhushi("pinyin", "--taiwan", "--json", "-", stdin="垃圾".encode("utf-8"))
    assert json.loads(result.stdout) == ["lè", "sè"]
    result = zhushi("pinyin", "--system", "jyutping", "-", stdin="香港的銀行 OK".encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8").strip() == "hoeng1 gong2 dik1 ngan4 hong4 OK"


def test_terms_json_on_bundled_article() -> None:
    result = zhushi("terms", "--json")
    assert result.returncode == 0, result.stderr.decode()
    terms = json.loads(result.stdout)
    text = ARTICLE.read_text(encoding="utf-8")
    assert len(terms) >= 80
    for t in terms:
        assert text[t["start"] : t["end"]] == t["text"]
        for key in ("id", "simplified", "traditional", "pinyin", "english", "explanation_en", "explanation_zh", "source"):
            assert t[key], (key, t)
    ids = {t["id"] for t in terms}
    english = {t["simplified"]: t["english"] for t in terms}
    assert "放管服" in english and "streamline" in english["放管服"].lower()
    assert any(t["simplified"] == "两个确立" for t in terms)
    assert len(ids) >= 60


def test_terms_show_the_reading_of_the_form_that_was_matched(tmp_path: Path) -> None:
    # a sentence of our own; 产供链 is a shorter form of the entry 产业链供应链
    doc = tmp_path / "note.txt"
    doc.write_text("各地要稳定产供链，保障企业生产。\n", encoding="utf-8")
    result = zhushi("terms", str(doc))
    assert result.returncode == 0, result.stderr.decode()
    rows = [line.split("\t") for line in result.stdout.decode().splitlines()]
    row = next(r for r in rows if r[1] == "产供链")
    assert row[2] == "chǎn gōng liàn"  # 供 as in 供应, and not the headword's chǎn yè liàn gōng yìng liàn


def test_terms_anki_tsv(tmp_path: Path) -> None:
    out = tmp_path / "terms.tsv"
    result = zhushi("terms", "--anki", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 80 and all(len(r) == 3 for r in rows)
    row = next(r for r in rows if r[0].startswith("放管服"))
    assert row[1] == "fàng guǎn fú" and "streamline administration" in row[2]


def test_lookup_json() -> None:
    result = zhushi("lookup", "fangguanfu", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr.decode()
    results = json.loads(result.stdout)
    assert results[0]["simplified"] == "放管服" and results[0]["source"] == "glossary"
    result = zhushi("lookup", "银行", "--json")
    results = json.loads(result.stdout)
    assert any(r["source"] == "dictionary" and r["traditional"] == "銀行" and "bank" in r["english"] for r in results)


def test_glossary_import_export(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    table = tmp_path / "mine.csv"
    table.write_text(
        "id,simplified,traditional,variants,pinyin,english,explanation_en,explanation_zh,category,related\n"
        "my-cheng-xiang,城乡融合,城鄉融合,,chéng xiāng róng hé,urban-rural integration,My note.,我的说明。,planning,\n",
        encoding="utf-8",
    )
    result = zhushi("glossary", "import", str(table), env=env)
    assert result.returncode == 0, result.stderr.decode()
    # (not followed by 發展: the curated 城乡融合发展, being longer, would be the match there)
    result = zhushi("terms", "--json", "-", stdin="推進城鄉融合，縮小差距".encode("utf-8"), env=env)
    terms = json.loads(result.stdout)
    assert [(t["text"], t["source"], t["english"]) for t in terms if t["text"] == "城鄉融合"] == [
        ("城鄉融合", "user", "urban-rural integration")
    ]
    out = tmp_path / "export.tsv"
    assert zhushi("glossary", "export", str(out), env=env).returncode == 0
    assert "urban-rural integration" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("convert", "/no/such/file.txt"), None, "does not exist"),
        (("pinyin", "-"), b"\x00\x01\x02\x03binary\x00\x00" * 40, "binary"),
        (("convert", "-"), b"", "empty"),
        (("convert", "-", "--opencc", "nonsense"), "漢字".encode(), "Unknown OpenCC"),
    ],
)
def test_errors_are_clear(args: tuple[str, ...], stdin: bytes | None, message: str) -> None:
    result = zhushi(*args, stdin=stdin)
    assert result.returncode != 0
    assert message in result.stderr.decode("utf-8")
    assert "Traceback" not in result.stderr.decode("utf-8")


def test_gui_without_screen_says_what_to_do() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "reader"], capture_output=True, env=env, timeout=60)
    assert result.returncode == 3
    err = result.stderr.decode()
    assert "no screen" in err
    # the commands shown are the ones that work from where it was started (here: python -m reader)
    assert "-m reader screenshot -o" in err and "-m reader export -o" in err and "make screenshot" in err


def test_screenshot_without_a_writable_cache_still_shows_the_article(tmp_path: Path) -> None:
    """No fontconfig file can be written: the page falls back to the same fonts as web fonts."""
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    env.update({"XDG_CACHE_HOME": str(blocker), "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"})
    out = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "reader", "screenshot", "-o", str(out)], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert "the page will use web fonts" in result.stderr.decode()
    assert out.stat().st_size > 20_000  # a real picture of the window


def test_a_headless_screenshot_saves_no_window_state(tmp_path: Path) -> None:
    """A screenshot at a given size must not leave its offscreen geometry for the next real window."""
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / "data"),
           "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp)}
    out = tmp_path / "shot.png"
    out.write_bytes(b"an older picture")
    result = zhushi("screenshot", "-o", str(out), "--size", "1066x351", env=env)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    # and it prints no start-up noise from Chromium or Qt (GPU, dbus, sandbox)
    assert result.stderr.decode(errors="replace").strip() == "", result.stderr.decode(errors="replace")[-2000:]
    saved = [p for p in home.rglob("*") if p.is_file() and "geometry" in p.read_bytes().decode("latin-1")]
    assert saved == [], saved
    # the picture replaced the old file whole, and nothing was left behind in the temp or output folders
    assert out.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in temp.iterdir() if p.name.startswith("zhushi-headless-")] == []
    assert {p.name for p in tmp_path.iterdir()} <= {"home", "shot.png", "tmp"}  # no half-written .shot.png-*


def test_devices_and_pipes_are_refused_with_a_message(tmp_path: Path) -> None:
    result = zhushi("convert", "/dev/zero")
    assert result.returncode != 0
    assert "not a regular file" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    result = zhushi("convert", "-", stdin=b"\x00" * (17 * 1024 * 1024))
    assert result.returncode != 0 and "larger than" in result.stderr.decode()


def test_glossary_export_to_an_unwritable_place_gives_a_message(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = zhushi("glossary", "export", str(blocker / "out.csv"), env=env)  # its "folder" is a file
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "cannot be written" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["a-file"]


def test_unwritable_data_and_cache_folders_give_messages_not_tracebacks(tmp_path: Path) -> None:
    """A data folder that cannot be written (here: its parent is a file, which fails as a read-only
    folder does, even for root) gives a message and a non-zero exit; reading still works."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    table = tmp_path / "mine.csv"
    table.write_text("simplified,english\n测试词,test word\n", encoding="utf-8")
    env = {"XDG_DATA_HOME": str(blocker / "data"), "XDG_CACHE_HOME": str(blocker / "cache"), "XDG_CONFIG_HOME": str(blocker / "config")}
    result = zhushi("glossary", "import", str(table), env=env)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "cannot be written" in err and "Traceback" not in err
    result = zhushi("terms", "-", stdin="我们要坚持放管服改革。".encode("utf-8"), env=env)
    assert result.returncode == 0 and "放管服" in result.stdout.decode("utf-8")
    assert "Traceback" not in result.stderr.decode("utf-8")


def test_command_line_mistakes_get_the_commands_own_message(tmp_path: Path) -> None:
    result = zhushi("pinyin", "--tones", "-", stdin=b"x")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "usage: zhushi pinyin" in err and "unrecognized arguments: --tones" in err
    result = zhushi("lookup", "人", "--limit", "0")
    assert result.returncode == 2 and "must be at least 1" in result.stderr.decode("utf-8")
    result = zhushi("convert", "--opencc", "s2x", str(tmp_path / "missing.txt"))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Unknown OpenCC configuration" in err and "missing.txt" not in err
    result = zhushi("export", "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 2 and "must end in .pdf" in result.stderr.decode("utf-8")
    assert not (tmp_path / "out.txt").exists()
    result = zhushi("terms", "--anki", str(tmp_path / "no-such-folder" / "t.tsv"))
    assert result.returncode == 2 and "does not exist" in result.stderr.decode("utf-8")
    assert not (tmp_path / "no-such-folder").exists()  # refused, like export, not created


def test_a_failed_import_says_so_on_stderr_only(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = zhushi("glossary", "import", str(table))
    assert result.returncode == 1
    assert result.stdout.decode("utf-8") == ""
    assert "nothing was imported from “bad.csv”" in result.stderr.decode("utf-8")


def test_help_states_defaults() -> None:
    text = zhushi("export", "--help").stdout.decode("utf-8")
    assert "(default: end)" in text and "(default: a4)" in text and "(default: original)" in text
    text = zhushi("lookup", "--help").stdout.decode("utf-8")
    assert "(default: 20)" in text


def test_library_from_the_command_line(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    first = tmp_path / "一.txt"
    first.write_text("培育報告\n各地積極培育新質生產力，推動產業升級。\n", encoding="utf-8")
    second = tmp_path / "二.md"
    second.write_text("# 天气\n\n明天多云转晴。\n", encoding="utf-8")
    result = zhushi("library", "add", str(first), str(second), str(tmp_path / "missing.txt"), env=env)
    assert result.returncode == 0 and "does not exist" in result.stderr.decode("utf-8")
    assert len(result.stdout.decode("utf-8").splitlines()) == 2
    result = zhushi("library", "search", "新质生产力", "--json", env=env)  # Simplified query, Traditional text
    hits = json.loads(result.stdout)
    assert [h["title"] for h in hits] == ["培育報告"] and "新質生產力" in hits[0]["snippet"]
    listed = json.loads(zhushi("library", "list", "--json", env=env).stdout)
    assert {d["title"] for d in listed} == {"培育報告", "天气"}
    doc_id = next(d["id"] for d in listed if d["title"] == "天气")
    assert zhushi("library", "remove", str(doc_id), env=env).returncode == 0
    assert {d["title"] for d in json.loads(zhushi("library", "list", "--json", env=env).stdout)} == {"培育報告"}
    result = zhushi("library", "remove", "999", env=env)
    assert result.returncode == 2 and "no document 999" in result.stderr.decode("utf-8")
