"""Desktop integration: `zhushi desktop install` puts Zhushi in the menu and in "Open with" (run as a real process)."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from reader.core import desktop
from reader.core.formats import SUFFIXES
from reader.core.loader import SUPPORTED_SUFFIXES


def zhushi(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-m", "reader", "desktop", *args], capture_output=True, text=True, env=env, timeout=120)


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_install_adds_a_menu_entry_that_opens_every_format_and_remove_takes_it_away(tmp_path: Path) -> None:
    done = zhushi(tmp_path, "install")
    assert done.returncode == 0, done.stderr
    entry_path = tmp_path / "applications" / "zhushi.desktop"
    icon_path = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "zhushi.svg"
    assert str(entry_path) in done.stdout and "zhushi desktop remove" in done.stdout
    entry = read_entry(entry_path)
    assert entry["Type"] == "Application" and entry["Name"] == "Zhushi" and entry["Icon"] == "zhushi"
    program, _, field = entry["Exec"].rpartition(" ")
    assert field == "%f"  # the file chosen in "Open with" is passed to the reader
    assert Path(program).is_absolute() and os.access(program, os.X_OK)
    assert subprocess.run([program, "lookup", "两岸", "--limit", "1"], capture_output=True, timeout=120).returncode == 0
    mimes = entry["MimeType"].rstrip(";").split(";")
    for needed in ("text/plain", "text/html", "application/pdf", "application/epub+zip", "application/ofd", "image/png",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document"):
        assert needed in mimes
    assert icon_path.read_bytes() == desktop.ICON.read_bytes() and b"<svg" in icon_path.read_bytes()

    removed = zhushi(tmp_path, "remove")
    assert removed.returncode == 0 and "Removed" in removed.stdout
    assert not entry_path.exists() and not icon_path.exists()
    assert "was not in the applications menu" in zhushi(tmp_path, "remove").stdout


def test_every_format_the_reader_opens_has_its_media_type() -> None:
    # a new loader without a media type would fail here, not be left out of "Open with"
    for suffix in (*SUPPORTED_SUFFIXES, *SUFFIXES):
        assert desktop._MIME_BY_SUFFIX[suffix]
    assert len(desktop.mime_types()) == len(set(desktop.mime_types()))


def test_a_program_path_with_spaces_is_quoted_for_exec() -> None:
    text = desktop.desktop_entry("/home/a b/venv/bin/zhushi")
    assert 'Exec="/home/a b/venv/bin/zhushi" %f' in text


def test_an_unwritable_data_folder_gives_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = zhushi(blocker, "install")
    assert done.returncode == 2
    assert "cannot be written" in done.stderr and "Traceback" not in done.stderr
