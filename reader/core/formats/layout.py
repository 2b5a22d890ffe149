"""Paragraphs from positioned text (PDF, OFD): lines by position, running heads and page numbers
dropped, lines of one paragraph joined (Chinese without spaces), headings kept as the outline."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from reader.core.document import BlockKind


@dataclass
class Fragment:
    """A run of text at a position on a page (y grows downwards), with its font size."""

    x: float
    y: float
    text: str
    size: float
    width: float = 0.0


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y: float
    size: float
    indented: bool = False  # began with full-width or several spaces (a paragraph's first line)


_PAGE_NUMBER = re.compile(r"^[\s—–\-－_·•|]*(?:第\s*)?[\d一二三四五六七八九十〇]+(?:\s*[/／]\s*\d+)?\s*(?:页|頁)?[\s—–\-－_·•|]*$|^(?:page|p\.)\s*\d+(?:\s*of\s*\d+)?$", re.I)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十百\d]+[章节節部分篇条條]|[0-9]+(?:\.[0-9]+)*\s+\S)")
_ENDS = "。！？!?；;：:”」』）)…"


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def join_lines(left: str, right: str) -> str:
    """Two lines of one paragraph: Chinese joins without a space, Latin words with one."""
    if not left:
        return right
    if not right:
        return left
    if _cjk(left[-1]) or _cjk(right[0]):
        return left + right
    if left.endswith("-") and left[-2:-1].isalpha():
        return left[:-1] + right
    return left + " " + right


def _width(text: str, size: float) -> float:
    """An estimate of a run's width when the format does not give it: full-width characters one em each,
    others about half."""
    return size * sum(1.0 if _cjk(ch) else 0.55 for ch in text)


def lines_of(fragments: list[Fragment]) -> list[Line]:
    """Fragments grouped into lines by their baseline, each line left to right."""
    out: list[Line] = []
    for frag in sorted(fragments, key=lambda f: (round(f.y, 1), f.x)):
        if not frag.text.strip():
            continue
        if out and abs(out[-1].y - frag.y) <= 0.45 * max(frag.size, out[-1].size, 1.0):
            line = out[-1]
            gap = frag.x - line.x1
            sep = " " if gap > 0.25 * frag.size and not (_cjk(line.text[-1:] or "a") and _cjk(frag.text[:1])) else ""
            line.text += sep + frag.text
            line.x1 = max(line.x1, frag.x + (frag.width or _width(frag.text, frag.size)))
            line.size = max(line.size, frag.size)
        else:
            end = frag.x + (frag.width or _width(frag.text, frag.size))
            out.append(Line(frag.text, frag.x, end, frag.y, frag.size))
    for line in out:
        line.indented = line.text.startswith(("\u3000", "  ", "\t"))
        line.text = re.sub(r"[ \t]+", " ", line.text).strip()
    return [line for line in out if line.text]


def reading_order(fragments: list[Fragment]) -> list[Line]:
    """A page's lines in reading order: two columns (a clear vertical gutter near the middle, text on
    both sides) are read left column first, then right; lines across the gutter (header, title, page
    number) keep their place above or below the columns."""
    frags = [f for f in fragments if f.text.strip()]
    if len(frags) < 8:
        return lines_of(frags)
    spans = [(f.x, f.x + (f.width or _width(f.text, f.size))) for f in frags]
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    best: tuple[int, float] | None = None
    for k in range(35, 66):
        g = lo + (hi - lo) * k / 100
        crossing = sum(1 for a, b in spans if a < g < b)
        n_left = sum(1 for _, b in spans if b <= g)
        n_right = sum(1 for a, _ in spans if a >= g)
        if n_left >= 0.2 * len(frags) and n_right >= 0.2 * len(frags) and crossing <= 0.1 * len(frags):
            if best is None or crossing < best[0]:
                best = (crossing, g)
    if best is None:
        return lines_of(frags)
    g = best[1]
    across = [f for f, (a, b) in zip(frags, spans) if a < g < b]
    left = [f for f, (_a, b) in zip(frags, spans) if b <= g]
    right = [f for f, (a, _b) in zip(frags, spans) if a >= g]
    top = min(f.y for f in left + right)
    bottom = max(f.y for f in left + right)
    above = [f for f in across if f.y < top]
    below = [f for f in across if f.y > bottom]
    inside = [f for f in across if top <= f.y <= bottom]
    if len(inside) > 0.05 * len(frags):
        return lines_of(frags)  # text runs across the middle between the "columns": one column after all
    return lines_of(above) + lines_of(left) + lines_of(right) + lines_of(below)


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Without page numbers, and without the head and foot lines that repeat on many pages."""
    edges: Counter[tuple[str, int]] = Counter()  # (text with digits as #, height band): a running line keeps its place
    for lines in pages:
        for line in {id(x): x for x in lines[:2] + lines[-2:]}.values():  # a short page counts each line once
            edges[(_normal(line.text), round(line.y / 6))] += 1
    repeated = {key for key, n in edges.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < 2 or i >= len(lines) - 2
            if at_edge and (_PAGE_NUMBER.match(line.text) or (len(line.text) <= 40 and (_normal(line.text), round(line.y / 6)) in repeated)):
                continue
            kept.append(line)
        out.append(kept)
    return out


def paragraphs(pages: list[list[Line]]) -> list[tuple[BlockKind, str]]:
    """(kind, text) blocks: lines joined into paragraphs across pages, headings recognised."""
    all_lines = [line for lines in pages for line in lines]
    if not all_lines:
        return []
    sizes = [line.size for line in all_lines]
    body_size = statistics.median(sizes)
    body = [line for line in all_lines if abs(line.size - body_size) < 0.5]
    # each column has its own left edge (a left edge many lines share) and right edge
    lefts_count = Counter(round(line.x0) for line in body)
    edges = sorted(x for x, n in lefts_count.items() if n >= 3) or [min(round(l.x0) for l in all_lines)]

    def edge_of(line: Line) -> int:
        fitting = [e for e in edges if e <= line.x0 + 1]
        return fitting[-1] if fitting else edges[0]

    rights: dict[int, float] = {}
    for e in edges:
        ends = sorted(line.x1 for line in body if edge_of(line) == e)
        rights[e] = ends[int(len(ends) * 0.9) - 1] if len(ends) > 1 else (ends[0] if ends else max(l.x1 for l in all_lines))
    left = edges[0]
    right = max(rights.values())
    # the usual distance from one line to the next: a paragraph break is a clearly larger one
    steps = [b.y - a.y for lines in pages for a, b in zip(lines, lines[1:]) if 0 < b.y - a.y < 6 * body_size]
    spacing = statistics.median(steps) if steps else 1.2 * body_size
    parts: list[tuple[BlockKind, str]] = []
    current = ""
    prev: Line | None = None
    last: Line | None = None  # the last body line of the page before

    def flush() -> None:
        nonlocal current
        if current.strip():
            parts.append((BlockKind.PARAGRAPH, current.strip()))
        current = ""

    for lines in pages:
        for line in lines:
            text = line.text
            short = len(text) <= 40 and text[-1:] not in _ENDS
            col_left = edge_of(line)
            col_right = rights.get(col_left, right)
            # a body-size line that runs from its column's edge to its column's end is body text
            full = abs(line.size - body_size) < 0.5 and line.x0 <= col_left + 2.5 * line.size and line.x1 >= col_right - 2.0 * line.size
            heading = short and not full and (line.size > body_size * 1.12 or _HEADING.match(text) is not None or
                                              (abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 2 * body_size and line.x0 > left + 3 * body_size))
            if heading:
                flush()
                parts.append((BlockKind.HEADING, text))
                prev = None
                continue
            indent = line.indented or line.x0 > col_left + 1.2 * line.size
            gap = prev is not None and line.y - prev.y > max(2.2 * max(line.size, prev.size), 1.6 * spacing) and line.y > prev.y
            before = prev or last
            ended = before is not None and before.x1 < rights.get(edge_of(before), right) - 2.0 * before.size and before.text[-1:] in _ENDS
            if prev is None and current:
                # first line of a page continuing the last one: a new paragraph when it is indented or
                # the page before ended on a short line that closes a sentence
                if indent or ended:
                    flush()
            elif indent or gap or ended:
                flush()
            current = join_lines(current, text)
            prev = line
        last = prev or last
        prev = None
    flush()
    return parts


_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$")


def official_header(parts: list[tuple[BlockKind, str]]) -> list[tuple[BlockKind, str]]:
    """A government document's masthead (发文机关 + 文件, the document number 〔2026〕3号) is a caption
    above the real title, which becomes the title."""
    for n in range(min(4, len(parts))):
        kind, text = parts[n]
        if _DOC_NUMBER.search(text) and n + 1 < len(parts) and parts[n + 1][0] == BlockKind.HEADING:
            head = [(BlockKind.CAPTION, t) for _k, t in parts[: n + 1]]
            return head + [(BlockKind.TITLE, parts[n + 1][1])] + parts[n + 2 :]
    return parts
