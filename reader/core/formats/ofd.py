"""OFD documents (GB/T 33190, the national fixed-layout format): the text objects of each page in page
order, rebuilt into lines and paragraphs like a PDF's."""

from __future__ import annotations

import posixpath
from pathlib import Path

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import DocumentError
from reader.core.formats.layout import Fragment, drop_running_lines, official_header, paragraphs, reading_order
from reader.core.formats.packages import Package, local


def _floats(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _page_fragments(root) -> list[Fragment]:  # type: ignore[no-untyped-def]
    out: list[Fragment] = []
    for obj in root.iter():
        if local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = _floats(obj.get("Size"))
        size_mm = size[0] if size else 3.5
        for code in obj:
            if local(code.tag) != "TextCode" or not (code.text or "").strip():
                continue
            x = bx + (_floats(code.get("X")) or [0.0])[0]
            y = by + (_floats(code.get("Y")) or [0.0])[0]
            deltas = _floats(code.get("DeltaX"))
            width = sum(deltas) + size_mm if deltas else 0.0
            out.append(Fragment(x, y, code.text or "", size_mm, width))
    return out


def load(path: Path) -> Document:
    """An OFD file's text as a Document."""
    package = Package(path, "OFD")
    name = f"“{path.name}”"
    try:
        root = package.xml("OFD.xml")
        doc_root = next(((el.text or "").strip() for el in root.iter() if local(el.tag) == "DocRoot"), "")
        if not doc_root:
            raise DocumentError(f"{name} is not a complete OFD file: OFD.xml names no document.")
        doc_root = doc_root.lstrip("/")
        document = package.xml(doc_root)
        base = posixpath.dirname(doc_root)
        title = next(((el.text or "").strip() for el in root.iter() if local(el.tag) == "Title" and (el.text or "").strip()), "")
        pages = []
        for page in document.iter():
            if local(page.tag) != "Page" or not page.get("BaseLoc"):
                continue
            loc = page.get("BaseLoc", "").lstrip("/")
            full = loc if loc in package.names() else posixpath.normpath(posixpath.join(base, loc))
            pages.append(reading_order(_page_fragments(package.xml(full))))
    finally:
        package.close()
    parts = official_header(paragraphs(drop_running_lines(pages)))
    if not parts:
        raise DocumentError(f"{name} has no text to read (its pages may be images).")
    title = title or next((t for k, t in parts if k in (BlockKind.TITLE, BlockKind.HEADING)), parts[0][1][:24])
    if parts[0][0] == BlockKind.HEADING and parts[0][1] == title:
        parts[0] = (BlockKind.TITLE, title)
    return build_document(parts, title=title, path=str(path))
