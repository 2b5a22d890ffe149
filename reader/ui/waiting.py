"""Waiting on Qt signals with a time limit, for code that must finish before it goes on (exports, tests)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance


class DriverTimeout(RuntimeError):
    """The page did not do what was awaited in time."""


def wait_signal(signal: SignalInstance, timeout_ms: int = 20000) -> Any:
    """Run the event loop until signal fires; return its first argument."""
    loop = QEventLoop()
    result: list[Any] = []

    def got(*args: Any) -> None:
        result.append(args[0] if args else None)
        loop.quit()

    signal.connect(got)
    timer = QTimer(singleShot=True, interval=timeout_ms)
    timer.timeout.connect(loop.quit)
    timer.start()
    try:
        loop.exec()
    finally:
        signal.disconnect(got)
        timer.stop()
    if not result:
        raise DriverTimeout(f"timed out after {timeout_ms} ms waiting for {signal}")
    return result[0]
