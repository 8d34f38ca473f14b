"""Every test run gets its own cache directory (grammar, validated data, plugins, results)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("TARGET_LINT_CACHE_DIR")
    os.environ["TARGET_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("TARGET_LINT_CACHE_DIR", None)
    else:
        os.environ["TARGET_LINT_CACHE_DIR"] = before
