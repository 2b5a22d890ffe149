"""Opening documents: structure of the bundled article, formats, encodings and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import BlockKind
from reader.core.encoding import MAX_FILE_BYTES, DocumentError, decode_bytes
from reader.core.loader import (
    bundled_document,
    document_from_html,
    document_from_markdown,
    document_from_text,
    load_document,
)

SAMPLE = "泉州是“晉江經驗”發源地。\n深學爭優、敢為爭先\n實干爭效，奮力推進中國式現代化。"


def kinds(doc):  # type: ignore[no-untyped-def]
    return [(b.kind, doc.block_text(b)) for b in doc.blocks]


def test_bundled_article_structure() -> None:
    doc = bundled_document()
    by_kind: dict[BlockKind, list[str]] = {}
    for kind, text in kinds(doc):
        by_kind.setdefault(kind, []).append(text)
    assert doc.title == "奮力推進中國式現代化的泉州實踐"
    assert "qzwhcy.com" in doc.source
    assert doc.title_note  # the title is ours, and says so
    headings = by_kind[BlockKind.HEADING]
    assert len(headings) == 3
    assert headings[0].startswith("深學細照、篤行實干")
    assert headings[2].startswith("黨建引領、凝聚合力")
    captions = by_kind[BlockKind.CAPTION]
    assert len(captions) == 2 and all(c.endswith("攝)") for c in captions)
    footer = by_kind[BlockKind.FOOTER]
    assert len(footer) == 3 and footer[-1].startswith("※")
    assert len(by_kind[BlockKind.PARAGRAPH]) == 12
    # nothing lost: every line of the file is a block, in order
    source = Path("resources/articles/quanzhou-article.txt").read_text(encoding="utf-8")
    assert [line.strip() for line in source.splitlines() if line.strip()] == [t for _, t in kinds(doc)]


def test_blocks_point_into_text() -> None:
    doc = document_from_text(SAMPLE)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == doc.block_text(block)
    assert doc.text.split("\n") == [doc.block_text(b) for b in doc.blocks]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"])
def test_encodings_detected(tmp_path: Path, encoding: str) -> None:
    text = "黨的二十大開啟了全面建設社會主義現代化強國的新征程。\n泉州是晉江經驗發源地。"
    if encoding == "gb18030":
        text = "党的二十大开启了全面建设社会主义现代化强国的新征程。\n泉州是晋江经验发源地。"
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    assert doc.text == text


def test_non_bmp_latin_digits_emoji_pass_through(tmp_path: Path) -> None:
    text = "𠀀字 RCEP 2022年 1.2萬億元 😀 café"
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x81]) * 50, "encoding"),
    ],
)
def test_bad_input_is_refused_clearly(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        load_document(path)


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="folder"):
        load_document(tmp_path)


def test_huge_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(DocumentError, match="MiB"):
        load_document(path)
    with pytest.raises(DocumentError, match="MiB"):
        decode_bytes(b"a" * (MAX_FILE_BYTES + 1))


def test_html_text_only_scripts_dropped(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>測試文章</title><script>alert('x')</script>
    <style>p{color:red}</style></head><body><h1>專精特新</h1>
    <p>第一段<b>文字</b>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>document.write('bad')</script>
    <figure><img src="http://example.com/a.png" alt="圖片說明"><figcaption>照片說明(某某攝)</figcaption></figure>
    <h2>小標題</h2><p onclick="evil()">第二段</p><footer>版權所有</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "測試文章"
    got = kinds(doc)
    assert (BlockKind.TITLE, "專精特新") in got
    assert (BlockKind.PARAGRAPH, "第一段文字<script>alert(1)</script>") in got  # shown as text, later escaped
    assert (BlockKind.HEADING, "小標題") in got
    assert (BlockKind.CAPTION, "照片說明(某某攝)") in got
    assert (BlockKind.FOOTER, "版權所有") in got
    assert "alert('x')" not in doc.text and "document.write" not in doc.text and "color:red" not in doc.text


def test_markdown() -> None:
    doc = document_from_markdown("# 標題\n\n第一段**重點**和[連結](http://x)。\n第二行\n\n## 小節\n\n![圖說](a.png)\n")
    assert kinds(doc) == [
        (BlockKind.TITLE, "標題"),
        (BlockKind.PARAGRAPH, "第一段重點和連結。第二行"),
        (BlockKind.HEADING, "小節"),
        (BlockKind.CAPTION, "圖說"),
    ]


def test_html_without_text_refused() -> None:
    with pytest.raises(DocumentError):
        document_from_html("<html><script>x()</script></html>")


def test_pasted_text_title_and_crlf() -> None:
    doc = document_from_text("標題行\r\n正文第一段，有內容。\r\n")
    assert doc.title == "標題行"
    assert kinds(doc) == [(BlockKind.TITLE, "標題行"), (BlockKind.PARAGRAPH, "正文第一段，有內容。")]


def test_a_lone_surrogate_does_not_stop_the_document() -> None:
    import json

    from reader.core.loader import document_from_text

    document = document_from_text("标题\n我们要\ud83d坚持放管服改革。")
    assert "\ud83d" not in document.text and "\ufffd" in document.text
    json.dumps(document.text, ensure_ascii=False).encode("utf-8")  # what the page is served


def test_the_source_guess_is_linear_and_still_finds_addresses() -> None:
    from reader.core.structure import guess_source

    assert guess_source(["道可道非常道" * 200_000]) == ""  # 1.2M characters without an @ (was quadratic)
    assert guess_source(["联系我们：editor@news.example.cn"]) == "news.example.cn"
    assert guess_source(["来源：https://www.gov.cn/zhengce/xx.htm"]) == "https://www.gov.cn/zhengce/xx.htm"


def test_only_regular_files_of_bounded_size_are_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    import pytest

    from reader.core.loader import DocumentError, load_document, read_bounded

    with pytest.raises(DocumentError, match="not a regular file"):
        load_document("/dev/zero")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):  # refused without opening (would block)
        load_document(fifo)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GiB, sparse: refused from its size, nothing read
    with pytest.raises(DocumentError, match="MiB"):
        load_document(big)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 100)
    with pytest.raises(DocumentError, match="opens files up to"):
        read_bounded(small, "small", limit=10)


def test_html_text_after_embed_or_unclosed_iframe_and_without_head_end_is_kept() -> None:
    from reader.core.loader import document_from_html

    doc = document_from_html("<html><body><p>第一段。</p><embed src='x.swf'><p>第二段文字。</p><iframe src='y'><p>第三段内容。</p></body></html>")
    assert "第二段文字" in doc.text and "第三段内容" in doc.text
    doc = document_from_html("<!DOCTYPE html><html><head><meta charset='utf-8'><title>标题</title><p>没有头部结束标签的正文。</p>")
    assert "没有头部结束标签的正文" in doc.text
    doc = document_from_html("<html><head><title>T</title><style>p{}</style><script>alert(1)</script></head><body><p>正文</p></body></html>")
    assert "alert" not in doc.text and "正文" in doc.text
