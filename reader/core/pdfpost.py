"""Finishing a printed PDF (no Qt): which pages links sit on, bookmarks, metadata, an atomic write."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter

from glossary.files import atomic_writer
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject


class PdfPostError(Exception):
    """The printed PDF could not be read or finished."""


def _dest_name(annot: object) -> str:
    """The named destination of an internal link annotation ('' for others)."""
    try:
        obj = annot.get_object()  # type: ignore[attr-defined]
        if obj.get("/Subtype") != "/Link":
            return ""
        dest = obj.get("/Dest")
        if dest is None and "/A" in obj:
            action = obj["/A"].get_object()
            dest = action.get("/D")
        if dest is None:
            return ""
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        return str(dest[0] if isinstance(dest, list) and dest and isinstance(dest[0], str) else dest)
    except (KeyError, AttributeError, TypeError, IndexError):
        return ""


def link_pages(path: str | Path, prefix: str) -> dict[str, list[int]]:
    """For every internal link to a destination named PREFIX+X: the 1-based pages it occurs on, by X."""
    try:
        reader = PdfReader(str(path))
        found: dict[str, list[int]] = {}
        for number, page in enumerate(reader.pages, start=1):
            for annot in page.get("/Annots") or []:
                name = _dest_name(annot).lstrip("/")
                if name.startswith(prefix):
                    key = name[len(prefix) :]
                    pages = found.setdefault(key, [])
                    if not pages or pages[-1] != number:
                        pages.append(number)
        return found
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc


def first_page_of(path: str | Path, prefix: str) -> int | None:
    """The 0-based page of the first named destination starting with prefix (e.g. where notes begin)."""
    try:
        reader = PdfReader(str(path))
        pages = [
            number
            for name, dest in reader.named_destinations.items()
            if name.lstrip("/").startswith(prefix) and (number := reader.get_destination_page_number(dest)) is not None
        ]
    except Exception as exc:
        raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc
    return min(pages) if pages else None


def _merged(first: PdfReader, second: PdfReader, body_pages: int) -> PdfWriter:
    """The first body_pages pages of first, then second's pages from body_pages on, with their
    named destinations (links between the two parts keep working)."""
    writer = PdfWriter()
    for page in first.pages[:body_pages]:
        writer.add_page(page)
    for page in second.pages[body_pages:]:
        writer.add_page(page)
    dests = DictionaryObject()
    for reader, keep in ((first, lambda n: n < body_pages), (second, lambda n: n >= body_pages)):
        for name, dest in reader.named_destinations.items():
            number = reader.get_destination_page_number(dest)
            if number is None or number < 0 or not keep(number):
                continue
            dests[NameObject(name if name.startswith("/") else "/" + name)] = ArrayObject(
                [
                    writer.pages[number].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(dest.get("/Left") or 0),
                    FloatObject(dest.get("/Top") or 0),
                    FloatObject(0),
                ]
            )
    writer._root_object[NameObject("/Dests")] = writer._add_object(dests)  # noqa: SLF001 (Chromium's form of names)
    return writer


def _heading_pages(reader: PdfReader, headings: list[str]) -> list[int]:
    """The page each heading is on: internal links named h-K if present, else the page whose text holds it."""
    by_link: dict[str, int] = {}
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            name = _dest_name(annot).lstrip("/")
            if name.startswith("h-") and name[2:] not in by_link:
                by_link[name[2:]] = number
    texts: list[str] | None = None
    result: list[int] = []
    last = 0
    for k, heading in enumerate(headings):
        if str(k) in by_link:
            last = by_link[str(k)]
        else:
            if texts is None:
                texts = ["".join((p.extract_text() or "").split()) for p in reader.pages]
            probe = "".join(heading.split())[:6]
            for number in range(last, len(texts)):
                if probe and probe in texts[number]:
                    last = number
                    break
        result.append(last)
    return result


def finish_pdf(
    printed: str | Path,
    target: Path,
    title: str,
    language: str,
    headings: list[str],
    subject: str = "",
    notes_from: str | Path | None = None,
    body_pages: int = 0,
) -> int:
    """Add metadata, language and heading bookmarks to a printed PDF and write it to target atomically.

    With notes_from, the pages from body_pages on are taken from that second print (the notes,
    now with their page lists). Returns the page count. The target is replaced only by a complete
    file; on failure nothing is left.
    """
    try:
        reader = PdfReader(str(printed))
        if notes_from is not None:
            writer = _merged(reader, PdfReader(str(notes_from)), body_pages)
        else:
            writer = PdfWriter(clone_from=reader)
    except Exception as exc:
        raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc
    writer.add_metadata({"/Title": title, "/Creator": "Zhushi", "/Subject": subject, "/Producer": "Zhushi (QtWebEngine, pypdf)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)  # noqa: SLF001 (pypdf has no setter)
    if headings:
        top = writer.add_outline_item(title=title, page_number=0)
        for heading, page in zip(headings, _heading_pages(reader, headings)):
            writer.add_outline_item(title=heading[:80], page_number=page, parent=top)
    with atomic_writer(Path(target), binary=True, make_parents=False) as handle:
        writer.write(handle)
    return len(writer.pages)
