"""Annotated PDF export: the page as read, printed by QtWebEngine, then given pages, bookmarks and metadata."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF, QObject, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from reader.core.pdfpost import PdfPostError, finish_pdf, first_page_of, link_pages
from reader.ui.waiting import DriverTimeout, wait_signal

if TYPE_CHECKING:
    from reader.ui.window import MainWindow

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class ExportError(Exception):
    """An export that did not happen, with a message for a person; no file was left behind."""


@dataclass(frozen=True)
class ExportOptions:
    """How to export: where the notes go, the paper, and pinyin on or off."""

    notes: str = "end"
    paper: str = "a4"
    pinyin: bool = True


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    pages: int
    terms: int


def check_destination(path: Path) -> None:
    """Refuse early, with a clear message, a destination that cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise ExportError(f"The folder “{folder}” does not exist; choose another place to save the PDF.")
    if not folder.is_dir():
        raise ExportError(f"“{folder}” is not a folder.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"The folder “{folder}” cannot be written to; choose another place to save the PDF.")
    if path.is_dir():
        raise ExportError(f"“{path}” is a folder; give a file name for the PDF.")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"“{path}” exists and cannot be replaced (it is read-only).")


def page_layout(paper: str) -> QPageLayout:
    """The paper size with the reader's print margins (the stylesheet's @page rules refine them)."""
    return QPageLayout(QPageSize(PAPERS.get(paper, QPageSize.PageSizeId.A4)), QPageLayout.Orientation.Portrait, QMarginsF(16, 18, 16, 20), QPageLayout.Unit.Millimeter)


def remove_stale_export_folders(folder: str | None = None) -> int:
    """Remove the temporary folders of exports whose process is gone (killed before it could tidy up)."""
    import shutil

    removed = 0
    base = Path(folder or tempfile.gettempdir())
    for candidate in base.glob("zhushi-export-*"):
        parts = candidate.name.split("-")
        if len(parts) < 4 or not parts[2].isdigit():
            continue
        pid = int(parts[2])
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # still running: its export is under way
        except ProcessLookupError:
            pass
        except OSError:
            continue  # alive but not ours to signal
        shutil.rmtree(candidate, ignore_errors=True)
        removed += 1
    return removed


class PdfPrinter(QObject):
    """Runs the export steps on the window's page without blocking the GUI; emits progress and the outcome."""

    progress = Signal(int, str)
    finished = Signal()  # the outcome is in .outcome (ExportResult or ExportError)

    def __init__(self, window: MainWindow, path: Path, options: ExportOptions) -> None:
        super().__init__(window)
        self.window, self.path, self.options = window, path, options
        self.cancelled = False
        self.outcome: object = None
        remove_stale_export_folders()
        # the process id in the name lets a later export tidy up after one that was killed
        self._tmp_dir = tempfile.mkdtemp(prefix=f"zhushi-export-{os.getpid()}-")
        self._first = os.path.join(self._tmp_dir, "pass1.pdf")
        self._second = os.path.join(self._tmp_dir, "pass2.pdf")
        self._prepared: dict[str, Any] = {}
        self._body_pages = 0
        self._pass = 0
        self._page = window.view.page()
        self._was_pinyin = window.settings.pinyin

    def start(self) -> None:
        """Begin: prepare the page for print (every chunk loaded and rendered, notes numbered)."""
        try:
            check_destination(self.path)
        except ExportError as exc:
            self._finish(exc)
            return
        self.progress.emit(5, "Preparing the pages…")
        self.window.bridge.send("settingsChanged", {"pinyin": self.options.pinyin})
        self.window.bridge.printReady.connect(self._on_prepared)
        self._connected = True
        self.window.bridge.send("printRequested", {"notes": self.options.notes, "paper": self.options.paper, "pages": {}})

    def cancel(self) -> None:
        """Stop; nothing is written."""
        self.cancelled = True
        self._finish(ExportError("The export was cancelled; no file was written."))

    def _on_prepared(self, info: dict[str, Any]) -> None:
        if self.cancelled:
            return
        self._prepared = info
        self._pass += 1
        self.progress.emit(25 if self._pass == 1 else 65, "Laying out the pages…" if self._pass == 1 else "Adding page numbers to the notes…")
        target = self._first if self._pass == 1 else self._second
        # The in-memory variant: PySide6's pdfPrintingFinished(str, bool) corrupts bool refcounts.
        self._page.printToPdf(lambda data, t=target: self._on_data(data, t), page_layout(self.options.paper))

    def _on_data(self, data: Any, target: str) -> None:
        if self.cancelled:
            return
        payload = bytes(data.data()) if hasattr(data, "data") else bytes(data)
        ok = bool(payload)
        if ok:
            try:
                with open(target, "wb") as handle:
                    handle.write(payload)
            except OSError as exc:
                self._finish(ExportError(f"A temporary file could not be written ({exc}); nothing was exported."))
                return
        self._on_printed(target, ok)

    def _on_printed(self, file: str, ok: bool) -> None:
        if not ok:
            self._finish(ExportError("QtWebEngine could not print the document to PDF."))
            return
        if self._pass == 1 and self.options.notes != "none" and self._prepared.get("notes"):
            numbers = self._prepared.get("numbers", {})
            try:
                pages = link_pages(file, "note-")
            except PdfPostError as exc:
                self._finish(ExportError(str(exc)))
                return
            by_id = {entry_id: pages.get(str(n), []) for entry_id, n in numbers.items()}
            self.progress.emit(50, "Finding the pages of each term…")
            request: dict[str, Any] = {"notes": self.options.notes, "paper": self.options.paper, "pages": by_id}
            if self.options.notes == "end":
                # The glossary starts on a page of its own, so the body's pages are final: print
                # only the notes again, their first page numbered on from the body's last.
                try:
                    self._body_pages = first_page_of(file, "note-") or 0
                except PdfPostError as exc:
                    self._finish(ExportError(str(exc)))
                    return
                request["notes_only"] = self._body_pages
            self.window.bridge.send("printRequested", request)
            return
        self.progress.emit(85, "Writing the PDF…")
        document = self.window.document
        try:
            merge = self._pass == 2 and self._body_pages > 0
            pages = finish_pdf(
                self._first if merge else file,
                self.path,
                notes_from=file if merge else None,
                body_pages=self._body_pages,
                title=document.title if document else "Zhushi",
                language=self.window.page_language(),
                headings=self._prepared.get("headings", []),
                subject=(document.source if document else ""),
            )
        except (PdfPostError, OSError) as exc:
            self._finish(ExportError(f"The PDF could not be written to “{self.path}”: {exc}. No file was left there."))
            return
        self._finish(ExportResult(self.path, pages, int(self._prepared.get("notes", 0))))

    def _finish(self, outcome: object) -> None:
        if getattr(self, "_connected", False):
            self._connected = False
            self.window.bridge.printReady.disconnect(self._on_prepared)
        self.window.bridge.send("settingsChanged", {"pinyin": self.window.settings.pinyin})
        self.window.bridge.send("printFinished", {})
        for name in (self._first, self._second):
            try:
                os.unlink(name)
            except OSError:
                pass
        try:
            os.rmdir(self._tmp_dir)
        except OSError:
            pass
        self.progress.emit(100, "Done")
        self.outcome = outcome
        self.finished.emit()


def export_window_pdf(window: MainWindow, path: Path, options: ExportOptions, timeout_ms: int = 240_000) -> ExportResult:
    """Export synchronously (for the command line and tests); raise ExportError on failure."""
    printer = PdfPrinter(window, path, options)
    QTimer.singleShot(0, printer.start)
    try:
        wait_signal(printer.finished, timeout_ms)
        outcome = printer.outcome
    except DriverTimeout as exc:
        printer.cancel()
        raise ExportError("The export took too long and was stopped; no file was written.") from exc
    if isinstance(outcome, ExportError):
        raise outcome
    assert isinstance(outcome, ExportResult)
    return outcome


class ExportDialogFlow(QObject):
    """File → Export PDF: choose a file, show progress with Cancel, report the outcome."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def start(self) -> None:
        """Ask where, then export with a progress dialog."""
        w = self.window
        default = Path.home() / f"{(w.document.title if w.document else 'zhushi')[:40]}.pdf"
        name, _ = QFileDialog.getSaveFileName(w, "Export an annotated PDF", str(default), "PDF (*.pdf)")
        if not name:
            return
        options = ExportOptions(notes=w.settings.export_notes, paper=w.settings.export_paper, pinyin=w.settings.pinyin)
        self.printer = PdfPrinter(w, Path(name), options)
        self.dialog = QProgressDialog("Exporting…", "Cancel", 0, 100, w)
        self.dialog.setWindowTitle("Export PDF")
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.printer.cancel)
        self.printer.progress.connect(lambda v, text: (self.dialog.setValue(v), self.dialog.setLabelText(text)))
        self.printer.finished.connect(self._done)
        self.printer.start()

    def _done(self) -> None:
        outcome = self.printer.outcome
        self.dialog.reset()
        if isinstance(outcome, ExportResult):
            self.window.statusBar().showMessage(f"Exported {outcome.pages} pages to {outcome.path}.", 8000)
        elif not self.printer.cancelled:
            self.window.warn("Export PDF", str(outcome))
