"""Documents in the formats readers are sent: each format a small module with one `load(path) -> Document`.

PDF (text layer; a scan is recognised), Word (.docx), EPUB, OFD (GB/T 33190), saved web pages (.mhtml)
and images of text (recognised, OCR). Every importer
reads a bounded file, refuses what it cannot read with a DocumentError that says why, and never runs
anything found inside the file (no scripts, no macros, no external references).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.core.document import Document

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
"""Largest PDF, Word, EPUB or OFD file opened (their text is still bounded like any document's)."""

Loader = Callable[[Path], Document]


def _pdf(path: Path) -> Document:
    from reader.core.formats.pdf import load

    return load(path)


def _docx(path: Path) -> Document:
    from reader.core.formats.docx import load

    return load(path)


def _epub(path: Path) -> Document:
    from reader.core.formats.epub import load

    return load(path)


def _ofd(path: Path) -> Document:
    from reader.core.formats.ofd import load

    return load(path)


def _image(path: Path) -> Document:
    from reader.core.formats.ocr import load_image

    return load_image(path)


def _mhtml(path: Path) -> Document:
    from reader.core.formats.webpage import load_mhtml

    return load_mhtml(path)


FORMATS: dict[str, Loader] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".epub": _epub,
    ".ofd": _ofd,
    ".mhtml": _mhtml,
    ".mht": _mhtml,
    **{suffix: _image for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")},
}
"""Loaders by file suffix (the plain-text, Markdown and HTML loaders live in reader.core.loader)."""

SUFFIXES: tuple[str, ...] = tuple(FORMATS)
