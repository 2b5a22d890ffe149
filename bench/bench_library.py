"""The library at scale: 1,000 documents and 20 million characters; adding a 100,000-character document
and searching, against plain baselines measured in the same run (writing the same text to a file;
str.find over all the texts in memory)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import million_text, report, timed  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.loader import document_from_text  # noqa: E402


def main() -> None:
    base = million_text(2_000_000)
    folder = Path(tempfile.mkdtemp(prefix="zhushi-bench-library-"))
    library = Library(folder / "library.sqlite3")
    texts = []
    for n in range(1000):  # 20,000 characters each: 20 million in all, each document different
        start = (n * 7919) % (len(base) - 20_000)
        text = f"文档{n}\n" + base[start : start + 20_000]
        texts.append(text)
        library.remember(document_from_text(text))
    big = f"长文档\n" + base[:100_000]
    took, _ = timed(lambda: library.remember(document_from_text(big)))
    plain, _ = timed(lambda: (folder / "plain.txt").write_text(big, encoding="utf-8"))
    report("add a 100,000-character document (1,000 kept)", took, "write the text to a file", plain)
    for query in ("新质生产力", "高质量发展", "晉江經驗", "放管服"):
        took, hits = timed(lambda q=query: library.search(q), repeat=3)
        naive, _ = timed(lambda q=query: [t for t in texts if q in t])
        report(f"search {query} ({len(hits)} documents)", took, "str.find in memory", naive)
    library.close()
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
