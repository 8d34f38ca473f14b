"""A format-neutral grid of cells with positions; every reader produces one per table area."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from target_lint.sheet.model import Position


@dataclass(frozen=True)
class Cell:
    text: str
    column: int  # 1-based table column
    char: int | None = None  # 1-based character column in a text line


@dataclass(frozen=True)
class Row:
    number: int  # 1-based worksheet row or text line
    cells: tuple[Cell, ...]

    def filled(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.text]

    @property
    def is_blank(self) -> bool:
        return not self.filled()


@dataclass(frozen=True)
class Grid:
    file: str
    worksheet: str | None
    rows: tuple[Row, ...]
    # Text pulled out of a PDF or Word file, whose cells may have moved: the layout repairs
    # shifted rows and lagging labels only in such grids.
    extracted: bool = False
    # Cell comments of a workbook by (row number, column), 1-based like Row and Cell.
    comments: dict[tuple[int, int], str] = field(default_factory=dict, hash=False)

    def position(self, row: Row, cell: Cell | None = None) -> Position:
        column = cell.column if cell else None
        if self.worksheet is not None:
            ref = f"{self.worksheet}!{column_letter(column or 1)}{row.number}"
        else:
            ref = f"{row.number}:{cell.char if cell and cell.char else 1}"
        return Position(
            file=self.file, sheet=self.worksheet, row=row.number, column=column, ref=ref
        )


@functools.lru_cache(maxsize=1024)
def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
