"""EPUB 2 and 3 books (the standard zip and XML tools): the chapters in reading order, each chapter's
headings as the outline. Scripts in the XHTML are dropped like any HTML page's."""

from __future__ import annotations

import posixpath
from pathlib import Path

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import DocumentError
from reader.core.formats.packages import Package, local


def load(path: Path) -> Document:
    """A book's text, chapter by chapter, as a Document."""
    from reader.core.html_text import HtmlText

    package = Package(path, "EPUB")
    name = f"“{path.name}”"
    try:
        container = package.xml("META-INF/container.xml")
        rootfile = next((el.get("full-path") for el in container.iter() if local(el.tag) == "rootfile"), None)
        if not rootfile:
            raise DocumentError(f"{name} is not a complete EPUB file: its container names no package file.")
        opf = package.xml(rootfile)
        base = posixpath.dirname(rootfile)
        manifest = {el.get("id"): el for el in opf.iter() if local(el.tag) == "item"}
        spine = [el.get("idref") for el in opf.iter() if local(el.tag) == "itemref" and el.get("linear", "yes") != "no"]
        title = next(((el.text or "").strip() for el in opf.iter() if local(el.tag) == "title" and (el.text or "").strip()), "")
        creator = next(((el.text or "").strip() for el in opf.iter() if local(el.tag) == "creator" and (el.text or "").strip()), "")
        parts: list[tuple[BlockKind, str]] = []
        for idref in spine:
            item = manifest.get(idref)
            if item is None or "html" not in (item.get("media-type") or ""):
                continue
            href = posixpath.normpath(posixpath.join(base, item.get("href") or ""))
            data = package.read(href)
            parser = HtmlText()
            parser.feed(data.decode("utf-8", "replace"))
            parser.close()
            chapter = [(BlockKind.HEADING if kind == BlockKind.TITLE else kind, text) for kind, text in parser.parts]
            parts.extend(chapter)
    finally:
        package.close()
    if not parts:
        raise DocumentError(f"{name} has no text to read.")
    title = title or next((t for k, t in parts if k == BlockKind.HEADING), parts[0][1][:24])
    return build_document(parts, title=title, source=creator, path=str(path))
