"""Print faces for PDFs with pinyin: the bundled CJK faces with wider Han characters.

A PDF reader (poppler's ``pdftotext``, a viewer's search) rebuilds words from glyph positions: where
the gap after a glyph is more than a small part of an em it inserts a space. With pinyin as ruby,
each character sits in a box as wide as its reading, so plain CJK glyphs (1 em wide) leave gaps and
``中国式现代化`` comes out as ``中 国 式 现 代 化`` — the PDF cannot be searched.

These faces give every Han glyph a wider advance (``PITCH`` em) and leave the outlines as they are.
In the PDF the glyph's own width then covers the gap, so each line of hanzi is extracted whole, while
the page looks the same as ruby with a little air between characters. Only the horizontal metrics
change (no outline is touched), so a face is made in a fraction of a second and cached.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("zhushi.printfonts")

PITCH = 1.3  # em per Han character in print with pinyin: room for most syllables at .45 em
FAMILY = {"SC": "Zhushi Print SC", "TC": "Zhushi Print TC"}
HAN_RANGES = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x3FFFF),  # Extensions B and later
    (0x3007, 0x3007),  # 〇
)


@dataclass(frozen=True)
class PrintFace:
    face: str  # "SC" or "TC"
    weight: int  # 400 or 700
    source: Path  # the bundled face it is made from

    @property
    def family(self) -> str:
        return FAMILY[self.face]

    def file_name(self) -> str:
        """Names the source's size and the pitch, so a changed font or pitch makes a new file."""
        size = self.source.stat().st_size
        return f"ZhushiPrint{self.face}-{self.weight}-{size}-{round(PITCH * 100)}.ttf"


def is_han(code_point: int) -> bool:
    return any(lo <= code_point <= hi for lo, hi in HAN_RANGES)


def make_wide_face(source: Path, target: Path, family: str, pitch: float = PITCH) -> int:
    """Write ``target``: ``source`` with every Han glyph ``pitch`` em wide, renamed to ``family``.

    Written to a temporary file next to the target and renamed, so a reader never sees half a
    font. Returns the number of glyphs widened.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), lazy=True)
    upm = font["head"].unitsPerEm
    advance = int(round(upm * pitch))
    hmtx = font["hmtx"]
    han = {glyph for cp, glyph in font.getBestCmap().items() if is_han(cp)}
    for glyph in han:
        old, lsb = hmtx.metrics[glyph]
        if old < advance:
            hmtx.metrics[glyph] = (advance, lsb)
    if "hhea" in font:
        font["hhea"].advanceWidthMax = max(font["hhea"].advanceWidthMax, advance)
    names = font["name"]
    subfamily = "Bold" if font["OS/2"].usWeightClass >= 600 else "Regular"
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(subfamily, 2, 3, 1, 0x409)
    names.setName(f"{family} {subfamily}", 4, 3, 1, 0x409)
    names.setName(f"{family.replace(' ', '')}-{subfamily}", 6, 3, 1, 0x409)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(han)


def ensure_faces(faces: list[PrintFace], folder: Path) -> dict[PrintFace, Path]:
    """The print faces in ``folder``, made where missing; older versions of a face are removed.

    A face that cannot be made (unwritable folder, unreadable font) is left out and logged: the PDF
    is then printed with the normal faces, correct on the page, only less searchable.
    """
    made: dict[PrintFace, Path] = {}
    for face in faces:
        try:
            target = folder / face.file_name()
            if not target.is_file():
                count = make_wide_face(face.source, target, face.family)
                log.info("made print face %s (%d glyphs widened)", target.name, count)
                prefix = f"ZhushiPrint{face.face}-{face.weight}-"
                for old in folder.glob(prefix + "*.ttf"):
                    if old != target:
                        old.unlink(missing_ok=True)
            made[face] = target
        except Exception as exc:  # a font tool error must never stop an export
            log.warning("cannot make the print face %s %s: %s", face.face, face.weight, exc)
    return made
