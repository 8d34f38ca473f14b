"""Readers: a file in, target sheets with exact positions out.

The format is chosen by extension; every format produces a Grid (readers/grid.py) and the
layout recogniser (readers/layout.py) finds the sheets in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from target_lint.errors import InputError
from target_lint.readers.grid import Grid
from target_lint.readers.layout import read_layout
from target_lint.readers.text import read_markdown, read_tabbed, read_text
from target_lint.sheet.model import Sheet

GridReader = Callable[[Path], Grid]

READERS: dict[str, GridReader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
    ".tsv": read_tabbed,
}

__all__ = ["READERS", "read_sheets"]


def read_sheets(path: str | Path) -> list[Sheet]:
    """Every target sheet in a file. Raises InputError with a one-line reason."""
    file = Path(path)
    reader = READERS.get(file.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(str(path), f"unsupported file type {file.suffix or '(none)'!r}", known)
    if not file.is_file():
        raise InputError(str(path), "no such file")
    try:
        grid = reader(file)
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
    return read_layout(grid)
