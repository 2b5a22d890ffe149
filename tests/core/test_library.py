"""The library: documents kept with their place and view, searched in any script, safe with several writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core.library import Library
from reader.core.loader import document_from_text

ROOT = Path(__file__).resolve().parents[2]


def test_keeps_documents_once_with_their_place_and_view(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    doc = document_from_text("城市更新行动方案\n本市将推進城市更新，保護歷史文脈。", path="/x/a.txt")
    first = library.remember(doc, region="mainland")
    again = library.remember(doc)
    assert first == again and len(library.documents()) == 1
    library.update_state(doc.key, 12, "taiwan")
    item = library.documents()[0]
    assert (item.position, item.script, item.region, item.title) == (12, "taiwan", "mainland", "城市更新行动方案")
    rebuilt = library.document(first)
    assert rebuilt is not None and rebuilt.text == doc.text and rebuilt.blocks == doc.blocks and rebuilt.key == doc.key


def test_search_in_any_script_with_snippets_in_the_documents_own(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    traditional = document_from_text("新質生產力\n各地積極培育新質生產力，推動產業升級。新質生產力是發展的重點。")
    simplified = document_from_text("工作报告\n要因地制宜发展新质生产力，同时做好民生工作。")
    other = document_from_text("天气\n明天多云转晴，气温回升。")
    for doc in (traditional, simplified, other):
        library.remember(doc)
    hits = library.search("新质生产力")  # a Simplified query
    assert [h.item.title for h in hits] == ["新質生產力", "工作报告"]  # more occurrences rank first
    assert hits[0].count == 3 and "新質生產力" in hits[0].snippet  # the snippet in Traditional, as written
    assert library.search("新質生產力")[0].item.title == "新質生產力"  # and a Traditional query
    assert library.search("两") == [] and library.search("") == []
    assert [h.item.title for h in library.search("气温")] == ["天气"]


def test_documents_containing_a_glossary_term(tmp_path: Path) -> None:
    from glossary.loader import load_curated

    entry = next(e for e in load_curated() if e.id == "fang-guan-fu")
    library = Library(tmp_path / "library.sqlite3")
    library.remember(document_from_text("改革\n我们要坚持放管服改革。"))
    library.remember(document_from_text("其他\n今天天气很好。"))
    hits = library.containing(entry.forms())
    assert [h.item.title for h in hits] == ["改革"]


def test_rename_and_remove(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    doc_id = library.remember(document_from_text("原名\n内容一二三。"))
    library.rename(doc_id, "新名字")
    assert library.documents()[0].title == "新名字"
    library.remove(doc_id)
    assert library.documents() == [] and library.search("内容") == []


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from reader.core.library import Library
from reader.core.loader import document_from_text
library = Library(Path({path!r}))
for n in range(25):
    library.remember(document_from_text(f"文档{{sys.argv[1]}}-{{n}}\\n第{{sys.argv[1]}}个进程写入的第{{n}}篇。"))
    library.update_state("nothing", n, "original")
"""


def test_several_running_copies_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT), path=str(path)), encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(i)]) for i in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    library = Library(path)
    assert len(library.documents()) == 100
    assert len(library.search("进程写入")) == 50  # the search's limit
    import sqlite3

    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_library_kept_by_the_previous_release_is_upgraded_in_place(tmp_path: Path) -> None:
    """Schema 1 kept the spaced text inside the index; opening it folds the texts into the documents
    table and rebuilds the index, and the documents, their search and removal all still work."""
    import sqlite3

    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, title TEXT NOT NULL,"
        " source TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '',"
        " script TEXT NOT NULL DEFAULT 'original', position INTEGER NOT NULL DEFAULT 0, chars INTEGER NOT NULL,"
        " added REAL NOT NULL, opened REAL NOT NULL, text TEXT NOT NULL, blocks TEXT NOT NULL, title_note TEXT NOT NULL DEFAULT '')"
    )
    conn.execute("CREATE VIRTUAL TABLE documents_index USING fts5(body, tokenize = 'unicode61')")
    for n, text in enumerate(["舊文件\n各地積極培育新質生產力。", "另一篇\n天氣晴朗，新質生產力一詞也出現。新質生產力"], start=1):
        conn.execute(
            "INSERT INTO documents (id, key, title, chars, added, opened, text, blocks, position) VALUES (?, ?, ?, ?, 0, 0, ?, '[]', 7)",
            (n, f"k{n}", text.split("\n")[0], len(text), text),
        )
        conn.execute("INSERT INTO documents_index (rowid, body) VALUES (?, ?)", (n, " ".join(c for c in text if not c.isspace())))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    library = Library(path)
    assert [d.title for d in library.documents("title")] == ["另一篇", "舊文件"]
    assert [d.position for d in library.documents()] == [7, 7]
    hits = library.search("新质生产力")
    assert [(h.item.title, h.count) for h in hits] == [("另一篇", 2), ("舊文件", 1)]
    assert hits[1].snippet == "舊文件 各地積極培育新質生產力。"
    library.remove(hits[0].item.id)
    assert [h.item.title for h in library.search("新质生产力")] == ["舊文件"]
    library.close()
    assert Library(path).search("天气") == []  # the removed document is gone from the index too
