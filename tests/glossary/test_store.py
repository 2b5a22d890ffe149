"""Curated and user entries together: user entries override curated ones."""

from __future__ import annotations

from glossary.store import GlossaryStore

from .conftest import make_entry


def test_user_overrides_by_id(sample_entries):
    user = make_entry(id="fang-guan-fu", simplified="放管服", traditional="放管服", pinyin="fàng guǎn fú", english="my own")
    store = GlossaryStore(sample_entries, [user])
    entry = store.get("fang-guan-fu")
    assert entry.english == "my own" and entry.source == "user"
    assert len(store.entries()) == len(sample_entries)
    match = store.matcher().find("放管服")[0]
    assert match.entry.source == "user"


def test_user_overrides_by_simplified(sample_entries):
    user = make_entry(id="my-cadre", simplified="干部", traditional="幹部", pinyin="gàn bù", english="official", source="user")
    store = GlossaryStore(sample_entries, [user])
    assert store.get("gan-bu") is None
    assert store.matcher().find("幹部")[0].entry.id == "my-cadre"


def test_plain_store(sample_entries):
    store = GlossaryStore(sample_entries)
    assert store.get("yi-dai").source == "glossary"
    assert store.get("missing") is None
    store.set_user([make_entry()])
    assert store.get("test-term").source == "user"
    assert store.matcher().find("测试")
