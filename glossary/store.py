"""The glossary as the app sees it: curated entries with the user's own entries overriding them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .matcher import GlossaryMatcher
from .model import GlossaryEntry
from .normalize import fold

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
            from .patterns import read_everyday, read_patterns, read_senses, resolve

            patterns = resolve(read_patterns(), ordered)
            senses = read_senses()
            cues = {sense.entry: sense.cues for sense in senses}
            generic = generic_forms(ordered, self._dictionary) if self._segment else set()
            if generic:
                # entries whose own term is an everyday phrase (everyday.tsv) are matched as everyday words are
                everyday = read_everyday()
                generic |= {fold(f) for e in ordered if e.id in everyday and e.source != "user" for f in e.forms()}
            self._matcher = GlossaryMatcher(
                ordered, segmenter, cues, self._joins, self._splits, patterns, generic, {s.entry: s.regions() for s in senses}
            )
        return self._matcher

    def set_word_choices(self, joins: Iterable[str], splits: Iterable[str]) -> None:
        """The user's "this is one word" and "split here" (left|right) decisions."""
        self._joins = tuple(joins)
        self._splits = tuple(splits)
        self._matcher = None


# Words in a dictionary gloss that tie a headword to one polity: such a word is a name, not an everyday word.
_SPECIFIC = re.compile(
    r"\b(?:PRC|China|Chinese|CCP|CPC|Communist|Beijing|Taiwan|Tw|Hong Kong|HK|Macau|Macao|Kuomintang|KMT|DPP|"
    r"Mao|Deng|Xi Jinping|PLA|State Council|NPC|CPPCC|Politburo|Yuan|abbr\.)\b"
)


_NUMERALS = frozenset("一二两三四五六七八九十百千万")


def generic_forms(entries: Iterable[GlossaryEntry], dictionary: Dictionary | None = None) -> set[str]:
    """The folded forms of entries that are also everyday words: CC-CEDICT lists them with no polity in the
    gloss and not as a proper name (a gloss starting with a capital: 白洋淀 "Baiyang Lake"), or, when
    CC-CEDICT lacks them, jieba's word list has them as common words (弹钢琴, 看家本领: not names of
    places, bodies or people). Numbered names never are.

    Cached on disk beside the dictionary's own cache (same key as the forms), so a matcher built again
    does not look up every form in CC-CEDICT again."""
    import hashlib

    from .cache import read_marshal, write_marshal
    from .dictionary import default_dictionary

    dictionary = dictionary or default_dictionary()
    forms = sorted({f for e in entries for f in e.forms()})
    path = None
    if dictionary.use_cache:
        digest = hashlib.sha1("\n".join(forms).encode("utf-8")).hexdigest()[:16]
        try:
            path = dictionary.cache_dir() / f"generic-v4-{dictionary.data_stamp()}-{digest}.marshal"
        except OSError:
            path = None
    cached = read_marshal(path) if path is not None else None
    if isinstance(cached, list):
        return set(cached)
    from .search import everyday_words

    everyday = everyday_words()
    out: set[str] = set()
    for form in forms:
        if not 2 <= len(form) <= 6 or any(not ("\u4e00" <= ch <= "\u9fff") or ch in _NUMERALS for ch in form):
            continue
        found = dictionary.lookup(form)
        if found and not any(_SPECIFIC.search(d) or d[:1].isupper() for e in found for d in e.definitions[:1]):
            out.add(fold(form))
        elif not found and fold(form) in everyday:
            out.add(fold(form))
    if path is not None:
        write_marshal(path, sorted(out), "generic-v4-*.marshal")
    return out
