"""Recognising the structure of plain text: headings, photo captions and a site's footer."""

from __future__ import annotations

import re

from reader.core.document import BlockKind

_SENTENCE_END = tuple("。！？!?；;…：:.")
_CAPTION_CREDIT = re.compile(r"[（(][^（）()]{1,24}?(攝|摄|供圖|供图|圖|图|photo|Photo)[）)]\s*$")
_CAPTION_START = re.compile(r"^(圖為|图为|圖：|图：|圖片|图片|Photo:|▲|△)")
_FOOTER_WORDS = re.compile(
    r"版權|版权|轉載|转载|本網|本网|本站|郵箱|邮箱|責任編輯|责任编辑|來源[:：]|来源[:：]|"
    r"Copyright|©|免責|免责|聯系電話|联系电话|電話[:：]|电话[:：]|ICP備|ICP备"
)
_FOOTER_START = re.compile(r"^(※|\d+[、.．]|[*＊]|【)")
_HEADING_MAX = 48


def classify_line(line: str) -> BlockKind:
    """Classify one line of body text as caption, heading or paragraph."""
    text = line.strip()
    if _CAPTION_CREDIT.search(text) or _CAPTION_START.match(text):
        return BlockKind.CAPTION
    if len(text) <= _HEADING_MAX and not text.endswith(_SENTENCE_END):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _footer_start(lines: list[str]) -> int:
    """Index of the first line of a trailing footer (len(lines) when there is none)."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].strip()
        if _FOOTER_WORDS.search(text) or (_FOOTER_START.match(text) and start == i + 1 and start < len(lines)):
            start = i
        else:
            break
    # Footers are short runs at the end; a long run is probably body text that mentions a source.
    if len(lines) - start > 6 or start == 0:
        return len(lines)
    return start


def structure_lines(lines: list[str]) -> list[tuple[BlockKind, str]]:
    """Turn the non-empty lines of a plain text into (kind, text) blocks."""
    lines = [line.strip() for line in lines if line.strip()]
    footer = _footer_start(lines)
    parts: list[tuple[BlockKind, str]] = []
    for i, line in enumerate(lines):
        kind = BlockKind.FOOTER if i >= footer else classify_line(line)
        parts.append((kind, line))
    return parts


def guess_source(lines: list[str]) -> str:
    """A source named in the text (a web address or e-mail domain in the footer), or ''."""
    for line in reversed(lines[-8:]):
        match = _SOURCE.search(line)
        if match:
            return match.group(2) or match.group(1)
    return ""


# A web address or an e-mail domain. Every repeat is bounded and the e-mail user part may not follow a
# word character, so the search is linear on any line (an unbounded [\w.-]+@ backtracked quadratically
# over long lines of text without an @: 40,000 characters cost seconds, 16 MiB never finished).
_SOURCE = re.compile(
    r"(https?://[^\s，。]{1,2000}|www\.[\w.-]{1,253}|(?<![\w.-])[\w.-]{1,64}@([\w-]{1,63}\.[\w.-]{1,253}))"
)
