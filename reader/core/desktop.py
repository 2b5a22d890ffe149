"""Desktop integration on Linux (freedesktop.org): a menu entry, an icon and "Open with" for the formats read.

`install` writes `applications/zhushi.desktop` and `icons/hicolor/scalable/apps/zhushi.svg` under the
user's data folder ($XDG_DATA_HOME, default ~/.local/share) — nothing outside it and nothing as root —
and `remove` takes both away again. No Qt here: the shell and the command line share it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from glossary.files import atomic_write_text, atomic_writer
from reader.core.formats import SUFFIXES
from reader.core.loader import SUPPORTED_SUFFIXES
from resources import ICON

APP_ID = "zhushi"

# The media types of the suffixes the reader opens (shared-mime-info names, as file managers use them).
_MIME_BY_SUFFIX: dict[str, tuple[str, ...]] = {
    ".txt": ("text/plain",),
    ".text": ("text/plain",),
    ".md": ("text/markdown", "text/x-markdown"),
    ".markdown": ("text/markdown", "text/x-markdown"),
    ".html": ("text/html", "application/xhtml+xml"),
    ".htm": ("text/html",),
    ".pdf": ("application/pdf",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ".epub": ("application/epub+zip",),
    ".ofd": ("application/ofd",),
    ".mhtml": ("multipart/related", "application/x-mimearchive"),
    ".mht": ("multipart/related", "application/x-mimearchive"),
    ".png": ("image/png",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".tif": ("image/tiff",),
    ".tiff": ("image/tiff",),
    ".bmp": ("image/bmp",),
    ".webp": ("image/webp",),
}


def mime_types() -> list[str]:
    """The media types of every format the reader opens, each once, in the order of the suffixes."""
    out: list[str] = []
    for suffix in (*SUPPORTED_SUFFIXES, *SUFFIXES):
        for mime in _MIME_BY_SUFFIX[suffix]:
            if mime not in out:
                out.append(mime)
    return out


def data_home() -> Path:
    """The user's data folder: $XDG_DATA_HOME, or ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def _quote_exec(program: str) -> str:
    """A program path as the Exec key wants it: quoted when it has a space or a reserved character."""
    if any(ch in program for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        escaped = program.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
        return f'"{escaped}"'
    return program


def desktop_entry(program: str) -> str:
    """The text of zhushi.desktop for a `zhushi` executable at PROGRAM (an absolute path)."""
    exec_line = _quote_exec(program).replace("%", "%%") + " %f"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=Zhushi",
            "Name[zh_CN]=注释",
            "Name[zh_TW]=注釋",
            "GenericName=Chinese text reader",
            "Comment=Read Chinese texts with pinyin, script conversion and a bilingual glossary",
            f"Exec={exec_line}",
            f"TryExec={program}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;Viewer;Dictionary;",
            "Keywords=Chinese;pinyin;glossary;reader;dictionary;Traditional;Simplified;",
            "MimeType=" + ";".join(mime_types()) + ";",
            "StartupWMClass=zhushi",
            "",
        ]
    )


def installed_paths(home: Path | None = None) -> tuple[Path, Path]:
    """Where the desktop file and the icon go."""
    base = home or data_home()
    return base / "applications" / f"{APP_ID}.desktop", base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def _refresh(base: Path) -> None:
    """Tell the desktop about the change where its tools are installed (quietly skipped otherwise)."""
    for command in (["update-desktop-database", "-q", str(base / "applications")],
                    ["gtk-update-icon-cache", "-q", "-t", str(base / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            try:
                subprocess.run(command, check=False, timeout=30, capture_output=True)
            except (OSError, subprocess.SubprocessError):
                pass


def install(program: str, home: Path | None = None) -> tuple[Path, Path]:
    """Write the desktop file (running PROGRAM) and the icon; return their paths."""
    if not Path(program).is_absolute():
        raise ValueError(f"the program must be an absolute path, not {program!r}")
    entry, icon = installed_paths(home)
    atomic_write_text(entry, desktop_entry(program))
    with atomic_writer(icon, binary=True) as handle:
        handle.write(ICON.read_bytes())
    _refresh(home or data_home())
    return entry, icon


def remove(home: Path | None = None) -> list[Path]:
    """Remove what install wrote; return the paths that were there."""
    removed = []
    for path in installed_paths(home):
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh(home or data_home())
    return removed
