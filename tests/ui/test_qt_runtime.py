"""The Qt binding the reader runs on: a long session must not wear out Python's True (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    text = Signal(str)
    number = Signal(int)


def test_signal_emission_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = _Emitter()
    seen: list[object] = []
    emitter.text.connect(seen.append)
    emitter.number.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(500):
        emitter.text.emit("x")
        emitter.number.emit(n)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(seen) == 1000
    # PySide6 6.12.0 dropped one reference to True per emission; a few thousand emissions crash the app.
    assert abs(after[0] - before[0]) < 50, (before, after)
