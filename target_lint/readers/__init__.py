"""Readers: a file in, target sheets with exact positions out.

The format is chosen by extension; every format produces a Grid (readers/grid.py) and the
layout recogniser (readers/layout.py) finds the sheets in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from target_lint.errors import InputError
from target_lint.readers.canonical import SUFFIXES as CANONICAL
from target_lint.readers.canonical import read_canonical
from target_lint.readers.delimited import read_delimited
from target_lint.readers.document import read_docx
from target_lint.readers.grid import Grid
from target_lint.readers.layout import read_layout
from target_lint.readers.text import read_markdown, read_text
from target_lint.readers.workbook import read_workbook
from target_lint.sheet.model import Sheet

GridReader = Callable[[Path], list[Grid]]


def _one(reader: Callable[[Path], Grid]) -> GridReader:
    return lambda path: [reader(path)]


READERS: dict[str, GridReader] = {
    ".md": _one(read_markdown),
    ".markdown": _one(read_markdown),
    ".txt": _one(read_text),
    ".tsv": read_delimited,
    ".csv": read_delimited,
    ".docx": read_docx,
    ".xlsx": read_workbook,
    ".xlsm": read_workbook,
    ".xls": read_workbook,
}

__all__ = ["READERS", "read_sheets", "suffixes"]


def suffixes() -> set[str]:
    """File endings target-lint reads."""
    return set(READERS) | set(CANONICAL)


def read_sheets(path: str | Path) -> list[Sheet]:
    """Every target sheet in a file. Raises InputError with a one-line reason."""
    file = Path(path)
    suffix = file.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and suffix not in CANONICAL:
        known = ", ".join(sorted(suffixes()))
        raise InputError(str(path), f"unsupported file type {file.suffix or '(none)'!r}", known)
    if not file.is_file():
        raise InputError(str(path), "no such file")
    if reader is None:
        return read_canonical(file)
    try:
        grids = reader(file)
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
    sheets = [sheet for grid in grids for sheet in read_layout(grid, strict=False)]
    if not sheets:
        raise InputError(
            str(path),
            "no indicator table found",
            "expected a header row with 一级指标, 二级指标 and 三级指标",
        )
    return sheets
