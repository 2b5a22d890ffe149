"""The one declared bridge between Python and the page: every message, each carrying JSON."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class ReaderBridge(QObject):
    """Python → page: the *Requested signals. Page → Python: the slots, re-emitted as parsed-JSON signals.

    Messages queued before the page says it is ready are sent when it does.
    """

    # Python -> page (connected in reader.js)
    documentRequested = Signal(str)
    settingsChanged = Signal(str)
    searchRequested = Signal(str)
    navigateRequested = Signal(str)
    printRequested = Signal(str)
    hoverRequested = Signal(str)
    printFinished = Signal(str)

    # page -> Python, for the window
    ready = Signal()
    shown = Signal(dict)
    loaded = Signal(dict)
    hovered = Signal(dict)
    hoverTargetFound = Signal(dict)
    activated = Signal(dict)
    position = Signal(int)
    termNavigated = Signal(dict)
    printPrepared = Signal(dict)
    escaped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.is_ready = False
        self._queue: list[tuple[Signal, str]] = []

    def send(self, signal_name: str, payload: Any) -> None:
        """Send a message to the page now, or when it is ready."""
        signal = getattr(self, signal_name)
        text = json.dumps(payload, ensure_ascii=False)
        if self.is_ready:
            signal.emit(text)
        else:
            self._queue.append((signal, text))

    def reset(self) -> None:
        """The page is being (re)loaded: queue until it says it is ready again."""
        self.is_ready = False

    @Slot(str)
    def pageReady(self, _payload: str) -> None:  # noqa: N802
        self.is_ready = True
        queued, self._queue = self._queue, []
        for signal, text in queued:
            signal.emit(text)
        self.ready.emit()

    @Slot(str)
    def documentShown(self, payload: str) -> None:  # noqa: N802
        self.shown.emit(json.loads(payload))

    @Slot(str)
    def documentLoaded(self, payload: str) -> None:  # noqa: N802
        self.loaded.emit(json.loads(payload))

    @Slot(str)
    def hoverShown(self, payload: str) -> None:  # noqa: N802
        self.hovered.emit(json.loads(payload))

    @Slot(str)
    def hoverTarget(self, payload: str) -> None:  # noqa: N802
        self.hoverTargetFound.emit(json.loads(payload))

    @Slot(str)
    def entryActivated(self, payload: str) -> None:  # noqa: N802
        self.activated.emit(json.loads(payload))

    @Slot(str)
    def positionChanged(self, payload: str) -> None:  # noqa: N802
        self.position.emit(int(json.loads(payload).get("position", 0)))

    @Slot(str)
    def termShown(self, payload: str) -> None:  # noqa: N802
        self.termNavigated.emit(json.loads(payload))

    @Slot(str)
    def printReady(self, payload: str) -> None:  # noqa: N802
        self.printPrepared.emit(json.loads(payload))

    @Slot(str)
    def escapePressed(self, _payload: str) -> None:  # noqa: N802
        self.escaped.emit()
