"""Opening documents: plain text, Markdown, HTML (text only) and pasted text, plus the bundled article."""

from __future__ import annotations

import json
import re
import stat
from dataclasses import replace
from pathlib import Path

from reader.core.document import BlockKind, Document, build_document
from reader.core.encoding import MAX_FILE_BYTES, DocumentError, decode_bytes
from reader.core.structure import guess_source, structure_lines

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")

__all__ = [
    "DocumentError",
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "bundled_document",
    "document_from_html",
    "document_from_markdown",
    "document_from_text",
    "load_document",
]


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def document_from_text(text: str, title: str = "", source: str = "", path: str = "") -> Document:
    """A Document from plain text: one block per non-empty line, structure recognised."""
    text = _normalise_newlines(text).lstrip("\ufeff")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        raise DocumentError("There is no text to read.")
    parts = structure_lines(lines)
    note = ""
    if not title:
        first_kind, first_text = parts[0]
        if first_kind == BlockKind.HEADING and len(parts) > 1:
            title = first_text
            parts[0] = (BlockKind.TITLE, first_text)
        else:
            title = Path(path).stem if path else first_text[:24] + ("…" if len(first_text) > 24 else "")
            note = "untitled"
    return build_document(parts, title=title, source=source or guess_source(lines), path=path, title_note=note)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous = text
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text.strip()


def document_from_markdown(text: str, source: str = "", path: str = "") -> Document:
    """A Document from Markdown: headings, image captions, paragraphs; inline markup dropped."""
    text = _normalise_newlines(text).lstrip("\ufeff")
    parts: list[tuple[BlockKind, str]] = []
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            parts.append((BlockKind.PARAGRAPH, _md_inline("".join(paragraph) if _is_cjk_join(paragraph) else " ".join(paragraph))))
            paragraph.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            if line:
                parts.append((BlockKind.PARAGRAPH, line))
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            kind = BlockKind.TITLE if level == 1 and not any(k == BlockKind.TITLE for k, _ in parts) else BlockKind.HEADING
            parts.append((kind, _md_inline(heading.group(2))))
        elif _MD_IMAGE.fullmatch(line):
            flush()
            parts.append((BlockKind.CAPTION, _md_inline(_MD_IMAGE.sub(r"\1", line))))
        elif not line or re.fullmatch(r"[-*_]{3,}", line):
            flush()
        else:
            line = re.sub(r"^(>\s*)+|^[-*+]\s+|^\d+\.\s+", "", line)
            paragraph.append(_MD_IMAGE.sub(r"\1", line))
    flush()
    parts = [(k, t) for k, t in parts if t]
    if not parts:
        raise DocumentError("The Markdown file has no text to read.")
    title = next((t for k, t in parts if k == BlockKind.TITLE), "")
    if not title:
        title = Path(path).stem if path else parts[0][1][:24]
    return build_document(parts, title=title, source=source, path=path)


def _is_cjk_join(lines: list[str]) -> bool:
    """Chinese lines of one paragraph join without a space; Latin ones with a space."""
    return all(line and ("\u3000" <= line[-1] <= "\u9fff" or "\uff00" <= line[-1] <= "\uffef") for line in lines[:-1])


def document_from_html(html: str, source: str = "", path: str = "") -> Document:
    """A Document from HTML: its text only (tags dropped, scripts and styles never kept)."""
    from reader.core.html_text import HtmlText  # the HTML parser is imported only for HTML files

    parser = HtmlText()
    parser.feed(_normalise_newlines(html))
    parser.close()
    parts = parser.parts
    if not parts:
        raise DocumentError("The HTML file has no readable text.")
    title = re.sub(r"\s+", " ", parser.title).strip() or next((t for k, t in parts if k == BlockKind.TITLE), "")
    if not title:
        title = Path(path).stem if path else parts[0][1][:24]
    return build_document(parts, title=title, source=source, path=path)


def read_bounded(file: Path, name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most LIMIT bytes (MAX_FILE_BYTES); checked before anything is read.

    A folder, a device (/dev/zero), a FIFO or a socket is refused without being opened for reading (a
    FIFO would block), and a file that grows while it is read is cut off at the limit and refused.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    too_big = (
        f"{name} is larger than {limit // 1048576} MiB; the reader opens files up to "
        f"{limit // 1048576} MiB (about five million characters)."
    )
    try:
        info = file.stat()
    except FileNotFoundError:
        raise DocumentError(f"{name} does not exist.") from None
    except OSError as exc:
        raise DocumentError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{name} is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{name} is not a regular file (a device, pipe or socket); save it as a file first.")
    if info.st_size > limit:
        raise DocumentError(f"{name} is {info.st_size / 1048576:.1f} MiB; " + too_big.split("; ", 1)[1])
    try:
        with file.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DocumentError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise DocumentError(too_big)
    return data


def load_document(path: str | Path) -> Document:
    """Open a document (text, Markdown, HTML, PDF, Word, EPUB, OFD, saved web page) as a Document; raise
    DocumentError with a clear message."""
    file = Path(path)
    name = f"“{file.name}”"
    suffix = file.suffix.lower()
    from reader.core.formats import FORMATS

    if suffix in FORMATS:
        if not file.is_file():
            read_bounded(file, name)  # the same messages as for any file: missing, a folder, a device
        return FORMATS[suffix](file)
    data = read_bounded(file, name)
    if data[:5] == b"%PDF-" or data[:4] == b"PK\x03\x04":
        raise DocumentError(f"{name} is a PDF or a packaged document (Word, EPUB, OFD) by its content; give it its proper extension to open it.")
    text, _encoding = decode_bytes(data, name)
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in (".md", ".markdown") and _looks_like_html(text)):
        from reader.core.formats.webpage import article, looks_like_site_page

        if looks_like_site_page(text):
            found = article(text, path=str(file))
            if found is not None:
                return found
        return document_from_html(text, path=str(file))
    if suffix in (".md", ".markdown"):
        return document_from_markdown(text, path=str(file))
    sidecar = file.with_suffix(".json")
    meta = _read_sidecar(sidecar)
    document = document_from_text(text, title=meta.get("title", ""), source=meta.get("source", ""), path=str(file))
    if meta.get("title_note"):
        document = replace(document, title_note=meta["title_note"])
    return document


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _read_sidecar(path: Path) -> dict[str, str]:
    """Title and source for a text file, from a JSON file beside it (used by the bundled article)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items() if k in ("title", "source", "title_note")} if isinstance(data, dict) else {}


def bundled_document() -> Document:
    """The article that ships with the app."""
    from resources import BUNDLED_ARTICLE

    return load_document(BUNDLED_ARTICLE)
