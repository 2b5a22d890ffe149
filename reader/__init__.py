"""Zhushi (注釋): a reader for Chinese texts with a bilingual glossary."""

__version__ = "0.1.0"
