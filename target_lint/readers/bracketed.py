"""Indicator lists written as text rather than as a table, as some budget publications print
them (黄山 部门预算公开)::

    黄山市雪亮工程市本级机房租赁2024至2027服务采购项目
    【项目概况】：该项目为……
    【总体目标】
    保障雪亮工程机房租赁延续……
    【产出指标-数量指标】
    指标1：机柜数量（≥77台）

The lines become the grid a table would give: a header row (the form has none, so the one
its lines imply, at the first category line), a label row per 【一级-二级】 line, and a row
per indicator with its name and the value in its closing brackets. The project's name and
goal become metadata rows. Every cell keeps its line and character.
"""

from __future__ import annotations

import re

from target_lint.readers.grid import Cell, Row
from target_lint.sheet.taxonomy import classify_label

_CATEGORY = re.compile(r"^【([^】\-－—]+)[-－—]([^】]+)】$")
_VALUE = re.compile(r"[(（]([^()（）]*)[)）]$")  # 机柜数量（≥77台）
_NUMBERED = re.compile(r"^指标\s*\d+\s*[:：]")  # 指标1：
_SECTION = re.compile(r"^【([^】]+)】\s*[:：]?\s*(.*)$")
_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")


def is_bracketed(lines: list[str]) -> bool:
    """Whether a text lists its indicators under 【一级-二级】 lines (two at least)."""
    return sum(_category(line.strip()) is not None for line in lines) >= 2


def _category(text: str) -> re.Match[str] | None:
    """A 【产出指标-数量指标】 line whose first part is a 一级 label."""
    match = _CATEGORY.match(text)
    kind = classify_label(match.group(1)) if match else None
    return match if kind is not None and kind[0] == 1 else None


def bracketed_rows(lines: list[str]) -> list[Row]:
    """The rows of a bracketed indicator list, in line order."""
    rows: list[Row] = []
    header = False
    goal_next = False
    previous: int | None = None  # the index of the last running-text row: a project's name
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        char = line.index(text[0]) + 1
        if match := _category(text):
            if not header:
                rows.append(Row(number, tuple(Cell(word, i) for i, word in enumerate(_HEADER, 1))))
                header = True
            level1, level2 = match.group(1).strip(), match.group(2).strip()
            second = char + text.index(level2, len(level1) + 1)
            rows.append(Row(number, (Cell(level1, 1, char + 1), Cell(level2, 2, second))))
        elif header and ((value := _VALUE.search(text)) or _NUMBERED.match(text)):
            name = text[: value.start()].rstrip() if value else text
            given = Cell(value.group(1).strip(), 4, char + value.start(1)) if value else None
            # a blank value cell when there is none: a row of one cell is running text
            rows.append(Row(number, (Cell(name, 3, char), given or Cell("", 4))))
        elif match := _SECTION.match(text):
            header, goal_next = False, False
            section, rest = match.group(1), match.group(2)
            if section == "项目概况" and previous is not None:
                # the name stands on a line of its own above the project's overview
                rows[previous] = _field(rows[previous], "项目名称")
            if section == "总体目标":
                goal_next = not rest
                if rest:
                    at = char + match.start(2)
                    rows.append(_field(Row(number, (Cell(rest, 1, at),)), "总体目标"))
            else:
                rows.append(Row(number, (Cell(text, 1, char),)))
        elif goal_next:
            rows.append(_field(Row(number, (Cell(text, 1, char),)), "总体目标"))
            goal_next = False
        else:
            rows.append(Row(number, (Cell(text, 1, char),)))
            if not _is_number(text):
                previous = len(rows) - 1
    return rows


def _field(row: Row, key: str) -> Row:
    """A running-text line as the value of a metadata field (项目名称 | …)."""
    cell = row.cells[0]
    return Row(row.number, (Cell(key, 1), Cell(cell.text, 2, cell.char)))


def _is_number(text: str) -> bool:
    """Codes and amounts printed on lines of their own (037001, 1681680)."""
    return text.replace(".", "").replace(",", "").isdigit()
