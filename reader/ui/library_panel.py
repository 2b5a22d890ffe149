"""The Library tab: every document opened, sorted and searched across (any script); open, rename, remove."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.core.library import Library, LibraryHit, LibraryItem

_ORDERS = (("opened", "Last opened"), ("added", "Added"), ("title", "Title"), ("size", "Length"))


class LibraryPanel(QWidget):
    """Lists the library; a query searches every document's text; double-click opens one at the place found."""

    openRequested = Signal(int, int)  # document id, position in its text (-1: where the reader left it)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = QLineEdit(placeholderText="Search every document you have opened (any script)")
        self.query.setClearButtonEnabled(True)
        self.order = QComboBox()
        for key, label in _ORDERS:
            self.order.addItem(label, key)
        self.status = QLabel("")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self.query.returnPressed.connect(self.refresh)
        self.query.textChanged.connect(lambda text: self.refresh() if not text else None)
        self.order.activated.connect(lambda _i: self.refresh())
        self.list.itemActivated.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._menu)

    def refresh(self) -> None:
        """List the documents, or the search results for the query."""
        query = self.query.text().strip()
        if query:
            self.show_hits(self.library.search(query), f"“{query}”")
        else:
            self._show_items(self.library.documents(str(self.order.currentData())))

    def show_hits(self, hits: list[LibraryHit], what: str) -> None:
        """Documents that contain WHAT, with a snippet each."""
        self.list.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.item.title}  ×{hit.count}\n{hit.snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit.item.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, hit.position)
            self.list.addItem(item)
        self.status.setText(f"{len(hits)} document{'s' if len(hits) != 1 else ''} with {what}" if hits else f"No document has {what}.")

    def _show_items(self, items: list[LibraryItem]) -> None:
        self.list.clear()
        for doc in items:
            when = datetime.datetime.fromtimestamp(doc.opened).strftime("%Y-%m-%d %H:%M")
            source = f"{doc.source} · " if doc.source else ""
            item = QListWidgetItem(f"{doc.title}\n{source}{doc.chars:,} characters · opened {when}")
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, -1)
            item.setToolTip(doc.path or "pasted text")
            self.list.addItem(item)
        self.status.setText(f"{len(items)} document{'s' if len(items) != 1 else ''} in your library")

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)), int(item.data(Qt.ItemDataRole.UserRole + 1)))

    def _menu(self, point) -> None:  # type: ignore[no-untyped-def]
        item = self.list.itemAt(point)
        if item is None:
            return
        doc_id = int(item.data(Qt.ItemDataRole.UserRole))
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._activated(item))
        menu.addAction("Rename…", lambda: self.rename(doc_id))
        menu.addAction("Remove from the library", lambda: self.remove(doc_id))
        menu.exec(self.list.viewport().mapToGlobal(point))

    def rename(self, doc_id: int, title: str | None = None) -> None:
        if title is None:
            current = next((d.title for d in self.library.documents() if d.id == doc_id), "")
            title, ok = QInputDialog.getText(self, "Rename", "Title:", text=current)
            if not ok:
                return
        self.library.rename(doc_id, title)
        self.refresh()

    def remove(self, doc_id: int) -> None:
        self.library.remove(doc_id)
        self.refresh()
