"""Readers: a file in, target sheets with exact positions out.

The format is chosen by extension; every format produces a Grid (readers/grid.py) and the
layout recogniser (readers/layout.py) finds the sheets in it.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from pathlib import Path

from target_lint.errors import InputError
from target_lint.readers.grid import Grid
from target_lint.readers.limits import MAX_BYTES, megabytes
from target_lint.sheet.model import Sheet

GridReader = Callable[[Path], list[Grid]]

# suffix → (module, function, whether it returns one Grid rather than a list); a reader's
# module is imported when a file of its kind is read, so a CSV never loads the workbook reader
READERS: dict[str, tuple[str, str, bool]] = {
    ".md": ("text", "read_markdown", True),
    ".markdown": ("text", "read_markdown", True),
    ".txt": ("text", "read_text", True),
    ".tsv": ("delimited", "read_delimited", False),
    ".csv": ("delimited", "read_delimited", False),
    ".docx": ("document", "read_docx", False),
    ".xlsx": ("workbook", "read_workbook", False),
    ".xlsm": ("workbook", "read_workbook", False),
    ".xls": ("workbook", "read_workbook", False),
}
CANONICAL = (".json", ".yaml", ".yml")  # readers/canonical.py

__all__ = ["READERS", "read_sheets", "suffixes"]


def suffixes() -> set[str]:
    """File endings target-lint reads."""
    return set(READERS) | set(CANONICAL)


def read_sheets(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Sheet]:
    """Every target sheet in a file. Raises InputError with a one-line reason.

    A file over ``max_bytes`` is refused before it is read (a workbook also when its parts
    would unpack to more than 20 times that).
    """
    file = Path(path)
    suffix = file.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and suffix not in CANONICAL:
        known = ", ".join(sorted(suffixes()))
        raise InputError(str(path), f"unsupported file type {file.suffix or '(none)'!r}", known)
    if not file.is_file():
        raise InputError(str(path), "no such file")
    size = file.stat().st_size
    if size > max_bytes:
        raise InputError(
            str(path),
            f"file is {megabytes(size)}, over the {megabytes(max_bytes)} limit",
            "raise max-file-size-mb in the configuration, or split the file",
        )
    if reader is None:
        from target_lint.readers.canonical import read_canonical

        return read_canonical(file)
    from target_lint.readers.layout import read_layout

    module, function, single = reader
    read = getattr(importlib.import_module(f"target_lint.readers.{module}"), function)
    collecting = gc.isenabled()
    gc.disable()  # what a reader makes all lives on: collecting half-way finds nothing to free
    try:
        if module == "workbook":
            grids = read(file, max_bytes=max_bytes)
        else:
            grids = [read(file)] if single else read(file)
        sheets = [sheet for grid in grids for sheet in read_layout(grid, strict=False)]
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
    finally:
        if collecting:
            gc.enable()
    if not sheets:
        raise InputError(
            str(path),
            "no indicator table found",
            "expected a header row with 一级指标, 二级指标 and 三级指标",
        )
    return sheets
