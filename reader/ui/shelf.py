"""The documents the reader keeps: the recent list (File → Open recent, with each one's place and view)
and the library (kept documents, their search, "documents containing this term"). One part of the
window (MainWindow.shelf)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.convert import Script
from reader.core.document import Document
from reader.core.region import detect_region
from reader.core.settings import RecentDocument

if TYPE_CHECKING:
    from reader.ui.window import MainWindow

log = logging.getLogger("zhushi.window")


class Shelf:
    """Keeps the open document in the recent list and the library, and opens documents from them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def keep(self, document: Document) -> None:
        """Keep the document in the library (after its first screen is on its way)."""
        w = self.window
        import sqlite3

        try:
            w.services.library.remember(document, detect_region(document.text[:20_000]).region, str(w.script), w.position)
        except (sqlite3.Error, OSError) as exc:
            w.statusBar().showMessage(f"The library could not keep this document: {exc}", 8000)

    def keep_place(self) -> None:
        """Write the reading place and view of the open document to the library (when it is open)."""
        w = self.window
        if w.document is None or "_library" not in w.services.__dict__:
            return
        import sqlite3

        try:
            w.services.library.update_state(w.document.key, w.position, str(w.script))
        except (sqlite3.Error, OSError) as exc:  # the place is also kept in the recent list
            log.warning("the library could not keep the reading place: %s", exc)

    def refresh_library(self) -> None:
        w = self.window
        import sqlite3

        try:
            w.library_panel.refresh()
        except (sqlite3.Error, OSError) as exc:
            w.library_panel.status.setText(f"The library cannot be read: {exc}")

    def open_from_library(self, doc_id: int, position: int = -1) -> None:
        """Open a document kept in the library, where the reader left it or at POSITION (a search hit)."""
        w = self.window
        library = w.services.library
        document = library.document(doc_id)
        if document is None:
            w.statusBar().showMessage("That document is no longer in the library.", 5000)
            return
        item = next((d for d in library.documents() if d.id == doc_id), None)
        w.open_document(document)
        if item is not None and item.script in Script._value2member_map_:
            w.viewing.set_script(Script(item.script))
        w.position = position if position >= 0 else (item.position if item else 0)
        w.request_document()

    def show_documents_with(self, info: dict[str, Any]) -> None:
        """The Library tab listing the documents that contain a pinned term (all its forms) or word."""
        w = self.window
        entry = info.get("entry") or {}
        forms = [entry.get("simplified", ""), entry.get("traditional", ""), *entry.get("variants", [])] if entry else [str(info.get("text", ""))]
        stored = w.services.store.get(str(entry.get("id", ""))) if entry else None
        if stored is not None:
            forms = list(stored.forms())
        label = str(info.get("text") or (forms[0] if forms else ""))
        w.dock.show()
        w.side_tabs.setCurrentWidget(w.library_panel)
        w.library_panel.query.blockSignals(True)
        w.library_panel.query.clear()
        w.library_panel.query.blockSignals(False)
        w.library_panel.show_hits(w.services.library.containing(forms), f"“{label}”")

    def fill_recent(self) -> None:
        w = self.window
        w.recent_menu.clear()
        for recent in w.settings.recent:
            action = w.recent_menu.addAction(f"{recent.title or Path(recent.path).name} — {recent.path}")
            action.triggered.connect(lambda _=False, p=recent.path: w.open_path(p))
        w.recent_menu.setEnabled(bool(w.settings.recent))

    def remember_current(self) -> None:
        w = self.window
        if w.document is None or not w.document.path:
            return
        w.settings.remember(
            RecentDocument(w.document.path, w.document.title, w.position, str(w.script), w.settings.pinyin)
        )
        w.save_later()

    def on_position(self, position: int) -> None:
        w = self.window
        w.position = position
        self.remember_current()
