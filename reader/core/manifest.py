"""What the page is served: a document's outline and its annotated chunks, with the entries hover needs."""

from __future__ import annotations

import re

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader.core.annotate import BlockAnnotation
from reader.core.convert import OffsetMap, Script, default_converter, written_script
from reader.core.document import BlockKind, Document
from reader.core.longtail import long_tail
from reader.core.positions import per_unit, spans_to_utf16, utf16_offsets
from reader.core.views import BlockViews

if TYPE_CHECKING:
    from glossary.dictionary import Dictionary
    from glossary.model import GlossaryEntry

FIRST_CHUNK_CHARS = 6_000
CHUNK_CHARS = 40_000


def chunk_plan(document: Document, first: int = FIRST_CHUNK_CHARS, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Block ranges [start, end) served as chunks: a small first one so the first screen comes fast."""
    plan: list[tuple[int, int]] = []
    start = 0
    chars = 0
    limit = first
    for i, block in enumerate(document.blocks):
        chars += block.end - block.start
        if chars >= limit:
            plan.append((start, i + 1))
            start, chars, limit = i + 1, 0, size
    if start < len(document.blocks):
        plan.append((start, len(document.blocks)))
    return plan


_NOTES = {  # what a marker in Document.title_note tells the reader
    "recognised": "This text was recognised from page images (OCR), not read from a text layer: check names and figures against the original.",
}


def document_info(document: Document, plan: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """The outline the page needs before any chunk: title, source, block kinds and chunk ranges."""
    return {
        "key": document.key,
        "title": document.title,
        "title_note": _NOTES.get(document.title_note, document.title_note),
        "source": document.source,
        "path": document.path,
        "chars": document.char_count,
        "written": str(written_script(document.text)),  # the script the document itself is in
        "blocks": [{"kind": str(b.kind), "len": b.end - b.start} for b in document.blocks],
        "chunks": [list(r) for r in plan],
    }


def _block_item(index: int, kind: BlockKind, text: str, src: int, offsets: OffsetMap, readings: list[str | None], spans: list[list[Any]]) -> dict[str, Any]:
    """A block as the page gets it: every position in UTF-16 units of its text (see reader.core.positions)."""
    units = utf16_offsets(text)
    item: dict[str, Any] = {
        "i": index, "kind": str(kind), "text": text, "src": src,
        "py": per_unit(units, readings), "terms": spans_to_utf16(units, spans),
    }
    if not offsets.is_identity or units is not None:
        # one source position per UTF-16 unit (both halves of a pair map where the character starts)
        item["map"] = [offsets.to_source(i) for i, ch in enumerate(text) for _ in range(2 if ord(ch) > 0xFFFF else 1)]
        item["map"].append(offsets.to_source(len(text)))
    return item


def _spans(block: BlockAnnotation) -> list[list[Any]]:
    """[start, end, entry id, flag] per term, in order: flag 0 a glossary term, 1 a weak hit (the context
    does not support the glossary sense), 2 a long-tail term with no entry ([start, end, "", 2, kind])."""
    spans: list[list[Any]] = [[t.start, t.end, t.entry.id, 1 if t.weak else 0] for t in block.terms]
    spans += [[t.start, t.end, "", 2, t.kind] for t in long_tail(block.text, block.terms)]
    spans.sort(key=lambda span: span[0])
    return spans


def _block_json(block: BlockAnnotation) -> dict[str, Any]:
    return _block_item(block.index, block.kind, block.text, block.source_start, block.offsets, list(block.readings), _spans(block))


def text_payload(document: Document, views: BlockViews, script: Script, blocks: range, chunk: int) -> dict[str, Any]:
    """A chunk's text in a script, without terms or readings: all the first screen waits for (the
    conversions stay in VIEWS for the terms and readings that follow)."""
    out = []
    for i in blocks:
        block = document.blocks[i]
        view = views.view(document, script, i)
        out.append(_block_item(i, block.kind, view.text, block.start, view.offsets, [None] * len(view.text), []))
    return {"chunk": chunk, "script": str(script), "part": "text", "blocks": out, "glossary": {}, "dict": {}}


def entry_view(entry: GlossaryEntry, script: str, written: str = "traditional", region: str = "mainland") -> dict[str, Any]:
    """An entry as the page shows it in a script view: the Chinese explanation in the view's script.

    The explanation is converted by the script it is written in, whatever the entry's region (Mainland
    entries are mostly written in Simplified, Taiwan, Hong Kong and Macau ones mostly in Traditional, but
    not all): Simplified text is converted for the Traditional views (Taiwan and Hong Kong usage in their
    views), Traditional text for a Simplified view. A user's own entry is shown as its user wrote it in
    the Traditional views. In the original view of a Traditional text, the document's region (as the reader
    reads it) chooses Taiwan or Hong Kong usage (為, not the 爲 of OpenCC's standard Traditional).
    """
    data = entry.display_json()
    simplified_view = script == "simplified" or (script == "original" and written == "simplified")
    # the Chinese explanation, and the Chinese words quoted in the English one (厅, 经信, 工业和信息化部)
    for field in ("explanation_zh", "explanation_en"):
        text = getattr(entry, field)
        if field == "explanation_en" and not _HAN.search(text):
            continue
        written_in = written_script(text)
        if simplified_view:
            if written_in == Script.TRADITIONAL:
                data[field] = _converted(text, "t2s")
        elif entry.source != "user" and written_in == Script.SIMPLIFIED:
            view = script if script != "original" else {"taiwan": "taiwan", "hong-kong": "hongkong", "macau": "hongkong"}.get(region, "")
            data[field] = _converted(text, {"taiwan": "zhushi-s2tw", "hongkong": "zhushi-s2hk"}.get(view, "zhushi-s2t"))
    return data


_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=8192)
def _converted(text: str, config: str) -> str:
    """An explanation in another script, converted once (an entry is served again with every chunk it occurs in)."""
    return default_converter().convert(text, config).text


def chunk_payload(
    blocks: Sequence[BlockAnnotation],
    dictionary: Dictionary | None,
    chunk: int,
    script: str,
    part: str = "full",
    written: str = "traditional",
    region: str = "mainland",
) -> dict[str, Any]:
    """One annotated chunk: blocks with readings and term spans, plus the glossary and dictionary entries used.

    part "terms": each block's term spans and the glossary entries only; "more": readings and
    dictionary entries only (the two complete a chunk first served by text_payload); "full": everything.
    """
    words = dictionary.entries_for_text("\n".join(b.text for b in blocks)) if dictionary is not None and part != "terms" else {}
    if part == "more":
        readings = {str(b.index): per_unit(utf16_offsets(b.text), b.readings) for b in blocks}
        return {"chunk": chunk, "script": script, "part": part, "readings": readings, "dict": words}
    glossary: dict[str, Any] = {}
    for block in blocks:
        for term in block.terms:
            if term.entry.id not in glossary:
                glossary[term.entry.id] = entry_view(term.entry, script, written, region)
    if part == "terms":
        terms = {str(b.index): spans_to_utf16(utf16_offsets(b.text), _spans(b)) for b in blocks}
        return {"chunk": chunk, "script": script, "part": part, "terms": terms, "glossary": glossary}
    return {
        "chunk": chunk,
        "script": script,
        "part": part,
        "blocks": [_block_json(b) for b in blocks],
        "glossary": glossary,
        "dict": words,
    }
