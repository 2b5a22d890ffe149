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

IMAGE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
"""Images of text: recognised (OCR)."""


def _lazy(module: str, name: str) -> Loader:
    """A loader that imports its format's module on first use (start-up imports none of them)."""

    def load(path: Path) -> Document:
        from importlib import import_module

        loader: Loader = getattr(import_module(f"reader.core.formats.{module}"), name)
        return loader(path)

    return load


FORMATS: dict[str, Loader] = {
    ".pdf": _lazy("pdf", "load"),
    ".docx": _lazy("docx", "load"),
    ".epub": _lazy("epub", "load"),
    ".ofd": _lazy("ofd", "load"),
    ".mhtml": _lazy("webpage", "load_mhtml"),
    ".mht": _lazy("webpage", "load_mhtml"),
    **{suffix: _lazy("ocr", "load_image") for suffix in IMAGE_SUFFIXES},
}
"""Loaders by file suffix (the plain-text, Markdown and HTML loaders live in reader.core.loader)."""

SUFFIXES: tuple[str, ...] = tuple(FORMATS)
