"""The bridge: each page message declared once (a signal named after it, listed in PAGE_MESSAGES), the
page's calls all among them, and anything else refused."""

from __future__ import annotations

import re
from pathlib import Path

from reader.ui.bridge import PAGE_MESSAGES, ReaderBridge

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_the_page_sends_is_declared_once() -> None:
    script = (ROOT / "resources" / "web" / "reader.js").read_text(encoding="utf-8")
    sent = set(re.findall(r'\bcall\("(\w+)"', script)) | set(re.findall(r'receive\("(\w+)"', script))
    assert sent == set(PAGE_MESSAGES)  # no message sent that is not declared, none declared and never sent
    for name in PAGE_MESSAGES:
        assert hasattr(ReaderBridge, name)  # its signal, named after it


def test_messages_are_parsed_queued_and_refused(qapp) -> None:  # type: ignore[no-untyped-def]
    bridge = ReaderBridge()
    shown: list[dict] = []
    positions: list[int] = []
    requested: list[str] = []
    bridge.documentShown.connect(shown.append)
    bridge.positionChanged.connect(positions.append)
    bridge.documentRequested.connect(requested.append)
    bridge.send("documentRequested", {"key": "k"})  # before the page is ready: queued
    assert requested == []
    bridge.receive("pageReady", "{}")
    assert requested == ['{"key": "k"}'] and bridge.is_ready
    bridge.receive("documentShown", '{"key": "k", "ms": 12}')
    bridge.receive("positionChanged", '{"position": 345}')
    assert shown == [{"key": "k", "ms": 12}] and positions == [345]
    bridge.receive("settingsChanged", '{"x": 1}')  # a Python -> page message: not the page's to send
    bridge.receive("documentShown", "not json")
    bridge.receive("documentShown", "[1, 2]")
    bridge.receive("deleteEverything", "{}")
    assert shown == [{"key": "k", "ms": 12}]
