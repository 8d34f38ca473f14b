"""Remarks of a row: 备注/说明 cells, cells holding a directive, and cell comments.

The layout takes them out of a row before reading it, so that a remark is never read as a name
or a value, and keeps them on the indicator (``Indicator.remarks``) or, for the title and
metadata rows, on the sheet (``Sheet.directives``).
"""

from __future__ import annotations

from collections.abc import Iterable

from target_lint.readers.grid import Cell, Grid, Row
from target_lint.sheet.directive import has_directive
from target_lint.sheet.model import Remark

RowComments = dict[int, list[tuple[int, str]]]


def comments_by_row(grid: Grid) -> RowComments:
    """The grid's cell comments by row number: (column, text) pairs in column order."""
    rows: RowComments = {}
    for (row, column), text in sorted(grid.comments.items()):
        rows.setdefault(row, []).append((column, text))
    return rows


def any_directive(grid: Grid) -> bool:
    """Whether any cell of the grid may hold a directive: one test over all its text, so that
    the rows of a grid without one are not tested cell by cell."""
    return has_directive("\n".join([cell.text for row in grid.rows for cell in row.cells]))


def take_directives(
    grid: Grid, row: Row, comments: Iterable[tuple[int, str]]
) -> tuple[Row, list[Remark]]:
    """The row with its directive cells blanked; those cells and the row's comments as remarks."""
    marked = [cell for cell in row.cells if cell.text and has_directive(cell.text)]
    remarks = [Remark(text=cell.text, position=grid.position(row, cell)) for cell in marked]
    remarks += [
        Remark(text=text, position=grid.position(row, Cell("", column)), comment=True)
        for column, text in comments
    ]
    return (_blank(row, marked) if marked else row), remarks


def take_remark_cells(grid: Grid, row: Row, roles: dict[int, str]) -> tuple[Row, list[Remark]]:
    """The row with the cells of its 备注/说明 columns blanked, and their texts as remarks."""
    if "remark" not in roles.values():
        return row, []
    cells = [cell for cell in row.cells if cell.text and roles.get(cell.column) == "remark"]
    remarks = [Remark(text=cell.text, position=grid.position(row, cell)) for cell in cells]
    return (_blank(row, cells) if cells else row), remarks


def _blank(row: Row, taken: list[Cell]) -> Row:
    ids = {id(cell) for cell in taken}
    cells = tuple(
        Cell("", cell.column, cell.char) if id(cell) in ids else cell for cell in row.cells
    )
    return Row(row.number, cells)
