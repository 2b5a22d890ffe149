"""The user's own glossary: a JSON file written atomically, CSV/TSV import and export, Anki/Pleco export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .files import atomic_write_text
from .loader import pinyin_problem
from .model import CATEGORIES, ENGLISH_SOURCES, FIELDS, LIST_FIELDS, GlossaryEntry
from .pinyin import numbers_to_marks, toneless

FILE_NAME = "user-glossary.json"
FORMAT_VERSION = 1
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def default_path() -> Path:
    """platformdirs.user_data_dir("zhushi")/user-glossary.json."""
    import platformdirs

    return Path(platformdirs.user_data_dir("zhushi")) / FILE_NAME


def check_user_entry(entry: GlossaryEntry) -> list[str]:
    """Problems that make an entry unusable: no id/simplified/english, bad id, category or pinyin."""
    problems = []
    if not entry.id.strip():
        problems.append("missing id")
    elif not _ID_RE.match(entry.id):
        problems.append(f"id {entry.id!r} must be lowercase ascii letters, digits and hyphens")
    if not entry.simplified.strip():
        problems.append("missing simplified")
    if not entry.english.strip():
        problems.append("missing english")
    if entry.category and entry.category not in CATEGORIES:
        problems.append(f"unknown category {entry.category!r}")
    if entry.english_source and entry.english_source not in ENGLISH_SOURCES:
        problems.append(f"english_source must be one of {', '.join(ENGLISH_SOURCES)}")
    if entry.pinyin and entry.simplified:
        problem = pinyin_problem(entry.pinyin, entry.simplified)
        if problem:
            problems.append(problem)
    return problems


def normalize_user_entry(entry: GlossaryEntry) -> GlossaryEntry:
    """Trim fields, turn tone-number pinyin into tone marks, default english_source, mark source="user"."""
    pinyin = entry.pinyin.strip()
    if any(ch.isdigit() for ch in pinyin):
        pinyin = numbers_to_marks(pinyin.lower())
    return replace(
        entry,
        id=entry.id.strip(),
        simplified=entry.simplified.strip(),
        traditional=entry.traditional.strip(),
        variants=tuple(v.strip() for v in entry.variants if v.strip()),
        related=tuple(r.strip() for r in entry.related if r.strip()),
        pinyin=" ".join(pinyin.split()),
        english=entry.english.strip(),
        english_source=entry.english_source.strip() or "zhushi",
        category=entry.category.strip(),
        source="user",
    )


def make_id(entry: GlossaryEntry, taken: Iterable[str] = (), counters: dict[str, int] | None = None) -> str:
    """An id for an entry from its pinyin ("fàng guǎn fú" → "fang-guan-fu"), unique among taken.

    counters (base → next number to try) lets a long import skip numbers it already tried."""
    parts = [toneless(s) for s in entry.pinyin.split()] if entry.pinyin else []
    base = "-".join(p for p in parts if p) or "user-term"
    base = re.sub(r"[^a-z0-9-]+", "", base) or "user-term"
    taken = taken if isinstance(taken, (set, frozenset, dict)) else set(taken)
    number = counters.get(base, 2) if counters is not None else 2
    candidate = base if base not in taken else f"{base}-{number}"
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    if counters is not None:
        counters[base] = number
    return candidate


@dataclass
class ImportReport:
    """What an import did: counts of added and updated entries and problems by line number."""

    added: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class UserGlossary:
    """The user's glossary file; a broken file is moved aside (see .warnings) and the glossary starts empty."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.warnings: list[str] = []
        self._entries: dict[str, GlossaryEntry] = {}
        self._joins: list[str] = []  # "this is one word"
        self._splits: list[str] = []  # "split here", written left|right
        self._seen: tuple[int, int] | None = None  # the file's (mtime, size) when this copy last read or wrote it
        self._load()

    # -- file ------------------------------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        """The lock file that orders writers (kept beside the glossary, hidden; it holds no data)."""
        return self.path.with_name(f".{self.path.name}.lock")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Change the glossary as one transaction: lock the file, take in what is on disk now (another
        process or window may have written since), let the caller change it and save, unlock.
        Nothing is ever written from a stale copy."""
        from filelock import FileLock, Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.lock_path), timeout=30)
            lock.acquire()
        except Timeout as exc:
            raise OSError(f"your glossary {self.path} is busy (another Zhushi is writing it); try again") from exc
        except OSError as exc:
            raise OSError(f"your glossary folder {self.path.parent} cannot be written ({exc.strerror or exc})") from exc
        try:
            self._refresh()
            yield
        finally:
            lock.release()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def _refresh(self) -> None:
        """Re-read the file (under the lock): what is on disk now is the base of every change.

        Always read, not only when the size or time changed: two writes in one clock tick can leave
        both the same."""
        self._entries, self._joins, self._splits = {}, [], []
        self._load()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self._set_aside(f"cannot read it ({exc})")
            return
        try:
            data = json.loads(text)
            entries = self._parse(data)
            joins, splits = self._parse_words(data)
        except (ValueError, TypeError, RecursionError) as exc:
            self._set_aside("it is nested too deeply" if isinstance(exc, RecursionError) else str(exc))
            return
        self._entries = {e.id: e for e in entries}
        self._joins, self._splits = joins, splits
        self._seen = self._stamp()

    @staticmethod
    def _parse_words(data: Any) -> tuple[list[str], list[str]]:
        words = data.get("words", {}) if isinstance(data, dict) else {}
        if not isinstance(words, dict):
            raise ValueError("'words' must be an object")
        joins, splits = words.get("join", []), words.get("split", [])
        if not all(isinstance(w, str) for w in [*joins, *splits]) or not isinstance(joins, list) or not isinstance(splits, list):
            raise ValueError("'words' must hold lists of strings")
        return list(joins), [s for s in splits if "|" in s]

    @staticmethod
    def _parse(data: Any) -> list[GlossaryEntry]:
        items = data.get("entries") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ValueError("expected a list of entries")
        entries: list[GlossaryEntry] = []
        seen: set[str] = set()
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise ValueError(f"entry #{number} is not an object")
            entry = GlossaryEntry.from_mapping(item, source="user")
            if not entry.id or not entry.simplified:
                raise ValueError(f"entry #{number} has no id or simplified form")
            if entry.id in seen:
                raise ValueError(f"duplicate id {entry.id!r}")
            seen.add(entry.id)
            entries.append(entry)
        return entries

    def _set_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        number = 2
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.broken-{stamp}-{number}")
            number += 1
        try:
            os.replace(self.path, target)
            self.warnings.append(
                f"Your glossary file {self.path} could not be read ({reason}); "
                f"it was kept as {target.name} and an empty glossary was started."
            )
        except OSError as exc:
            self.warnings.append(
                f"Your glossary file {self.path} could not be read ({reason}) nor moved aside ({exc}); "
                "an empty glossary was started."
            )
        self._entries = {}

    def save(self) -> None:
        """Write the glossary atomically."""
        data: dict[str, Any] = {"version": FORMAT_VERSION, "entries": [self._record(e) for e in self._entries.values()]}
        if self._joins or self._splits:
            data["words"] = {"join": self._joins, "split": self._splits}
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self._seen = self._stamp()

    @staticmethod
    def _record(entry: GlossaryEntry) -> dict[str, Any]:
        data = entry.to_json()
        data.pop("source", None)
        return data

    # -- editing ---------------------------------------------------------------------------------

    def entries(self) -> list[GlossaryEntry]:
        """The user's entries, in the order they were added."""
        return list(self._entries.values())

    def get(self, entry_id: str) -> GlossaryEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entry_id)

    def add(self, entry: GlossaryEntry) -> GlossaryEntry:
        """Add a new entry (an empty id is generated from the pinyin) and save; ValueError if invalid or taken."""
        entry = normalize_user_entry(entry)
        if not entry.id:
            entry = replace(entry, id=make_id(entry, self._entries))
        problems = check_user_entry(entry)
        if problems:
            raise ValueError("; ".join(problems))
        with self._transaction():
            if entry.id in self._entries:
                raise ValueError(f"an entry with id {entry.id!r} already exists")
            self._entries[entry.id] = entry
            self.save()
        return entry

    def update(self, entry: GlossaryEntry) -> GlossaryEntry:
        """Replace the entry with the same id and save; KeyError if there is none, ValueError if invalid."""
        entry = normalize_user_entry(entry)
        problems = check_user_entry(entry)
        if problems:
            raise ValueError("; ".join(problems))
        with self._transaction():
            if entry.id not in self._entries:
                raise KeyError(entry.id)
            self._entries[entry.id] = entry
            self.save()
        return entry

    def delete(self, entry_id: str) -> None:
        """Remove an entry and save; KeyError if there is none."""
        with self._transaction():
            del self._entries[entry_id]
            self.save()

    # -- word choices ----------------------------------------------------------------------------

    def word_choices(self) -> tuple[list[str], list[str]]:
        """The reader's "this is one word" forms and "split here" (left|right) choices, applied to every document."""
        return list(self._joins), list(self._splits)

    def add_join(self, word: str) -> None:
        """Keep a word whole wherever it occurs (no glossary term inside it or across its edges); saves."""
        word = word.strip()
        if len(word) < 2 or any(c.isspace() for c in word):
            raise ValueError("a word needs at least two characters and no spaces")
        with self._transaction():
            if word not in self._joins:
                self._joins.append(word)
                self.save()

    def add_split(self, marked: str) -> None:
        """Cut text at the | wherever its characters occur ("双减|少"); saves."""
        left, bar, right = marked.strip().partition("|")
        if not bar or not left or not right or "|" in right:
            raise ValueError("mark the one place to split with a single |, with characters on both sides")
        value = f"{left}|{right}"
        with self._transaction():
            if value not in self._splits:
                self._splits.append(value)
                self.save()

    def remove_word_choice(self, value: str) -> None:
        """Forget a join or split choice; saves."""
        with self._transaction():
            if value in self._joins:
                self._joins.remove(value)
            elif value in self._splits:
                self._splits.remove(value)
            else:
                raise KeyError(value)
            self.save()

    # -- tables ----------------------------------------------------------------------------------

    def import_table(self, path: Path) -> ImportReport:
        """Add or update entries from a CSV or TSV file with a header row of field names; bad rows are reported."""
        report = ImportReport()
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            report.errors.append(f"cannot read {Path(path).name}: {exc}")
            return report
        # strict: an unterminated quote is an error, not a field that swallows the rows after it
        reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect_for(Path(path), text), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            report.errors.append("the file is empty")
            return report
        except csv.Error as exc:
            report.errors.append(f"line 1: {exc}")
            return report
        columns = [name.strip().lower() for name in header]
        unknown = [name for name in columns if name and name not in FIELDS]
        if "simplified" not in columns:
            report.errors.append("line 1: the header row must name the columns (at least simplified and english)")
            return report
        if unknown:
            report.errors.append(f"line 1: unknown column(s) ignored: {', '.join(unknown)}")
        with self._transaction():
            self._import_rows(reader, columns, report)
        return report

    def _import_rows(self, reader: Any, columns: list[str], report: ImportReport) -> None:
        seen: dict[str, int] = {}
        taken = set(self._entries)  # kept up to date row by row (a union per row made 50,000 rows take minutes)
        counters: dict[str, int] = {}
        changed = False
        line = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                report.errors.append(f"line {reader.line_num}: {exc}")
                break
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                report.errors.append(f"line {line}: {len(row)} cells but the header has {len(columns)} columns")
                continue
            values: dict[str, Any] = {}
            for name, cell in zip(columns, row):
                if name in FIELDS:
                    cell = _uncell(cell)
                    values[name] = [p.strip() for p in cell.split("|") if p.strip()] if name in LIST_FIELDS else cell
            entry = normalize_user_entry(GlossaryEntry.from_mapping(values, source="user"))
            if not entry.id:
                entry = replace(entry, id=make_id(entry, taken, counters))
            if entry.id in seen:
                report.errors.append(f"line {line}: duplicate id {entry.id!r} (first on line {seen[entry.id]})")
                continue
            problems = check_user_entry(entry)
            if problems:
                report.errors.append(f"line {line}: " + "; ".join(problems))
                continue
            seen[entry.id] = line
            taken.add(entry.id)
            if entry.id in self._entries:
                report.updated += 1
            else:
                report.added += 1
            self._entries[entry.id] = entry
            changed = True
        if changed:
            self.save()

    def export_table(self, path: Path) -> None:
        """Write every entry to a CSV or TSV file (by extension; CSV otherwise) with a header row, atomically."""
        write_table(self.entries(), Path(path))


def _dialect_for(path: Path, text: str) -> type[csv.Dialect]:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return csv.excel_tab
    if suffix == ".csv":
        return csv.excel
    first = text.split("\n", 1)[0]
    return csv.excel_tab if first.count("\t") > first.count(",") else csv.excel


def write_table(entries: Iterable[GlossaryEntry], path: Path) -> None:
    """Entries as CSV or TSV (by extension) with a header row of field names; lists joined by "|"."""
    buffer = io.StringIO(newline="")
    dialect = csv.excel_tab if path.suffix.lower() in (".tsv", ".tab", ".txt") else csv.excel
    writer = csv.writer(buffer, dialect=dialect, lineterminator="\n")
    writer.writerow(FIELDS)
    for entry in entries:
        writer.writerow([_cell("|".join(v) if isinstance(v, tuple) else v) for v in (getattr(entry, f) for f in FIELDS)])
    atomic_write_text(path, buffer.getvalue())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run: one starting like a formula (=HYPERLINK(…), +, -, @) gets a
    leading apostrophe, which spreadsheets show as text and the import takes off again."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in {"=", "+", "-", "@"} else value


def _flat(text: str) -> str:
    """A field without tabs or line breaks (both become single spaces), for line-based TSV."""
    return " ".join(text.replace("\t", " ").split())


def export_anki_tsv(entries: Iterable[GlossaryEntry], path: Path) -> None:
    """A headerless TSV for Anki and Pleco: "traditional / simplified", pinyin, "english — explanation"."""
    lines = []
    for entry in entries:
        forms = entry.simplified if entry.traditional in ("", entry.simplified) else f"{entry.traditional} / {entry.simplified}"
        meaning = entry.english if not entry.explanation_en else f"{entry.english} — {entry.explanation_en}"
        lines.append("\t".join(_cell(_flat(cell)) for cell in (forms, entry.pinyin, meaning)))
    atomic_write_text(Path(path), "\n".join(lines) + ("\n" if lines else ""))
