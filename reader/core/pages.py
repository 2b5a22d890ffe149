"""The JSON the page fetches for each open document: its outline and its annotated chunks per script."""

from __future__ import annotations

import bisect
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.core.annotate import DocumentAnnotator
from reader.core.convert import Script, written_script
from reader.core.document import Document
from reader.core.views import default_views
from reader.core.manifest import chunk_payload, chunk_plan, document_info, text_payload

if TYPE_CHECKING:
    from glossary.dictionary import Dictionary


class DocumentPages:
    """Registered documents, served as /doc/KEY/info.json and /doc/KEY/SCRIPT/N.json (thread-safe)."""

    def __init__(
        self, annotator: DocumentAnnotator | Callable[[], DocumentAnnotator], dictionary: Callable[[], Dictionary] | None
    ) -> None:
        """ANNOTATOR may be given as a function, called on the first request (so the glossary loads
        off the GUI thread); DICTIONARY gives CC-CEDICT when a chunk first needs its entries (None:
        serve no dictionary entries)."""
        self._annotator_source = annotator
        self._dictionary = dictionary
        self._documents: dict[str, tuple[Document, list[tuple[int, int]]]] = {}
        self._lock = threading.Lock()
        self._serving = threading.Lock()  # one request at a time: the annotator's models are not shared
        self._bytes: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        self._written_scripts: dict[str, str] = {}
        # A window clears this at start and sets it once its first screen is shown: until then the
        # heavy parts (readings, dictionary: the first one loads the models and holds the GIL for
        # a while) wait up to a second, so they do not delay the first screen's messages.
        self.first_screen = threading.Event()
        self.first_screen.set()

    @property
    def _annotator(self) -> DocumentAnnotator:
        source = self._annotator_source
        return source if isinstance(source, DocumentAnnotator) else source()

    def clear_cache(self) -> None:
        """Forget served chunks (after the glossary changed)."""
        with self._serving:
            self._bytes.clear()

    def add(self, document: Document) -> str:
        """Register a document; returns its key."""
        with self._lock:
            self._documents[document.key] = (document, chunk_plan(document))
        return document.key

    def document(self, key: str) -> Document | None:
        """A registered document."""
        entry = self._documents.get(key)
        return entry[0] if entry else None

    def plan(self, key: str) -> list[tuple[int, int]]:
        """The chunk plan of a registered document."""
        return self._documents[key][1]

    def chunk_at(self, key: str, position: int) -> int:
        """The chunk holding source POSITION of a registered document (0 when unknown)."""
        entry = self._documents.get(key)
        if entry is None:
            return 0
        document, plan = entry
        ends = [b.end for b in document.blocks]
        block = min(bisect.bisect_left(ends, position), len(ends) - 1) if ends else 0
        return next((k for k, (start, end) in enumerate(plan) if start <= block < end), 0)

    def info(self, key: str) -> dict[str, Any] | None:
        """The document outline."""
        entry = self._documents.get(key)
        return document_info(*entry) if entry else None

    def _written(self, key: str, document: Document) -> str:
        """The script a registered document is written in (worked out once)."""
        found = self._written_scripts.get(key)
        if found is None:
            found = self._written_scripts[key] = str(written_script(document.text))
        return found

    def chunk(self, key: str, script: Script, index: int, part: str = "full") -> dict[str, Any] | None:
        """One chunk in one script: part "text" (converted text only: the first screen), "terms"
        (glossary terms), "more" (readings + dictionary entries) or "full" (everything)."""
        entry = self._documents.get(key)
        if entry is None or not 0 <= index < len(entry[1]):
            return None
        document, plan = entry
        start, end = plan[index]
        if part == "text":  # conversion only: the glossary is not even loaded for the first screen
            views = default_views()
            payload = text_payload(document, views, script, range(start, end), index)
            payload["title"] = views.converter.to_script(document.title, script).text
            return payload
        if part == "terms":
            blocks = self._annotator.annotate_light(document, script, range(start, end))
        else:
            blocks = list(self._annotator.annotate(document, script, range(start, end)).blocks)
        dictionary = self._dictionary() if self._dictionary is not None and part in ("more", "full") else None
        payload = chunk_payload(blocks, dictionary, index, str(script), part, self._written(key, document),
                                self._annotator.region_for(document))
        if part == "full":
            payload["title"] = self._annotator.converter.to_script(document.title, script).text
        return payload

    def serve(self, parts: list[str]) -> bytes | None:
        """Bytes for a path under /doc/: [KEY, 'info.json'] or [KEY, SCRIPT, 'N.json' | 'N.terms.json' | 'N.more.json' | 'N.full.json'].

        Recent answers are cached.
        """
        key = tuple(parts)
        if len(parts) == 3 and parts[2].endswith((".more.json", ".full.json")):
            self.first_screen.wait(1.0)
        with self._serving:
            data = self._bytes.get(key)
            if data is None:
                data = self._serve(parts)
                if data is not None:
                    self._bytes[key] = data
                    while len(self._bytes) > 48:
                        self._bytes.popitem(last=False)
            else:
                self._bytes.move_to_end(key)
            return data

    def _serve(self, parts: list[str]) -> bytes | None:
        value: dict[str, Any] | None = None
        if len(parts) == 2 and parts[1] == "info.json":
            value = self.info(parts[0])
        elif len(parts) == 3 and parts[2].endswith(".json"):
            name = parts[2][: -len(".json")]
            part = "text"
            for suffix in ("terms", "more", "full"):
                if name.endswith("." + suffix):
                    name, part = name[: -len(suffix) - 1], suffix
            try:
                script = Script(parts[1])
                index = int(name)
            except ValueError:
                return None
            value = self.chunk(parts[0], script, index, part)
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
