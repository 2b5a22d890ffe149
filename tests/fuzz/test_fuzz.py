"""Property-based fuzzing (hypothesis) of everything that takes outside input: loaders, converter,
readings in every system, glossary matcher, the page's JSON and the user-glossary import.

Each property runs a bounded number of examples (FUZZ_EXAMPLES, default 300; no deadline; no example database written), so the
whole file stays within a minute or so on 2 cores. What each asserts is what a user relies on: bad
input gives a clear DocumentError or an import report, never another exception; lengths and
positions stay inside the text; the page's JSON always parses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.convert import Script, default_converter
from reader.core.encoding import DocumentError
from reader.core.loader import document_from_html, document_from_markdown, document_from_text, load_document

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text a reader might paste: Chinese in both scripts, punctuation, Latin, digits, emoji, Extension B,
# lone surrogates, controls, markup characters.
CHINESE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可而子说也后发里头干面系台着党发展两岸习近平放管服改革實幹爭效製造業臺灣香港特別行政區"
ALPHABET = st.one_of(
    st.sampled_from(CHINESE),
    st.sampled_from("，。、；：？！「」『』“”《》（）—…·\n\r\t <>&\"'=/-+@#"),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(["😀", "𠀀", "𪚥", "\ud800", "\udfff", "\u200b", "\ufeff", "\x00", "\x1b", "\u2028"]),
    st.characters(),
)
TEXT = st.text(ALPHABET, max_size=300)


@FUZZ
@given(TEXT)
def test_text_markdown_html_loaders_never_fail_oddly(text: str) -> None:
    for build in (document_from_text, document_from_markdown, document_from_html):
        try:
            doc = build(text)
        except DocumentError:
            continue
        assert "\ud800" not in doc.text and "\udfff" not in doc.text  # lone surrogates replaced
        for block in doc.blocks:
            assert 0 <= block.start <= block.end <= len(doc.text)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".htm", ""]))
def test_files_of_any_bytes_open_or_are_refused_clearly(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except DocumentError as exc:
        assert str(exc)  # a message for the user
        return
    assert doc.text.strip()


@FUZZ
@given(TEXT, st.sampled_from(list(Script)))
def test_conversion_keeps_positions_inside_the_text(text: str, script: Script) -> None:
    converted = default_converter().to_script(text, script)
    view = converted.text
    for pos in range(0, len(view) + 1, max(1, len(view) // 7 or 1)):
        source = converted.offsets.to_source(pos)
        assert 0 <= source <= len(text)
    assert all(c in text for c in view if not ("\u3400" <= c <= "\u9fff") and c.isascii())


@FUZZ
@given(TEXT, st.sampled_from(["pinyin", "zhuyin", "jyutping"]), st.booleans())
def test_readings_one_per_character_in_every_system(text: str, system: str, taiwan: bool) -> None:
    from reader.core.phonetics import Phonetics, format_token, readings_for

    tokens = readings_for(text, Phonetics(system), taiwan_view=taiwan)
    assert len(tokens) == len(text)
    for ch, token in zip(text, tokens):
        if token is not None:
            assert token[-1] in "123456" and format_token(token, system)
        if ch.isascii():
            assert token is None


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    from glossary.loader import load_curated
    from glossary.store import GlossaryStore

    return GlossaryStore(load_curated()).matcher()


@FUZZ
@given(TEXT, st.sampled_from(["mainland", "taiwan", "hong-kong", "macau"]))
def test_glossary_matches_lie_inside_the_text(matcher, text: str, region: str) -> None:  # type: ignore[no-untyped-def]
    last_end = 0
    for m in matcher.find(text, region):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end  # marks never overlap
        last_end = m.end


@FUZZ
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_page_json_always_parses_with_positions_in_utf16(paragraphs: list[str]) -> None:
    from glossary.loader import load_curated
    from glossary.store import GlossaryStore
    from reader.core.annotate import DocumentAnnotator
    from reader.core.pages import DocumentPages

    global _PAGES
    if _PAGES is None:
        _PAGES = DocumentPages(DocumentAnnotator(GlossaryStore(load_curated()).matcher()), None)
    try:
        doc = document_from_text("\n\n".join(paragraphs))
    except DocumentError:
        return
    key = _PAGES.add(doc)
    info = json.loads(_PAGES.serve([key, "info.json"]) or b"null")
    assert info is not None
    for script in ("original", "taiwan", "simplified"):
        data = _PAGES.serve([key, script, "0.full.json"])
        assert data is not None
        chunk = json.loads(data)
        for block in chunk["blocks"]:
            units = len(block["text"].encode("utf-16-le", "surrogatepass")) // 2
            assert len(block["py"]) == units  # one reading slot per UTF-16 unit
            for span in block["terms"]:
                assert 0 <= span[0] < span[1] <= units


_PAGES = None


CELL = st.text(st.one_of(st.sampled_from(CHINESE), st.sampled_from(",\t\"\n=+-@|;"), st.characters(min_codepoint=0x20, max_codepoint=0x7E)), max_size=20)


@FUZZ
@given(st.lists(st.lists(CELL, min_size=1, max_size=8), max_size=6), st.booleans(), st.sampled_from([".csv", ".tsv"]))
def test_user_glossary_import_reports_and_keeps_the_file_whole(tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], header: bool, suffix: str) -> None:
    from glossary.user import UserGlossary

    folder = tmp_path_factory.mktemp("import")
    sep = "," if suffix == ".csv" else "\t"
    lines = (["simplified,english" if sep == "," else "simplified\tenglish"] if header else []) + [sep.join(r) for r in rows]
    table = folder / f"mine{suffix}"
    table.write_text("\n".join(lines), encoding="utf-8")
    glossary = UserGlossary(folder / "user-glossary.json")
    report = glossary.import_table(table)
    assert report.added + report.updated + len(report.errors) >= 0
    if (folder / "user-glossary.json").exists():
        json.loads((folder / "user-glossary.json").read_text(encoding="utf-8"))  # never half written
    assert len(UserGlossary(folder / "user-glossary.json").entries()) == len(glossary.entries())
