"""Text recognised (OCR) from scanned pages and images, with RapidOCR (its ONNX models ship inside the
wheel: nothing is downloaded). Each recognised line keeps its position, so lines are rebuilt into
paragraphs and columns like a PDF's. The document says that its text was recognised, not read."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import DocumentError
from reader.core.formats.layout import Fragment, drop_running_lines, paragraphs, reading_order

from reader.core.formats import IMAGE_SUFFIXES  # noqa: F401  (re-exported for the window)
RECOGNISED_NOTE = "recognised"
"""title_note of a Document whose text was recognised from images (shown to the reader as such)."""

Progress = Callable[[int, int], None]  # (pages done, pages in all)


class Cancelled(DocumentError):
    """The reader stopped the recognition."""


_engine_lock = threading.Lock()


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - a dependency
        raise DocumentError("Text recognition (OCR) is not installed (rapidocr-onnxruntime).") from exc
    return RapidOCR()


def _fragments(image: Any) -> list[Fragment]:
    with _engine_lock:
        result, _elapsed = _engine()(image)
    out: list[Fragment] = []
    for box, text, score in result or []:
        if not text.strip() or float(score) < 0.5:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        height = max(ys) - min(ys)
        out.append(Fragment(min(xs), max(ys) - height * 0.2, text, height * 0.8, max(xs) - min(xs)))
    return out


def recognise(images: Sequence[Any], name: str, progress: Progress | None = None,
              should_stop: Callable[[], bool] | None = None, path: str = "") -> Document:
    """A Document from page images (paths, bytes or numpy arrays), page by page; Cancelled when stopped."""
    pages = []
    for n, image in enumerate(images):
        if should_stop is not None and should_stop():
            raise Cancelled(f"Recognising {name} was stopped.")
        pages.append(reading_order(_fragments(image)))
        if progress is not None:
            progress(n + 1, len(images))
    parts = paragraphs(drop_running_lines(pages))
    if not parts:
        raise DocumentError(f"No text was recognised in {name}.")
    title = next((t for k, t in parts if k == BlockKind.HEADING), parts[0][1][:24])
    return build_document(parts, title=title, source="text recognised from page images (OCR)", path=path,
                          title_note=RECOGNISED_NOTE)


def load_image(path: Path, progress: Progress | None = None, should_stop: Callable[[], bool] | None = None) -> Document:
    """A scanned page or photo of text (PNG, JPEG, TIFF …)."""
    from reader.core.loader import read_bounded

    data = read_bounded(path, f"“{path.name}”", 32 * 1024 * 1024)
    try:
        from PIL import Image

        import io

        with Image.open(io.BytesIO(data)) as img:
            img.verify()
    except Exception as exc:  # PIL raises many kinds for a broken image
        raise DocumentError(f"“{path.name}” is not an image the reader can read ({type(exc).__name__}).") from exc
    return recognise([data], f"“{path.name}”", progress, should_stop, path=str(path))


def pdf_page_images(reader: Any, limit: int = 500) -> list[bytes]:
    """The page-sized image of each page of a scanned PDF (the largest image on the page)."""
    images: list[bytes] = []
    for page in list(reader.pages)[:limit]:
        best: bytes | None = None
        try:
            for image in page.images:
                data = image.data
                if best is None or len(data) > len(best):
                    best = data
        except Exception:  # an image pypdf cannot decode: the page is skipped
            best = None
        if best is not None:
            images.append(best)
    return images
