"""The library: every document opened, kept in SQLite in the user's data folder, with its reading
position and view; full-text search across all of them in any script (a Simplified query finds
Traditional text), and "which documents contain this term".

Text is indexed folded to Simplified one character for one (glossary.normalize.fold keeps lengths), one
token per character, so a phrase query finds any substring of any length. The index is contentless (it
keeps positions, not text); each document also keeps its folded text, where a search counts the matches
and finds the first, and the snippet is cut from the document's own text at the same place. Every change is one transaction; WAL and a busy timeout let two
running copies of the app share the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.document import Block, BlockKind, Document

# the index keeps positions only (contentless): each document's folded text is kept in its row
_INDEX_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS documents_index USING fts5(body, tokenize = 'unicode61', content = '')"
SCHEMA_VERSION = 2  # 1 kept the spaced index text in the index; 2 keeps the folded text in the documents


@dataclass(frozen=True)
class LibraryItem:
    """A document in the library, as the library panel lists it."""

    id: int
    key: str
    title: str
    source: str
    path: str
    region: str
    script: str
    position: int
    chars: int
    added: float
    opened: float


@dataclass(frozen=True)
class LibraryHit:
    """A document that matches a search: how often, and a snippet around the first match."""

    item: LibraryItem
    count: int
    snippet: str
    position: int  # where the first match starts in the document's text


def default_path() -> Path:
    """platformdirs.user_data_dir("zhushi")/library.sqlite3."""
    import platformdirs

    return Path(platformdirs.user_data_dir("zhushi")) / "library.sqlite3"


def _folded(text: str) -> str:
    """The text folded to Simplified and lower case, one character for one."""
    from glossary.normalize import fold

    return fold(text).lower()


def _spaced(folded: str) -> str:
    """Folded text as the index takes it: one token per character, white space dropped."""
    return " ".join(ch for ch in folded if not ch.isspace())


def _index_text(text: str) -> str:
    """The text as the index holds it: folded to Simplified, one token per character."""
    return _spaced(_folded(text))


def _phrase(query: str) -> str:
    tokens = _index_text(query).replace('"', " ").split()
    return '"' + " ".join(tokens) + '"' if tokens else ""


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to write-ahead logging. Where several copies of the reader open a new library at once, the
    switch can find the file locked without SQLite's busy handler being called: wait and try again
    (for up to the busy timeout) instead of failing."""
    import time

    for attempt in range(150):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 149:
                raise
            time.sleep(0.1)


class Library:
    """The library database at PATH (created on first use)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=15, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 15000")
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            with _transaction(conn):
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, title TEXT NOT NULL,"
                    " source TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '',"
                    " script TEXT NOT NULL DEFAULT 'original', position INTEGER NOT NULL DEFAULT 0, chars INTEGER NOT NULL,"
                    " added REAL NOT NULL, opened REAL NOT NULL, text TEXT NOT NULL, blocks TEXT NOT NULL, title_note TEXT NOT NULL DEFAULT '',"
                    " folded TEXT NOT NULL DEFAULT '')"
                )
                if version == 1:
                    _upgrade_from_1(conn)
                conn.execute(_INDEX_TABLE)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- writing ---------------------------------------------------------------------------------

    def remember(self, document: Document, region: str = "", script: str = "original", position: int = 0) -> int:
        """Keep a document (or note that it was opened again); its id."""
        now = time.time()
        blocks = json.dumps([[str(b.kind), b.start, b.end] for b in document.blocks])
        with self._lock:
            conn = self._db()
            with _transaction(conn):
                row = conn.execute("SELECT id FROM documents WHERE key = ?", (document.key,)).fetchone()
                if row is not None:
                    conn.execute("UPDATE documents SET opened = ?, path = CASE WHEN ? != '' THEN ? ELSE path END WHERE id = ?",
                                 (now, document.path, document.path, row[0]))
                    return int(row[0])
                folded = _folded(document.text)
                cursor = conn.execute(
                    "INSERT INTO documents (key, title, source, path, region, script, position, chars, added, opened, text, blocks, title_note, folded)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (document.key, document.title, document.source, document.path, region, script, position,
                     len(document.text), now, now, document.text, blocks, document.title_note, folded),
                )
                doc_id = int(cursor.lastrowid or 0)
                conn.execute("INSERT INTO documents_index (rowid, body) VALUES (?, ?)", (doc_id, _spaced(folded)))
                return doc_id

    def update_state(self, key: str, position: int, script: str) -> None:
        """Where the reader is in a document and in which view."""
        with self._lock:
            conn = self._db()
            with _transaction(conn):
                conn.execute("UPDATE documents SET position = ?, script = ? WHERE key = ?", (position, script, key))

    def rename(self, doc_id: int, title: str) -> None:
        with self._lock:
            conn = self._db()
            with _transaction(conn):
                conn.execute("UPDATE documents SET title = ? WHERE id = ?", (title.strip() or "Untitled", doc_id))

    def remove(self, doc_id: int) -> None:
        with self._lock:
            conn = self._db()
            with _transaction(conn):
                row = conn.execute("SELECT folded FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is None:
                    return
                # a contentless index forgets a row when told the text it indexed
                conn.execute("INSERT INTO documents_index (documents_index, rowid, body) VALUES ('delete', ?, ?)", (doc_id, _spaced(row[0])))
                conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reading ---------------------------------------------------------------------------------

    _COLUMNS = "id, key, title, source, path, region, script, position, chars, added, opened"

    def documents(self, order: str = "opened") -> list[LibraryItem]:
        """Every document: most recently opened first, or by title, or most recently added first."""
        by = {"opened": "opened DESC", "added": "added DESC", "title": "title COLLATE NOCASE", "size": "chars DESC"}[order]
        with self._lock:
            rows = self._db().execute(f"SELECT {self._COLUMNS} FROM documents ORDER BY {by}").fetchall()
        return [LibraryItem(*row) for row in rows]

    def document(self, doc_id: int) -> Document | None:
        """A kept document, rebuilt exactly as it was opened."""
        with self._lock:
            row = self._db().execute("SELECT text, blocks, title, source, path, title_note FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        text, blocks, title, source, path, note = row
        parts = tuple(Block(BlockKind(kind), start, end) for kind, start, end in json.loads(blocks))
        return Document(text=text, blocks=parts, title=title, source=source, path=path, title_note=note)

    def search(self, query: str, limit: int = 50) -> list[LibraryHit]:
        """Documents containing QUERY (any script), best first, with a snippet in the document's own script."""
        return self._search([query], limit)

    def containing(self, forms: Iterable[str], limit: int = 50) -> list[LibraryHit]:
        """Documents containing any of FORMS (a glossary term's forms), best first."""
        return self._search([f for f in forms if f.strip()], limit)

    def _search(self, queries: list[str], limit: int) -> list[LibraryHit]:
        phrases = [p for p in (_phrase(q) for q in queries) if p]
        if not phrases:
            return []
        match = " OR ".join(dict.fromkeys(phrases))
        needles = [n for n in (_folded(q) for q in queries) if n.strip()]
        with self._lock:
            conn = self._db()
            try:
                # rank first, then read only the best documents' folded texts
                ranked = conn.execute(
                    "SELECT rowid FROM documents_index WHERE documents_index MATCH ? ORDER BY bm25(documents_index) LIMIT ?",
                    (match, limit),
                ).fetchall()
                order = {rowid: k for k, (rowid,) in enumerate(ranked)}
                marks = ",".join("?" * len(order))
                rows = conn.execute(
                    f"SELECT {self._COLUMNS}, folded FROM documents WHERE id IN ({marks})", tuple(order)
                ).fetchall() if order else []
                found: list[tuple[LibraryItem, int, int]] = []
                for row in sorted(rows, key=lambda row: order[row[0]]):
                    item, folded = LibraryItem(*row[:-1]), row[-1]
                    first = min((at for at in (folded.find(n) for n in needles) if at >= 0), default=-1)
                    if first >= 0:  # else matched across a space or a line break only
                        found.append((item, sum(folded.count(n) for n in needles), first))
                # every snippet in one query: the place of each first match, cut from the text inside SQLite
                wanted = ", ".join("(?, ?, ?)" for _ in found)
                snippets = dict(
                    conn.execute(
                        f"WITH wanted(id, start, size) AS (VALUES {wanted})"
                        " SELECT d.id, substr(d.text, wanted.start, wanted.size) FROM wanted JOIN documents d ON d.id = wanted.id",
                        tuple(x for item, _, at in found for x in (item.id, max(0, at - 30) + 1, at + 60 - max(0, at - 30))),
                    ).fetchall()
                ) if found else {}
            except sqlite3.OperationalError:
                return []
        hits: list[LibraryHit] = []
        for item, count, first in found:
            start, end = max(0, first - 30), min(item.chars, first + 60)
            snippet = ("…" if start else "") + snippets[item.id].replace("\n", " ") + ("…" if end < item.chars else "")
            hits.append(LibraryHit(item, count, snippet, first))
        return hits


def _upgrade_from_1(conn: sqlite3.Connection) -> None:
    """A library of schema 1 (the spaced text kept in the index): fold each text into the documents
    table and rebuild the index without content."""
    conn.execute("ALTER TABLE documents ADD COLUMN folded TEXT NOT NULL DEFAULT ''")
    conn.execute("DROP TABLE IF EXISTS documents_index")
    conn.execute(_INDEX_TABLE)
    for doc_id, text in conn.execute("SELECT id, text FROM documents").fetchall():
        folded = _folded(text)
        conn.execute("UPDATE documents SET folded = ? WHERE id = ?", (folded, doc_id))
        conn.execute("INSERT INTO documents_index (rowid, body) VALUES (?, ?)", (doc_id, _spaced(folded)))


class _transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on an exception): one writer at a time, across processes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:  # type: ignore[no-untyped-def]
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
