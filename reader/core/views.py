"""Each block of a document converted to a script once. The first screen (text only), the glossary
pass, the readings pass and the document search all take a block's converted text from here, so a
block is converted along one path and only once while it is in use."""

from __future__ import annotations

import threading

from reader.core.convert import Converted, Script, ScriptConverter, default_converter
from reader.core.document import Document


class BlockViews:
    """Converted blocks, kept until about LIMIT characters are held, then forgotten all at once (a
    long document's conversions are cheap to redo; its annotations keep their own copies)."""

    def __init__(self, converter: ScriptConverter | None = None, limit: int = 400_000) -> None:
        self.converter = converter or default_converter()
        self._limit = limit
        self._held = 0
        self._kept: dict[tuple[str, Script, int], Converted] = {}
        self._lock = threading.Lock()

    def view(self, document: Document, script: Script, index: int, keep: bool = True) -> Converted:
        """Block INDEX of DOCUMENT in SCRIPT (kept for the next pass unless keep is False)."""
        key = (document.key, script, index)
        with self._lock:
            found = self._kept.get(key)
        if found is not None:
            return found
        converted = self.converter.to_script(document.block_text(document.blocks[index]), script)
        if keep:
            with self._lock:
                if self._held > self._limit:
                    self._kept.clear()
                    self._held = 0
                self._kept[key] = converted
                self._held += len(converted.text)
        return converted

    def release(self, document: Document, script: Script, index: int) -> None:
        """A block annotated in full keeps its own text and offsets: its conversion need not stay here."""
        with self._lock:
            converted = self._kept.pop((document.key, script, index), None)
            if converted is not None:
                self._held -= len(converted.text)

    def forget(self) -> None:
        """Forget every conversion (after a conversion setting changed)."""
        with self._lock:
            self._kept.clear()
            self._held = 0


_default: BlockViews | None = None
_default_lock = threading.Lock()


def default_views() -> BlockViews:
    """The block views of the shared converter."""
    global _default
    with _default_lock:
        if _default is None:
            _default = BlockViews()
        return _default
