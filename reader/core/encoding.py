"""Decoding the bytes of a file: BOMs, UTF-8, UTF-16/32, GB18030 or Big5, and refusing binary data."""

from __future__ import annotations

import codecs
from functools import lru_cache

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest file the reader opens (16 MiB, about five million Chinese characters in UTF-8)."""


class DocumentError(Exception):
    """A file or text that cannot be opened, with a message meant for a person."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """Frequent characters: GB2312 level 1 and Big5's frequently used block, as Unicode."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausible(c: str) -> bool:
    return (" " <= c <= "~") or c in "\n\r\t" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u2027"


def _score(text: str) -> float:
    """How much a decoding looks like real Chinese: the share of characters that are common or plain."""
    common = _common_hanzi()
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if c in common or _plausible(c)) / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 by where the zero bytes fall (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0)
    odd_zero = sum(1 for b in sample[1::2] if b == 0)
    half = len(sample) // 2
    if odd_zero > half * 0.3 and even_zero < half * 0.05:
        return "utf-16-le"
    if even_zero > half * 0.3 and odd_zero < half * 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str, name: str) -> str:
    """Refuse decoded text that is really binary (control characters)."""
    if not text:
        return text
    bad = sum(1 for c in text[:65536] if (c < " " and c not in "\t\n\r\f\v") or c == "\x7f")
    if "\x00" in text or bad > max(8, len(text[:65536]) // 100):
        raise DocumentError(f"{name} looks like a binary file, not text; the reader opens text, Markdown and HTML files.")
    return text


def decode_bytes(data: bytes, name: str = "The file") -> tuple[str, str]:
    """Decode file bytes to text; return (text, encoding name) or raise DocumentError."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(
            f"{name} is {len(data) / 1048576:.1f} MiB; the reader opens files up to "
            f"{MAX_FILE_BYTES // 1048576} MiB (about five million characters)."
        )
    if not data.strip():
        raise DocumentError(f"{name} is empty: there is no text to read.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(encoding), name), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name} starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason} at byte {exc.start}).") from exc
    guess = _looks_utf16(data)
    if guess:
        try:
            return _check_text(data.decode(guess), name), guess
        except UnicodeDecodeError:
            pass
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    encodings = ["gb18030", "big5"] + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), encoding, text))
    if candidates:
        candidates.sort(key=lambda c: -c[0])
        score, encoding, text = candidates[0]
        if score >= 0.6:
            return _check_text(text, name), encoding
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{name} looks like a binary file, not text; the reader opens text, Markdown and HTML files.")
    raise DocumentError(
        f"{name} is not in an encoding the reader recognises (UTF-8, UTF-16, GB18030 or Big5); "
        "save it as UTF-8 and open it again."
    )
