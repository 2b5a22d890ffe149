"""Reading ZIP packages (DOCX, EPUB, OFD) and their XML safely: bounded sizes, no entity expansion."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from reader.core.encoding import DocumentError

MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all parts read from one package
MAX_RATIO = 200  # a part that expands more than this is a zip bomb, not a document


class Package:
    """A ZIP package opened for reading parts by name, with the limits above."""

    def __init__(self, path: Path, kind: str) -> None:
        from reader.core.formats import MAX_PACKAGE_BYTES

        self.name = f"“{path.name}”"
        self.kind = kind
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise DocumentError(f"{self.name} cannot be read: {exc.strerror or exc}.") from exc
        if size > MAX_PACKAGE_BYTES:
            raise DocumentError(f"{self.name} is larger than {MAX_PACKAGE_BYTES >> 20} MiB; the reader opens {kind} files up to that size.")
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise DocumentError(f"{self.name} is not a {kind} file (it is not a valid ZIP package).") from exc
        self.read_total = 0

    def names(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        """The bytes of one part; DocumentError when it is missing, too large or a bomb."""
        try:
            info = self.zip.getinfo(name)
        except KeyError as exc:
            raise DocumentError(f"{self.name} is not a complete {self.kind} file: “{name}” is missing.") from exc
        if info.file_size > MAX_MEMBER_BYTES or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20):
            raise DocumentError(f"{self.name} has a part that expands far beyond its size; it is refused.")
        self.read_total += info.file_size
        if self.read_total > MAX_TOTAL_BYTES:
            raise DocumentError(f"{self.name} holds more than the reader takes in one document.")
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:  # encrypted or broken
            raise DocumentError(f"{self.name}: “{name}” cannot be read ({exc}).") from exc
        if len(data) > MAX_MEMBER_BYTES:
            raise DocumentError(f"{self.name} has a part that expands far beyond its size; it is refused.")
        return data

    def xml(self, name: str) -> Any:
        """A part parsed as XML (defusedxml: no entities, no external references)."""
        return parse_xml(self.read(name), f"{self.name}: “{name}”")

    def close(self) -> None:
        self.zip.close()


def parse_xml(data: bytes, what: str) -> Any:
    """XML parsed without entity expansion or external references; DocumentError when it is not XML."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring
    from xml.etree.ElementTree import ParseError

    try:
        return fromstring(data)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise DocumentError(f"{what} is not well-formed XML ({exc}).") from exc


def local(tag: str) -> str:
    """An element's name without its namespace: '{http://…}p' → 'p'."""
    return tag.rsplit("}", 1)[-1]
