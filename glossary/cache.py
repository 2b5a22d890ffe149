"""Helpers for the on-disk caches of parsed data: marshal files written atomically, GC paused while building."""

from __future__ import annotations

import gc
import logging
import marshal
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """The per-user cache directory (platformdirs user_cache_dir("zhushi"))."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("zhushi"))


def stamp(path: Path) -> str:
    """A short key for a file's version: its size and mtime."""
    info = path.stat()
    return f"{info.st_size}-{info.st_mtime_ns}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects (3-5x faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_marshal(path: Path) -> Any | None:
    """The object in a marshal cache file, or None when it is missing or unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cache %s unreadable: %s", path, exc)
        return None
    try:
        with gc_paused():  # many small objects at once: the collector would only slow it down
            return marshal.loads(data)
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("cache %s corrupt, rebuilding: %s", path, exc)
        return None


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file atomically (a temporary file beside it, then a rename): a reader finds the old file or
    the whole new one, never half of it. Errors are raised."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_marshal(path: Path, value: Any, stale_glob: str = "") -> None:
    """Write a marshal cache file atomically, removing stale siblings matching stale_glob; errors are logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if stale_glob:
            for old in path.parent.glob(stale_glob):
                if old != path:
                    old.unlink(missing_ok=True)
        write_bytes(path, marshal.dumps(value))
    except (OSError, ValueError) as exc:
        log.warning("cannot write cache %s: %s", path, exc)
