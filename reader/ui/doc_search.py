"""Searching the open document: the hits in the page, their count in the toolbar, and the glossary and
dictionary results in the side panel. One part of the window (MainWindow.search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.find import find_in_blocks
from reader.core.positions import spans_to_utf16, utf16_offsets

if TYPE_CHECKING:
    from reader.ui.window import MainWindow


class DocumentSearch:
    """The hits of the last query in the document (block, start, end in UTF-16 units) and the current one."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.hits: list[list[int]] = []
        self.index = -1
        self.query = ""
        self._index_started = False

    def reset(self) -> None:
        """A new document: no hits yet (the query stays in the box)."""
        self.hits, self.index = [], -1
        self.window.hit_label.setText("")

    def focus(self) -> None:
        """Ctrl+F: put the cursor in the search box and the search results in view (the side panel opened
        if it was closed)."""
        w = self.window
        w.dock.show()
        w.side_tabs.setCurrentWidget(w.results_panel)
        w.search_box.setFocus()
        w.search_box.selectAll()

    def typed(self, _text: str) -> None:
        """The first key typed in the search box starts building the dictionary's search index in the
        background (it is about 100 MB, so it is not built at start); by Return it is usually ready."""
        if not self._index_started:
            self._index_started = True
            self.window._relay.run(self.window.services.search.prepare)  # noqa: SLF001

    def enter(self) -> None:
        """Return in the search box: search, or go to the next hit of the same query."""
        query = self.window.search_box.text()
        if self.hits and query == self.query:
            self.step(1)
            return
        self.find(query)

    def find(self, query: str, keep_index: bool = False) -> int:
        """Highlight every occurrence of query in the document (any script) and list glossary/dictionary results."""
        w = self.window
        self.query = query
        if w.document is None:
            return 0
        views = w.services.annotator.view_texts(w.document, w.script)
        found = find_in_blocks(views, query)
        # the page counts UTF-16 units (reader.core.positions)
        self.hits = [[b, *spans_to_utf16(utf16_offsets(views[b]), [[s, e]])[0]] for b, s, e in found]
        self.index = (min(self.index, len(self.hits) - 1) if keep_index else 0) if self.hits else -1
        w.bridge.send("searchRequested", {"hits": self.hits, "current": max(self.index, 0)})
        self._show_count()
        if query.strip():
            w.results_panel.show_results(w.services.search.search(query.strip(), limit=30))
            w.dock.show()
            w.side_tabs.setCurrentWidget(w.results_panel)
        return len(self.hits)

    def again(self) -> None:
        """The document's view changed (script, first screen): find the query in it again, keeping the place."""
        if self.window.search_box.text().strip():
            self.find(self.window.search_box.text(), keep_index=True)

    def step(self, delta: int) -> None:
        """Next or previous search hit."""
        if not self.hits:
            return
        self.index = (self.index + delta) % len(self.hits)
        self.window.bridge.send("navigateRequested", {"action": "hit", "index": self.index})
        self._show_count()

    def _show_count(self) -> None:
        label = self.window.hit_label
        if not self.query.strip():
            label.setText("")
        elif self.hits:
            label.setText(f" {self.index + 1} of {len(self.hits)} ")
        else:
            label.setText(" no matches ")
