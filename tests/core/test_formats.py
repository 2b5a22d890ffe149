"""Opening the documents readers are sent: PDF, Word, EPUB, OFD and saved web pages, built here from
sentences of our own making; and refusing broken or hostile ones with a message."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.core.document import BlockKind
from reader.core.encoding import DocumentError
from reader.core.loader import load_document

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSansSC-Regular.ttf"
SENTENCES = [
    "本市坚持以人民为中心的发展思想，持续推进放管服改革。",
    "全年新开工保障性租赁住房一万二千套，老旧小区改造惠及四万户居民。",
    "我们将深化数字政府建设，让企业和群众办事少跑腿。",
    "城市更新要尊重历史文脉，保护好街巷肌理和传统建筑。",
    "各区要压实责任，确保各项任务按期完成。",
]


def paragraph(section: int, n: int) -> str:
    """A paragraph of several sentences, different in every section and place."""
    rotated = SENTENCES[n % 5 :] + SENTENCES[: n % 5]
    return f"第{section}部分第{n}段：" + "".join(rotated) * 2


def make_pdf(path: Path, pages_of_text: bool = True) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=25)
    pdf.set_top_margin(25)
    pdf.add_font("noto", "", str(FONT))
    pdf.set_title("关于推进城市更新的实施意见")

    def header() -> None:
        pdf.set_font("noto", size=9)
        pdf.set_xy(20, 10)
        pdf.cell(0, 6, "某市人民政府办公室文件", align="C")
        pdf.set_y(25)

    def footer() -> None:
        pdf.set_font("noto", size=10)
        pdf.set_xy(20, 280)
        pdf.cell(0, 6, f"— {pdf.page_no()} —", align="C")

    if pages_of_text:
        pdf.header = header  # type: ignore[method-assign]
        pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    if not pages_of_text:  # a scan: the page is a picture, there is no text to select
        pdf.set_fill_color(200, 200, 200)
        pdf.rect(20, 20, 170, 250, style="F")
    else:
        pdf.set_font("noto", size=16)
        pdf.set_x(20)
        pdf.multi_cell(170, 10, "关于推进城市更新的实施意见", align="C")
        for s, heading in enumerate(["一、总体要求", "二、重点任务", "三、保障措施"], start=1):
            pdf.set_font("noto", size=13)
            pdf.set_x(20)
            pdf.multi_cell(170, 9, heading)
            for n in range(1, 5):
                pdf.set_font("noto", size=11)
                pdf.set_x(20)
                pdf.multi_cell(170, 7, "\u3000\u3000" + paragraph(s, n))
    pdf.output(str(path))


def test_pdf_paragraphs_rebuilt_without_running_heads_or_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "意见.pdf"
    make_pdf(path)
    doc = load_document(path)
    kinds = [b.kind for b in doc.blocks]
    texts = [doc.block_text(b) for b in doc.blocks]
    assert doc.title == "关于推进城市更新的实施意见" and kinds[0] == BlockKind.TITLE
    assert [t for k, t in zip(kinds, texts) if k == BlockKind.HEADING] == ["一、总体要求", "二、重点任务", "三、保障措施"]
    paragraphs = [t for k, t in zip(kinds, texts) if k == BlockKind.PARAGRAPH]
    assert paragraphs == [paragraph(s, n) for s in (1, 2, 3) for n in range(1, 5)]  # whole, across pages, no spaces
    assert "某市人民政府办公室文件" not in doc.text and "—" not in doc.text


def test_pdf_without_a_text_layer_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    make_pdf(path, pages_of_text=False)
    with pytest.raises(DocumentError, match="no text layer and no page images"):
        load_document(path)


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "二〇二六年政府工作报告"
    document.add_heading("二〇二六年政府工作报告", level=0)
    document.add_heading("一、过去一年的工作", level=1)
    document.add_paragraph(SENTENCES[0])
    document.add_paragraph(SENTENCES[1])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "完成情况"
    table.cell(1, 0).text, table.cell(1, 1).text = "保障性租赁住房", "一万二千套"
    document.add_heading("二、今年的主要任务", level=1)
    document.add_paragraph(SENTENCES[2])
    document.save(str(path))


def test_word_document_with_headings_and_a_table(tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    make_docx(path)
    doc = load_document(path)
    parts = [(b.kind, doc.block_text(b)) for b in doc.blocks]
    assert doc.title == "二〇二六年政府工作报告"
    assert parts[0] == (BlockKind.TITLE, "二〇二六年政府工作报告")
    assert (BlockKind.HEADING, "一、过去一年的工作") in parts and (BlockKind.HEADING, "二、今年的主要任务") in parts
    assert (BlockKind.PARAGRAPH, "保障性租赁住房 | 一万二千套") in parts
    assert SENTENCES[2] in doc.text


def make_epub(path: Path, container: bytes | None = None) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", container or (
            b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            b'<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'))
        z.writestr("OEBPS/content.opf", (
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>城市笔记</dc:title><dc:creator>某作者</dc:creator></metadata>'
            '<manifest><item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>').encode("utf-8"))
        for n, idx in ((1, 0), (2, 3)):
            z.writestr(f"OEBPS/text/ch{n}.xhtml", (
                f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><script>alert(1)</script></head>'
                f'<body><h1>第{n}章</h1><p>{SENTENCES[idx]}</p><p>{SENTENCES[idx + 1]}</p></body></html>').encode("utf-8"))


def test_epub_chapters_in_spine_order_scripts_dropped(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    make_epub(path)
    doc = load_document(path)
    assert doc.title == "城市笔记" and doc.source == "某作者"
    headings = [doc.block_text(b) for b in doc.blocks if b.kind == BlockKind.HEADING]
    assert headings == ["第1章", "第2章"]  # the spine's order, not the manifest's
    assert doc.text.index(SENTENCES[0]) < doc.text.index(SENTENCES[3])
    assert "alert" not in doc.text


def test_epub_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><container>&c;</container>')
    path = tmp_path / "bomb.epub"
    make_epub(path, container=bomb)
    with pytest.raises(DocumentError, match="not well-formed XML|EPUB"):
        load_document(path)


def test_zip_bomb_and_not_a_zip_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(DocumentError, match="expands far beyond"):
        load_document(path)
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"this is not a package at all")
    with pytest.raises(DocumentError, match="not a Word"):
        load_document(fake)


def make_ofd(path: Path) -> None:
    def text_object(n: int, y: float, text: str, size: float = 4.2) -> str:
        return (f'<ofd:TextObject ID="{n}" Boundary="20 {y} 170 6" Font="1" Size="{size}">'
                f'<ofd:TextCode X="0" Y="5" DeltaX="{" ".join(["4.2"] * (len(text) - 1))}">{text}</ofd:TextCode></ofd:TextObject>')

    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    page1 = "".join([text_object(1, 20, "关于做好防汛工作的通知", 6), text_object(2, 35, SENTENCES[0][:20]), text_object(3, 41, SENTENCES[0][20:])])
    page2 = "".join([text_object(4, 20, SENTENCES[1])])
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", f'<ofd:OFD {ns} Version="1.0"><ofd:DocBody><ofd:DocInfo><ofd:Title>防汛通知</ofd:Title></ofd:DocInfo>'
                              f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                                         f'<ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>')
        for n, body in enumerate((page1, page2)):
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="9">{body}</ofd:Layer></ofd:Content></ofd:Page>')


def test_ofd_text_in_page_order(tmp_path: Path) -> None:
    path = tmp_path / "通知.ofd"
    make_ofd(path)
    doc = load_document(path)
    assert doc.title == "防汛通知"
    assert SENTENCES[0] in doc.text  # two lines joined without a space
    assert doc.text.index(SENTENCES[0]) < doc.text.index(SENTENCES[1])
    assert "关于做好防汛工作的通知" in [doc.block_text(b) for b in doc.blocks if b.kind in (BlockKind.HEADING, BlockKind.TITLE)]


SITE_PAGE = """<!DOCTYPE html><html><head><title>本市发布城市更新行动方案_新闻中心</title>
<meta name="date" content="2026-03-05"><script>document.location='http://example.invalid/'</script></head><body>
<header class="navbar"><a href="/">首页</a><a href="/news">新闻</a><a href="/about">关于我们</a></header>
<nav class="menu"><ul><li><a href="/a">要闻</a></li><li><a href="/b">政务</a></li><li><a href="/c">视频</a></li></ul></nav>
<article><h1>本市发布城市更新行动方案</h1>
<p>{0}</p><p>{1}</p><p>{2}</p><p>{3}</p></article>
<aside class="sidebar"><h3>热点排行</h3><ul><li>广告：买房就找某某地产</li><li>明星八卦新闻</li></ul></aside>
<footer>版权所有 某某网站 备案号12345</footer></body></html>""".format(*SENTENCES)


def test_saved_site_page_is_reduced_to_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(SITE_PAGE, encoding="utf-8")
    doc = load_document(path)
    assert SENTENCES[0] in doc.text and SENTENCES[3] in doc.text
    assert "广告" not in doc.text and "备案号" not in doc.text and "首页" not in doc.text
    assert "本市发布城市更新行动方案" in doc.title


def test_mhtml_page(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "saved page"
    message.make_mixed()
    part = EmailMessage()
    part.set_content(SITE_PAGE, subtype="html", charset="utf-8")
    message.attach(part)
    path = tmp_path / "page.mhtml"
    path.write_bytes(message.as_bytes())
    doc = load_document(path)
    assert SENTENCES[1] in doc.text and "广告" not in doc.text


def test_a_pdf_named_txt_gets_a_message_not_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    make_pdf(tmp_path / "real.pdf")
    path.write_bytes((tmp_path / "real.pdf").read_bytes())
    with pytest.raises(DocumentError, match="proper extension"):
        load_document(path)


def _similarity(expected: str, got: str) -> float:
    import difflib

    a = "".join(expected.split())
    b = "".join(got.split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def make_notice_pdf(path: Path, columns: int = 1) -> str:
    """A government notice: red header, document number, title, body in one or two columns, page
    numbers "— N —". Returns the body text as written (the known text to compare with)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("noto", "", str(FONT))
    body = [paragraph(s, n) for s in (1, 2) for n in range(1, 4)]
    pdf.add_page()
    pdf.set_text_color(200, 0, 0)
    pdf.set_font("noto", size=22)
    pdf.set_xy(20, 20)
    pdf.cell(170, 12, "某市人民政府文件", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("noto", size=11)
    pdf.set_xy(20, 36)
    pdf.cell(170, 8, "某政发〔2026〕3号", align="C")
    pdf.set_font("noto", size=15)
    pdf.set_xy(20, 48)
    pdf.cell(170, 10, "关于做好城市更新工作的通知", align="C")
    pdf.set_font("noto", size=11)
    width = 170 if columns == 1 else 80
    lefts = [20] if columns == 1 else [20, 110]
    column, y = 0, 66.0
    page = 1
    for text in body:
        lines = []
        line = "\u3000\u3000"
        for ch in text:
            if pdf.get_string_width(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for line in lines:
            if y > 265:
                column += 1
                y = 66.0 if page == 1 else 25.0
                if column >= columns:
                    pdf.set_xy(20, 280)
                    pdf.cell(170, 6, f"— {page} —", align="C")
                    pdf.add_page()
                    page += 1
                    column, y = 0, 25.0
            pdf.set_xy(lefts[column], y)
            pdf.cell(width, 7, line)
            y += 7
    pdf.set_xy(20, 280)
    pdf.cell(170, 6, f"— {page} —", align="C")
    pdf.output(str(path))
    return "".join(body)


@pytest.mark.parametrize("columns", [1, 2])
def test_notice_pdf_text_matches_the_known_text(tmp_path: Path, columns: int) -> None:
    path = tmp_path / f"notice-{columns}.pdf"
    known = make_notice_pdf(path, columns)
    doc = load_document(path)
    body = "".join(doc.block_text(b) for b in doc.blocks if b.kind == BlockKind.PARAGRAPH)
    assert _similarity(known, body) >= 0.99, (columns, body[:200])
    assert "— 1 —" not in doc.text
    # the masthead and the document number are captions above the real title
    assert doc.title == "关于做好城市更新工作的通知"
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks[:2]] == [(BlockKind.CAPTION, "某市人民政府文件"), (BlockKind.CAPTION, "某政发〔2026〕3号")]
    # … and the title is the title block (the page shows it once, not also as the document's heading)
    assert (doc.blocks[2].kind, doc.block_text(doc.blocks[2])) == (BlockKind.TITLE, doc.title)
    assert sum(doc.block_text(b) == doc.title for b in doc.blocks) == 1


def render_page(lines: list[str], path: Path) -> None:
    """A page image of known text, as a scanner would give it (black on white, 200 dpi-like size)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 30)
    image = Image.new("L", (1240, 120 + 56 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((80 if not line.startswith("\u3000") else 80, 60 + 56 * i), line, fill=0, font=font)
    image.save(path)


def _scan_lines(order: int = 0) -> tuple[list[str], str]:
    text = "".join(SENTENCES[order:] + SENTENCES[:order]) * 2
    lines = ["\u3000\u3000" + text[:30]] + [text[i : i + 32] for i in range(30, len(text), 32)]
    return lines, text


def test_image_of_text_is_recognised_and_marked_as_such(tmp_path: Path) -> None:
    lines, text = _scan_lines()
    path = tmp_path / "scan.png"
    render_page(lines, path)
    doc = load_document(path)
    assert doc.title_note == "recognised" and "OCR" in doc.source
    assert _similarity(text, doc.text) >= 0.97


def test_scanned_pdf_is_recognised_page_by_page(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    texts = []
    for n in range(2):  # two different pages
        lines, text = _scan_lines(order=2 * n)
        texts.append(text)
        image = tmp_path / f"page{n}.png"
        render_page(lines, image)
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=190)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    from reader.core.formats.pdf import load

    seen: list[tuple[int, int]] = []
    doc = load(path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)] and doc.title_note == "recognised"
    assert _similarity("".join(texts), doc.text) >= 0.97
    from reader.core.formats.ocr import Cancelled

    with pytest.raises(Cancelled):
        load(path, should_stop=lambda: True)
