"""The annotated PDF, checked in the PDF itself: text, pinyin, notes, fonts, links, metadata, pixels; failures."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.core.convert import Script
from reader.ui.export import ExportError, ExportOptions, PdfPrinter, export_window_pdf


def _fonts(reader: PdfReader) -> tuple[set[str], set[str]]:
    """(subtypes of descendant/simple fonts, font file kinds) over all pages."""
    subtypes, files, _names = _font_details(reader)
    return subtypes, files


def _font_names(reader: PdfReader) -> set[str]:
    """The embedded fonts' names without the subset prefix (ABCDEF+Name -> Name)."""
    return {name.split("+", 1)[-1] for name in _font_details(reader)[2]}


def _font_details(reader: PdfReader) -> tuple[set[str], set[str], set[str]]:
    subtypes: set[str] = set()
    files: set[str] = set()
    names: set[str] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font.get("/BaseFont")))
            subtypes.add(str(font.get("/Subtype")))
            for desc in font.get("/DescendantFonts", []) or []:
                d = desc.get_object()
                subtypes.add(str(d.get("/Subtype")))
                fd = d.get("/FontDescriptor")
                if fd is not None:
                    files.update(k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in fd.get_object())
    return subtypes, files, names


def _text(reader: PdfReader) -> str:
    return "".join((p.extract_text() or "") for p in reader.pages)


def _note_links(reader: PdfReader) -> list[str]:
    names = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link":
                dest = a.get("/Dest") or (a.get("/A") or {}).get("/D")
                if dest is not None:
                    names.append(str(dest))
    return names


def _not_blank(path: Path) -> float:
    """Share of non-white pixels on page 1, rendered with QtPdf."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    image = doc.render(0, QSize(595, 842))
    dark = 0
    total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            total += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / total


CASES = [
    (Script.ORIGINAL, True, "實干爭效"),
    (Script.ORIGINAL, False, "實干爭效"),
    (Script.SIMPLIFIED, True, "实干争效"),
    (Script.SIMPLIFIED, False, "实干争效"),
    (Script.TRADITIONAL, True, "實幹爭效"),
    (Script.TRADITIONAL, False, "實幹爭效"),
    (Script.TAIWAN, True, "實幹爭效"),
    (Script.TAIWAN, False, "實幹爭效"),
    (Script.HONGKONG, True, "實幹爭效"),
    (Script.HONGKONG, False, "實幹爭效"),
]


@pytest.mark.parametrize("script, pinyin, sample", CASES)
def test_export_article(driver, tmp_path: Path, script: Script, pinyin: bool, sample: str) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.viewing.set_script(script)
    if script != Script.ORIGINAL:
        driver.wait_loaded()
    out = tmp_path / "article.pdf"
    result = export_window_pdf(w, out, ExportOptions(notes="end", paper="a4", pinyin=pinyin))
    reader = PdfReader(str(out))
    assert result.pages == len(reader.pages) >= 3
    text = _text(reader)
    squeezed = "".join(text.split())
    assert sample in squeezed
    first_page = reader.pages[0].extract_text() or ""
    assert ("dǎng" in first_page and "zhōng" in first_page) == pinyin  # ruby over the body only when asked
    assert "streamline administration" in " ".join(text.split()).lower()  # the glossary's English
    assert "Glossary" in text
    subtypes, files = _fonts(reader)
    assert "/CIDFontType2" in subtypes and "/Type3" not in subtypes and files == {"/FontFile2"}
    # the text is set in the bundled face of its script (no CJK font is installed on a fresh machine)
    face = "ZhushiNotoSansSC-Regular" if script == Script.SIMPLIFIED else "ZhushiNotoSansTC-Regular"
    assert face in _font_names(reader)
    links = _note_links(reader)
    assert sum(1 for n in links if "note-" in n) >= result.terms >= 60
    meta = reader.metadata
    assert meta is not None and meta.title == w.document.title
    assert str(reader.trailer["/Root"]["/Lang"]) in ("zh-Hant", "zh-Hans")
    assert [o.title for o in reader.outline[1]][:1] and len(reader.outline[1]) == 3  # headings as bookmarks
    assert _not_blank(out) > 0.01


def test_notes_list_pages(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pages.pdf"
    export_window_pdf(driver.window, out, ExportOptions(notes="end", pinyin=False))
    reader = PdfReader(str(out))
    text = _text(reader)
    assert "p. 1" in text and ("pp. " in text)
    # the notes are printed on their own in a second pass; their page numbers go on from the body's
    lines = [{line.strip() for line in (page.extract_text() or "").splitlines()} for page in reader.pages]
    assert all(str(k) in lines[k - 1] for k in range(1, len(reader.pages) + 1))
    first_notes = next(k for k, page in enumerate(reader.pages) if "Glossary" in (page.extract_text() or ""))
    assert first_notes >= 1 and all("1" not in lines[k] for k in range(first_notes, len(reader.pages)))


def test_notes_after_the_paragraph(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "footnotes.pdf"
    result = export_window_pdf(driver.window, out, ExportOptions(notes="footnotes", pinyin=False))
    reader = PdfReader(str(out))
    first_two = " ".join((reader.pages[0].extract_text() or "").split() + (reader.pages[1].extract_text() or "").split())
    assert "Glossary" not in _text(reader)
    assert "20th National Congress" in first_two  # the first term's note follows its paragraph
    assert sum(1 for n in _note_links(reader) if "note-" in n) >= result.terms >= 60


def test_letter_paper_and_no_notes(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "letter.pdf"
    result = export_window_pdf(driver.window, out, ExportOptions(notes="none", paper="letter", pinyin=False))
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 612 and round(float(box.height)) == 792
    assert "Glossary" not in _text(reader) and result.terms == 0


def test_missing_folder_leaves_nothing(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "no" / "such" / "folder" / "a.pdf"
    with pytest.raises(ExportError, match="does not exist"):
        export_window_pdf(driver.window, target, ExportOptions())
    assert not target.parent.exists()


def test_unwritable_place_leaves_nothing(driver) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExportError):
        export_window_pdf(driver.window, Path("/proc/zhushi-export.pdf"), ExportOptions(pinyin=False))
    assert not Path("/proc/zhushi-export.pdf").exists()


def test_full_disk_keeps_existing_file(driver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "existing.pdf"
    target.write_bytes(b"the old, complete file")

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="No space left"):
        export_window_pdf(driver.window, target, ExportOptions(pinyin=False))
    assert target.read_bytes() == b"the old, complete file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.pdf"]


def test_cancel_writes_nothing(driver, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "cancelled.pdf"
    printer = PdfPrinter(driver.window, target, ExportOptions(pinyin=True))
    outcomes: list[object] = []
    printer.finished.connect(lambda: outcomes.append(printer.outcome))
    printer.start()
    printer.cancel()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    qtbot.wait(1500)  # let any print still under way finish
    assert isinstance(outcomes[0], ExportError) and "cancelled" in str(outcomes[0])
    assert list(tmp_path.iterdir()) == []


def test_a_killed_export_leaves_nothing_behind_after_the_next_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from reader.ui.export import remove_stale_export_folders

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    stale = tmp_path / f"zhushi-export-{pid}-abc123"
    stale.mkdir()
    (stale / "pass1.pdf").write_bytes(b"%PDF-1.4 half")
    running = tmp_path / "zhushi-export-1-live"  # pid 1 is alive: left alone
    running.mkdir()
    assert remove_stale_export_folders(str(tmp_path)) == 1
    assert not stale.exists() and running.exists()


@pytest.mark.parametrize("system, script, expected", [("zhuyin", Script.TAIWAN, "ㄉㄤˇ"), ("jyutping", Script.HONGKONG, "dong2")])
def test_export_with_zhuyin_or_jyutping(driver, tmp_path: Path, system: str, script: Script, expected: str) -> None:  # type: ignore[no-untyped-def]
    w = driver.window
    w.viewing.set_script(script)
    driver.wait_loaded()
    w.viewing.set_phonetic(system)
    driver.wait_loaded()
    out = tmp_path / f"{system}.pdf"
    export_window_pdf(w, out, ExportOptions(notes="none", paper="a4", pinyin=True))
    first_page = PdfReader(str(out)).pages[0].extract_text() or ""
    assert expected in first_page
    assert "dǎng" not in first_page  # the readings are the chosen system's, not pinyin


def _hanzi_lines(reader: PdfReader) -> str:
    """The extracted text's lines that hold Han characters, joined without a separator: the lines of
    readings (pinyin, Zhuyin, Jyutping) and page numbers fall away, nothing else is touched."""
    lines = "\n".join((p.extract_text() or "") for p in reader.pages).splitlines()
    return "".join(line for line in lines if any("\u3400" <= ch <= "\u9fff" for ch in line))


@pytest.mark.parametrize("script, system", [(Script.ORIGINAL, "pinyin"), (Script.SIMPLIFIED, "pinyin"), (Script.TAIWAN, "zhuyin")])
def test_pdf_with_readings_is_searchable(driver, tmp_path: Path, script: Script, system: str) -> None:  # type: ignore[no-untyped-def]
    """With readings over the text, a PDF reader still finds each glossary term as one string, as
    often as in the same PDF without readings (the text lines come out whole, the readings apart)."""
    from glossary.loader import load_curated

    w = driver.window
    w.viewing.set_script(script)
    driver.wait_loaded()
    w.viewing.set_phonetic(system)
    driver.wait_loaded()
    plain, ruby = tmp_path / "plain.pdf", tmp_path / "ruby.pdf"
    export_window_pdf(w, plain, ExportOptions(notes="none", paper="a4", pinyin=False))
    export_window_pdf(w, ruby, ExportOptions(notes="none", paper="a4", pinyin=True))
    ruby_reader = PdfReader(str(ruby))
    assert system != "pinyin" or "zhōng" in (ruby_reader.pages[0].extract_text() or "")
    without, with_readings = _hanzi_lines(PdfReader(str(plain))), _hanzi_lines(ruby_reader)
    forms = {f for e in load_curated() for f in (e.simplified, e.traditional, *e.variants) if len(f) >= 2}
    counts = {f: (without.count(f), with_readings.count(f)) for f in forms if f in without}
    assert len(counts) >= 100  # the article is full of glossary terms
    assert {f: c for f, c in counts.items() if c[0] != c[1]} == {}
    modern = "中国式现代化" if script == Script.SIMPLIFIED else "中國式現代化"
    assert counts[modern][0] >= 7  # six times in the article, once in the title Zhushi gives it
    w.viewing.set_phonetic("pinyin")
    driver.wait_loaded()


def test_readings_only_over_text_that_has_them(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With readings, each printed line of Chinese gets its row of pinyin above it and stays whole; a
    paragraph with nothing to read (English) prints as it is."""
    from reader.core.loader import document_from_text

    w = driver.window
    english = "This paragraph is written in English only and has no readings at all."
    w.open_document(document_from_text(f"中国式现代化\n我们要坚持放管服改革，推进中国式现代化。\n{english}"))
    driver.wait_loaded()
    out = tmp_path / "mixed.pdf"
    export_window_pdf(w, out, ExportOptions(notes="none", paper="a4", pinyin=True))
    text = PdfReader(str(out)).pages[0].extract_text() or ""
    assert "zhōng" in text and "gǎi gé" in " ".join(text.split())
    assert english in " ".join(text.split())
    assert "放管服改革" in "".join(text.split())  # the line of hanzi comes out whole
