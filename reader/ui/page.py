"""The locked-down web page: only zhushi:// loads, every other request is refused and logged."""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from reader.ui.scheme import SCHEME

log = logging.getLogger("zhushi.page")
ALLOWED_SCHEMES = {SCHEME.decode(), "data"}
HISTORY = 500  # requests, refusals and console lines kept for inspection (tests, debugging)


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Refuses every request that is not for the app's own scheme, and remembers it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refused: deque[str] = deque(maxlen=HISTORY)
        self.allowed: deque[str] = deque(maxlen=HISTORY)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        if url.scheme() not in ALLOWED_SCHEMES:
            self.refused.append(url.toString())
            log.warning("refused a request for %s", url.toString())
            info.block(True)
        else:
            self.allowed.append(url.toString())


class ReaderPage(QWebEnginePage):
    """A page that navigates only within zhushi://app, opens no windows and logs its console."""

    consoleMessage = Signal(str)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        attr = QWebEngineSettings.WebAttribute
        for name in (
            "LocalContentCanAccessFileUrls", "LocalContentCanAccessRemoteUrls", "JavascriptCanOpenWindows",
            "PluginsEnabled", "PdfViewerEnabled", "NavigateOnDropEnabled", "AutoLoadIconsForPage",
            "DnsPrefetchEnabled", "JavascriptCanAccessClipboard", "ScreenCaptureEnabled", "WebGLEnabled",
        ):
            self.settings().setAttribute(getattr(attr, name), False)
        self.settings().setAttribute(attr.PrintElementBackgrounds, True)
        # recent history only: a long reading session makes many requests
        self.refused_navigations: deque[str] = deque(maxlen=HISTORY)
        self.console: deque[str] = deque(maxlen=HISTORY)

    def acceptNavigationRequest(self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool) -> bool:  # noqa: N802
        url = QUrl(url)
        if url.scheme() == SCHEME.decode() and url.host() == "app":
            return True
        self.refused_navigations.append(url.toString())
        log.warning("refused navigation to %s", url.toString())
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:  # noqa: N802
        log.warning("refused to open a window")
        return None

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str) -> None:  # noqa: N802
        text = f"{source}:{line}: {message}"
        self.console.append(text)
        log.info("page console: %s", text)
        self.consoleMessage.emit(text)
