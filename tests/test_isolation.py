"""The suite never touches the user's real folders (tests/conftest.py points them at a temp folder)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from tests.conftest import TEST_HOME


def test_user_folders_are_inside_the_test_home() -> None:
    for folder in (
        platformdirs.user_config_dir("zhushi"),
        platformdirs.user_data_dir("zhushi"),
        platformdirs.user_cache_dir("zhushi"),
        str(Path.home()),
    ):
        assert Path(folder).resolve().is_relative_to(TEST_HOME.resolve()), folder
