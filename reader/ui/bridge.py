"""The one declared bridge between Python and the page: every message, each carrying JSON.

Each message is declared once, as a signal of ReaderBridge named after it:
- Python → page: the *Requested signals (and printFinished) carry a JSON string; reader.js connects
  to them by name.
- Page → Python: the page calls `receive(name, json)`; the signal of that name is emitted with the
  parsed payload, of the type the signal declares (dict, int, or nothing). A name that is not a
  declared page message is refused (logged), so the page can only ever say what is listed here.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("zhushi.bridge")

# Page -> Python messages and what they carry: "dict" (a JSON object), "position" (an int from
# {"position": n}) or "none".
PAGE_MESSAGES: dict[str, str] = {
    "pageReady": "none",  # the page is up: queued Python -> page messages go now
    "documentShown": "dict",  # the first screen of a document is painted {script, key, ms, painted_at}
    "documentLoaded": "dict",  # every chunk of it is in, readings included {script, key, ms}
    "hoverShown": "dict",  # a popup is up {kind, text, id, popup}
    "hoverTarget": "dict",  # where a text to hover is on screen {x, y, b, i} (x = -1: not found)
    "entryActivated": "dict",  # a word or term was clicked (pinned) {kind, text, entry, words, …}
    "positionChanged": "position",  # the reading position, in the document's own text
    "termShown": "dict",  # Previous/Next reached an occurrence {id, index, count}
    "printReady": "dict",  # the page is laid out for printing {notes, pages, …}
    "escapePressed": "none",  # Escape in the page
}


class ReaderBridge(QObject):
    """The messages between the window and the page (see the module docstring).

    Python → page messages queued before the page says it is ready are sent when it does.
    """

    # Python -> page (connected in reader.js)
    documentRequested = Signal(str)
    settingsChanged = Signal(str)
    searchRequested = Signal(str)
    navigateRequested = Signal(str)
    printRequested = Signal(str)
    hoverRequested = Signal(str)
    printFinished = Signal(str)

    # page -> Python (PAGE_MESSAGES): emitted by receive()
    pageReady = Signal()
    documentShown = Signal(dict)
    documentLoaded = Signal(dict)
    hoverShown = Signal(dict)
    hoverTarget = Signal(dict)
    entryActivated = Signal(dict)
    positionChanged = Signal(int)
    termShown = Signal(dict)
    printReady = Signal(dict)
    escapePressed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.is_ready = False
        self._queue: list[tuple[Any, str]] = []

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

    @Slot(str, str)
    def receive(self, name: str, payload: str) -> None:
        """A message from the page: emit the signal of that name with its parsed payload."""
        kind = PAGE_MESSAGES.get(name)
        if kind is None:
            log.warning("the page sent an undeclared message %r", name)
            return
        if name == "pageReady":
            self.is_ready = True
            queued, self._queue = self._queue, []
            for signal, text in queued:
                signal.emit(text)
        signal = getattr(self, name)
        try:
            data = json.loads(payload) if kind != "none" else None
        except ValueError:
            log.warning("the page sent %r with a payload that is not JSON", name)
            return
        if kind == "none":
            signal.emit()
        elif kind == "position":
            signal.emit(int(data.get("position", 0)) if isinstance(data, dict) else 0)
        elif isinstance(data, dict):
            signal.emit(data)
        else:
            log.warning("the page sent %r with a payload that is not an object", name)
