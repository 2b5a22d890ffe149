"""The reading view: a QWebEngineView on a locked-down page, with the scheme handler and the bridge."""

from __future__ import annotations

import json

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.pages import DocumentPages
from reader.ui.bridge import ReaderBridge
from reader.ui.page import ReaderPage, RequestGuard
from reader.ui.scheme import READER_URL, SCHEME, ReaderSchemeHandler


class ReaderView(QWebEngineView):
    """Shows zhushi://app/reader.html; documents reach it through DocumentPages and the bridge."""

    def __init__(self, pages: DocumentPages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        # An off-the-record profile of our own: no cache or cookies on disk, our scheme and guard only.
        # Parented to the application, so that it outlives every page that uses it.
        self.profile = QWebEngineProfile(QApplication.instance())
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        self.scheme_handler = ReaderSchemeHandler(pages.serve, self)
        self.profile.installUrlSchemeHandler(SCHEME, self.scheme_handler)
        self.guard = RequestGuard(self)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.reader_page = ReaderPage(self.profile, self)
        self.setPage(self.reader_page)
        self.bridge = ReaderBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.reader_page.setWebChannel(self.channel)
        self.setAcceptDrops(False)  # the window handles dropped files
        self.bridge.reset()

    def load_reader(self, request: dict[str, object] | None = None) -> None:
        """Load the reader page; with a first document request in its address, so the page can fetch
        the document while the bridge is still connecting."""
        url = QUrl(READER_URL)
        if request is not None:
            query = QUrlQuery()
            query.addQueryItem("request", json.dumps(request, ensure_ascii=False))
            url.setQuery(query)
        self.bridge.reset()
        self.load(url)

    def shutdown(self) -> None:
        """Delete the page now, then the profile: a profile must outlive its pages, or Chromium crashes at exit."""
        import shiboken6

        page, profile = self.reader_page, self.profile
        if shiboken6.isValid(page):
            shiboken6.delete(page)
        if shiboken6.isValid(profile):
            shiboken6.delete(profile)
