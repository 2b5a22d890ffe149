"""Background work: results come back on the GUI thread, and what the work and its callback close over is
released there too (Qt widgets' wrappers must not be destroyed on a worker thread)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from reader.ui.background import BackgroundRelay


class _Witness:
    """Records the thread that finalises it."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _settle(relay: BackgroundRelay, qtbot) -> None:  # type: ignore[no-untyped-def]
    relay.wait()
    for _ in range(20):
        QApplication.processEvents()
        qtbot.wait(5)


def test_results_and_the_callbacks_closure_are_released_on_the_gui_thread(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    relay = BackgroundRelay(parent)
    seen: list[str] = []
    got: list[int] = []
    for n in range(20):
        witness = _Witness(seen)

        def work(n: int = n) -> int:
            return n * 2

        def done(result: int, witness: _Witness = witness) -> None:
            got.append(result)

        relay.run(work, done)
        del witness, work, done
    _settle(relay, qtbot)
    assert sorted(got) == [2 * n for n in range(20)]
    assert len(seen) == 20 and set(seen) == {threading.main_thread().name}


def test_work_that_fails_is_logged_and_its_callback_dropped_on_the_gui_thread(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    relay = BackgroundRelay(parent)
    seen: list[str] = []
    called: list[object] = []
    witness = _Witness(seen)

    def work() -> int:
        raise ValueError("no")

    def done(result: object, witness: _Witness = witness) -> None:
        called.append(result)

    relay.run(work, done)
    del witness, work, done
    _settle(relay, qtbot)
    assert called == []
    assert seen == [threading.main_thread().name]
