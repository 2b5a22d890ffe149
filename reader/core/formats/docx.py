"""Word documents (.docx, python-docx): paragraphs with their heading levels, table cells as paragraphs.
Macros, embedded objects and fields are never run (python-docx reads the XML only)."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import DocumentError
from reader.core.formats.packages import Package


def load(path: Path) -> Document:
    """A Word document's text as a Document."""
    package = Package(path, "Word (.docx)")  # checks size, ZIP and bombs before python-docx sees it
    try:
        package.read("word/document.xml")
    finally:
        package.close()
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    name = f"“{path.name}”"
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"{name} is not a Word document the reader can read ({exc}).") from exc
    parts: list[tuple[BlockKind, str]] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            style = (paragraph.style.name if paragraph.style is not None else "").lower()
            if not text:
                continue
            if style == "title":
                parts.append((BlockKind.TITLE, text))
            elif style.startswith("heading") or style.startswith("标题"):
                parts.append((BlockKind.HEADING, text))
            elif style == "caption":
                parts.append((BlockKind.CAPTION, text))
            else:
                parts.append((BlockKind.PARAGRAPH, text))
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    parts.append((BlockKind.PARAGRAPH, " | ".join(cells)))
    if not parts:
        raise DocumentError(f"{name} has no text to read.")
    title = (document.core_properties.title or "").strip()
    if not title:
        title = next((t for k, t in parts if k in (BlockKind.TITLE, BlockKind.HEADING)), parts[0][1][:24])
    if parts[0][0] == BlockKind.HEADING and parts[0][1] == title:
        parts[0] = (BlockKind.TITLE, title)
    return build_document(parts, title=title, path=str(path))
