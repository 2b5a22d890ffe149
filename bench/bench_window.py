"""The running window: launch vs a bare QWebEngineView, toggle/switch/hover times, a 1M-character document."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tree_memory_mb(pid: int) -> tuple[float, float]:
    """Memory of a process and all its descendants (QtWebEngine's processes included), in MB: (PSS, RSS).

    PSS shares each shared page among the processes that map it, so the sum is the tree's real
    footprint; the RSS sum counts shared libraries once per process (an overestimate).
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    pss = rss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss / 1024, rss / 1024


def _worst_stall_ms(seconds: float = 4.0) -> float:
    """The longest time the GUI thread did not run its event loop in the next SECONDS (a 5 ms timer
    that should fire every 5 ms): what a user feels as a frozen window while the app loads in the background."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    start = last = time.perf_counter()
    worst = 0.0

    def tick() -> None:
        nonlocal last, worst
        now = time.perf_counter()
        worst = max(worst, now - last)
        last = now
        if now - start < seconds:
            QTimer.singleShot(5, tick)
        else:
            loop.quit()

    QTimer.singleShot(5, tick)
    loop.exec()
    return 1000 * worst


# Launch is timed from the moment the parent starts the process (interpreter start-up included, as a
# user launching the app waits for it) to the moment the page has painted, read from the page's own
# clock (performance.timeOrigin + now(), after two animation frames), the same way for both.


def bare() -> None:
    """Baseline: a bare QWebEngineView loading a one-line page; prints seconds from launch to painted."""
    from bench.common import since_spawned
    from reader.ui.app import prepare_environment

    prepare_environment(headless=True, fonts=False)  # the same Chromium flags; no fonts of ours
    from PySide6.QtCore import QTimer
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    view = QWebEngineView()
    view.resize(1200, 900)
    view.show()

    # runJavaScript does not wait for a promise, so the page reports through its title instead
    script = "requestAnimationFrame(() => requestAnimationFrame(() => { document.title = 'painted ' + (performance.timeOrigin + performance.now()); }))"

    def loaded(_ok: bool) -> None:
        view.page().runJavaScript(script, 0)

    def titled(title: str) -> None:
        if title.startswith("painted "):
            seconds = since_spawned(float(title.split()[1]) / 1000)

            def measured() -> None:  # settled, as the reader's memory is read after its timings
                pss, rss = _tree_memory_mb(os.getpid())
                print(json.dumps({"seconds": seconds, "pss_mb": pss, "rss_mb": rss, "stall_ms": stall}))
                app.quit()

            stall = _worst_stall_ms()
            QTimer.singleShot(1500, measured)

    view.titleChanged.connect(titled)

    view.loadFinished.connect(loaded)
    view.setHtml("<p>hello</p>")
    QTimer.singleShot(60000, app.quit)
    app.exec()


def reader(file: str | None) -> None:
    """The reader window: launch to painted, then interaction timings and memory."""
    import tempfile

    from bench.common import since_spawned
    from reader.core.services import Services
    from reader.ui.app import create_application

    home = Path(tempfile.mkdtemp(prefix="zhushi-bench-"))
    services = Services(home / "g.json")
    app = create_application(headless=True)
    from reader.core.convert import Script
    from reader.core.loader import bundled_document, load_document
    from reader.core.settings import SettingsStore
    from PySide6.QtWidgets import QApplication

    from PySide6.QtCore import QEventLoop, QTimer

    from reader.ui.window import MainWindow

    window = MainWindow(services, SettingsStore(home / "s.json"))
    window.resize(1200, 900)
    window.show()
    window.open_document(load_document(file) if file else bundled_document())
    painted: list[float] = []
    loop = QEventLoop()
    window.documentShown.connect(lambda info: (painted.append(info["painted_at"] / 1000), loop.quit()))
    QTimer.singleShot(120000, loop.quit)
    loop.exec()
    launch = since_spawned(painted[0])
    start = time.time() - launch  # for the later figures, from launch
    stall = _worst_stall_ms()  # the glossary and models load in the background meanwhile
    from reader.ui.driver import WindowDriver, pump  # the test driver is not part of the launch

    driver = WindowDriver(window)
    out: dict[str, float] = {"seconds": launch, "stall_ms": stall}
    if file:
        pump(1500)
        out["responsive_ms"] = _js_roundtrip_ms(driver)
        # wait until all chunks are annotated and loaded, checking responsiveness meanwhile
        worst = out["responsive_ms"]
        t0 = time.perf_counter()
        while not driver.run_js("return Z.blocks.every(b => b.data !== null);") and time.perf_counter() - t0 < 300:
            worst = max(worst, _js_roundtrip_ms(driver))
            pump(500)
        out["all_loaded_s"] = time.time() - start
        out["worst_roundtrip_ms"] = worst
        pump(1000)
        out["pss_mb"], out["rss_mb"] = _tree_memory_mb(os.getpid())
        print(json.dumps(out))
        return

    # Interaction timings in the settled window: everything loaded, background warm-up done.
    driver.wait_loaded(60000)
    window._relay.wait()  # noqa: SLF001 (the other scripts' first chunks)
    pump(300)
    # pinyin toggle: from the action to the page having re-laid out (JS measures its own frame)
    times = []
    for _ in range(10):  # on, off, on, ...: the median of ten
        t = time.perf_counter()
        window.pinyin_action.trigger()
        driver.run_js("document.body.offsetHeight; return 1;")
        times.append(time.perf_counter() - t)
    out["pinyin_toggle_ms"] = 1000 * sorted(times)[len(times) // 2]
    sw = []
    for script in (Script.SIMPLIFIED, Script.TAIWAN, Script.TRADITIONAL, Script.HONGKONG, Script.ORIGINAL):
        t = time.perf_counter()
        window.viewing.set_script(script)
        driver.wait_shown(20000)
        sw.append(time.perf_counter() - t)
    out["script_switch_ms"] = 1000 * sorted(sw)[len(sw) // 2]
    hv = []
    seen: list[dict] = []
    window.bridge.hoverShown.connect(seen.append)
    for word in ("放管服", "半導體", "專精特新", "廈漳泉都市圈", "會計"):
        where = driver.locate(word)
        driver.mouse_move(2, 2)  # off the text: the popup closes
        pump(80)
        seen.clear()
        t = time.perf_counter()
        driver.mouse_move(where["x"], where["y"])
        while not seen and time.perf_counter() - t < 5:
            QApplication.processEvents()
        hv.append(time.perf_counter() - t)
    out["hover_ms"] = 1000 * sorted(hv)[len(hv) // 2]
    out["pss_mb"], out["rss_mb"] = _tree_memory_mb(os.getpid())
    print(json.dumps(out))
    app.quit()


def _js_roundtrip_ms(driver) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    driver.run_js("return 1;")
    return 1000 * (time.perf_counter() - t)


def _run(*args: str) -> dict[str, float]:
    from bench.common import run_bench_process

    return run_bench_process(__file__, *args)


def main() -> None:
    import tempfile

    from bench.common import million_text

    bare_runs: list[dict[str, float]] = []
    runs: list[dict[str, float]] = []
    for _ in range(5):  # interleaved, so that drift on the machine touches both alike
        bare_runs.append(_run("--bare"))
        runs.append(_run("--reader"))
    bares = [b["seconds"] for b in bare_runs]
    base = sorted(bares)[2]
    launch = sorted(r["seconds"] for r in runs)[2]
    print(f"{'launch to article painted':46s} {launch:8.3f} s   bare QWebEngineView {base:8.3f} s   ratio {launch / base:5.2f}×  (target ≤ 1.6×)")
    stall = sorted(r["stall_ms"] for r in runs)[2]
    bare_stall = sorted(b["stall_ms"] for b in bare_runs)[2]
    print(f"{'window frozen after first paint (longest)':46s} {stall:8.1f} ms  bare QWebEngineView {bare_stall:6.1f} ms  (the glossary and models load in the background)")
    mid = runs[2]
    for key, label, target in (("pinyin_toggle_ms", "pinyin toggle", 50), ("script_switch_ms", "script switch", 150), ("hover_ms", "hover popup", 50)):
        value = sorted(r[key] for r in runs)[2]
        print(f"{label:46s} {value:8.1f} ms  (target < {target} ms: {'ok' if value < target else 'MISSED'})")
    bare_pss = sorted(b["pss_mb"] for b in bare_runs)[2]
    pss = sorted(r["pss_mb"] for r in runs)[2]
    print(f"{'process tree memory, bundled article':46s} {pss:8.0f} MB PSS ({mid['rss_mb']:.0f} MB summed RSS)   "
          f"bare QWebEngineView {bare_pss:6.0f} MB   ratio {pss / bare_pss:5.2f}×  (target ≤ 1.5×)")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "million.txt"
        big.write_text(million_text(), encoding="utf-8")
        r = _run("--reader", str(big))
    print(f"{'1M chars: first screen':46s} {r['seconds']:8.2f} s   (target < 2 s: {'ok' if r['seconds'] < 2 else 'MISSED'})")
    print(f"{'1M chars: everything annotated and loaded':46s} {r['all_loaded_s']:8.2f} s")
    print(f"{'1M chars: worst page round-trip meanwhile':46s} {r['worst_roundtrip_ms']:8.1f} ms")
    print(f"{'1M chars: process tree memory':46s} {r['pss_mb']:8.0f} MB PSS ({r['rss_mb']:.0f} MB summed RSS)   (target < 1024 MB: {'ok' if r['pss_mb'] < 1024 else 'MISSED'})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--bare":
        bare()
    elif len(sys.argv) > 1 and sys.argv[1] == "--reader":
        reader(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        main()
