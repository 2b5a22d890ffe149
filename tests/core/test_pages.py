"""What the page is served: the first screen's text alone, then terms, readings and dictionary entries."""

from __future__ import annotations

import json

from glossary.loader import load_curated
from glossary.matcher import GlossaryMatcher
from reader.core.annotate import DocumentAnnotator
from reader.core.loader import bundled_document, document_from_text
from reader.core.pages import DocumentPages


def _pages() -> DocumentPages:
    built: list[int] = []

    def annotator() -> DocumentAnnotator:
        built.append(1)
        return DocumentAnnotator(GlossaryMatcher(load_curated()))

    pages = DocumentPages(annotator, None)
    pages.built = built  # type: ignore[attr-defined]
    return pages


def test_first_screen_is_text_only_and_needs_no_glossary() -> None:
    pages = _pages()
    key = pages.add(bundled_document())
    first = json.loads(pages.serve([key, "taiwan", "0.json"]) or b"")
    assert pages.built == []  # type: ignore[attr-defined]  # the glossary was not loaded for it
    text = "".join(b["text"] for b in first["blocks"])
    assert "實幹爭效" in text and all(b["terms"] == [] and set(b["py"]) == {None} for b in first["blocks"])
    assert first["title"] and first["blocks"][0]["i"] == 0


def test_terms_part_marks_the_same_text() -> None:
    pages = _pages()
    key = pages.add(bundled_document())
    first = json.loads(pages.serve([key, "simplified", "0.json"]) or b"")
    terms = json.loads(pages.serve([key, "simplified", "0.terms.json"]) or b"")
    texts = {str(b["i"]): b["text"] for b in first["blocks"]}
    found = {texts[i][span[0]:span[1]] for i, spans in terms["terms"].items() for span in spans}
    assert {"中国式现代化", "晋江经验", "两个确立"} <= found
    ids = {span[2] for spans in terms["terms"].values() for span in spans if span[3] != 2}  # long-tail spans have no entry
    assert ids == set(terms["glossary"])  # every marked term comes with its entry


def test_chunk_at_finds_the_chunk_of_a_reading_position() -> None:
    pages = _pages()
    text = "\n".join(f"第{i}段。" + "文字" * 1500 for i in range(12))
    document = document_from_text(text, title="長文")
    key = pages.add(document)
    plan = pages.plan(key)
    assert len(plan) >= 2
    assert pages.chunk_at(key, 0) == 0
    last_block = document.blocks[plan[-1][0]]
    assert pages.chunk_at(key, last_block.start + 3) == len(plan) - 1
    assert pages.chunk_at(key, len(document.text) + 50) == len(plan) - 1
    assert pages.chunk_at("unknown", 10) == 0


def _utf16(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives: slicing in UTF-16 units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_positions_reach_the_page_in_utf16_units_after_astral_characters() -> None:
    pages = _pages()
    text = "标题\n😀😀😀我们要坚持放管服改革。𠀀𫝈测试"
    key = pages.add(document_from_text(text))
    full = json.loads(pages.serve([key, "simplified", "0.full.json"]) or b"")
    block = next(b for b in full["blocks"] if "放管服" in b["text"])
    spans = {_utf16(block["text"], s[0], s[1]): s[2] for s in block["terms"]}
    assert spans.get("放管服改革") == "fang-guan-fu" or spans.get("放管服") == "fang-guan-fu"
    # one reading per UTF-16 unit: the reading of 我 sits where the page finds 我
    units = block["text"].encode("utf-16-le")
    assert len(block["py"]) == len(units) // 2
    me = block["text"].index("我")
    me16 = len(block["text"][:me].encode("utf-16-le")) // 2
    assert block["py"][me16] == "wo3"
    assert block["map"][-1] == len(block["text"])  # the map still ends at the source's code-point length


def test_each_block_is_converted_once_for_the_first_screen_its_terms_and_its_readings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The three passes over a chunk (text, terms, full) take a block's conversion from one place; the
    blocks come out the same as converting them afresh."""
    from reader.core.convert import ScriptConverter, default_converter
    from reader.core.views import default_views

    default_views().forget()
    calls: list[str] = []
    convert = ScriptConverter.to_script

    def counted(self, text, script):  # type: ignore[no-untyped-def]
        calls.append(text)
        return convert(self, text, script)

    monkeypatch.setattr(ScriptConverter, "to_script", counted)
    pages = _pages()
    doc = bundled_document()
    key = pages.add(doc)
    first = json.loads(pages.serve([key, "taiwan", "0.json"]) or b"")
    pages.serve([key, "taiwan", "0.terms.json"])
    full = json.loads(pages.serve([key, "taiwan", "0.full.json"]) or b"")
    bodies = [c for c in calls if c != doc.title]
    assert len(bodies) == len(set(bodies)) == len(first["blocks"])  # each block once
    fresh = [default_converter().to_script(doc.block_text(doc.blocks[b["i"]]), "taiwan").text for b in first["blocks"]]
    assert [b["text"] for b in full["blocks"]] == [b["text"] for b in first["blocks"]] == fresh


def test_the_chinese_explanation_follows_the_view_whatever_script_the_entry_is_written_in() -> None:
    from glossary.model import GlossaryEntry
    from reader.core.manifest import entry_view

    def entry(region: str, zh: str) -> GlossaryEntry:
        return GlossaryEntry(
            id="t", simplified="桃小巴", traditional="桃小巴", variants=(), pinyin="táo xiǎo bā", english="minibus",
            english_source="zhushi", english_source_note="", explanation_en="A minibus.", explanation_zh=zh,
            category="governance", related=(), region=region,
        )

    # a Taiwan entry written in Simplified: Traditional in the Taiwan view and the original of a Traditional text
    taiwan_in_simplified = entry("taiwan", "桃园市推出的小型公车，用于接手客量偏低的路线。")
    for script in ("taiwan", "traditional", "hongkong", "original"):
        assert "桃園市推出的小型公車" in entry_view(taiwan_in_simplified, script)["explanation_zh"]
    assert "桃园市" in entry_view(taiwan_in_simplified, "simplified")["explanation_zh"]
    # the original view of a Taiwan or Hong Kong text writes as the region does (為, not standard Traditional's 爲)
    for_reasons = entry("taiwan", "行政院常以此为由反对。")
    assert "以此為由" in entry_view(for_reasons, "original", region="taiwan")["explanation_zh"]
    assert "以此為由" in entry_view(for_reasons, "original", region="hong-kong")["explanation_zh"]
    assert "以此爲由" in entry_view(for_reasons, "traditional")["explanation_zh"]  # the standard-Traditional view
    # a Mainland entry written in Traditional: Simplified in the Simplified view
    mainland_in_traditional = entry("national", "國務院推出的試點，針對縣域經濟。")
    assert entry_view(mainland_in_traditional, "simplified")["explanation_zh"].startswith("国务院推出的试点")
    assert entry_view(mainland_in_traditional, "taiwan")["explanation_zh"].startswith("國務院推出的試點")
    # Chinese words quoted in the English explanation follow the view too
    quoting = GlossaryEntry(
        id="q", simplified="工信厅", traditional="工信廳", variants=(), pinyin="gōng xìn tīng", english="department",
        english_source="zhushi", english_source_note="", explanation_en="A province's department (厅), the local 工业和信息化部.",
        explanation_zh="省级工作部门。", category="institution", related=(), region="national",
    )
    assert "(廳)" in entry_view(quoting, "hongkong")["explanation_en"] and "工業和信息化部" in entry_view(quoting, "taiwan")["explanation_en"]
    assert "(厅)" in entry_view(quoting, "simplified")["explanation_en"]
