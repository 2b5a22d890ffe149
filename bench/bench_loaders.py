"""Every loader on 16 MiB of one line and of no line breaks at all, against reading and decoding the
same bytes (the baseline, same run): each pass over the text must stay linear.

Inputs, each just under the 16 MiB limit: Chinese prose as one line with sentence punctuation, the
same without any punctuation or line break (classical-style text, the case that once made a pattern
backtrack for minutes), and ASCII with no break (a minified page). Each goes through the plain-text,
Markdown and HTML loaders (from a file, as the reader opens it). Also the structure pass of the
export (source guessing) on the unpunctuated text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import article_text, report, timed  # noqa: E402
from reader.core.encoding import MAX_FILE_BYTES  # noqa: E402
from reader.core.loader import load_document  # noqa: E402


def inputs(room: int = MAX_FILE_BYTES - 64) -> dict[str, bytes]:
    prose = "".join(article_text().split())  # the article as one line
    unpunctuated = "".join(ch for ch in prose if "\u4e00" <= ch <= "\u9fff")
    def fill(unit: str) -> bytes:
        data = unit.encode("utf-8")
        return (data * (room // len(data) + 1))[:room].decode("utf-8", "ignore").encode("utf-8")
    return {
        "one line": fill(prose),
        "no break, no punctuation": fill(unpunctuated),
        "ascii, no break": fill("abcdefghij<klmno>pqrst uvwxyz=0123456789&amp;"),
    }


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="zhushi-bench-loaders-"))
    try:
        quarter = inputs((MAX_FILE_BYTES - 64) // 4)
        for name, data in inputs().items():
            for suffix in (".txt", ".md", ".html"):
                path = folder / f"input{suffix}"

                def load(data: bytes) -> tuple[float, float, int]:
                    inner = data[: len(data) - 200].decode("utf-8", "ignore").encode("utf-8")
                    body = data if suffix != ".html" else b"<html><body><p>" + inner + b"</p></body></html>"
                    path.write_bytes(body)
                    base, _ = timed(lambda: path.read_bytes().decode("utf-8", "replace"), repeat=2)
                    took, _doc = timed(lambda: load_document(path))
                    return took, base, len(body)

                small, _, _ = load(quarter[name])
                took, base, size = load(data)
                report(f"{name} ({size / 2**20:.1f} MiB) as {suffix}", took, "read+decode", base)
                print(f"{'':46s} 4× the input took {took / small:4.1f}× the time (linear: about 4×)")
        from reader.core.structure import guess_source  # the export's source line (once a backtracking regex)

        text = inputs()["no break, no punctuation"].decode("utf-8")
        base, _ = timed(lambda: text.count("的"))
        took, _ = timed(lambda: guess_source(text.split("\n")))
        report("source guess, 16 MiB unpunctuated", took, "one str.count", base)
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
