"""Side panels: terms in this document, the pinned entry, and search results."""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from glossary.matcher import TermMatch


class TermsPanel(QWidget):
    """“Terms in this document”: every glossary term found, with counts, filterable; next/previous occurrence."""

    termChosen = Signal(str, int)  # entry id, occurrence index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Filter terms (characters, pinyin or English)")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSpacing(3)  # each entry is two lines (term, then pinyin — English): keep entries apart
        self.list.setAlternatingRowColors(True)
        # long English renderings wrap inside the panel instead of hiding behind a horizontal scrollbar
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped lines are shown whole, not cut with “…”
        self.prev_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.position = QLabel("")
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(nav)
        self._index = 0
        self._current = ""
        self._counts: dict[str, int] = {}
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemClicked.connect(self._clicked)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))

    def set_terms(self, matches: list[TermMatch], script: str) -> None:
        """Show the terms of the current document (in the current script)."""
        counts = Counter(m.entry.id for m in matches)
        entries = {}
        for m in matches:
            entries.setdefault(m.entry.id, m.entry)
        self._counts = dict(counts)
        self.list.clear()
        for entry_id, entry in entries.items():
            form = entry.simplified if script == "simplified" else entry.traditional
            mark = " ✎" if entry.source == "user" else ""
            item = QListWidgetItem(f"{form}  ×{counts[entry_id]}{mark}\n{entry.pinyin} — {entry.english}")
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{entry.simplified} {entry.traditional} {entry.pinyin} {entry.english}".casefold())
            item.setToolTip(entry.explanation_en)
            self.list.addItem(item)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        from glossary.normalize import fold

        needle = fold(text.strip()).casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            hay = fold(str(item.data(Qt.ItemDataRole.UserRole + 1)))
            item.setHidden(bool(needle) and needle not in hay)

    def _clicked(self, item: QListWidgetItem) -> None:
        self._current = str(item.data(Qt.ItemDataRole.UserRole))
        self._index = 0
        self.termChosen.emit(self._current, 0)

    def _step(self, delta: int) -> None:
        if not self._current:
            item = self.list.currentItem()
            if item is None:
                return
            self._current = str(item.data(Qt.ItemDataRole.UserRole))
        self._index += delta
        self.termChosen.emit(self._current, self._index)

    def show_position(self, info: dict[str, Any]) -> None:
        """Show “k of n” for the occurrence the page scrolled to."""
        self._index = int(info.get("index", 0))
        self.position.setText(f"{self._index + 1} of {info.get('count', 0)}")


def _forms(first: str, second: str, between: str = " · ") -> str:
    """Both forms of a word, escaped; one when they are the same (取得, not “取得 取得”)."""
    if not second or first == second:
        return html.escape(first)
    return html.escape(first) + between + html.escape(second)


def entry_html(info: dict[str, Any]) -> str:
    """The pinned entry as HTML (all text escaped)."""
    e = html.escape
    parts: list[str] = []
    entry = info.get("entry")
    if entry:
        badge = "my glossary" if entry.get("source") == "user" else "glossary"
        parts.append(
            f"<h2 style='margin:0'>{e(entry.get('forms') or entry['traditional'])}</h2>"
            f"<p style='color:#a33b20;margin:2px 0'>{e(entry['pinyin'])} <small>[{badge}]</small></p>"
            f"<p><b>{e(entry['english'])}</b><br><small>{e(entry.get('whose', ''))}"
            + (f" · {e(entry['region_label'])}" if entry.get("region_label") else "")
            + "</small></p>"
            f"<p>{e(entry['explanation_en'])}</p><p>{e(entry['explanation_zh'])}</p>"
        )
    if info.get("kind") == "tail":
        kinds = {"numbered": "a numbered formula", "quoted": "a quoted phrase", "title": "a title"}
        parts.append(
            f"<h2 style='margin:0'>{e(info.get('text', ''))}</h2>"
            f"<p><small>Not in the glossary: {kinds.get(str(info.get('tail')), 'a term')}, read as one unit. "
            "Its parts are below; “Add to my glossary” keeps your own note for it.</small></p>"
        )
    for word in info.get("words", []):
        for d in word.get("entries", []):
            defs = "".join(f"<li>{e(x)}</li>" for x in d.get("definitions", []))
            parts.append(
                f"<h3 style='margin:6px 0 0'>{_forms(d['simplified'], d['traditional'], ' ')}"
                f" <span style='color:#a33b20'>{e(d.get('pinyin_marks') or d['pinyin'])}</span></h3><ol>{defs}</ol>"
            )
    alt = info.get("alt")
    if alt:
        parts.append(
            "<p style='color:gray'><small>Also a glossary term, not marked here as the context does not point to it:</small></p>"
            f"<h3 style='margin:0'>{e(alt['forms']) if alt.get('forms') else _forms(alt['traditional'], alt['simplified'])} <span style='color:#a33b20'>{e(alt['pinyin'])}</span></h3>"
            f"<p><b>{e(alt['english'])}</b></p><p>{e(alt['explanation_en'])}</p>"
        )
    if not parts:
        parts.append(f"<p>{e(info.get('text', ''))}: no entry.</p>")
    if info.get("words"):
        parts.append("<p style='color:gray'><small>Dictionary: CC-CEDICT (CC BY-SA 4.0)</small></p>")
    return "".join(parts)


class EntryPanel(QWidget):
    """The entry pinned by a click, with “Add to my glossary” / “Edit”."""

    addRequested = Signal(dict)
    editRequested = Signal(dict)
    knownToggled = Signal(str)
    libraryRequested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setPlaceholderText("Click a word or a marked term to pin its entry here.")
        self.add_button = QPushButton("Add to my glossary")
        self.edit_button = QPushButton("Edit")
        self.known_button = QPushButton("I know this word")
        self.known_button.setToolTip("Known words can hide their pinyin (View → Hide pinyin over known words)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.known_button)
        self.library_button = QPushButton("In my library…")
        self.library_button.setToolTip("The documents you have opened that contain this term or word")
        buttons.addWidget(self.library_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.info: dict[str, Any] = {}
        self.add_button.clicked.connect(lambda: self.addRequested.emit(self.info))
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.info))
        self.known_button.clicked.connect(lambda: self.knownToggled.emit(str(self.info.get("text", ""))))
        self.library_button.clicked.connect(lambda: self.libraryRequested.emit(self.info))
        self._update_buttons()

    def pin(self, info: dict[str, Any]) -> None:
        """Show an entry (from a click in the page)."""
        self.info = info
        self.view.setHtml(entry_html(info))
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.info.get("entry")
        self.add_button.setEnabled(bool(self.info) and not entry)
        self.edit_button.setEnabled(bool(entry))
        self.known_button.setEnabled(bool(self.info.get("text")))
        self.library_button.setEnabled(bool(self.info.get("text") or entry))

    def set_known(self, known: bool) -> None:
        """Label the known-word button for the pinned word."""
        self.known_button.setText("Forget: not known" if known else "I know this word")


class SearchResultsPanel(QListWidget):
    """Glossary and dictionary results for the search box's query."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # long definitions wrap: the panel never widens itself (and squeezes the page) to fit a line
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def show_results(self, results: list[Any]) -> None:
        """Fill the list from glossary.search results."""
        self.clear()
        for r in results:
            forms = r.simplified if r.simplified == r.traditional else f"{r.simplified} / {r.traditional}"
            label = {"glossary": "glossary", "user": "my glossary", "dictionary": "CC-CEDICT"}.get(r.source, r.source)
            item = QListWidgetItem(f"{forms}  {r.pinyin}  [{label}]\n{r.english}")
            item.setToolTip(r.english)
            self.addItem(item)
        if not results:
            self.addItem(QListWidgetItem("No glossary or dictionary entries."))
