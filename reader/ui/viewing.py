"""How the document is shown: script, region, readings (system, Taiwan readings), conversion choices,
theme, zoom and the page's own settings. One part of the window (MainWindow.viewing); the actions and
boxes that change these live in the window, their effects here."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from reader.core.convert import Script
from reader.core.phonetics import Phonetics
from reader.core.region import LABELS as REGION_LABELS
from reader.core.region import REGIONS, detect_region
from reader.core.settings import PHONETIC_SYSTEMS

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

    from reader.ui.window import MainWindow

SCRIPT_LABELS: tuple[tuple[Script, str], ...] = (
    (Script.ORIGINAL, "Original"),
    (Script.SIMPLIFIED, "Simplified 简体"),
    (Script.TAIWAN, "Traditional (Taiwan) 臺灣正體"),
    (Script.HONGKONG, "Traditional (Hong Kong) 香港繁體"),
    (Script.TRADITIONAL, "Traditional (OpenCC standard) 繁體"),
)

PHONETIC_LABELS: tuple[tuple[str, str], ...] = (
    ("pinyin", "Pinyin"),
    ("zhuyin", "Zhuyin ㄅㄆㄇ"),
    ("jyutping", "Jyutping (Cantonese)"),
)

RUBY_LABELS = {"pinyin": "&Pinyin", "zhuyin": "&Zhuyin", "jyutping": "&Jyutping"}


class ViewSettings:
    """Changes to the way the document is shown, kept in the settings and sent to the page."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.region_choice: dict[str, str | None] = {}  # document key -> the region the reader chose (None: auto)
        self._light_palette: QPalette | None = None

    def page_settings(self) -> dict[str, Any]:
        w = self.window
        s = asdict(w.settings)
        return {k: s[k] for k in ("pinyin", "phonetic", "tone_style", "tone_colors", "show_term_marks", "theme", "zoom", "known_words", "hide_known_pinyin")}

    def set(self, name: str, value: Any) -> None:
        w = self.window
        setattr(w.settings, name, value)
        w.bridge.send("settingsChanged", {name: value, **({"known_words": w.settings.known_words} if name == "hide_known_pinyin" else {})})
        w.save_later()

    def set_dark(self, on: bool) -> None:
        """The dark theme for the page and for the window around it (toolbar, menus, side panels)."""
        self.set("theme", "dark" if on else "light")
        self.apply_theme()

    def apply_theme(self) -> None:
        """Give the window's widgets the palette of the chosen theme (the page follows the setting)."""
        w = self.window
        from PySide6.QtGui import QColor, QPalette
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if self._light_palette is None:
            self._light_palette = QPalette(app.palette())
        if w.settings.theme != "dark":
            app.setPalette(self._light_palette)
            return
        dark = QPalette()
        roles = QPalette.ColorRole
        for role, colour in (
            (roles.Window, "#23252a"), (roles.WindowText, "#e6e3dc"), (roles.Base, "#1b1d21"),
            (roles.AlternateBase, "#272a30"), (roles.Text, "#e6e3dc"), (roles.Button, "#2c2f36"),
            (roles.ButtonText, "#e6e3dc"), (roles.ToolTipBase, "#2c2f36"), (roles.ToolTipText, "#e6e3dc"),
            (roles.Highlight, "#7a5c2e"), (roles.HighlightedText, "#ffffff"), (roles.PlaceholderText, "#8d8a84"),
            (roles.Link, "#e0a458"),
        ):
            dark.setColor(role, QColor(colour))
        app.setPalette(dark)

    def set_phonetic(self, system: str) -> None:
        """Show readings in another system (pinyin, zhuyin, jyutping); readings are shown if they were hidden."""
        w = self.window
        if system not in PHONETIC_SYSTEMS:
            raise ValueError(f"unknown phonetic system {system!r}")
        w.phonetic_actions[system].setChecked(True)
        w.phonetic_box.setCurrentIndex([sy for sy, _ in PHONETIC_LABELS].index(system))
        w.pinyin_action.setText(RUBY_LABELS[system])
        self.set("phonetic", system)  # the page formats the readings it gets from now on in this system
        self._apply_phonetics()
        if not w.settings.pinyin:
            self.set_pinyin(True)
        label = dict(PHONETIC_LABELS)[system]
        w.statusBar().showMessage(f"Readings shown as {label}.", 5000)

    def set_taiwan_vocabulary(self, on: bool) -> None:
        """The Taiwan view with Taiwan vocabulary too (on) or Taiwan characters only (off, the default)."""
        self._set_conversion("taiwan_vocabulary", on)

    def set_corner_quotes(self, on: bool) -> None:
        """Quotation marks as the view's region writes them (「」 for Taiwan and Hong Kong) or as in the text."""
        self._set_conversion("corner_quotes", on)

    def _set_conversion(self, name: str, on: bool) -> None:
        """Change a conversion setting (kept in the settings and on the shared converter) and show the
        document converted again."""
        w = self.window
        from reader.core.convert import default_converter

        setattr(w.settings, name, on)
        setattr(default_converter(), name, on)
        w.save_later()
        if w.document is not None:
            w.services.annotator.forget_views()
            w.pages.clear_cache()
            w.refresh_terms()
            w.request_document()

    def set_taiwan_readings(self, on: bool) -> None:
        """Taiwan standard readings in the Taiwan view (on) or Mainland ones (off)."""
        w = self.window
        w.settings.taiwan_readings = on
        self._apply_phonetics()
        w.save_later()

    def _apply_phonetics(self) -> None:
        """Hand the phonetic choice to the annotator and show the document's readings again."""
        w = self.window
        if not w.services.set_phonetics(Phonetics(w.settings.phonetic, w.settings.taiwan_readings)):
            return
        w.pages.clear_cache()
        if w.document is not None:
            w.request_document()

    def set_pinyin(self, on: bool) -> None:
        """Show or hide pinyin ruby."""
        w = self.window
        if w.pinyin_action.isChecked() != on:
            w.pinyin_action.setChecked(on)
            return
        self.set("pinyin", on)
        w.shelf.remember_current()

    def set_script(self, script: Script) -> None:
        """Switch the script view, keeping the reading position."""
        w = self.window
        if script == w.script:
            self.sync_script_widgets()
            return
        w.script = script
        w.settings.script = str(script)
        self.sync_script_widgets()
        if w.document is not None:
            w.request_document()
            w.shelf.remember_current()
        w.save_later()
        hint = {
            (Script.HONGKONG, "pinyin"): "Cantonese readings: View ▸ Readings as ▸ Jyutping (or the readings box in the toolbar).",
            (Script.TAIWAN, "pinyin"): "Zhuyin (bopomofo): View ▸ Readings as ▸ Zhuyin (or the readings box in the toolbar).",
        }.get((script, w.settings.phonetic))
        if hint:
            w.statusBar().showMessage(hint, 8000)

    def show_region(self, chosen: str | None) -> None:
        """Show the region the document is read as: the user's choice, or "auto (detected)"."""
        w = self.window
        if w.document is None:
            return
        detected = detect_region(w.document.text).region
        w.region_box.setItemText(0, f"Region: auto ({REGION_LABELS[detected]})")
        w.region_box.setCurrentIndex(0 if chosen is None else 1 + list(REGIONS).index(chosen))

    def set_region(self, region: str) -> None:
        """Read the document as written in a region ("auto": as detected); its glossary terms are matched again."""
        w = self.window
        if w.document is None:
            return
        chosen = None if region == "auto" else region
        self.region_choice[w.document.key] = chosen
        w.services.annotator.set_region(w.document, chosen)
        self.show_region(chosen)
        w.pages.clear_cache()
        w.refresh_terms()
        w.request_document()
        label = REGION_LABELS[chosen] if chosen else "detected automatically"
        w.statusBar().showMessage(f"Reading the text as from: {label}.", 5000)

    def sync_script_widgets(self) -> None:
        w = self.window
        w.script_actions[w.script].setChecked(True)
        w.script_box.setCurrentIndex([s for s, _ in SCRIPT_LABELS].index(w.script))

    def zoom(self, factor: float) -> None:
        w = self.window
        zoom = 1.0 if factor == 0 else max(0.5, min(3.0, w.settings.zoom * factor))
        self.set("zoom", round(zoom, 3))
