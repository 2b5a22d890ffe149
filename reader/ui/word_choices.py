"""Editing what the reader knows about words from the window: the known list, "one word" and "split
here" decisions, and entries of the user's own glossary. One part of the window (MainWindow.editing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.ui.dialogs import EntryDialog

if TYPE_CHECKING:
    from reader.ui.window import MainWindow


class GlossaryEditing:
    """The user's word decisions and glossary entries, saved through the services and shown again at once."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def toggle_known(self, word: str) -> None:
        """Add a word to the known list (its pinyin can be hidden), or take it off."""
        if not word:
            return
        w = self.window
        known = list(w.settings.known_words)
        if word in known:
            known.remove(word)
        else:
            known.append(word)
        w.settings.known_words = known
        w.entry_panel.set_known(word in known)
        w.bridge.send("settingsChanged", {"known_words": known, "hide_known_pinyin": w.settings.hide_known_pinyin})
        w.save_later()

    def pin(self, info: dict[str, Any]) -> None:
        """A word clicked in the page: its entry goes to the side panel."""
        w = self.window
        w.entry_panel.pin(info)
        w.entry_panel.set_known(info.get("text") in w.settings.known_words)
        w.side_tabs.setCurrentWidget(w.entry_panel)

    def selected_text(self) -> str:
        """The text selected in the page (Chinese characters only, no ruby)."""
        text = self.window.view.page().selectedText()
        return "".join(ch for ch in text if not ch.isspace() and not ch.isascii())

    def join_selection(self, text: str | None = None) -> None:
        """Words → Treat the selection as one word: kept whole in every document (no glossary term inside it)."""
        w = self.window
        word = text if text is not None else self.selected_text()
        if not word:
            w.statusBar().showMessage("Select the characters that make one word first.", 5000)
            return
        self._keep("One word", lambda: w.services.user_glossary.add_join(word), f"“{word}” is treated as one word in every document.")

    def split_selection(self, marked: str | None = None) -> None:
        """Words → Split the selection here: the reader marks the place with | (双减|少); applies to every document."""
        w = self.window
        if marked is None:
            from PySide6.QtWidgets import QInputDialog

            selection = self.selected_text()
            if not selection:
                w.statusBar().showMessage("Select the characters to split first.", 5000)
                return
            marked, ok = QInputDialog.getText(w, "Split here", "Put a | where the words part (for example 双减|少):", text=selection)
            if not ok:
                return
        self._keep("Split here", lambda: w.services.user_glossary.add_split(marked), f"“{marked}” is split there in every document.")

    def add_to_glossary(self, info: dict[str, Any]) -> None:
        """“Add to my glossary” for a word the dictionary explains: the dialog starts from its first entry."""
        words = info.get("words") or []
        first = words[0]["entries"][0] if words and words[0].get("entries") else {}
        values = {
            "simplified": first.get("simplified", info.get("text", "")),
            "traditional": first.get("traditional", info.get("text", "")),
            "pinyin": first.get("pinyin_marks", ""),
            "english": "; ".join(first.get("definitions", [])[:2]),
        }
        self.edit_values(values)

    def edit_entry(self, info: dict[str, Any]) -> None:
        """“Edit” on a glossary entry: the dialog with its values (saved as the user's own entry)."""
        entry = info.get("entry")
        if entry:
            self.edit_values(entry)

    def edit_values(self, values: dict[str, Any]) -> None:
        """The entry dialog; a saved entry is added to the user's glossary or replaces their entry of that id."""
        w = self.window
        dialog = EntryDialog(values, w)
        if not dialog.exec() or dialog.entry is None:
            return
        user, entry = w.services.user_glossary, dialog.entry

        def save() -> None:  # a new entry, or the user's own entry of that id replaced
            (user.update if any(e.id == entry.id for e in user.entries()) else user.add)(entry)

        self._keep("My glossary", save, f"Saved “{entry.simplified}” in my glossary.", "The entry could not be saved")

    def _keep(self, title: str, save: Callable[[], object], message: str, failure: str = "Not kept") -> None:
        """Save a change to the user's glossary; say why when it cannot be kept, else show it at once: the
        annotator drops its cache and the page asks again."""
        w = self.window
        try:
            save()
        except (ValueError, OSError) as exc:
            w.warn(title, f"{failure}: {exc}")
            return
        w.services.user_glossary_changed()
        w.pages.clear_cache()
        w.refresh_terms()
        if w.document is not None:
            w.request_document()
        w.statusBar().showMessage(message, 6000)
