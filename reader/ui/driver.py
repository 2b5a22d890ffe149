"""Driving a real window without a person: waiting for the page, real mouse moves, screenshots."""

from __future__ import annotations

from pathlib import Path

import json
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.waiting import DriverTimeout, wait_signal
from reader.ui.window import MainWindow

__all__ = ["DriverTimeout", "WindowDriver", "pump", "wait_signal"]


def pump(ms: int) -> None:
    """Let Qt (and Chromium, which shares its event loop) run for ms milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Any, signal: SignalInstance, timeout_ms: int, what: str) -> None:
    """Run the event loop until condition() is true, checking whenever signal fires (no polling:
    Chromium shares Qt's event loop and a busy poll slows it down)."""
    if condition():
        return
    loop = QEventLoop()
    timed_out: list[bool] = []

    def check(*_args: Any) -> None:
        if condition():
            loop.quit()

    def expire() -> None:
        timed_out.append(True)
        loop.quit()

    signal.connect(check)
    timer = QTimer(singleShot=True, interval=timeout_ms)
    timer.timeout.connect(expire)
    timer.start()
    try:
        if not condition():
            loop.exec()
    finally:
        signal.disconnect(check)
        timer.stop()
    if timed_out and not condition():
        raise DriverTimeout(f"timed out after {timeout_ms} ms waiting for {what}")


class WindowDriver:
    """Operates a MainWindow as a person would, for the headless commands and the tests."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view = window.view

    def _wait_state(self, states: tuple[str, ...], timeout_ms: int) -> None:
        wait_until(
            lambda: self.window.page_state in states,
            self.window.pageStateChanged,
            timeout_ms,
            f"the page to be {' or '.join(states)}",
        )

    def wait_shown(self, timeout_ms: int = 30000) -> None:
        """Wait until the page shows the current document's first screen."""
        self._wait_state(("shown", "loaded"), timeout_ms)

    def wait_loaded(self, timeout_ms: int = 60000) -> None:
        """Wait until every chunk of the current document, readings and dictionary included, is in the page."""
        self._wait_state(("loaded",), timeout_ms)

    def run_js(self, script: str, timeout_ms: int = 10000) -> Any:
        """Evaluate JavaScript in the page and return its (JSON-able) result."""
        loop = QEventLoop()
        box: list[Any] = []

        def done(value: Any) -> None:
            box.append(value)
            loop.quit()

        self.view.page().runJavaScript(f"JSON.stringify((() => {{ {script} }})())", 0, done)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        if not box:
            raise DriverTimeout("JavaScript did not answer")
        return json.loads(box[0]) if isinstance(box[0], str) else box[0]

    def target(self) -> QWidget:
        """The widget that receives the web view's input events."""
        return self.view.focusProxy() or self.view

    def mouse_move(self, x: float, y: float) -> None:
        """A real mouse move at page coordinates (CSS pixels × zoom = widget pixels)."""
        target = self.target()
        pos = QPointF(x, y)
        global_pos = QPointF(target.mapToGlobal(QPoint(int(x), int(y))))
        event = QMouseEvent(QEvent.Type.MouseMove, pos, global_pos, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, event)

    def click(self, x: float, y: float) -> None:
        """A real left click at page coordinates: the pointer moves there, the view takes the focus, press, release."""
        target = self.target()
        pos = QPointF(x, y)
        global_pos = QPointF(target.mapToGlobal(QPoint(int(x), int(y))))
        self.window.view.setFocus()
        move = QMouseEvent(QEvent.Type.MouseMove, pos, global_pos, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, move)
        pump(30)
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
            event = QMouseEvent(kind, pos, global_pos, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(target, event)

    def locate(self, text: str) -> dict[str, Any]:
        """Scroll the first occurrence of text into view; its character's centre in page coordinates, once the
        layout has settled (readings being added move the text: asked again until two answers agree)."""
        where: dict[str, Any] = {}
        for _ in range(8):
            self.window.bridge.send("hoverRequested", {"text": text})
            found = wait_signal(self.window.bridge.hoverTarget, 10000)
            if found.get("x", -1) < 0:
                raise DriverTimeout(f"“{text}” is not in the document")
            pump(120)
            if found == where:
                break
            where = found
        return where

    def hover(self, text: str, timeout_ms: int = 10000) -> dict[str, Any]:
        """Move the mouse onto the first occurrence of text and wait for its popup."""
        where = self.locate(text)
        seen: list[dict[str, Any]] = []
        self.window.bridge.hoverShown.connect(seen.append)
        try:
            for _ in range(3):
                self.mouse_move(2, 2)  # off the text: any popup closes
                pump(40)
                self.mouse_move(where["x"], where["y"])
                try:
                    wait_until(lambda: bool(seen), self.window.bridge.hoverShown, timeout_ms // 3, f"a popup for “{text}”")
                    return seen[-1]
                except DriverTimeout:
                    continue
        finally:
            self.window.bridge.hoverShown.disconnect(seen.append)
        raise DriverTimeout(f"no popup for “{text}”")

    def popup_text(self) -> str:
        """What the popup shows now ('' when hidden)."""
        return str(self.run_js("const p = document.getElementById('popup'); return p.hidden ? '' : p.innerText;"))

    def page_text(self) -> str:
        """The document text as the page's DOM holds it, without pinyin (rt) — what a reader sees."""
        return str(
            self.run_js(
                "const c = document.getElementById('doc').cloneNode(true);"
                "c.querySelectorAll('rt').forEach(r => r.remove());"
                "return [...c.querySelectorAll('.block')].map(b => b.textContent).join('\\n');"
            )
        )

    def ruby_texts(self, limit: int = 50) -> list[str]:
        """The pinyin shown above the first characters (empty strings while pinyin is hidden)."""
        return list(
            self.run_js(
                f"return [...document.querySelectorAll('rt')].slice(0, {limit}).map(r => r.offsetParent === null ? '' : r.textContent);"
            )
        )

    def save_screenshot(self, path: str) -> bool:
        """Grab the window as it is painted now and save it as PNG, atomically: into a temporary file
        beside the target, then renamed over it (a full disk leaves the old picture whole)."""
        import os
        import tempfile

        pump(150)
        target = Path(path)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".png")
        os.close(fd)
        try:
            if not self.window.grab().save(temp, "PNG"):
                return False
            os.replace(temp, target)
            return True
        finally:
            Path(temp).unlink(missing_ok=True)
