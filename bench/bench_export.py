"""PDF export time: the bundled article and a 200,000-character document, against a bare printToPdf of the same text."""

from __future__ import annotations

import html
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bare(text_file: str) -> None:
    """Baseline: a plain QWebEnginePage with the same text as <p> paragraphs, printed to PDF."""
    from reader.ui.app import prepare_environment

    prepare_environment(headless=True)
    from PySide6.QtCore import QTimer
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWidgets import QApplication

    from reader.ui.export import page_layout

    app = QApplication([])
    text = Path(text_file).read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    page = QWebEnginePage()
    out = tempfile.mktemp(suffix=".pdf")
    start = time.perf_counter()

    def loaded(_ok: bool) -> None:
        page.printToPdf(out, page_layout("a4"))

    def printed(_path: str, _ok: bool) -> None:
        print(json.dumps({"seconds": time.perf_counter() - start}))
        app.quit()

    page.loadFinished.connect(loaded)
    page.pdfPrintingFinished.connect(printed)
    page.setHtml(f"<html><body>{body}</body></html>")
    QTimer.singleShot(300000, app.quit)
    app.exec()


def reader(text_file: str | None, pinyin: bool) -> None:
    """The reader's export (from the window, document already shown), timed from the menu action."""
    from reader.ui.app import create_application

    create_application(headless=True)
    from reader.core.loader import bundled_document, load_document
    from reader.core.services import Services
    from reader.core.settings import SettingsStore
    from reader.ui.driver import WindowDriver
    from reader.ui.export import ExportOptions, export_window_pdf
    from reader.ui.window import MainWindow

    home = Path(tempfile.mkdtemp(prefix="zhushi-bench-"))
    window = MainWindow(Services(home / "g.json"), SettingsStore(home / "s.json"))
    window.resize(1200, 900)
    window.show()
    window.open_document(load_document(text_file) if text_file else bundled_document())
    WindowDriver(window).wait_loaded(300000)  # a person exports what they have been reading
    start = time.perf_counter()
    result = export_window_pdf(window, home / "out.pdf", ExportOptions(notes="end", pinyin=pinyin), timeout_ms=600000)
    print(json.dumps({"seconds": time.perf_counter() - start, "pages": result.pages}))
    window.close()
    window.dispose()


def _run(*args: str) -> dict[str, float]:
    from bench.common import run_bench_process

    return run_bench_process(__file__, *args)


def main() -> None:
    from bench.common import article_text, million_text

    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(article_text(), encoding="utf-8")
        big = Path(tmp) / "200k.txt"
        big.write_text(million_text(200_000), encoding="utf-8")
        for label, file, target in (("bundled article", None, 3.0), ("200,000 characters", str(big), 60.0)):
            base = _run("--bare", str(article if file is None else big))["seconds"]
            for pinyin in (True, False):
                r = _run("--reader", file or "", "1" if pinyin else "0")
                ok = "ok" if r["seconds"] < target else "MISSED"
                print(
                    f"{'export ' + label + (' + pinyin' if pinyin else ''):46s} {r['seconds']:8.2f} s ({r['pages']:.0f} pages)"
                    f"   bare printToPdf {base:6.2f} s   ratio {r['seconds'] / base:5.2f}×  (target < {target:.0f} s: {ok})"
                )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--bare":
        bare(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--reader":
        reader(sys.argv[2] or None, sys.argv[3] == "1")
    else:
        main()
