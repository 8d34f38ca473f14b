"""A format-neutral grid of cells with positions; every reader produces one per table area.

Cells and rows are named tuples: a 5,000-row workbook makes some 30,000 cells, and a tuple
is made in a fraction of a dataclass's time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from target_lint.sheet.model import Position


class Cell(NamedTuple):
    text: str
    column: int  # 1-based table column
    char: int | None = None  # 1-based character column in a text line


class Row(NamedTuple):
    number: int  # 1-based worksheet row or text line
    cells: tuple[Cell, ...]

    def filled(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.text]

    @property
    def is_blank(self) -> bool:
        return not self.filled()


def to_last_filled(cells: list[Cell]) -> tuple[Cell, ...]:
    """A row's cells up to its last filled one: a title or a note written across a table
    (``| 附件: | | |``, ``标题,,,,``) is a row of one cell, as in a worksheet."""
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return tuple(cells[:end])


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
    # The cells, by (row number, column), that continue a vertically merged cell of a
    # workbook or a Word table: their text is the merged cell's, copied from the row above.
    merged_down: frozenset[tuple[int, int]] = frozenset()
    # Positions made so far, by (row number, column, character): a merged label's position
    # serves every row it spans, an indicator's anchor is its value's cell.
    _positions: dict[tuple[int, int | None, int | None], Position] = field(
        default_factory=dict, init=False, hash=False, compare=False, repr=False
    )

    @functools.cached_property
    def left(self) -> int:
        """The leftmost column holding text (a title's, a note's or a table's first column):
        no text stands left of it."""
        left = None
        for row in self.rows:
            first = next((cell.column for cell in row.cells if cell.text), None)
            if first is not None and (left is None or first < left):
                left = first
                if left == 1:
                    break  # most grids start in column A: no need to look further
        return left or 1

    def is_line(self, row: Row) -> bool:
        """Whether a row is a line of running text (a title, a note, a heading merged across
        a table): its last cell, at the left edge, holds text; nothing stands left of it, so
        that is the row's only text."""
        return bool(row.cells) and bool(row.cells[-1].text) and row.cells[-1].column <= self.left

    def position(self, row: Row, cell: Cell | None = None) -> Position:
        column, char = (cell.column, cell.char) if cell else (None, None)
        key = (row.number, column, char)
        if (known := self._positions.get(key)) is not None:
            return known
        if self.worksheet is not None:
            ref = f"{self.worksheet}!{column_letter(column or 1)}{row.number}"
        else:
            ref = f"{row.number}:{char or 1}"
        made = Position(
            file=self.file, sheet=self.worksheet, row=row.number, column=column, ref=ref
        )
        self._positions[key] = made
        return made


@functools.lru_cache(maxsize=1024)
def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
