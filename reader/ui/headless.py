"""The window's sub-commands that need no screen: `zhushi screenshot` and `zhushi export`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from reader.core.encoding import DocumentError


def _window(file: str | None, script: str, pinyin: bool, size: str = "1200x900", phonetic: str = "pinyin", taiwan_readings: bool = True):  # type: ignore[no-untyped-def]
    from reader.ui.app import create_application

    app = create_application(headless=True)
    from reader.ui.app import quiet_start_noise

    quiet_start_noise()
    from reader.core.convert import Script
    from reader.core.loader import bundled_document, load_document
    from reader.core.services import Services
    from reader.core.settings import SettingsStore
    from reader.ui.window import MainWindow

    document = load_document(file) if file else bundled_document()
    # A throw-away settings file: headless runs never change the person's settings.
    settings_dir = tempfile.mkdtemp(prefix="zhushi-headless-")
    # a throw-away library too: a screenshot or an export is not reading
    window = MainWindow(Services(library_path=Path(settings_dir) / "library.sqlite3"), SettingsStore(Path(settings_dir) / "settings.json"))
    window.headless_settings_dir = settings_dir  # removed by _close
    window.settings.recent.clear()
    window.script = Script(script)
    window.settings.pinyin = pinyin
    window.pinyin_action.setChecked(pinyin)
    window.taiwan_readings_action.setChecked(taiwan_readings)
    if phonetic != "pinyin":
        window.viewing.set_phonetic(phonetic)
    window.viewing.sync_script_widgets()
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError as exc:
        raise DocumentError(f"--size must look like 1200x900, not “{size}”.") from exc
    window.resize(width, height)
    window.show()
    window.open_document(document)
    return app, window


def _close(window) -> None:  # type: ignore[no-untyped-def]
    """Close a headless window and remove its throw-away settings folder."""
    import shutil

    folder = getattr(window, "headless_settings_dir", None)
    window.close()
    window.dispose()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def screenshot(args: argparse.Namespace) -> int:
    """Open the real window offscreen, wait for the painted page (and the popup with --hover), save a PNG."""
    from reader.ui.driver import DriverTimeout, WindowDriver, pump

    out = Path(args.output)
    if not out.parent.exists():
        print(f"zhushi: the folder “{out.parent}” does not exist.", file=sys.stderr)
        return 2
    _app, window = _window(args.file, args.script, args.pinyin, args.size, args.readings, not args.mainland_readings)
    try:
        driver = WindowDriver(window)
        try:
            driver.wait_loaded(120000)
            driver.run_js("return document.fonts.ready.then(() => 1) && 1;")
            pump(400)
            if args.hover:
                driver.hover(args.hover)
                pump(200)
        except DriverTimeout as exc:
            print(f"zhushi: {exc}", file=sys.stderr)
            return 1
        if not driver.save_screenshot(str(out)):
            print(f"zhushi: could not write “{out}”.", file=sys.stderr)
            return 1
        print(out)
        return 0
    finally:
        _close(window)


def export(args: argparse.Namespace) -> int:
    """Export the annotated PDF without a screen."""
    from reader.ui.export import ExportError, ExportOptions, export_window_pdf

    from reader.ui.driver import DriverTimeout, WindowDriver

    _app, window = _window(args.file, args.script, args.pinyin, phonetic=args.readings, taiwan_readings=not args.mainland_readings)
    options = ExportOptions(notes=args.notes, paper=args.paper, pinyin=args.pinyin)
    try:
        WindowDriver(window).wait_loaded(300000)
        result = export_window_pdf(window, Path(args.output), options)
    except DriverTimeout as exc:
        print(f"zhushi: the document did not load ({exc}).", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"zhushi: {exc}", file=sys.stderr)
        return 1
    finally:
        _close(window)
    print(f"{result.path} ({result.pages} pages, {result.terms} glossary terms)")
    return 0
