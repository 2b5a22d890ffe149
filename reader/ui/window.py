"""The main window: it builds the toolbar, menus, reading view and side panels, opens documents and
follows the page; its parts do the rest — viewing (script, region, readings, theme), shelf (recent
list and library), search, editing (word choices, own entries) and opening (dialogs, scans)."""

from __future__ import annotations

import linecache
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_config_dir
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from reader.core.region import LABELS as REGION_LABELS
from reader.core.region import REGIONS
from reader.core.convert import Script, written_script
from reader.core.document import Document
from reader.core.loader import DocumentError, bundled_document, document_from_text, load_document
from reader.core.memory import release_free_memory
from reader.core.pages import DocumentPages
from reader.core.phonetics import Phonetics
from reader.core.settings import Settings, SettingsStore
from reader.ui.background import BackgroundRelay
from reader.ui.dialogs import show_about
from reader.ui.doc_search import DocumentSearch
from reader.ui.panels import EntryPanel, SearchResultsPanel, TermsPanel
from reader.ui.view import ReaderView
from reader.ui.word_choices import GlossaryEditing
from reader.ui.opening import DocumentOpening
from reader.ui.shelf import Shelf
from reader.ui.viewing import PHONETIC_LABELS, RUBY_LABELS, SCRIPT_LABELS, ViewSettings

if TYPE_CHECKING:
    from reader.core.services import Services

log = logging.getLogger("zhushi.window")


class MainWindow(QMainWindow):
    """The reader window. State lives in Settings and the current Document; the page renders it."""

    documentShown = Signal(dict)
    documentLoaded = Signal(dict)
    pageStateChanged = Signal()

    def __init__(self, services: Services, settings_store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings_store = settings_store
        self.settings: Settings = settings_store.load()
        self.document: Document | None = None
        self.script = Script(self.settings.script)
        self.position = 0
        services.set_phonetics(Phonetics(self.settings.phonetic, self.settings.taiwan_readings))
        from reader.core.convert import default_converter

        default_converter().taiwan_vocabulary = self.settings.taiwan_vocabulary
        default_converter().corner_quotes = self.settings.corner_quotes
        self.pages = DocumentPages(lambda: services.annotator, lambda: services.dictionary)
        self.pages.first_screen.clear()  # models load only after the first screen is out (see DocumentPages)
        self.view = ReaderView(self.pages, self)
        self.bridge = self.view.bridge
        self.setCentralWidget(self.view)
        self.setWindowTitle("Zhushi 注釋")
        self.setAcceptDrops(True)
        self._relay = BackgroundRelay(self)
        # once the background loading settles, the memory its threads freed goes back to the system (in a worker:
        # malloc_trim walks the whole heap, ~0.1 s, which the GUI thread should not wait for)
        self._trim = QTimer(self, singleShot=True, interval=1500)
        self._trim.timeout.connect(lambda: self._relay.run(release_free_memory))
        self.last_warning = ""
        self.page_state = "empty"  # requested → shown (first screen) → loaded (every chunk, readings included)
        self.search = DocumentSearch(self)  # the document's search hits (reader.ui.doc_search)
        self.editing = GlossaryEditing(self)  # known words, word decisions, own entries (reader.ui.word_choices)
        self.opening = DocumentOpening(self)  # File → Open, paste, and recognising scans (reader.ui.opening)
        self.recognition: Any = None  # the Cancel button of a running text recognition (OCR), if any
        self.viewing = ViewSettings(self)  # script, region, readings, conversion, theme, zoom (reader.ui.viewing)
        self.shelf = Shelf(self)  # the recent list and the library (reader.ui.shelf)
        self._build_panels()
        self._build_actions()
        self._connect_bridge()
        self.viewing.apply_theme()
        self._save_timer = QTimer(self, singleShot=True, interval=800)
        self._save_timer.timeout.connect(self.save_settings)
        # a window without a screen (offscreen: tests, screenshots, exports) neither reads nor saves the geometry
        self.remember_geometry = QGuiApplication.platformName() not in ("offscreen", "minimal")
        geometry = QSettings().value("window/geometry") if self.remember_geometry else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 860)
        self.bridge.send("settingsChanged", self.viewing.page_settings())
        self._show_warnings(settings_store.warnings)
        self._written: tuple[str, Script | None] = ("", None)  # (document key, the script it is written in)
        self._services_checked = False  # the glossary loads off the GUI thread; its warnings come with the first screen

    @classmethod
    def create(cls, file: str | None = None, settings_path: Path | None = None, services: Services | None = None) -> MainWindow:
        """A window with the default services and settings, showing FILE or the bundled article."""
        path = settings_path or Path(user_config_dir("zhushi")) / "settings.json"
        if services is None:
            from reader.core.services import Services

            services = Services()
        window = cls(services, SettingsStore(path))
        try:
            document = load_document(file) if file else bundled_document()
        except DocumentError as exc:
            window.warn("Cannot open the file", str(exc))
            document = bundled_document()
        window.open_document(document)
        return window

    # ---------------- building ----------------
    def _build_panels(self) -> None:
        self.terms_panel = TermsPanel()
        self.entry_panel = EntryPanel()
        self.results_panel = SearchResultsPanel()
        tabs = QTabWidget()
        tabs.addTab(self.terms_panel, "Terms in this document")
        tabs.addTab(self.entry_panel, "Entry")
        tabs.addTab(self.results_panel, "Search results")
        from reader.ui.library_panel import LibraryPanel

        self.library_panel = LibraryPanel(self.services.library)
        tabs.addTab(self.library_panel, "Library")
        tabs.currentChanged.connect(lambda _i: self.shelf.refresh_library() if tabs.currentWidget() is self.library_panel else None)
        self.library_panel.openRequested.connect(self.shelf.open_from_library)
        self.side_tabs = tabs
        dock = QDockWidget("Glossary", self)
        dock.setObjectName("glossary-dock")
        dock.setWidget(tabs)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.setMinimumWidth(340)
        self.dock = dock
        self.terms_panel.termChosen.connect(lambda i, k: self.bridge.send("navigateRequested", {"action": "term", "id": i, "index": k}))
        self.entry_panel.addRequested.connect(self.editing.add_to_glossary)
        self.entry_panel.editRequested.connect(self.editing.edit_entry)
        self.entry_panel.knownToggled.connect(self.editing.toggle_known)
        self.entry_panel.libraryRequested.connect(self.shelf.show_documents_with)

    def _action(self, text: str, slot: Any, shortcut: Any = None, checkable: bool = False, checked: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        s = self.settings
        self.open_action = self._action("&Open…", lambda: self.opening.choose_file(), QKeySequence.StandardKey.Open)
        self.paste_action = self._action("&Paste as new document…", lambda: self.opening.paste(), "Ctrl+Shift+V")
        self.export_action = self._action("&Export PDF…", self.export_pdf, "Ctrl+E")
        self.anki_action = self._action("Export terms for &Anki / Pleco…", self.export_terms_tsv)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.pinyin_action = self._action(RUBY_LABELS.get(s.phonetic, "&Pinyin"), self.viewing.set_pinyin, "Ctrl+Shift+P", True, s.pinyin)
        self.pinyin_action.setToolTip("Show or hide the readings over the characters (Ctrl+Shift+P)")
        self.numbers_action = self._action("Tone &numbers", lambda on: self.viewing.set("tone_style", "numbers" if on else "marks"), "Ctrl+Shift+N", True, s.tone_style == "numbers")
        self.colors_action = self._action("Tone &colours", lambda on: self.viewing.set("tone_colors", on), None, True, s.tone_colors)
        self.known_action = self._action("Hide pinyin over &known words", lambda on: self.viewing.set("hide_known_pinyin", on), None, True, s.hide_known_pinyin)
        self.marks_action = self._action("Mark glossary &terms", lambda on: self.viewing.set("show_term_marks", on), "Ctrl+Shift+M", True, s.show_term_marks)
        self.dark_action = self._action("&Dark theme", self.viewing.set_dark, "Ctrl+Shift+D", True, s.theme == "dark")
        self.zoom_in = self._action("Zoom &in", lambda: self.viewing.zoom(1.1), QKeySequence.StandardKey.ZoomIn)
        self.zoom_out = self._action("Zoom &out", lambda: self.viewing.zoom(1 / 1.1), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset = self._action("&Actual size", lambda: self.viewing.zoom(0), "Ctrl+0")
        self.find_action = self._action("&Find…", self.search.focus, QKeySequence.StandardKey.Find)
        self.next_hit = self._action("Find &next", lambda: self.search.step(1), QKeySequence.StandardKey.FindNext)
        self.prev_hit = self._action("Find &previous", lambda: self.search.step(-1), QKeySequence.StandardKey.FindPrevious)
        self.about_action = self._action("&About Zhushi", lambda: show_about(self))
        self.taiwan_readings_action = self._action(
            "Taiwan &readings in the Taiwan view", self.viewing.set_taiwan_readings, None, True, s.taiwan_readings
        )
        self.taiwan_readings_action.setToolTip("Taiwan standard readings (垃圾 lèsè, 星期 xīngqí) where they differ; off: Mainland readings")
        self.vocabulary_action = self._action(
            "Taiwan &vocabulary in the Taiwan view", self.viewing.set_taiwan_vocabulary, None, True, s.taiwan_vocabulary
        )
        self.vocabulary_action.setToolTip("Also Taiwan words (計程車, 軟體, 滑鼠) in the Taiwan view, not only Taiwan characters")
        self.quotes_action = self._action("Quotation marks as the &view's region writes them", self.viewing.set_corner_quotes, None, True, s.corner_quotes)
        self.quotes_action.setToolTip("「」『』 in the Taiwan and Hong Kong views, “”‘’ in the Simplified view")
        self.phonetic_group = QActionGroup(self)
        self.phonetic_actions: dict[str, QAction] = {}
        for system, label in PHONETIC_LABELS:
            action = QAction(label, self, checkable=True)
            action.setChecked(system == s.phonetic)
            action.triggered.connect(lambda _=False, sy=system: self.viewing.set_phonetic(sy))
            self.phonetic_group.addAction(action)
            self.addAction(action)
            self.phonetic_actions[system] = action
        self.join_action = self._action("Treat the selection as &one word", lambda: self.editing.join_selection(), "Ctrl+J")
        self.split_action = self._action("&Split the selection here…", lambda: self.editing.split_selection(), "Ctrl+Shift+J")

        self.script_group = QActionGroup(self)
        self.script_actions: dict[Script, QAction] = {}
        for n, (script, label) in enumerate(SCRIPT_LABELS, start=1):
            action = QAction(label, self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setChecked(script == self.script)
            action.triggered.connect(lambda _=False, sc=script: self.viewing.set_script(sc))
            self.script_group.addAction(action)
            self.addAction(action)
            self.script_actions[script] = action

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.paste_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.shelf.fill_recent()
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        options = file_menu.addMenu("PDF &options")
        for key, choices in (
            ("export_notes", (("end", "Notes as a glossary at the end"), ("footnotes", "Notes after the paragraph"), ("none", "No notes"))),
            ("export_paper", (("a4", "A4 paper"), ("letter", "Letter paper"))),
        ):
            group = QActionGroup(self)
            for value, label in choices:
                action = QAction(label, self, checkable=True)
                action.setChecked(getattr(self.settings, key) == value)
                action.triggered.connect(lambda _=False, k=key, v=value: (setattr(self.settings, k, v), self.save_later()))
                group.addAction(action)
                options.addAction(action)
            options.addSeparator()
        file_menu.addAction(self.anki_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu("&View")
        for action in self.script_actions.values():
            view_menu.addAction(action)
        view_menu.addAction(self.vocabulary_action)
        view_menu.addAction(self.quotes_action)
        view_menu.addSeparator()
        view_menu.addAction(self.pinyin_action)
        phonetic_menu = view_menu.addMenu("Readings &as")
        for action in self.phonetic_actions.values():
            phonetic_menu.addAction(action)
        phonetic_menu.addSeparator()
        phonetic_menu.addAction(self.taiwan_readings_action)
        for action in (self.numbers_action, self.colors_action, self.known_action, self.marks_action, self.dark_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view_menu.addAction(action)
        edit_menu = menu.addMenu("&Search")
        for action in (self.find_action, self.next_hit, self.prev_hit):
            edit_menu.addAction(action)
        words_menu = menu.addMenu("&Words")
        words_menu.addAction(self.join_action)
        words_menu.addAction(self.split_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)

        bar = QToolBar("Reading")
        bar.setObjectName("reading-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addAction(self.open_action)
        self.script_box = QComboBox()
        for script, label in SCRIPT_LABELS:
            self.script_box.addItem(label, str(script))
        self.script_box.setCurrentIndex([s for s, _ in SCRIPT_LABELS].index(self.script))
        self.script_box.setToolTip("Script (Ctrl+1 … Ctrl+5)")
        self.script_box.activated.connect(lambda idx: self.viewing.set_script(Script(self.script_box.itemData(idx))))
        bar.addWidget(self.script_box)
        self.region_box = QComboBox()
        # wide enough for the detected region's label ("Region: auto (Mainland China)"), set after the first screen
        self.region_box.setMinimumContentsLength(28)
        self.region_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region_box.addItem("Region: auto", "auto")
        for region in REGIONS:
            self.region_box.addItem(f"Region: {REGION_LABELS[region]}", region)
        self.region_box.setToolTip("Where the text is from: glossary senses and notes follow it (auto: from its script and vocabulary)")
        self.region_box.activated.connect(lambda idx: self.viewing.set_region(str(self.region_box.itemData(idx))))
        bar.addWidget(self.region_box)
        bar.addAction(self.pinyin_action)
        self.phonetic_box = QComboBox()
        for system, label in PHONETIC_LABELS:
            self.phonetic_box.addItem(label, system)
        self.phonetic_box.setCurrentIndex([sy for sy, _ in PHONETIC_LABELS].index(self.settings.phonetic))
        self.phonetic_box.setToolTip("Readings shown over the text: Hanyu Pinyin, Zhuyin (bopomofo) or Cantonese Jyutping")
        self.phonetic_box.activated.connect(lambda idx: self.viewing.set_phonetic(str(self.phonetic_box.itemData(idx))))
        bar.addWidget(self.phonetic_box)
        bar.addAction(self.numbers_action)
        bar.addAction(self.marks_action)
        bar.addSeparator()
        self.search_box = QLineEdit(placeholderText="Search the text, the glossary and the dictionary (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(320)
        self.search_box.returnPressed.connect(self.search.enter)
        self.search_box.textEdited.connect(self.search.typed)
        bar.addWidget(self.search_box)
        bar.addAction(self.prev_hit)
        bar.addAction(self.next_hit)
        self.hit_label = QLabel("")
        bar.addWidget(self.hit_label)
        bar.addSeparator()
        bar.addAction(self.export_action)

    def _connect_bridge(self) -> None:
        b = self.bridge
        b.documentShown.connect(self._on_shown)
        b.documentLoaded.connect(self._on_loaded)
        b.positionChanged.connect(self.shelf.on_position)
        b.entryActivated.connect(self.editing.pin)
        b.termShown.connect(self.terms_panel.show_position)

    # ---------------- documents ----------------
    def open_document(self, document: Document) -> None:
        """Show a document, restoring its reading position and view when it was open before."""
        self.shelf.remember_current()
        self.document = document
        self.pages.add(document)
        recent = self.settings.recent_for(document.path) if document.path else None
        self.position = recent.position if recent else 0
        if recent:
            self.script = Script(recent.script) if recent.script in Script._value2member_map_ else self.script
            self.pinyin_action.blockSignals(True)
            self.pinyin_action.setChecked(recent.pinyin)
            self.pinyin_action.blockSignals(False)
            self.settings.pinyin = recent.pinyin
            self.viewing.sync_script_widgets()
            self.bridge.send("settingsChanged", self.viewing.page_settings())
        self.setWindowTitle(f"{document.title} — Zhushi 注釋")
        self.region_box.setItemText(0, "Region: auto")  # the detected region is shown once the first screen is up
        self.region_box.setCurrentIndex(0)
        self.search.reset()
        self.request_document()
        self.shelf.remember_current()
        self.shelf.fill_recent()
        QTimer.singleShot(0, lambda doc=document: self.shelf.keep(doc))

    def save_later(self) -> None:
        """Write the settings soon (debounced: many changes in a row are written once)."""
        self._save_timer.start()

    def request_document(self) -> None:
        assert self.document is not None
        self.page_state = "requested"
        self.pageStateChanged.emit()
        key, script = self.document.key, str(self.script)
        chunk = self.pages.chunk_at(key, self.position)
        request = {"key": key, "script": script, "position": self.position, "chunk": chunk, "settings": self.viewing.page_settings()}
        # worked out while the page loads, so the page's first requests find them ready
        self.view.scheme_handler.prefetch([[key, "info.json"], [key, script, f"{chunk}.json"]])
        if not self.bridge.is_ready:
            self.view.load_reader(request)  # the page starts on the document before the bridge is up
        else:
            self.bridge.send("documentRequested", request)

    def page_language(self) -> str:
        """The language tag of the text as shown: zh-Hans for Simplified (view or document), else zh-Hant."""
        if self.script == Script.SIMPLIFIED:
            return "zh-Hans"
        if self.script == Script.ORIGINAL and self.document is not None:
            if self._written[0] != self.document.key:
                self._written = (self.document.key, written_script(self.document.text))
            if self._written[1] == Script.SIMPLIFIED:
                return "zh-Hans"
        return "zh-Hant"

    def _show_warnings(self, warnings: list[str]) -> None:
        for warning in warnings:
            log.warning(warning)
            self.statusBar().showMessage(warning, 15000)

    def _on_shown(self, info: dict[str, Any]) -> None:
        self.pages.first_screen.set()
        if not self._services_checked:
            self._services_checked = True
            self._show_warnings(self.services.warnings)
        if self.page_state == "requested":
            self.page_state = "shown"
        self.documentShown.emit(info)
        self.pageStateChanged.emit()
        from reader.ui.fonts import install_widget_fonts

        QTimer.singleShot(0, install_widget_fonts)
        if self.document is not None:
            key = self.document.key
            # with the window as context: dropped if the window is gone by then
            QTimer.singleShot(0, self, lambda: self.document is not None and self.document.key == key and self.viewing.show_region(self.viewing.region_choice.get(key)))
        self.refresh_terms()
        self.search.again()

    def _on_loaded(self, info: dict[str, Any]) -> None:
        if self.document is not None and info.get("key") == self.document.key and info.get("script") == str(self.script):
            self.page_state = "loaded"
            # only now, so that it does not hold up the page's own terms and readings
            self._warm_up()
            self._trim.start()
            # PySide6's import hook reads every module imported after it into linecache (about 10 MB of
            # source text by now); tracebacks read it back from disk when they need it
            QTimer.singleShot(0, linecache.clearcache)
        self.documentLoaded.emit(info)
        self.pageStateChanged.emit()

    def refresh_terms(self) -> None:
        """Fill the terms panel; matching runs off the GUI thread (long documents take a moment)."""
        if self.document is None:
            return
        # entries in the script of the text as shown (Simplified forms for a Simplified document as written)
        script = "simplified" if self.page_language() == "zh-Hans" else str(self.script)
        # the annotator is taken in the background too: the first call loads the glossary (a second or so)
        document, services = self.document, self.services
        self._relay.run(
            lambda: services.annotator.document_terms(document),
            lambda matches: self.document is document and self.terms_panel.set_terms(matches, script),
        )

    def _warm_up(self) -> None:
        """Once the document is loaded: the other scripts' first chunk in the background (the search index
        waits for the first key typed in the search box)."""
        if getattr(self, "_warmed", None) == (self.document.key if self.document else None):
            return
        self._warmed = self.document.key if self.document else None
        pages, key, current = self.pages, self._warmed, self.script

        def work() -> None:
            for script in Script:
                if key and script != current:
                    for part in ("0.json", "0.terms.json", "0.more.json"):
                        pages.serve([key, str(script), part])

        self._relay.run(work, lambda _done: self._trim.start())

    def open_path(self, path: str) -> bool:
        """Open a file, or say clearly why not (the current document stays). Scans and images are
        recognised (OCR) in the background with progress and a Cancel button; True when the document
        is open or its recognition has started."""
        from reader.core.formats.ocr import IMAGE_SUFFIXES
        from reader.core.formats.pdf import NeedsRecognition, load as load_pdf

        suffix = Path(path).suffix.lower()
        try:
            if suffix in IMAGE_SUFFIXES:
                raise NeedsRecognition("an image")
            if suffix == ".pdf":
                document = load_pdf(Path(path), recognise_scans=False)
            else:
                document = load_document(path)
        except NeedsRecognition:
            self.opening.recognise(path)
            return True
        except DocumentError as exc:
            self.warn("Cannot open the file", str(exc))
            return False
        self.open_document(document)
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        data = event.mimeData()
        urls = [u for u in data.urls() if u.isLocalFile()]
        if urls:
            self.open_path(urls[0].toLocalFile())
        elif data.hasText():
            try:
                self.open_document(document_from_text(data.text(), source="dropped text"))
            except DocumentError as exc:
                self.warn("Cannot read the text", str(exc))
        event.acceptProposedAction()

    # ---------------- view settings ----------------
    # ---------------- export ----------------
    def export_pdf(self) -> None:
        """File → Export PDF (see reader.ui.export)."""
        from reader.ui.export import ExportDialogFlow

        ExportDialogFlow(self).start()

    def export_terms_tsv(self) -> None:
        """File → Export terms for Anki / Pleco: the glossary terms of this document as TSV."""
        from glossary.user import export_anki_tsv

        if self.document is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Export terms for Anki / Pleco", str(Path.home() / "zhushi-terms.tsv"), "TSV (*.tsv *.txt)")
        if not name:
            return
        matches = self.services.annotator.document_terms(self.document)
        unique = list({m.entry.id: m.entry for m in matches}.values())
        try:
            export_anki_tsv(unique, Path(name))
        except OSError as exc:
            self.warn("Export terms", f"The file could not be written: {exc}")
            return
        self.statusBar().showMessage(f"Exported {len(unique)} terms to {name}.", 8000)

    def warn(self, title: str, text: str) -> None:
        """Tell the person what went wrong, without blocking (the message stays until dismissed)."""
        self.last_warning = f"{title}: {text}"
        log.warning(self.last_warning)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        # plain text: a crafted file name must not become markup or a link that opens the browser
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.statusBar().showMessage(text, 15000)

    # ---------------- closing ----------------
    def save_settings(self) -> None:
        """Write the settings now (atomically), and the reading place in the library."""
        try:
            self.settings.script = str(self.script)
            self.settings_store.save(self.settings)
        except OSError as exc:
            log.warning("settings could not be saved: %s", exc)
        self.shelf.keep_place()

    def dispose(self) -> None:
        """Delete the window's web page and profile in the order QtWebEngine needs (call once, at the end)."""
        import shiboken6

        self._relay.wait()
        self.view.scheme_handler.stop()
        self.view.shutdown()
        if shiboken6.isValid(self):
            shiboken6.delete(self)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.shelf.remember_current()
        self.save_settings()
        if self.remember_geometry:
            QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
