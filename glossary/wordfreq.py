"""jieba's word frequencies in a compact, memory-mapped form: a MARISA trie of the words, an array of
their counts and a byte per word for its part-of-speech tag (v, n, a …), indexed by the trie's key ids.

As a Python dict the 349,000 words cost about 40 MB; the trie is about 1.3 MB on disk, mapped rather
than read, and the counts 1.4 MB. Both files are built from jieba's dict.txt on first use and kept in
the cache folder, named by the word list's size and time (a new jieba builds new files).
"""

from __future__ import annotations

import array
import logging
import math
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

_VERSION = 2


class WordFrequencies:
    """Words and their counts; read-only, shared between threads."""

    def __init__(self, trie: object, counts: array.array, tags: bytes = b"") -> None:
        self._trie = trie
        self._id = trie.get  # type: ignore[attr-defined]
        self._prefixes = trie.iter_prefixes_with_ids  # type: ignore[attr-defined]
        self._counts = counts
        self._tags = tags  # the first letter of each word's part-of-speech tag in jieba's list (v verb, n noun …)
        self.total = sum(counts)
        self._log_total = math.log(self.total or 1)

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._id(word) is not None

    def get(self, word: str, default: int = 0) -> int:
        """The count of word, or default when the list lacks it."""
        i = self._id(word)
        return default if i is None else self._counts[i]

    def tag(self, word: str) -> str:
        """The first letter of word's part-of-speech tag in the list ("v" for a verb, "n" a noun, "a" an
        adjective …), or "" when the list lacks the word or its tag."""
        i = self._id(word)
        if i is None or i >= len(self._tags):
            return ""
        return chr(self._tags[i]) if self._tags[i] else ""

    def prefix_counts(self, text: str) -> dict[int, int]:
        """{length: count} of every listed word that text starts with (one walk down the trie)."""
        counts = self._counts
        return {len(word): counts[i] for word, i in self._prefixes(text)}

    def cuts(self, text: str, phrase: Callable[[int, int], bool], phrase_count: int, longest: int = 12,
             phrase_longest: int = 12) -> tuple[int, ...]:
        """The cut points (0 and len(text) included) of the most probable segmentation of text into words of
        this list (with their counts, up to longest characters), stretches of up to phrase_longest characters
        that phrase(start, end) accepts (with phrase_count) and single characters."""
        log_total = self._log_total
        n = len(text)
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for a in range(n - 1, -1, -1):
            known = self.prefix_counts(text[a : a + longest])  # the listed words starting at a, by length
            reach = max(max(known, default=1), min(phrase_longest, longest))  # nothing longer can be a word
            choice = (-1e18, a + 1)
            for b in range(a + 1, min(n, a + reach) + 1):
                f = known.get(b - a, 0)
                if not f and b - a > 1:
                    if not phrase(a, b):
                        continue
                    f = phrase_count
                score = math.log(f or 1) - log_total + best[b][0]
                if score > choice[0]:
                    choice = (score, b)
            best[a] = choice
        cuts = [0]
        while cuts[-1] < n:
            cuts.append(best[cuts[-1]][1])
        return tuple(cuts)

    def items(self) -> Iterator[tuple[str, int]]:
        counts = self._counts
        for word, i in self._trie.iteritems():  # type: ignore[attr-defined]
            yield word, counts[i]


def _read_dict(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    freqs: dict[str, int] = {}
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                freqs[parts[0]] = int(parts[1])
                if len(parts) >= 3 and parts[2][:1].isascii():
                    tags[parts[0]] = parts[2][:1]
    return freqs, tags


def build(freqs: dict[str, int], tags: dict[str, str] | None = None) -> WordFrequencies:
    """A WordFrequencies over a dict (in memory), with the words' part-of-speech tags when given."""
    import marisa_trie

    trie = marisa_trie.Trie(list(freqs))
    counts = array.array("I", bytes(4 * len(trie)))
    for word, count in freqs.items():
        counts[trie[word]] = min(count, 0xFFFFFFFF)
    codes = bytearray(len(trie))
    for word, tag in (tags or {}).items():
        i = trie.get(word)
        if i is not None:
            codes[i] = ord(tag)
    return WordFrequencies(trie, counts, bytes(codes))


def load(source: Path, cache_dir: Path | None) -> WordFrequencies:
    """The frequencies of a jieba-format word list, from the cache files when present, else built (and
    cached when cache_dir is given)."""
    import marisa_trie

    from .cache import stamp, write_bytes

    base = None
    if cache_dir is not None:
        try:
            base = cache_dir / f"wordfreq-v{_VERSION}-{stamp(source)}"
        except OSError:
            base = None
    if base is not None:
        trie_path, counts_path = base.with_suffix(".marisa"), base.with_suffix(".counts")
        try:
            trie = marisa_trie.Trie()
            trie.mmap(str(trie_path))
            counts = array.array("I")
            counts.frombytes(counts_path.read_bytes())
            tags = base.with_suffix(".tags").read_bytes()
            if len(counts) == len(trie) == len(tags):
                return WordFrequencies(trie, counts, tags)
        except (OSError, ValueError, RuntimeError):
            pass
    built = build(*_read_dict(source))
    if base is not None:
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            for old in base.parent.glob("wordfreq-v*"):
                old.unlink(missing_ok=True)
            write_bytes(base.with_suffix(".counts"), built._counts.tobytes())
            write_bytes(base.with_suffix(".tags"), built._tags)
            write_bytes(base.with_suffix(".marisa"), built._trie.tobytes())  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("cannot write the word-frequency cache %s: %s", base, exc)
    return built


_lock = threading.Lock()
_shared: list[WordFrequencies] = []


def jieba_frequencies() -> WordFrequencies:
    """jieba's word frequencies (empty when jieba's list is not installed), shared by the process."""
    with _lock:
        if not _shared:
            from .dictionary import default_dictionary
            from .search import _jieba_dict

            path = _jieba_dict()
            if path is None:
                _shared.append(build({}))
            else:
                dictionary = default_dictionary()
                _shared.append(load(path, dictionary.cache_dir() if dictionary.use_cache else None))
        return _shared[0]
