"""Starting Qt: environment for QtWebEngine, the zhushi:// scheme, the application, and the GUI entry point."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

_CHROMIUM_FLAGS = (
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    # WebRTC may send UDP (STUN) only through a proxy, and there is none: no packets leave the page
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    # Everything that still tries a connection (a <link rel=preconnect> opens a socket without any
    # request the scheme handler or the interceptor could refuse) goes to a proxy on the discard port
    # of this machine, loopback included: nothing leaves the computer
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)


def prepare_environment(headless: bool = False, fonts: bool = True) -> None:
    """Set what Qt and QtWebEngine need before they start: no sandbox as root, no background networking,
    the bundled fonts installed through fontconfig."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    wanted = list(_CHROMIUM_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        wanted.append("--no-sandbox")
    if headless or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        wanted.append("--disable-gpu")
    if not os.environ.get("ZHUSHI_DEBUG"):
        wanted.append("--log-level=3")  # Chromium's own log (dbus, GPU): fatal errors only
    for flag in wanted:
        if flag not in flags:
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    if headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1" if "--no-sandbox" in flags else "0")
    if fonts:
        from reader.ui.fonts import install_fontconfig

        install_fontconfig()


def has_screen() -> bool:
    """Whether a window can be shown: a display on Linux, or a platform chosen explicitly."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def create_application(headless: bool = False):  # type: ignore[no-untyped-def]
    """The QApplication (created once), with the zhushi:// scheme registered before it."""
    prepare_environment(headless)
    from reader.core.memory import limit_arenas

    limit_arenas()  # before Qt and Chromium start their threads
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from reader.ui.scheme import register_scheme

    existing = QApplication.instance()
    if existing is not None:
        return existing
    register_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Zhushi")
    app.setOrganizationName("Zhushi")
    app.setApplicationDisplayName("Zhushi 注釋")
    app.setDesktopFileName("zhushi")  # the menu entry `zhushi desktop install` writes
    from PySide6.QtGui import QIcon

    from resources import ICON

    app.setWindowIcon(QIcon(str(ICON)))
    return app


# Messages Qt and QtWebEngine print at every start on a machine without a GPU, dbus or a window
# manager; they say nothing a reader can act on. ZHUSHI_DEBUG=1 shows them.
_NOISE = (
    "Sandboxing disabled", "QRhiGles2", "Failed to create RHI", "propagateSizeHints", "GPUInfo not initialized",
    "Failed to connect to the bus", "Release of profile requested but WebEnginePage still not deleted",
)


def quiet_start_noise() -> None:
    """Drop Qt's known start-up noise from stderr (everything else still goes through)."""
    if os.environ.get("ZHUSHI_DEBUG"):
        return
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:  # type: ignore[no-untyped-def]
        if not any(part in message for part in _NOISE):
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run_gui(file: str | None) -> int:
    """Open the reader window on FILE (or the bundled article) and run until it is closed."""
    logging.basicConfig(level=logging.WARNING, format="zhushi: %(message)s")
    if not has_screen():
        me = sys.argv[0] if Path(sys.argv[0]).name == "zhushi" else f"{Path(sys.executable).name} -m reader"
        print(
            "zhushi: there is no screen here (no DISPLAY or WAYLAND_DISPLAY), so the reader window cannot open.\n"
            "  Instead you can:\n"
            f"    {me} screenshot -o reader.png [FILE] [--pinyin] [--hover TEXT]   # picture of the window\n"
            f"    {me} export -o article.pdf [FILE] [--pinyin]                      # the annotated PDF\n"
            "    (or, in the project folder: make screenshot / make export)\n"
            f"  or run it under a virtual screen: xvfb-run -a {me} [FILE]",
            file=sys.stderr,
        )
        return 3
    if file is not None and not Path(file).exists():
        print(f"zhushi: “{file}” does not exist.", file=sys.stderr)
        return 2
    app = create_application()
    quiet_start_noise()
    from reader.ui.window import MainWindow

    window = MainWindow.create(file)
    window.show()
    code = int(app.exec())
    window.dispose()
    return code
