"""Where the data files (grammar/, rules/) are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def data_path(*parts: str) -> Path:
    """Return the path of a data file, e.g. ``data_path("grammar", "units.txt")``.

    An installed wheel carries grammar/ and rules/ in ``target_lint/_data/`` (pyproject.toml,
    ``force-include``); a source checkout has them at the repository root.
    """
    installed = _PACKAGE / "_data"
    root = installed if installed.is_dir() else _PACKAGE.parent
    return root.joinpath(*parts)
