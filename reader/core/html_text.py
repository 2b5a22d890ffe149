"""The text of an HTML page, by block: what the loader keeps of an HTML file (no markup, no scripts)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reader.core.document import BlockKind


class HtmlText(HTMLParser):
    """Collects the text of an HTML page by block; script, style and other non-text elements are dropped."""

    # Elements whose content is not text to read. Not embed (a void element: no end tag would ever come)
    # nor iframe and object (their content is fallback text; an unclosed one swallowed the rest of the page).
    _DROP = frozenset({"script", "style", "noscript", "template", "svg", "math", "canvas", "select", "button", "nav"})
    # What may stand in <head>; anything else starts the body (HTML5 lets </head> and <body> be left out).
    _HEAD = frozenset({"meta", "link", "title", "script", "style", "base", "noscript", "template"})
    _BLOCKS = frozenset({"p", "div", "li", "section", "article", "blockquote", "pre", "tr", "dd", "dt", "br", "hr", "table", "ul", "ol", "main", "header", "aside"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[BlockKind, str]] = []
        self.title = ""
        self._buffer: list[str] = []
        self._drop_depth = 0
        self._kind_stack: list[BlockKind] = []
        self._in_title = False
        self._in_head = False

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buffer)).strip()
        self._buffer.clear()
        if text:
            kind = self._kind_stack[-1] if self._kind_stack else BlockKind.PARAGRAPH
            self.parts.append((kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in self._HEAD:
            self._in_head = False  # the body has begun, with or without </head>
        if tag == "title":
            self._in_title = True
            return
        if tag in self._DROP:
            self._drop_depth += 1
            return
        if tag in self._HEADINGS:
            self._flush()
            self._kind_stack.append(BlockKind.TITLE if tag == "h1" and not self._has_title() else BlockKind.HEADING)
        elif tag in ("figcaption", "caption"):
            self._flush()
            self._kind_stack.append(BlockKind.CAPTION)
        elif tag == "footer":
            self._flush()
            self._kind_stack.append(BlockKind.FOOTER)
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self._drop_depth:
                self._flush()
                self.parts.append((BlockKind.CAPTION, alt.strip()))
        elif tag in self._BLOCKS:
            self._flush()

    def _has_title(self) -> bool:
        return any(kind == BlockKind.TITLE for kind, _ in self.parts)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
            return
        if tag == "title":
            self._in_title = False
            return
        if tag in self._DROP:
            self._drop_depth = max(0, self._drop_depth - 1)
            return
        if tag in self._HEADINGS or tag in ("figcaption", "caption", "footer"):
            self._flush()
            if self._kind_stack:
                self._kind_stack.pop()
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._drop_depth and not self._in_head:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
