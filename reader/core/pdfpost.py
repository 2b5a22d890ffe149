"""Finishing a printed PDF (no Qt): which pages links sit on, bookmarks, metadata, an atomic write.

pikepdf (qpdf) does the work: it copies pages and their resources between files without parsing
every object in Python, so finishing a 300-page PDF takes a fraction of a second (pypdf took ~5 s,
a quarter of a long export).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pikepdf
from pikepdf import Array, Name, OutlineItem, Pdf, String

from glossary.files import atomic_writer


class PdfPostError(Exception):
    """The printed PDF could not be read or finished."""


def _open(path: str | Path) -> Pdf:
    try:
        return Pdf.open(str(path))
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc


def _text(obj: object) -> str:
    """A name or string object as text (names without their slash)."""
    if isinstance(obj, Name):
        return str(obj)[1:]
    if isinstance(obj, (String, str)):
        return str(obj)
    return ""


def _dest_name(annot: pikepdf.Dictionary) -> str:
    """The named destination of an internal link annotation ('' for others)."""
    if annot.get("/Subtype") != Name.Link:
        return ""
    dest = annot.get("/Dest")
    if dest is None:
        action = annot.get("/A")
        dest = action.get("/D") if isinstance(action, pikepdf.Dictionary) else None
    if isinstance(dest, Array):
        return _text(dest[0]) if len(dest) and not isinstance(dest[0], pikepdf.Dictionary) else ""
    return _text(dest)


def _links(pdf: Pdf) -> Iterator[tuple[int, str]]:
    """(0-based page, destination name) of every internal link, page by page."""
    for number, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots") or []:
            if isinstance(annot, pikepdf.Dictionary) and (name := _dest_name(annot)):
                yield number, name


def _named_destinations(pdf: Pdf) -> dict[str, int]:
    """Each named destination's 0-based page (Chromium writes a /Dests dictionary; a /Names tree also works)."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    found: dict[str, int] = {}

    def add(name: str, dest: object) -> None:
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        if isinstance(dest, Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
            number = pages.get(dest[0].objgen)
            if number is not None:
                found[name] = number

    dests = pdf.Root.get("/Dests")
    if isinstance(dests, pikepdf.Dictionary):
        for key in dests.keys():
            add(key[1:], dests[key])
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
        for key, value in pikepdf.NameTree(names.Dests).items():
            add(str(key), value)
    return found


def link_pages(path: str | Path, prefix: str) -> dict[str, list[int]]:
    """For every internal link to a destination named PREFIX+X: the 1-based pages it occurs on, by X."""
    with _open(path) as pdf:
        try:
            found: dict[str, list[int]] = {}
            for number, name in _links(pdf):
                if name.startswith(prefix):
                    pages = found.setdefault(name[len(prefix) :], [])
                    if not pages or pages[-1] != number + 1:
                        pages.append(number + 1)
            return found
        except (pikepdf.PdfError, KeyError, TypeError, ValueError) as exc:
            raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc


def first_page_of(path: str | Path, prefix: str) -> int | None:
    """The 0-based page of the first named destination starting with prefix (e.g. where notes begin)."""
    with _open(path) as pdf:
        try:
            pages = [number for name, number in _named_destinations(pdf).items() if name.startswith(prefix)]
        except (pikepdf.PdfError, KeyError, TypeError, ValueError) as exc:
            raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc
    return min(pages) if pages else None


def _merge(first: Pdf, second: Pdf, body_pages: int) -> None:
    """Keep the first body_pages pages of first, then append all of second's pages (the notes alone,
    numbered on from the body), with their named destinations (links between the two parts keep working)."""
    kept = {name: n for name, n in _named_destinations(first).items() if n < body_pages}
    added = {name: n + body_pages for name, n in _named_destinations(second).items()}
    lefttop = {}
    for pdf, names in ((first, kept), (second, added)):
        dests = pdf.Root.get("/Dests")
        for name in names:
            dest = dests.get("/" + name) if isinstance(dests, pikepdf.Dictionary) else None
            if isinstance(dest, Array) and len(dest) >= 4:
                lefttop[name] = (float(dest[2]) if dest[2] is not None else 0.0, float(dest[3]) if dest[3] is not None else 0.0)
    del first.pages[body_pages:]
    first.pages.extend(second.pages)
    result = pikepdf.Dictionary()
    for name, number in list(kept.items()) + list(added.items()):
        left, top = lefttop.get(name, (0.0, 0.0))
        result["/" + name] = Array([first.pages[number].obj, Name.XYZ, left, top, 0])
    first.Root.Dests = first.make_indirect(result)


def _heading_pages(pdf: Pdf, headings: list[str]) -> list[int]:
    """The page each heading is on: internal links named h-K if present, else the page whose text holds it
    (read with pypdf, which extracts text; only for PDFs printed without those links)."""
    by_link: dict[str, int] = {}
    for number, name in _links(pdf):
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
                texts = _page_texts(pdf)
            probe = "".join(heading.split())[:6]
            for number in range(last, len(texts)):
                if probe and probe in texts[number]:
                    last = number
                    break
        result.append(last)
    return result


def _page_texts(pdf: Pdf) -> list[str]:
    import io

    from pypdf import PdfReader

    buffer = io.BytesIO()
    pdf.save(buffer)
    reader = PdfReader(buffer)
    return ["".join((p.extract_text() or "").split()) for p in reader.pages]


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

    With notes_from, the pages from body_pages on are that second print's (the notes alone, now with
    their page lists). Returns the page count. The target is replaced only by a complete
    file; on failure nothing is left.
    """
    pdf = _open(printed)
    notes = _open(notes_from) if notes_from is not None else None
    try:
        try:
            if notes is not None:
                _merge(pdf, notes, body_pages)
            pages = _heading_pages(pdf, headings) if headings else []
        except (pikepdf.PdfError, KeyError, TypeError, ValueError) as exc:
            raise PdfPostError(f"the printed PDF could not be read ({exc})") from exc
        pdf.docinfo[Name.Title] = title
        pdf.docinfo[Name.Creator] = "Zhushi"
        pdf.docinfo[Name.Subject] = subject
        pdf.docinfo[Name.Producer] = "Zhushi (QtWebEngine, pikepdf)"
        pdf.Root.Lang = String(language)
        if headings:
            with pdf.open_outline() as outline:
                top = OutlineItem(title, 0)
                for heading, page in zip(headings, pages):
                    top.children.append(OutlineItem(heading[:80], page))
                outline.root.append(top)
        with atomic_writer(Path(target), binary=True, make_parents=False) as handle:
            pdf.save(cast(BinaryIO, handle))
        return len(pdf.pages)
    finally:
        pdf.close()
        if notes is not None:
            notes.close()
