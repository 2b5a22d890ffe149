"""The shared parts are built once each, by whichever thread asks first, and a light part is not held up
while another thread builds a heavy one (the window stays usable while the glossary loads)."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.services import Services


def test_a_light_part_is_served_while_another_thread_builds_a_heavy_one(tmp_path: Path) -> None:
    services = Services(tmp_path / "user-glossary.json")
    building, release = threading.Event(), threading.Event()

    def heavy() -> str:
        building.set()
        release.wait(30)
        return "annotator"

    worker = threading.Thread(target=lambda: services._once("_annotator", heavy))  # noqa: SLF001
    worker.start()
    try:
        assert building.wait(10)
        got: list[object] = []
        reader = threading.Thread(target=lambda: got.append(services.warnings))
        reader.start()
        reader.join(5)
        assert not reader.is_alive(), "the user glossary waited for the annotator's build"
        assert got == [[]]
    finally:
        release.set()
        worker.join(10)


def test_each_part_is_built_once_when_threads_ask_together(tmp_path: Path) -> None:
    services = Services(tmp_path / "user-glossary.json")
    builds: list[int] = []
    start = threading.Barrier(4)

    def build() -> list[int]:
        builds.append(1)
        return builds

    def ask() -> None:
        start.wait(5)
        services._once("_part", build)  # noqa: SLF001

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert builds == [1]
