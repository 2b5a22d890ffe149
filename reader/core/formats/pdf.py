"""PDF files with a text layer (pypdf): paragraphs rebuilt from positioned text, running heads and page
numbers dropped, headings kept; a scanned PDF (no text layer) is refused with a message."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import DocumentError
from reader.core.formats.layout import Fragment, drop_running_lines, official_header, paragraphs, reading_order


def _fragments(page) -> list[Fragment]:  # type: ignore[no-untyped-def]
    height = float(page.mediabox.height)
    found: list[Fragment] = []

    def visit(text: str, cm, tm, _font, size) -> None:  # type: ignore[no-untyped-def]
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        for k, piece in enumerate(text.split("\n")):
            if piece.strip():
                found.append(Fragment(float(x), height - float(y) + k * float(size) * scale * 1.2, piece, float(size) * scale))

    page.extract_text(visitor_text=visit)
    return found


class NeedsRecognition(DocumentError):
    """A scanned PDF: its text must be recognised (OCR), which takes a while (raised when not allowed)."""


def load(path: Path, progress=None, should_stop=None, recognise_scans: bool = True) -> Document:  # type: ignore[no-untyped-def]
    """A PDF's text as a Document; a scan (no text layer) is recognised page by page (OCR, with
    progress and a way to stop); DocumentError for encrypted or broken files."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from reader.core.formats import MAX_PACKAGE_BYTES

    name = f"“{path.name}”"
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise DocumentError(f"{name} is larger than {MAX_PACKAGE_BYTES >> 20} MiB; the reader opens PDF files up to that size.")
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentError(f"{name} is protected by a password; open it in a PDF viewer and save a copy without one.")
            except (NotImplementedError, PdfReadError) as exc:
                raise DocumentError(f"{name} is encrypted in a way the reader cannot open.") from exc
        pages = [reading_order(_fragments(page)) for page in reader.pages]
        title = ""
        meta = reader.metadata
        if meta is not None and meta.title:
            title = str(meta.title).strip()
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise DocumentError(f"{name} is not a PDF the reader can read ({type(exc).__name__}: {exc}).") from exc
    parts = official_header(paragraphs(drop_running_lines(pages)))
    if not parts:
        from reader.core.formats.ocr import pdf_page_images, recognise

        images = pdf_page_images(reader)
        if not images:
            raise DocumentError(f"{name} has no text layer and no page images: there is nothing to read.")
        if not recognise_scans:
            raise NeedsRecognition(f"{name} is a scan: its text must be recognised ({len(images)} pages).")
        return recognise(images, name, progress, should_stop, path=str(path))
    if not title or title.lower() in ("untitled", "microsoft word") or title.endswith((".doc", ".docx", ".pdf")):
        title = next((t for k, t in parts if k in (BlockKind.TITLE, BlockKind.HEADING)), parts[0][1][:24])
    # the title line is the document's title block (after a notice's masthead captions, if any)
    first = next((i for i, (k, _t) in enumerate(parts) if k != BlockKind.CAPTION), None)
    if first is not None and parts[first][0] == BlockKind.HEADING and parts[first][1] == title:
        parts[first] = (BlockKind.TITLE, title)
    return build_document(parts, title=title, path=str(path))
