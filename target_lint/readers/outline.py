"""Indicator tables exported as an outline (宁夏 预算系统's 绩效目标批复表)::

    项目                                  | 指标值 | 绩效金额
     石嘴山市疾病预防控制中心               |        |
      狂犬、乙肝、流感等疫苗及美沙酮药物     |        | 3000000
       产出指标                             |        |
        成本指标(必填硬性指标)               |        |
         按照物价部门定价标准采购            | 100%   |

One 项目 column holds the unit, the project, the 一级 and 二级 labels and the indicators,
told apart only by indentation. The outline becomes the grid a table would give: each
project a 项目单位 / 项目名称 | 项目金额 metadata row, then a header (一级指标 | 二级指标 |
三级指标 | 指标值, at the outline's header row), each label in its level's column, each
indicator's name and value in theirs. Cells keep their rows and characters, so positions
point at the outline's own cells. A label's level comes from its name: a 一级 name under a
一级 whose child it can be (成本指标 under 产出指标) is a 二级, as indentation shows.
"""

from __future__ import annotations

from dataclasses import replace

from target_lint.readers.grid import Cell, Grid, Row
from target_lint.readers.header import compact
from target_lint.sheet.taxonomy import (
    canonical_level1,
    canonical_level2,
    classify_label,
    is_valid_pair,
)

_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")
_NAME_WORDS = ("项目", "项目名称")
_AMOUNT_WORDS = ("绩效金额", "金额", "项目金额")


def unfold_outline(grid: Grid) -> Grid:
    """The grid with an outline table, if it holds one, laid out as a table."""
    for index, row in enumerate(grid.rows):
        cells = row.cells  # the header starts with 项目: the row's first text, a cheap test
        head = cells[0].text if cells and cells[0].text else _first_text(row)  # (fast path)
        if "项目" not in head or compact(head) not in _NAME_WORDS:
            continue
        words = {compact(cell.text): cell.column for cell in row.filled()}
        name = next((words[w] for w in _NAME_WORDS if w in words), None)
        value = words.get("指标值")
        if name is None or value is None or len(words) > 3 or not _has_labels(grid, index, name):
            continue
        amount = next((words[w] for w in _AMOUNT_WORDS if w in words), None)
        rows = list(grid.rows[:index])
        rows += _unfold(grid.rows[index:], name, value, amount)
        return replace(grid, rows=tuple(rows))
    return grid


def _first_text(row: Row) -> str:
    """The text of a row's first filled cell, or ``""``."""
    return next((cell.text for cell in row.cells if cell.text), "")


def _has_labels(grid: Grid, index: int, name: int) -> bool:
    """Whether the rows below a 项目 | 指标值 header hold category labels in the 项目 column
    (two at least, within the first dozen rows below it)."""
    texts = [_text(row, name) for row in grid.rows[index + 1 : index + 13]]
    return sum(classify_label(text) is not None for text in texts if text) >= 2


def _unfold(rows: tuple[Row, ...], name: int, value: int, amount: int | None) -> list[Row]:
    """The outline from its header down, laid out; the rows after it as they are."""
    header, *body = rows
    words = Row(header.number, tuple(Cell(word, i) for i, word in enumerate(_HEADER, 1)))
    out: list[Row] = []
    level1: str | None = None
    opened = False  # whether the current project's header is out
    for index, row in enumerate(body):
        cells = {cell.column: cell for cell in row.filled()}
        own = cells.get(name)
        target = cells.get(value)
        if own is None:
            if cells:  # a row outside the outline's columns: the outline has ended
                return out + body[index:]
            continue
        kind = classify_label(own.text) if target is None else None
        money = cells.get(amount) if amount else None
        if kind is not None:
            if not opened:
                out.append(words)  # the header goes under the metadata rows, which end a table
                opened = True
            level = _level(own.text, kind[0], level1)
            if level == 1:
                level1 = canonical_level1(own.text)
            out.append(Row(row.number, (own._replace(column=level), Cell("", 4))))
        elif target is None and money is not None:  # a project with its amount
            level1, opened = None, False
            pair = (Cell("项目名称", 1), own._replace(column=2))
            out.append(Row(row.number, (*pair, Cell("项目金额", 3), money._replace(column=4))))
        elif target is None and level1 is None:  # the unit above its projects
            out.append(Row(row.number, (Cell("项目单位", 1), own._replace(column=2))))
        else:
            out.append(Row(row.number, (own._replace(column=3), _at(target, 4))))
    return out


def _level(text: str, named: int, level1: str | None) -> int:
    """A label's level: its name's, except a 一级 name that can be a child of the 一级 above
    it (成本指标 under 产出指标 in the 2015 framework)."""
    if named == 2 or level1 is None:
        return named
    child = canonical_level2(text)
    fits = child is not None and (
        is_valid_pair(level1, child) or is_valid_pair(level1, child, "legacy_2015")
    )
    return 2 if fits else 1


def _at(cell: Cell | None, column: int) -> Cell:
    return cell._replace(column=column) if cell is not None else Cell("", column)


def _text(row: Row, column: int) -> str:
    return next((cell.text for cell in row.filled() if cell.column == column), "")
