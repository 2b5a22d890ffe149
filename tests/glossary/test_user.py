"""The user glossary: editing, atomic writes, broken files kept aside, CSV/TSV import and export, Anki."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.user import UserGlossary, export_anki_tsv

from .conftest import make_entry

HEADER = "id,simplified,traditional,variants,pinyin,english,category,related\n"


def test_missing_file_starts_empty(tmp_path):
    glossary = UserGlossary(tmp_path / "user-glossary.json")
    assert glossary.entries() == [] and glossary.warnings == []


def test_add_update_delete_persist(tmp_path):
    path = tmp_path / "user-glossary.json"
    glossary = UserGlossary(path)
    added = glossary.add(make_entry(pinyin="ce4 shi4"))
    assert added.source == "user" and added.pinyin == "cè shì"
    assert UserGlossary(path).entries() == [added]
    glossary.update(make_entry(english="trial"))
    assert UserGlossary(path).get("test-term").english == "trial"
    glossary.delete("test-term")
    assert UserGlossary(path).entries() == []
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == []


def test_add_rejects_duplicates_and_bad_entries(tmp_path):
    glossary = UserGlossary(tmp_path / "g.json")
    glossary.add(make_entry())
    with pytest.raises(ValueError, match="already exists"):
        glossary.add(make_entry())
    with pytest.raises(ValueError, match="english"):
        glossary.add(make_entry(id="x", english=""))
    with pytest.raises(KeyError):
        glossary.update(make_entry(id="nope"))
    with pytest.raises(KeyError):
        glossary.delete("nope")


def test_add_generates_id(tmp_path):
    glossary = UserGlossary(tmp_path / "g.json")
    first = glossary.add(make_entry(id=""))
    second = glossary.add(make_entry(id=""))
    assert (first.id, second.id) == ("ce-shi", "ce-shi-2")


def test_atomic_write_leaves_no_temp_files(tmp_path):
    glossary = UserGlossary(tmp_path / "user-glossary.json")
    for number in range(5):
        glossary.add(make_entry(id=f"t-{number}"))
    # no temp file is left; only the (empty) lock file that orders writers
    assert sorted(p.name for p in tmp_path.iterdir()) == [".user-glossary.json.lock", "user-glossary.json"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"entries": 5}',
        '[{"id": "a", "simplified": "测"}, {"id": "a", "simplified": "试"}]',
        '[{"id": "a", "simplified": "测", "variants": "x"}]',
        '["x"]',
        b"\xff\xfe\x00bad",
    ],
)
def test_broken_file_kept_aside(tmp_path, content):
    path = tmp_path / "user-glossary.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    glossary = UserGlossary(path)
    assert glossary.entries() == []
    assert len(glossary.warnings) == 1 and "broken-" in glossary.warnings[0]
    kept = list(tmp_path.glob("user-glossary.json.broken-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == (content if isinstance(content, bytes) else content.encode())
    glossary.add(make_entry())
    assert UserGlossary(path).warnings == []


def test_import_csv_with_bad_rows(tmp_path):
    table = tmp_path / "terms.csv"
    table.write_text(
        HEADER
        + "a-one,测试,測試,试验|試驗,cè shì,test,governance,\n"
        + "bad-cat,测验,測驗,,cè yàn,quiz,economy,\n"
        + "a-one,测试,測試,,cè shì,again,governance,\n"
        + "no-english,考试,考試,,kǎo shì,,governance,\n"
        + '"multi",多行,多行,,duō háng,"line one\nline two",campaign,\n'
        + "wrong-pinyin,考试,考試,,kǎo,exam,governance,\n"
        + "numbers,考试,考試,,kao3 shi4,exam,governance,a-one\n",
        encoding="utf-8",
    )
    glossary = UserGlossary(tmp_path / "g.json")
    report = glossary.import_table(table)
    assert report.added == 3
    joined = "\n".join(report.errors)
    assert "line 3: unknown category" in joined
    assert "line 4: duplicate id 'a-one' (first on line 2)" in joined
    assert "line 5: missing english" in joined
    assert "line 8: pinyin" in joined
    entry = glossary.get("a-one")
    assert entry.variants == ("试验", "試驗") and entry.source == "user"
    assert glossary.get("numbers").pinyin == "kǎo shì" and glossary.get("numbers").related == ("a-one",)
    assert glossary.get("multi").english == "line one\nline two"


def test_import_tsv_by_sniffing_and_update(tmp_path):
    glossary = UserGlossary(tmp_path / "g.json")
    glossary.add(make_entry())
    table = tmp_path / "terms.txt"
    table.write_text("id\tsimplified\tpinyin\tenglish\ntest-term\t测试\tcè shì\texam\n\t新词\txīn cí\tnew word\n", encoding="utf-8")
    report = glossary.import_table(table)
    assert (report.added, report.updated, report.errors) == (1, 1, [])
    assert glossary.get("test-term").english == "exam"
    assert glossary.get("xin-ci").simplified == "新词"


def test_import_without_header(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("测试,cè shì,test\n", encoding="utf-8")
    report = UserGlossary(tmp_path / "g.json").import_table(table)
    assert report.added == 0 and "header" in report.errors[0]


@pytest.mark.parametrize("name", ["out.csv", "out.tsv"])
def test_export_round_trip(tmp_path, name):
    source = UserGlossary(tmp_path / "a.json")
    source.add(make_entry(variants=("试验", "試驗"), explanation_en="has, comma\tand tab"))
    source.add(make_entry(id="other", simplified="考试", traditional="考試", pinyin="kǎo shì", related=("test-term",)))
    out = tmp_path / name
    source.export_table(out)
    target = UserGlossary(tmp_path / "b.json")
    report = target.import_table(out)
    assert report.errors == [] and report.added == 2
    assert target.entries() == source.entries()
    assert not list(tmp_path.glob(".*tmp"))


def test_export_anki(tmp_path):
    out = tmp_path / "anki.tsv"
    export_anki_tsv(
        [make_entry(explanation_en="line\nbreak\tand tab"), make_entry(simplified="放管服", traditional="放管服", pinyin="fàng guǎn fú")],
        out,
    )
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "測試 / 测试\tcè shì\ttest — line break and tab"
    assert lines[1].split("\t")[0] == "放管服"
    assert lines[2] == "" and len(lines) == 3


def test_word_choices_are_kept_in_the_user_glossary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    import pytest

    from glossary.user import UserGlossary

    path = tmp_path / "user-glossary.json"
    user = UserGlossary(path)
    user.add_join("三江两岸")
    user.add_split("双减|少")
    with pytest.raises(ValueError):
        user.add_split("no bar here")
    again = UserGlossary(path)
    assert again.word_choices() == (["三江两岸"], ["双减|少"])
    assert json.loads(path.read_text("utf-8"))["words"] == {"join": ["三江两岸"], "split": ["双减|少"]}
    again.remove_word_choice("三江两岸")
    assert UserGlossary(path).word_choices() == ([], ["双减|少"])


def _writer(path: str, worker: int, count: int) -> None:
    glossary = UserGlossary(Path(path))
    for number in range(count):
        glossary.add(make_entry(id=f"w{worker}-{number}"))


def test_concurrent_writers_lose_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Several processes add entries to one glossary at once, each from a copy loaded at its start:
    every entry is there at the end (100 rounds of 4 writers)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for round_number in range(100):
        path = tmp_path / f"round-{round_number}" / "user-glossary.json"
        workers = [context.Process(target=_writer, args=(str(path), w, 3)) for w in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
            assert worker.exitcode == 0
        assert len(UserGlossary(path).entries()) == 12, f"round {round_number}"


def test_an_open_window_does_not_write_back_a_stale_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "user-glossary.json"
    window_copy = UserGlossary(path)  # loaded at start-up
    UserGlossary(path).add(make_entry(id="from-the-command-line"))
    window_copy.add(make_entry(id="from-the-window"))
    assert {e.id for e in UserGlossary(path).entries()} == {"from-the-command-line", "from-the-window"}


def test_exported_cells_never_run_as_spreadsheet_formulas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "user-glossary.json"
    glossary = UserGlossary(path)
    glossary.add(make_entry(id="evil", english='=HYPERLINK("http://example.invalid","click")', explanation_en="+1 and -2 @x"))
    out = tmp_path / "out.csv"
    glossary.export_table(out)
    text = out.read_text("utf-8")
    assert "'=HYPERLINK(" in text and ",'+1 and -2 @x" in text
    again = UserGlossary(tmp_path / "again.json")
    report = again.import_table(out)
    assert report.ok and again.get("evil").english.startswith("=HYPERLINK(")  # the apostrophe comes off again


def test_deeply_nested_json_is_set_aside(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "user-glossary.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    glossary = UserGlossary(path)
    assert glossary.entries() == [] and "nested too deeply" in glossary.warnings[0]
    assert not path.exists() and any(p.name.startswith("user-glossary.json.broken-") for p in tmp_path.iterdir())


def test_an_unterminated_quote_is_reported_not_swallowed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "in.csv"
    table.write_text('id,simplified,english\na,测试,"broken\nb,试验,test\n', encoding="utf-8")
    report = UserGlossary(tmp_path / "g.json").import_table(table)
    assert not report.ok and any("line" in e for e in report.errors)


def test_fifty_thousand_rows_without_ids_import_in_one_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "big.tsv"
    rows = ["simplified\tenglish\tpinyin"] + [f"测试\tterm {n}\tcè shì" for n in range(50_000)]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    glossary = UserGlossary(tmp_path / "g.json")
    report = glossary.import_table(table)
    assert report.ok and report.added == 50_000
    assert len({e.id for e in glossary.entries()}) == 50_000
