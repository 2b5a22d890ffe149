"""Reader settings: a versioned dataclass saved as JSON, written atomically, a broken file kept aside."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from glossary.files import atomic_write_text

SETTINGS_VERSION = 1
SCRIPTS = ("original", "simplified", "traditional", "taiwan", "hongkong")
PHONETIC_SYSTEMS = ("pinyin", "zhuyin", "jyutping")
MAX_RECENT = 12


@dataclass
class RecentDocument:
    """A document opened before, with the place and view it was left at."""

    path: str
    title: str = ""
    position: int = 0
    script: str = "original"
    pinyin: bool = False


@dataclass
class Settings:
    """What the reader remembers between runs."""

    version: int = SETTINGS_VERSION
    script: str = "original"
    pinyin: bool = False
    tone_style: str = "marks"
    phonetic: str = "pinyin"  # pinyin, zhuyin or jyutping (reader.core.phonetics.SYSTEMS)
    taiwan_readings: bool = True  # the Taiwan view gives Taiwan standard readings where they differ
    taiwan_vocabulary: bool = False  # the Taiwan view also uses Taiwan vocabulary (計程車, 軟體)
    corner_quotes: bool = False  # quotation marks as the view's region writes them (「」 in Taiwan and Hong Kong)
    tone_colors: bool = False
    show_term_marks: bool = True
    theme: str = "light"
    zoom: float = 1.0
    known_words: list[str] = field(default_factory=list)
    hide_known_pinyin: bool = False
    export_notes: str = "end"
    export_paper: str = "a4"
    recent: list[RecentDocument] = field(default_factory=list)

    def remember(self, doc: RecentDocument) -> None:
        """Put a document at the top of the recent list."""
        self.recent = [doc] + [r for r in self.recent if r.path != doc.path]
        del self.recent[MAX_RECENT:]

    def recent_for(self, path: str) -> RecentDocument | None:
        """The remembered state of a document, if any."""
        return next((r for r in self.recent if r.path == path), None)


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older settings file up to the current version (version 1 is the first)."""
    data = dict(data)
    data["version"] = SETTINGS_VERSION
    return data


def settings_from_json(data: Any) -> Settings:
    """Settings from parsed JSON; raises ValueError when it is not a settings object."""
    if not isinstance(data, dict):
        raise ValueError("the settings file does not hold a JSON object")
    version = data.get("version", 0)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise ValueError(f"settings version {version!r} is newer than this reader understands")
    data = _migrate(data)
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    recent = values.pop("recent", [])
    if not isinstance(recent, list):
        raise ValueError("'recent' must be a list")
    settings = Settings(**values)
    rfields = {f.name for f in fields(RecentDocument)}
    settings.recent = [RecentDocument(**{k: v for k, v in r.items() if k in rfields}) for r in recent if isinstance(r, dict) and "path" in r]
    defaults = Settings()
    for f in fields(Settings):
        value = getattr(settings, f.name)
        default = getattr(defaults, f.name)
        if f.name != "recent" and type(value) is not type(default) and not (isinstance(default, float) and isinstance(value, int)):
            raise ValueError(f"setting {f.name!r} has the wrong type")
    if settings.script not in SCRIPTS:
        settings.script = "original"
    if settings.phonetic not in PHONETIC_SYSTEMS:
        settings.phonetic = "pinyin"
    return settings


class SettingsStore:
    """Loads and saves Settings at a path; a broken file is moved aside with a warning."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []

    def load(self) -> Settings:
        """The saved settings, or defaults (keeping a broken file aside)."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.warnings.append(f"Settings could not be read ({exc}); using defaults.")
            return Settings()
        try:
            return settings_from_json(json.loads(raw))
        except (ValueError, TypeError, RecursionError) as exc:  # RecursionError: JSON nested too deeply
            aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(self.path, aside)
                where = f"kept aside as {aside}"
            except OSError:
                where = "left in place"
            self.warnings.append(f"The settings file was broken ({exc}); it was {where} and defaults are used.")
            return Settings()

    def save(self, settings: Settings) -> None:
        """Write the settings atomically (a temporary file, then rename)."""
        atomic_write_text(self.path, json.dumps(asdict(settings), ensure_ascii=False, indent=1))
