"""The allocator call that gives memory freed by finished background loading back to the system."""

from __future__ import annotations

import platform
import sys

import pytest

from reader.core.memory import limit_arenas, release_free_memory


def _anonymous_kb() -> int:
    with open("/proc/self/smaps_rollup") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("Anonymous:"))


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="the calls are glibc's; elsewhere they do nothing by design")
def test_freed_heap_below_live_data_goes_back_to_the_system() -> None:
    assert limit_arenas(2) is True
    blocks = [bytearray(4096) for _ in range(20000)]  # ~80 MB of heap ...
    survivor = bytearray(4096)  # ... under a block that stays, so free() alone cannot shrink the heap
    del blocks
    before = _anonymous_kb()
    assert release_free_memory() is True
    after = _anonymous_kb()
    assert before - after > 40_000, (before, after)  # kB: most of the freed 80 MB left the process
    del survivor
