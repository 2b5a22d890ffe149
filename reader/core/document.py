"""Documents: blocks of text (title, heading, paragraph, caption, footer) and where they came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

try:  # BLAKE2 without loading OpenSSL (importing hashlib costs a few ms at start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Pythons without the module
    from hashlib import blake2b


class BlockKind(StrEnum):
    """What a block of a document is, as a reader sees it."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    FOOTER = "footer"


@dataclass(frozen=True)
class Block:
    """One block of a document: a kind and a span of the document's text."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A document: its full text (blocks joined by newlines), its blocks, a title and a source."""

    text: str
    blocks: tuple[Block, ...]
    title: str
    source: str = ""
    path: str = ""
    title_note: str = ""
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            digest = blake2b(self.text.encode("utf-8", "surrogatepass"), digest_size=12)
            object.__setattr__(self, "key", digest.hexdigest())

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.text[block.start : block.end]

    @property
    def char_count(self) -> int:
        """Number of characters of text (Python string length)."""
        return len(self.text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """Text with any lone surrogate (from pasted or badly encoded UTF-16) replaced by U+FFFD: such a code
    point cannot be encoded as UTF-8 and would stop the document from showing."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def build_document(
    parts: list[tuple[BlockKind, str]],
    title: str,
    source: str = "",
    path: str = "",
    title_note: str = "",
) -> Document:
    """Join (kind, text) parts into a Document whose blocks point into the joined text."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    title = without_lone_surrogates(title)
    for kind, text in parts:
        text = without_lone_surrogates(text).strip()
        if not text:
            continue
        if pieces:
            pieces.append("\n")
            pos += 1
        pieces.append(text)
        blocks.append(Block(kind, pos, pos + len(text)))
        pos += len(text)
    return Document(
        text="".join(pieces),
        blocks=tuple(blocks),
        title=title,
        source=source,
        path=path,
        title_note=title_note,
    )
