"""Working out which region a document is written from: the Mainland, Taiwan, Hong Kong or Macau.

The evidence is the script the text is written in and the vocabulary particular to each place:
explicit markers (民國 years, 立法院 and 行政院, 特區政府 and 立法會, 澳門特區) weigh most, then
usage (Taiwan's 臺/台灣 spellings and 總統府, Hong Kong's 特首 and 港府, Macau's 澳門 institutions).
The reader shows the result and lets the user change it; glossary matching picks the sense of a
form that fits the region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REGIONS: tuple[str, ...] = ("mainland", "taiwan", "hong-kong", "macau")
LABELS: dict[str, str] = {"mainland": "Mainland", "taiwan": "Taiwan", "hong-kong": "Hong Kong", "macau": "Macau"}

# (pattern, weight) per region; Traditional and Simplified spellings both, since a text may be converted.
_MARKERS: dict[str, tuple[tuple[str, int], ...]] = {
    "taiwan": (
        (r"民國\s*[一二三四五六七八九十百零〇\d]+\s*年", 6), (r"民国\s*[一二三四五六七八九十百零〇\d]+\s*年", 6),
        (r"立法院", 4), (r"行政院", 4), (r"總統府|总统府", 3), (r"陸委會|陆委会", 4), (r"立委", 3),
        (r"民進黨|民进党", 2), (r"國民黨|国民党", 1), (r"藍白|蓝白", 2), (r"監察院|监察院|考試院|考试院", 3),
        (r"中央社", 2), (r"臺灣|台灣", 1), (r"賴清德|赖清德|蔡英文", 1), (r"新台幣|新臺幣|新台币", 3),
    ),
    "hong-kong": (
        (r"特區政府|特区政府", 3), (r"香港特區|香港特区|香港特別行政區|香港特别行政区", 4), (r"立法會|立法会", 3),
        (r"特首", 3), (r"港府", 4), (r"行政長官|行政长官", 2), (r"政務司|政务司|財政司|财政司|律政司", 4),
        (r"施政報告|施政报告", 2), (r"區議會|区议会", 3), (r"公屋|居屋", 3), (r"港元|港幣|港币", 3), (r"香港", 1),
    ),
    "macau": (
        (r"澳門特區|澳门特区|澳門特別行政區|澳门特别行政区", 5), (r"澳門|澳门", 4), (r"澳門元|澳门元|澳門幣|澳门币", 4),
        (r"橫琴|横琴", 1), (r"博彩", 2), (r"立法會|立法会", 1), (r"特區政府|特区政府", 1),
    ),
    "mainland": (
        (r"中共中央|党中央|黨中央", 2), (r"国务院|國務院", 2), (r"省委|市委|县委|縣委", 2), (r"政府工作报告|政府工作報告", 2),
        (r"人民币|人民幣", 2), (r"全国人大|全國人大", 2), (r"习近平|習近平", 1), (r"十四五|十五五", 2),
        (r"国台办|國台辦", 6), (r"台湾当局|臺灣當局|台灣當局|民进党当局|民進黨當局", 5), (r"祖国|祖國", 2),
        (r"台独|台獨", 2), (r"外交部发言人|外交部發言人", 3), (r"中方", 2),
    ),
}
_COMPILED: dict[str, list[tuple[re.Pattern[str], int]]] = {}


def _compiled() -> dict[str, list[tuple[re.Pattern[str], int]]]:
    if not _COMPILED:
        _COMPILED.update({region: [(re.compile(p), w) for p, w in items] for region, items in _MARKERS.items()})
    return _COMPILED


@dataclass(frozen=True)
class RegionGuess:
    """The region a document seems to be from, with the scores that decided it."""

    region: str
    scores: dict[str, int]

    @property
    def label(self) -> str:
        return LABELS[self.region]


def detect_region(text: str, sample: int = 200_000) -> RegionGuess:
    """The most likely region of a text (the Mainland when nothing points elsewhere)."""
    head = text[:sample]
    scores = {region: 0 for region in REGIONS}
    for region, patterns in _compiled().items():
        for pattern, weight in patterns:
            scores[region] += weight * min(len(pattern.findall(head)), 5)
    # A text written in Simplified is most likely from the Mainland; Traditional from elsewhere.
    from reader.core.convert import written_script  # (imported here: the window imports this module at start)

    script = str(written_script(head))
    if script == "simplified":
        scores["mainland"] += 6
    elif script == "traditional":
        for region in ("taiwan", "hong-kong", "macau"):
            scores[region] += 2
    best = max(REGIONS, key=lambda r: (scores[r], r == "mainland"))
    return RegionGuess(best, scores)
