"""Opening documents from the window: File → Open, Paste as new document, and recognising the text of
scans and images (OCR) in the background with progress and Cancel. One part of the window
(MainWindow.opening); the window's open_path and open_document do the opening itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from reader.core.document import Document
from reader.core.loader import DocumentError, document_from_text
from reader.ui.dialogs import PasteDialog

if TYPE_CHECKING:
    from reader.ui.window import MainWindow


class DocumentOpening:
    """The dialogs and background jobs that end in the window opening a document."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def choose_file(self) -> None:
        """File → Open."""
        w = self.window
        start = str(Path(w.document.path).parent) if w.document and w.document.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(w, "Open a document", start, "Documents (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.epub *.ofd *.mhtml *.mht);;All files (*)")
        if name:
            w.open_path(name)

    def recognise(self, path: str) -> None:
        """Recognise a scan's or an image's text off the GUI thread, with its progress and a Cancel button in
        the status bar; the document opens when it is done, marked as recognised text."""
        import threading

        from PySide6.QtWidgets import QLabel, QPushButton

        from reader.core.formats.ocr import Cancelled, load_image
        from reader.core.formats.pdf import load as load_pdf

        w = self.window
        name = Path(path).name
        stop = threading.Event()
        state = {"done": 0, "total": 0}
        # progress in the status bar with a Cancel button beside it (the window stays usable meanwhile)
        label = QLabel(f"Recognising the text of “{name}” (OCR)…")
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(stop.set)
        w.statusBar().addPermanentWidget(label)
        w.statusBar().addPermanentWidget(cancel)
        w.recognition = cancel  # for tests and for the person: what is running now
        timer = QTimer(w, interval=200)

        def show_progress() -> None:
            if state["total"]:
                label.setText(f"Recognising the text of “{name}” (OCR): page {state['done']} of {state['total']}…")

        timer.timeout.connect(show_progress)
        timer.start()

        def progress(done: int, total: int) -> None:
            state["done"], state["total"] = done, total

        def work() -> Any:
            try:
                if Path(path).suffix.lower() == ".pdf":
                    return load_pdf(Path(path), progress=progress, should_stop=stop.is_set)
                return load_image(Path(path), progress=progress, should_stop=stop.is_set)
            except Cancelled as exc:
                return exc
            except DocumentError as exc:
                return exc

        def finished(result: Any) -> None:
            timer.stop()
            for widget in (label, cancel):
                w.statusBar().removeWidget(widget)
                widget.deleteLater()
            w.recognition = None
            if isinstance(result, Cancelled):
                w.statusBar().showMessage(f"Stopped recognising “{name}”.", 5000)
            elif isinstance(result, DocumentError):
                w.warn("Cannot open the file", str(result))
            elif isinstance(result, Document):
                w.open_document(result)
                w.statusBar().showMessage("This text was recognised from page images (OCR): check it against the original.", 10000)

        w._relay.run(work, finished)  # noqa: SLF001 (the window's one background relay)

    def paste(self) -> None:
        """File → Paste as new document."""
        w = self.window
        dialog = PasteDialog(w)
        if dialog.exec() and dialog.text().strip():
            try:
                w.open_document(document_from_text(dialog.text(), source="pasted text"))
            except DocumentError as exc:
                w.warn("Cannot read the text", str(exc))
