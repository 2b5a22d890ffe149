"""Annotation: a document's blocks in a chosen script, with a reading per character and glossary-term spans."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from typing import TYPE_CHECKING

from glossary.matcher import GlossaryMatcher, TermMatch
from reader.core.convert import OffsetMap, Script, ScriptConverter, default_converter
from reader.core.document import BlockKind, Document
from reader.core.phonetics import Phonetics, readings_for
from reader.core.views import BlockViews, default_views

if TYPE_CHECKING:
    from reader.core.pinyin import PinyinAnnotator

CHUNK_CHARS = 20_000
"""Blocks are annotated in chunks of about this many characters (pinyin runs best in batches)."""


@dataclass(frozen=True)
class BlockAnnotation:
    """One block in one script: its view text, the map back to the source, readings and terms."""

    index: int
    kind: BlockKind
    text: str
    source_start: int
    offsets: OffsetMap
    readings: tuple[str | None, ...]
    terms: tuple[TermMatch, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of this block's view text as a span of the document's source text."""
        s, e = self.offsets.source_span(start, end)
        return self.source_start + s, self.source_start + e


@dataclass(frozen=True)
class Annotation:
    """A whole document (or its annotated part) in one script."""

    document: Document
    script: Script
    blocks: tuple[BlockAnnotation, ...]

    @property
    def text(self) -> str:
        """The view text of the annotated blocks, joined by newlines."""
        return "\n".join(b.text for b in self.blocks)

    def terms(self) -> list[TermMatch]:
        """Every glossary term in the annotated blocks, in order (block-relative positions)."""
        return [t for b in self.blocks for t in b.terms]


class DocumentAnnotator:
    """Annotates documents block by block and caches the result per (document, script, block)."""

    def __init__(
        self,
        matcher: GlossaryMatcher,
        converter: ScriptConverter | None = None,
        pinyin: PinyinAnnotator | None = None,
    ) -> None:
        self._matcher = matcher
        self._converter = converter or default_converter()
        # one conversion per block, shared with the first screen when the converter is the shared one
        self._block_views = default_views() if self._converter is default_converter() else BlockViews(self._converter)
        self._pinyin_given = pinyin  # the default model (numpy, weights) loads on first use
        self._cache: dict[tuple[str, Script], list[BlockAnnotation | None]] = {}
        self._views: dict[tuple[str, Script], list[str]] = {}
        self._regions: dict[str, str] = {}  # document key -> region (detected or chosen by the user)
        self._chosen: set[str] = set()  # document keys whose region the user chose
        self._phonetics = Phonetics()
        self._lock = threading.Lock()

    @property
    def _pinyin(self) -> PinyinAnnotator:
        if self._pinyin_given is None:
            from reader.core.pinyin import default_annotator

            self._pinyin_given = default_annotator()
        return self._pinyin_given

    @property
    def converter(self) -> ScriptConverter:
        """The script converter in use."""
        return self._converter

    @property
    def matcher(self) -> GlossaryMatcher:
        """The glossary matcher in use."""
        return self._matcher

    def set_matcher(self, matcher: GlossaryMatcher) -> None:
        """Use another glossary (e.g. after the user's glossary changed); clears the cache."""
        with self._lock:
            self._matcher = matcher
            self._cache.clear()
            self._views.clear()

    @property
    def phonetics(self) -> Phonetics:
        """The phonetic system the readings are in (and whether the Taiwan view uses Taiwan readings)."""
        return self._phonetics

    def set_phonetics(self, phonetics: Phonetics) -> None:
        """Give readings in another system from now on; annotated blocks are forgotten."""
        with self._lock:
            if phonetics != self._phonetics:
                self._phonetics = phonetics
                self._cache.clear()

    def forget_views(self) -> None:
        """Forget every converted and annotated block (after the conversion changed, e.g. Taiwan vocabulary)."""
        with self._lock:
            self._cache.clear()
            self._views.clear()
        self._block_views.forget()

    def region_for(self, document: Document) -> str:
        """The region the document is read as: the user's choice, else the detected one."""
        region = self._regions.get(document.key)
        if region is None:
            from reader.core.region import detect_region

            region = detect_region(document.text).region
            with self._lock:
                self._regions.setdefault(document.key, region)
        return region

    def region_chosen(self, document: Document) -> bool:
        """Whether the user chose the document's region (rather than it being detected)."""
        return document.key in self._chosen

    def set_region(self, document: Document, region: str | None) -> None:
        """Read the document as region (None: back to the detected one); its terms are matched again."""
        with self._lock:
            self._regions.pop(document.key, None)
            self._chosen.discard(document.key)
            if region is not None:
                self._regions[document.key] = region
                self._chosen.add(document.key)
            for key in [k for k in self._cache if k[0] == document.key]:
                del self._cache[key]

    def document_terms(self, document: Document, text: str | None = None, include_weak: bool = False) -> list[TermMatch]:
        """The glossary terms of a whole document (or of TEXT read as that document), as the page marks them."""
        matches = self._matcher.find(document.text if text is None else text, self.region_for(document))
        return matches if include_weak else [m for m in matches if not m.weak]

    def view_texts(self, document: Document, script: Script) -> list[str]:
        """Every block's text in a script (conversion only, no pinyin), cached."""
        key = (document.key, script)
        views = self._views.get(key)
        if views is None:
            slots = self._slots(document, script)
            views = [
                slot.text if slot is not None else self._block_views.view(document, script, i, keep=False).text
                for i, slot in enumerate(slots)
            ]
            with self._lock:
                if len(self._views) > 8:
                    self._views.clear()
                self._views[key] = views
        return views

    def _slots(self, document: Document, script: Script) -> list[BlockAnnotation | None]:
        with self._lock:
            key = (document.key, script)
            if key not in self._cache:
                self._cache[key] = [None] * len(document.blocks)
            return self._cache[key]

    def annotate(
        self,
        document: Document,
        script: Script,
        blocks: Sequence[int] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Annotation:
        """Annotate the given blocks (all by default) in the given script."""
        slots = self._slots(document, script)
        wanted = list(range(len(document.blocks))) if blocks is None else list(blocks)
        todo = [i for i in wanted if slots[i] is None]
        chunk: list[int] = []
        size = 0
        for i in todo:
            block = document.blocks[i]
            chunk.append(i)
            size += block.end - block.start
            if size >= CHUNK_CHARS:
                if should_stop and should_stop():
                    break
                self._annotate_chunk(document, script, chunk, slots)
                chunk, size = [], 0
        if chunk and not (should_stop and should_stop()):
            self._annotate_chunk(document, script, chunk, slots)
        done = tuple(slots[i] for i in wanted if slots[i] is not None)
        return Annotation(document, script, done)  # type: ignore[arg-type]

    def annotate_light(self, document: Document, script: Script, blocks: Sequence[int]) -> list[BlockAnnotation]:
        """Blocks converted and matched but without readings (for a fast first screen); full ones if cached."""
        slots = self._slots(document, script)
        out: list[BlockAnnotation] = []
        for i in blocks:
            slot = slots[i]
            if slot is None:
                block = document.blocks[i]
                view = self._block_views.view(document, script, i)
                slot = BlockAnnotation(
                    index=i,
                    kind=block.kind,
                    text=view.text,
                    source_start=block.start,
                    offsets=view.offsets,
                    readings=(None,) * len(view.text),
                    terms=tuple(self._matcher.find(view.text, self.region_for(document))),
                )
            out.append(slot)
        return out

    def _annotate_chunk(
        self, document: Document, script: Script, indices: list[int], slots: list[BlockAnnotation | None]
    ) -> None:
        views = []
        for i in indices:
            views.append(self._block_views.view(document, script, i))
        joined = "\n".join(v.text for v in views)
        readings = readings_for(joined, self._phonetics, taiwan_view=script == Script.TAIWAN, mandarin=self._pinyin)
        terms = self._matcher.find(joined, self.region_for(document))
        pos = 0
        term_iter = iter(terms)
        pending = next(term_iter, None)
        for i, view in zip(indices, views):
            end = pos + len(view.text)
            block_terms: list[TermMatch] = []
            while pending is not None and pending.start < end:
                if pending.start >= pos and pending.end <= end:
                    block_terms.append(
                        TermMatch(pending.start - pos, pending.end - pos, pending.text, pending.entry, pending.weak)
                    )
                pending = next(term_iter, None)
            block = document.blocks[i]
            slots[i] = BlockAnnotation(
                index=i,
                kind=block.kind,
                text=view.text,
                source_start=block.start,
                offsets=view.offsets,
                readings=tuple(readings[pos:end]),
                terms=tuple(block_terms),
            )
            self._block_views.release(document, script, i)
            pos = end + 1
