"""The shared, lazily built pieces: glossary store, user glossary, annotator, dictionary and search."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.phonetics import Phonetics

if TYPE_CHECKING:  # each part's code is imported when the part is first built (start-up imports little)
    from glossary.dictionary import Dictionary
    from glossary.search import TermSearch
    from glossary.store import GlossaryStore
    from glossary.user import UserGlossary
    from reader.core.annotate import DocumentAnnotator
    from reader.core.library import Library

T = TypeVar("T")


class Services:
    """Everything the window, the PDF export and the command line share; each part built on first use."""

    def __init__(self, user_glossary_path: Path | None = None, library_path: Path | None = None) -> None:
        self._user_glossary_path = user_glossary_path
        self._library_path = library_path
        # Each part is built once, by whichever thread asks first, under a lock of its own: a thread that
        # wants a light part (the user glossary) does not wait while another builds a heavy one (the
        # annotator, a second or more). A part waits only on the parts it is built from, so no two
        # threads can wait on each other.
        self._guard = threading.Lock()
        self._locks: dict[str, threading.RLock] = {}
        self.phonetics = Phonetics()

    def set_phonetics(self, phonetics: Phonetics) -> bool:
        """Give readings in another system from now on; False when nothing changed."""
        with self._lock_for("_annotator"):  # not while the annotator is being built with the old system
            if phonetics == self.phonetics:
                return False
            self.phonetics = phonetics
            annotator = self.__dict__.get("_annotator")
            if annotator is not None:
                annotator.set_phonetics(phonetics)
            return True

    def _lock_for(self, name: str) -> threading.RLock:
        with self._guard:
            return self._locks.setdefault(name, threading.RLock())

    def _once(self, name: str, build: Callable[[], T]) -> T:
        value = self.__dict__.get(name)
        if value is None:
            with self._lock_for(name):
                value = self.__dict__.get(name)
                if value is None:
                    value = self.__dict__[name] = build()
        return value  # type: ignore[no-any-return]

    @property
    def user_glossary(self) -> UserGlossary:
        """The user's own glossary (a broken file is kept aside; see its .warnings)."""
        def build() -> UserGlossary:
            from glossary.user import UserGlossary

            return UserGlossary(self._user_glossary_path)

        return self._once("_user_glossary", build)

    @property
    def store(self) -> GlossaryStore:
        """Curated entries with the user's overriding them."""
        def build() -> GlossaryStore:
            from glossary.loader import load_curated
            from glossary.store import GlossaryStore

            store = GlossaryStore(load_curated(), self.user_glossary.entries())
            store.set_word_choices(*self.user_glossary.word_choices())
            return store

        return self._once("_store", build)

    @property
    def annotator(self) -> DocumentAnnotator:
        """The document annotator over the current glossary."""
        def build() -> DocumentAnnotator:
            from reader.core.annotate import DocumentAnnotator

            annotator = DocumentAnnotator(self.store.matcher())
            annotator.set_phonetics(self.phonetics)
            return annotator

        return self._once("_annotator", build)

    @property
    def library(self) -> Library:
        """Every document opened (SQLite in the user's data folder)."""
        def build() -> Library:
            from reader.core.library import Library

            return Library(self._library_path)

        return self._once("_library", build)

    @property
    def dictionary(self) -> Dictionary:
        """CC-CEDICT (loaded on first use)."""
        from glossary.dictionary import default_dictionary

        return default_dictionary()

    @property
    def search(self) -> TermSearch:
        """Search over glossary and dictionary."""

        def build() -> TermSearch:
            from glossary.search import TermSearch

            return TermSearch(self.store.entries(), self.dictionary)

        return self._once("_search", build)

    def user_glossary_changed(self) -> None:
        """Re-read the user's entries into the store, matcher and search."""
        with self._lock_for("_annotator"):  # the parts built from the store wait while it changes
            self.store.set_user(self.user_glossary.entries())
            self.store.set_word_choices(*self.user_glossary.word_choices())
            self.annotator.set_matcher(self.store.matcher())
            self.__dict__.pop("_search", None)

    @property
    def warnings(self) -> list[str]:
        """Problems met while loading (a broken user glossary kept aside, …)."""
        return list(self.user_glossary.warnings)
