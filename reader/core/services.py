"""The shared, lazily built pieces: glossary store, user glossary, annotator, dictionary and search."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from glossary.dictionary import Dictionary, default_dictionary
from glossary.loader import load_curated
from glossary.search import TermSearch
from glossary.store import GlossaryStore
from glossary.user import UserGlossary
from reader.core.annotate import DocumentAnnotator


class Services:
    """Everything the window, the PDF export and the command line share; each part built on first use."""

    def __init__(self, user_glossary_path: Path | None = None) -> None:
        self._user_glossary_path = user_glossary_path
        self._lock = threading.RLock()

    @cached_property
    def user_glossary(self) -> UserGlossary:
        """The user's own glossary (a broken file is kept aside; see its .warnings)."""
        return UserGlossary(self._user_glossary_path)

    @cached_property
    def store(self) -> GlossaryStore:
        """Curated entries with the user's overriding them."""
        return GlossaryStore(load_curated(), self.user_glossary.entries())

    @cached_property
    def annotator(self) -> DocumentAnnotator:
        """The document annotator over the current glossary."""
        return DocumentAnnotator(self.store.matcher())

    @property
    def dictionary(self) -> Dictionary:
        """CC-CEDICT (loaded on first use)."""
        return default_dictionary()

    @cached_property
    def search(self) -> TermSearch:
        """Search over glossary and dictionary."""
        return TermSearch(self.store.entries(), self.dictionary)

    def user_glossary_changed(self) -> None:
        """Re-read the user's entries into the store, matcher and search."""
        with self._lock:
            self.store.set_user(self.user_glossary.entries())
            self.annotator.set_matcher(self.store.matcher())
            self.__dict__.pop("search", None)

    @property
    def warnings(self) -> list[str]:
        """Problems met while loading (a broken user glossary kept aside, …)."""
        return list(self.user_glossary.warnings)
