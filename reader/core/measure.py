"""The measure word 只/隻 (zhī) after a number — 一只手, 500只口罩, 數隻小野豬 — told from 只 "only" (zhǐ),
which follows a numeral only before a verb (最多只能, 一只是). Shared by the pinyin (zhī, not zhǐ) and the
Traditional views (隻, not 只); the sets hold both scripts' forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

_NUMERALS = "0-9０-９一二两兩三四五六七八九十百千万萬亿億几幾数數余餘多半"
_ONLY_BEFORE = "是有要能会會需不在为為得剩可用因好够夠管顾顧"
# 最多/至多/顶多 + 只 is "at most only" (最多只住兩年), not a count of animals
_AT_MOST = "".join(f"(?<!{w})" for w in ("最多", "至多", "顶多", "頂多"))
_MEASURE = re.compile(f"(?<=[{_NUMERALS}]){_AT_MOST}[只隻](?![{_ONLY_BEFORE}])")


def measure_zhi(text: str) -> Iterator[int]:
    """Positions of 只 or 隻 that follow a number as its measure word."""
    return (m.start() for m in _MEASURE.finditer(text))
