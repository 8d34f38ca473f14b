"""Where the data folders (grammar/, rules/) are: inside the wheel, or in a source checkout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "_data"


def data_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``data_path("grammar", "units.txt")``."""
    base = _INSTALLED if _INSTALLED.is_dir() else _PACKAGE.parent
    return base.joinpath(*parts)


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict (tomllib, or tomli on Python 3.10)."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def parse_toml(data: bytes) -> dict[str, Any]:
    """TOML bytes as a dict; ValueError (tomllib's TOMLDecodeError) if they are not TOML."""
    return tomllib.loads(data.decode("utf-8"))
