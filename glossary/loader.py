"""Loading and validating the curated glossary TOML files in glossary/data/."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .model import CATEGORIES, ENGLISH_SOURCES, FIELDS, LIST_FIELDS, GlossaryEntry
from .regions import region_problem

DATA_DIR = Path(__file__).resolve().parent / "data"

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_SYLLABLE_RE = re.compile(rf"^[a-z{_TONE_MARKS}ê]+$")
# Fields that may legitimately be empty.
_OPTIONAL = frozenset({"variants", "related", "english_source_note", "introduced", "superseded"})
# Fields a data file may leave out (they default to empty).
_MAY_BE_ABSENT = frozenset({"introduced", "superseded"})
_YEAR_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class GlossaryError(Exception):
    """The curated glossary data is unreadable or invalid; the message names the file and the entry."""


def is_han(char: str) -> bool:
    """Whether a character is a CJK ideograph (counted as one pinyin syllable)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3FFFF
        or 0xF900 <= code <= 0xFAFF
        or char == "〇"
    )


def han_count(text: str) -> int:
    """The number of Han characters in text."""
    return sum(1 for char in text if is_han(char))


def pinyin_problem(pinyin: str, form: str) -> str | None:
    """What is wrong with a tone-mark pinyin reading of a form, or None."""
    syllables = pinyin.split()
    if pinyin != pinyin.strip() or "  " in pinyin:
        return f"pinyin {pinyin!r} has stray spaces"
    if any(ch.isdigit() for ch in pinyin):
        return f"pinyin {pinyin!r} uses tone numbers, not tone marks"
    normalized = unicodedata.normalize("NFC", pinyin)
    if normalized != pinyin:
        return f"pinyin {pinyin!r} is not NFC-normalized (combining tone marks)"
    for syllable in syllables:
        if not _SYLLABLE_RE.match(syllable):
            return f"pinyin syllable {syllable!r} is not lowercase tone-mark pinyin"
    count = han_count(form)
    if len(syllables) != count:
        return f"pinyin {pinyin!r} has {len(syllables)} syllables but {form!r} has {count} Han characters"
    return None


def validate_entries(entries: Iterable[GlossaryEntry]) -> list[str]:
    """Every problem with a set of entries, as readable messages naming the entry id."""
    entries = list(entries)
    problems: list[str] = []
    ids: dict[str, int] = {}
    for entry in entries:
        ids[entry.id] = ids.get(entry.id, 0) + 1
    for entry_id, count in ids.items():
        if count > 1:
            problems.append(f"{entry_id}: duplicate id ({count} entries)")
    for entry in entries:
        label = entry.id or f"<no id: {entry.simplified}>"
        for name in FIELDS:
            value = getattr(entry, name)
            if name in LIST_FIELDS:
                if any(not item.strip() for item in value):
                    problems.append(f"{label}: empty item in {name}")
            elif name not in _OPTIONAL and not value.strip():
                problems.append(f"{label}: missing or empty field {name}")
        if entry.id and not _ID_RE.match(entry.id):
            problems.append(f"{label}: id must be lowercase ascii letters, digits and hyphens")
        if entry.category not in CATEGORIES:
            problems.append(f"{label}: unknown category {entry.category!r}")
        region = region_problem(entry.region)
        if region:
            problems.append(f"{label}: {region}")
        for name in ("introduced", "superseded"):
            value = getattr(entry, name)
            if value and not _YEAR_RE.match(value):
                problems.append(f"{label}: {name} must be a year (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
        if entry.introduced and entry.superseded and entry.superseded < entry.introduced:
            problems.append(f"{label}: superseded before it was introduced")
        if entry.english_source not in ENGLISH_SOURCES:
            problems.append(f"{label}: english_source must be one of {', '.join(ENGLISH_SOURCES)}")
        elif entry.english_source == "official" and not entry.english_source_note.strip():
            problems.append(f"{label}: official english needs english_source_note (whose rendering)")
        if entry.simplified and entry.pinyin:
            problem = pinyin_problem(entry.pinyin, entry.simplified)
            if problem:
                problems.append(f"{label}: {problem}")
        if entry.simplified and entry.traditional and han_count(entry.simplified) != han_count(entry.traditional):
            problems.append(f"{label}: simplified and traditional have different lengths")
        for related in entry.related:
            if related == entry.id:
                problems.append(f"{label}: related lists the entry itself")
            elif related not in ids:
                problems.append(f"{label}: related id {related!r} does not exist")
        if len(set(entry.related)) != len(entry.related):
            problems.append(f"{label}: repeated related id")
    return problems


def read_file(path: Path) -> list[GlossaryEntry]:
    """The entries of one TOML file; raises GlossaryError naming the file and entry on bad data."""
    return [_entry(table, where) for table, where in _read_tables(path)]


def _read_tables(path: Path) -> list[tuple[dict, str]]:
    """The [[term]] tables of one TOML file with where each is (file and number), their fields checked."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(f"{path.name}: cannot read glossary file: {exc}") from exc
    terms = data.get("term", [])
    if not isinstance(terms, list):
        raise GlossaryError(f"{path.name}: 'term' must be an array of tables ([[term]])")
    tables: list[tuple[dict, str]] = []
    for index, table in enumerate(terms, start=1):
        label = table.get("id") if isinstance(table, dict) else None
        where = f"{path.name}: term #{index}" + (f" ({label})" if label else "")
        if not isinstance(table, dict):
            raise GlossaryError(f"{where}: not a table")
        unknown = sorted(set(table) - set(FIELDS))
        if unknown:
            raise GlossaryError(f"{where}: unknown field(s) {', '.join(unknown)}")
        missing = [name for name in FIELDS if name not in table and name not in _MAY_BE_ABSENT]
        if missing:
            raise GlossaryError(f"{where}: missing field(s) {', '.join(missing)}")
        tables.append((table, where))
    return tables


def _entry(table: dict, where: str) -> GlossaryEntry:
    try:
        return GlossaryEntry.from_mapping(table, source="glossary")
    except TypeError as exc:
        raise GlossaryError(f"{where}: {exc}") from exc


def data_files(data_dir: Path | None = None) -> list[Path]:
    """The curated TOML files, sorted by name."""
    return sorted((data_dir or DATA_DIR).glob("*.toml"))


def load_curated(data_dir: Path | None = None) -> list[GlossaryEntry]:
    """All curated entries from the TOML files in data_dir (default glossary/data/), validated and cached.

    Raises GlossaryError naming the file and entry when the data is invalid.
    """
    directory = (data_dir or DATA_DIR).resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data_files(directory))
    return list(_load_cached(directory, stamp))


# Bump when what the cache holds, or what makes an entry valid, changes.
_CACHE_VERSION = 2
# The tables are kept in chunks, each its own marshal blob: one marshal.loads holds the GIL until it is
# done, and a window loading the glossary in the background stays responsive between chunks.
_CHUNK = 250


@lru_cache(maxsize=8)
def _load_cached(directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> tuple[GlossaryEntry, ...]:
    """The entries of the data files, validated. Parsing ~160 TOML files takes about two seconds at every
    start; the tables of a glossary that passed validation are kept in the user cache folder, keyed by the
    folder and each file's name, time and size, and read back in a fraction of that."""
    import marshal
    import zlib

    from .cache import default_cache_dir, read_marshal, write_marshal

    key = f"{_CACHE_VERSION}|{directory}|{stamp!r}"
    path = default_cache_dir() / f"glossary-v{_CACHE_VERSION}-{zlib.crc32(key.encode('utf-8')):08x}.marshal"
    cached = read_marshal(path)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key and isinstance(cached[1], list):
        try:
            return tuple(
                GlossaryEntry.from_mapping(table, source="glossary") for blob in cached[1] for table in marshal.loads(blob)
            )
        except (TypeError, ValueError, AttributeError, EOFError):
            pass  # read again below
    entries: list[GlossaryEntry] = []
    tables: list[dict] = []
    origin: dict[str, str] = {}
    for file in data_files(directory):
        for table, where in _read_tables(file):
            entry = _entry(table, where)
            entries.append(entry)
            tables.append(table)
            origin.setdefault(entry.id, file.name)
    problems = validate_entries(entries)
    if problems:
        lines = []
        for problem in problems:
            entry_id = problem.split(":", 1)[0]
            lines.append(f"{origin.get(entry_id, '?')}: {problem}")
        raise GlossaryError("invalid curated glossary data:\n  " + "\n  ".join(lines))
    chunks = [marshal.dumps(tables[i : i + _CHUNK]) for i in range(0, len(tables), _CHUNK)]
    write_marshal(path, (key, chunks), stale_glob=f"glossary-v{_CACHE_VERSION}-*.marshal")
    return tuple(entries)
