"""Work off the GUI thread: plain threads, with results handed back to the GUI thread by a signal."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("zhushi.background")
_FAILED = object()  # the result of work that raised


class BackgroundRelay(QObject):
    """Carries results of background work back to the GUI thread (lives as long as the window).

    Only a ticket number crosses threads in the signal; the result waits in a dict until the GUI
    thread takes it, so no Python object's lifetime depends on a queued Qt event.
    """

    done = Signal(int)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.done.connect(self._deliver)
        self.threads: list[threading.Thread] = []
        self._results: dict[int, tuple[Any, Any]] = {}
        self._lock = threading.Lock()
        self._next = 0

    def run(self, work: Any, callback: Any = None) -> None:
        """Run work() in a daemon thread; callback(result) then runs on the GUI thread."""
        with self._lock:
            self._next += 1
            ticket = self._next

        # The thread must not hold the last reference to work or callback: they often close over Qt
        # objects (labels, buttons, timers), whose wrappers must be released on the GUI thread. So the
        # thread takes them out of a box, drops work as soon as it has run, and hands callback over to
        # the GUI thread before it signals (a thread's target is released in the thread, when it ends).
        box: list[Any] = [work, callback]

        def target() -> None:
            job, deliver = box
            box.clear()
            try:
                result = job()
            except Exception:  # logged; the window carries on without the result
                log.exception("background work failed")
                result = _FAILED  # the callback is still handed over, to be dropped on the GUI thread
            finally:
                del job
            if deliver is not None:
                with self._lock:
                    self._results[ticket] = (deliver, result)
                del deliver, result
                self.done.emit(ticket)

        del work, callback
        thread = threading.Thread(target=target, daemon=True)
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def _deliver(self, ticket: int) -> None:
        with self._lock:
            item = self._results.pop(ticket, None)
        if item is not None and item[1] is not _FAILED:
            item[0](item[1])

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for the running work to end."""
        for thread in self.threads:
            thread.join(timeout)
