"""Giving memory back: the reader loads its glossary, dictionaries and models in short-lived worker threads,
and glibc's allocator keeps what those threads freed in per-thread arenas, never returned to the system.
Two calls, both no-ops where the C library is not glibc."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger("zhushi.memory")

_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version  # only glibc has it  # noqa: B018
        return libc
    except (OSError, AttributeError):
        return None


def limit_arenas(count: int = 2) -> bool:
    """Let at most `count` malloc arenas serve all threads (glibc's default is eight per core), so memory one
    worker thread freed can serve the next instead of sitting in an arena of its own. True when applied."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(_M_ARENA_MAX, count))


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system (malloc_trim); True when some were released."""
    libc = _glibc()
    if libc is None:
        return False
    released = bool(libc.malloc_trim(0))
    log.debug("malloc_trim: %s", "released" if released else "nothing to release")
    return released
