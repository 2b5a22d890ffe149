"""The zhushi:// scheme: the app's pages, assets, fonts and document data, served from Python."""

from __future__ import annotations

import json
import logging
import mimetypes
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QFile, QIODevice, QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from reader.ui.fonts import installed, page_css, print_face_file
from resources import FONTS, WEB

SCHEME = b"zhushi"
HOST = "app"
READER_URL = "zhushi://app/reader.html"
log = logging.getLogger("zhushi.scheme")


def register_scheme() -> None:
    """Declare zhushi:// as a secure local scheme; must run before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


DataProvider = Callable[[list[str]], bytes | None]
"""Given the path parts after /doc/, the JSON bytes to serve (None: not found). Runs off the GUI thread."""


class _Replies(QObject):
    ready = Signal(int)


class ReaderSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves zhushi://app/…: web assets and fonts from resources/, document data from a provider."""

    def __init__(self, provider: DataProvider, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._provider = provider
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._buffers: list[QBuffer] = []
        self._next = 0
        self._replies = _Replies(self)
        self._replies.ready.connect(self._finish)
        # One worker thread serves document data in order; results return to the GUI thread by signal.
        self._queue: queue.Queue[tuple[int, list[str]] | None] = queue.Queue()
        self._done: dict[int, tuple[bytes | None, str]] = {}
        self._done_lock = threading.Lock()
        self._worker = threading.Thread(target=self._work, name="zhushi-pages", daemon=True)
        self._worker.start()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        url = job.requestUrl()
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path().lstrip("/")
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["doc"]:
            self._next += 1
            ticket = self._next
            self._jobs[ticket] = job
            job.destroyed.connect(lambda *_: self._jobs.pop(ticket, None))
            self._queue.put((ticket, parts[1:]))
            return
        if path == "fonts.css":
            self._reply(job, page_css(installed()).encode(), "text/css")
            return
        if path == "qwebchannel.js":
            file = QFile(":/qtwebchannel/qwebchannel.js")
            if file.open(QIODevice.OpenModeFlag.ReadOnly):
                self._reply(job, bytes(file.readAll().data()), "application/javascript")
                return
        local = print_face_file(path[len("printfonts/") :]) if path.startswith("printfonts/") else self._asset(path)
        if local is None:
            log.warning("zhushi scheme: not found: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
        if local.suffix == ".ttf":
            mime = "font/ttf"
        self._reply(job, local.read_bytes(), mime)

    def prefetch(self, paths: list[list[str]]) -> None:
        """Work out document data ahead of the page's request for it (the provider keeps recent answers)."""
        for parts in paths:
            self._queue.put((0, parts))

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            ticket, parts = item
            try:
                data = self._provider(parts)
                error = "" if data is not None else "missing"
            except Exception as exc:  # reported to the page as a failed request, and logged
                log.exception("serving /doc/%s failed", "/".join(parts))
                data, error = None, str(exc) or "failed"
            if ticket == 0:
                continue  # a prefetch: nobody waits for it
            with self._done_lock:
                self._done[ticket] = (data, error)
            self._replies.ready.emit(ticket)

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the queued requests and stop the worker."""
        self._queue.put(None)
        self._worker.join(timeout)

    @staticmethod
    def _asset(path: str) -> Path | None:
        """A file under resources/web or resources/fonts, never outside them."""
        if path.startswith("fonts/"):
            root, rel = FONTS, path[len("fonts/") :]
        else:
            root, rel = WEB, path
        candidate = (root / rel).resolve()
        if root.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def _finish(self, ticket: int) -> None:
        with self._done_lock:
            data, error = self._done.pop(ticket, (None, "missing"))
        job = self._jobs.pop(ticket, None)
        if job is None:
            return
        if error:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound if error == "missing" else QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        self._reply(job, data or b"", "application/json")

    def _reply(self, job: QWebEngineUrlRequestJob, data: bytes, mime: str) -> None:
        buffer = QBuffer(job)
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)


def json_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
