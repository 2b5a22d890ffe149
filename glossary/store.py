"""The glossary as the app sees it: curated entries with the user's own entries overriding them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .matcher import GlossaryMatcher
from .model import GlossaryEntry

if TYPE_CHECKING:
    from .dictionary import Dictionary


class GlossaryStore:
    """Curated plus user entries; a user entry with the same id or simplified form replaces the curated one."""

    def __init__(
        self,
        curated: Iterable[GlossaryEntry],
        user: Iterable[GlossaryEntry] = (),
        segment: bool = True,
        dictionary: Dictionary | None = None,
    ) -> None:
        self._segment = segment
        self._dictionary = dictionary
        self._joins: tuple[str, ...] = ()
        self._splits: tuple[str, ...] = ()
        self._curated = list(curated)
        self._user = [e if e.source == "user" else replace(e, source="user") for e in user]
        self._entries: list[GlossaryEntry] | None = None
        self._by_id: dict[str, GlossaryEntry] = {}
        self._matcher: GlossaryMatcher | None = None

    def set_user(self, user: Iterable[GlossaryEntry]) -> None:
        """Replace the user entries (after an edit) and drop derived indexes."""
        self._user = [e if e.source == "user" else replace(e, source="user") for e in user]
        self._entries = None
        self._matcher = None

    def entries(self) -> list[GlossaryEntry]:
        """Curated entries not overridden, in order, followed by the user's entries."""
        if self._entries is None:
            user_ids = {e.id for e in self._user}
            user_forms = {e.simplified for e in self._user}
            kept = [e for e in self._curated if e.id not in user_ids and e.simplified not in user_forms]
            self._entries = kept + self._user
            self._by_id = {e.id: e for e in self._entries}
        return list(self._entries)

    def get(self, entry_id: str) -> GlossaryEntry | None:
        """The entry with this id, or None."""
        self.entries()
        return self._by_id.get(entry_id)

    def matcher(self) -> GlossaryMatcher:
        """A matcher over the current entries (user entries first, so their forms win), checking word boundaries."""
        if self._matcher is None:
            entries = self.entries()
            user = [e for e in entries if e.source == "user"]
            others = [e for e in entries if e.source != "user"]
            ordered = user + others
            segmenter = None
            if self._segment:
                from .segment import load_segmenter

                segmenter = load_segmenter([f for e in ordered for f in e.forms()], self._dictionary)
            from .patterns import read_patterns, read_senses, resolve

            patterns = resolve(read_patterns(), ordered)
            cues = {sense.entry: sense.cues for sense in read_senses()}
            self._matcher = GlossaryMatcher(ordered, segmenter, cues, self._joins, self._splits, patterns)
        return self._matcher

    def set_word_choices(self, joins: Iterable[str], splits: Iterable[str]) -> None:
        """The user's "this is one word" and "split here" (left|right) decisions."""
        self._joins = tuple(joins)
        self._splits = tuple(splits)
        self._matcher = None
