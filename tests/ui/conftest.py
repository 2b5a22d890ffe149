"""One fixture owns the reader window (offscreen) and its teardown; tests drive it like a person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.ui.app import create_application


@pytest.fixture(scope="session")
def qapp():  # type: ignore[no-untyped-def]
    """The QApplication, created the app's way (zhushi:// registered first, offscreen)."""
    return create_application(headless=True)


@pytest.fixture(scope="module")
def reader_window(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator["WindowDriver"]:  # type: ignore[no-untyped-def] # noqa: F821
    """The real main window on the bundled article, with settings and user glossary in a temp folder."""
    from reader.core.loader import bundled_document
    from reader.core.services import Services
    from reader.core.settings import SettingsStore
    from reader.ui.driver import WindowDriver
    from reader.ui.window import MainWindow

    home = tmp_path_factory.mktemp("zhushi-home")
    window = MainWindow(Services(home / "user-glossary.json"), SettingsStore(home / "settings.json"))
    window.resize(1200, 900)
    window.show()
    driver = WindowDriver(window)
    window.open_document(bundled_document())
    driver.wait_loaded()
    yield driver
    window.close()
    window.dispose()
    qapp.processEvents()


@pytest.fixture
def driver(reader_window):  # type: ignore[no-untyped-def]
    """The window reset to a known state: bundled article, Original script, pinyin off, no search."""
    from reader.core.convert import Script
    from reader.core.loader import bundled_document

    w = reader_window.window
    if w.document is None or w.document.path != bundled_document().path:
        w.open_document(bundled_document())
    if w.script != Script.ORIGINAL:
        w.viewing.set_script(Script.ORIGINAL)
    reader_window.wait_loaded()
    if w.settings.phonetic != "pinyin":
        w.viewing.set_phonetic("pinyin")
        reader_window.wait_loaded()
    if not w.taiwan_readings_action.isChecked():
        w.taiwan_readings_action.trigger()
        reader_window.wait_loaded()
    w.viewing.set_pinyin(False)
    w.search_box.clear()
    w.search.find("")
    return reader_window


FIXTURES = Path(__file__).parent / "fixtures"
