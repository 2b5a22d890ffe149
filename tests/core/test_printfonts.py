"""The wide print faces: Han glyphs get a wider advance, nothing else changes."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from reader.core.printfonts import FAMILY, PITCH, PrintFace, ensure_faces, make_wide_face
from resources import FONTS

SOURCE = FONTS / "NotoSansTC-Regular.ttf"


def test_han_glyphs_are_wider_and_the_rest_is_the_same(tmp_path: Path) -> None:
    target = tmp_path / "wide.ttf"
    widened = make_wide_face(SOURCE, target, FAMILY["TC"])
    assert widened > 15_000  # every Han character of the bundled face
    old, new = TTFont(str(SOURCE)), TTFont(str(target))
    upm = new["head"].unitsPerEm
    cmap = new.getBestCmap()
    for ch in "中國式现代化〇":
        glyph = cmap[ord(ch)]
        assert new["hmtx"][glyph][0] == round(upm * PITCH)
        assert new["glyf"][glyph].coordinates == old["glyf"][glyph].coordinates  # the same outline
    for ch in "Az9，。「」":  # Latin, digits and punctuation keep their width
        glyph = cmap[ord(ch)]
        assert new["hmtx"][glyph] == old["hmtx"][glyph]
    assert new["name"].getDebugName(1) == "Zhushi Print TC" and new["name"].getDebugName(2) == "Regular"
    assert not list(tmp_path.glob("*.part"))  # written whole, then renamed


def test_faces_are_made_once_and_an_older_version_is_replaced(tmp_path: Path) -> None:
    face = PrintFace("TC", 400, SOURCE)
    stale = tmp_path / "ZhushiPrintTC-400-1-130.ttf"
    stale.write_bytes(b"old")
    made = ensure_faces([face], tmp_path)
    path = made[face]
    assert path.name == face.file_name() and path.is_file() and not stale.exists()
    mtime = path.stat().st_mtime_ns
    assert ensure_faces([face], tmp_path)[face].stat().st_mtime_ns == mtime  # cached


def test_a_face_that_cannot_be_made_is_left_out(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert ensure_faces([PrintFace("SC", 400, broken)], tmp_path / "out") == {}
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert ensure_faces([PrintFace("SC", 400, SOURCE)], blocked) == {}
