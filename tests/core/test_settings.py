"""Settings: saved atomically, read back, a broken file kept aside while the reader starts with defaults."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.settings import RecentDocument, Settings, SettingsStore


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(script="taiwan", pinyin=True, zoom=1.2)
    settings.remember(RecentDocument("/a.txt", "A", position=120, script="simplified", pinyin=True))
    store.save(settings)
    loaded = SettingsStore(tmp_path / "settings.json").load()
    assert loaded == settings
    assert loaded.recent_for("/a.txt").position == 120  # type: ignore[union-attr]
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary files left


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "none.json")
    assert store.load() == Settings()
    assert store.warnings == []


def test_broken_file_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.warnings and "kept aside" in store.warnings[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.broken-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"


def test_wrong_types_and_newer_version_kept_aside(tmp_path: Path) -> None:
    for content in ({"pinyin": "yes"}, {"version": 99}, [1, 2]):
        path = tmp_path / "settings.json"
        path.write_text(json.dumps(content), encoding="utf-8")
        store = SettingsStore(path)
        assert store.load() == Settings()
        assert store.warnings


def test_recent_list_is_bounded_and_most_recent_first() -> None:
    settings = Settings()
    for n in range(20):
        settings.remember(RecentDocument(f"/doc{n}.txt"))
    settings.remember(RecentDocument("/doc5.txt", position=9))
    assert settings.recent[0].path == "/doc5.txt" and settings.recent[0].position == 9
    assert len(settings.recent) == 12
    assert len({r.path for r in settings.recent}) == 12


def test_phonetic_choice_is_kept_and_an_unknown_one_falls_back(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(phonetic="jyutping", taiwan_readings=False)
    store.save(settings)
    loaded = store.load()
    assert loaded.phonetic == "jyutping" and loaded.taiwan_readings is False
    (tmp_path / "settings.json").write_text('{"version": 1, "phonetic": "klingon"}', encoding="utf-8")
    assert store.load().phonetic == "pinyin"
