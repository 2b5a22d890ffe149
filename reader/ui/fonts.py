"""The bundled CJK fonts: made visible to Qt and Chromium as installed fonts, or served as web fonts.

A fresh machine may have no Chinese font. On Linux, Qt and QtWebEngine's Chromium look fonts up
through fontconfig, so before Qt starts we point fontconfig (``FONTCONFIG_FILE``) at a small
configuration that includes the system one and adds ``resources/fonts``. The page then uses the
fonts as if they were installed: Chromium maps the TrueType files and reads glyphs on demand,
while a web font (@font-face) has to be fetched, decoded and sanitised whole (~17,000 glyphs)
before the first character can be painted, which cost ~0.2 s at every start.

Where fontconfig is not there (or did not take the fonts), the page gets @font-face rules for the
same files instead (``page_css``), and Qt's widgets get them through ``QFontDatabase``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from reader.core.printfonts import PrintFace, ensure_faces
from resources import FONTS

log = logging.getLogger("zhushi.fonts")

FAMILIES = {"SC": "Zhushi Noto Sans SC", "TC": "Zhushi Noto Sans TC", "Extra": "Zhushi Noto Sans Extra"}
FILES = {  # (face, CSS weight) -> file in resources/fonts
    ("SC", 400): "NotoSansSC-Regular.ttf",
    ("TC", 400): "NotoSansTC-Regular.ttf",
    ("SC", 700): "NotoSansSC-Bold.ttf",
    ("TC", 700): "NotoSansTC-Bold.ttf",
    # the rarer characters (CC-CEDICT, HKSCS, GBK) the main faces lack: one face, the last fallback
    ("Extra", 400): "NotoSansExtra-Regular.ttf",
}
SYSTEM_CONFIG = Path("/etc/fonts/fonts.conf")
_ENV = "FONTCONFIG_FILE"
_MARK = "<!-- zhushi: bundled CJK fonts -->"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fontconfig_xml(fonts_dir: Path, cache_dir: Path, base: Path | None) -> str:
    """A fontconfig configuration: the base one (system or the user's own), plus our fonts folder."""
    include = f'  <include ignore_missing="yes">{_escape(str(base))}</include>\n' if base is not None else ""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"{_MARK}\n<fontconfig>\n{include}"
        f"  <dir>{_escape(str(fonts_dir))}</dir>\n"
        f"  <cachedir>{_escape(str(cache_dir))}</cachedir>\n"
        "</fontconfig>\n"
    )


def install_fontconfig(config_dir: Path | None = None) -> Path | None:
    """Make the bundled fonts installed fonts for this process and its children (Linux only).

    Writes ``fonts.conf`` under the user cache folder (or CONFIG_DIR) and sets FONTCONFIG_FILE,
    keeping a configuration the user had set. Must run before Qt starts. Returns the file, or None
    where fontconfig is not used or the file cannot be written (the page then uses web fonts).
    """
    if not sys.platform.startswith("linux"):
        return None
    if config_dir is None:
        from platformdirs import user_cache_dir

        config_dir = Path(user_cache_dir("zhushi")) / "fontconfig"
    target = config_dir / "fonts.conf"
    current = os.environ.get(_ENV)
    if current and Path(current) == target:
        return target  # already done in this process (or inherited from our parent)
    if current:
        # fontconfig reads a relative FONTCONFIG_FILE from its configuration folder
        base = Path(current) if Path(current).is_absolute() else Path(os.environ.get("FONTCONFIG_PATH") or SYSTEM_CONFIG.parent) / current
    else:
        base = SYSTEM_CONFIG if SYSTEM_CONFIG.is_file() else None
    text = fontconfig_xml(FONTS.resolve(), config_dir / "cache", base)
    try:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            from glossary.files import atomic_write_text

            config_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_text(target, text)
    except OSError as exc:
        log.warning("cannot write %s (%s); the page will use web fonts", target, exc)
        return None
    os.environ[_ENV] = str(target)
    return target


def installed() -> bool:
    """Whether Qt (hence Chromium, which asks the same fontconfig) sees the bundled families."""
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    return all(name in families for name in FAMILIES.values())


def print_faces() -> list[PrintFace]:
    """The wide print faces (for PDFs with pinyin), one per bundled face."""
    return [PrintFace(face, weight, FONTS / name) for (face, weight), name in FILES.items() if face in ("SC", "TC")]


def print_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("zhushi")) / "printfonts"


def print_face_file(name: str) -> Path | None:
    """The print face served as ``zhushi://app/printfonts/NAME``, made on first use (~0.3 s)."""
    for face in print_faces():
        if face.file_name() == name:
            return ensure_faces([face], print_folder()).get(face)
    return None


def print_css() -> str:
    """@font-face rules for the print faces: fetched only when a print with pinyin uses them."""
    rules = []
    for face in print_faces():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("zhushi://app/printfonts/{face.file_name()}") format("truetype"); '
            f"font-weight: {face.weight}; font-display: block; }}"
        )
    return "\n".join(rules) + "\n"


def page_css(system: bool) -> str:
    """The page's font rules: @font-face for the print faces, and for the bundled faces unless
    they are installed.

    The regular face blocks text until it is loaded (no flash of boxes on a machine without CJK
    fonts); the bold face swaps in when it arrives.
    """
    if system:
        return "/* the bundled fonts are installed through fontconfig: nothing to load */\n" + print_css()
    rules = [print_css()]
    for (face, weight), name in FILES.items():
        display = "block" if weight == 400 else "swap"
        rules.append(
            f'@font-face {{ font-family: "{FAMILIES[face]}"; src: url("zhushi://app/fonts/{name}") format("truetype"); '
            f"font-weight: {weight}; font-display: {display}; }}"
        )
    return "\n".join(rules) + "\n"


_widget_fonts_done = False


def install_widget_fonts() -> None:
    """Give Qt's own widgets (panels, menus) the bundled faces as fallbacks after their usual font
    (registered with Qt first where fontconfig did not take them)."""
    global _widget_fonts_done
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _widget_fonts_done or app is None:
        return
    _widget_fonts_done = True
    from PySide6.QtGui import QFont, QFontDatabase

    families: list[str] = []
    if installed():
        families = [FAMILIES["TC"], FAMILIES["SC"], FAMILIES["Extra"]]
    else:
        for (_face, weight), name in FILES.items():
            font_id = QFontDatabase.addApplicationFont(str(FONTS / name))
            if font_id >= 0 and weight == 400:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), *families])
        app.setFont(font)
