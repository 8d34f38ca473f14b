"""Turn one data row of an indicator table into its parts, repairing extraction shifts.

Text pulled out of PDFs and Word files moves cells: a value lands in the basis column, a
二级 label in the 一级 column, a merged label one row early or late (rule catalog §1.2).
The header gives each column a role; this module reads a row by the *types* of its cells
(category label, name, value, basis) and uses the header only to measure the shift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from target_lint.readers.grid import Cell, Row
from target_lint.sheet import template
from target_lint.sheet.taxonomy import classify_label, clean_label
from target_lint.values import parse_value

_GOAL_LABEL = re.compile(
    r"^(长期|年度)(绩效)?目标\s*\d*\s*[:：]?$"  # 长期目标1, 年度目标 2:
    r"|^(项目|年度|长期)绩效(指标|目标)$"  # the label column of a table
)
_MEASURED = ("quantity", "range", "frequency", "deadline", "duration", "relative", "empty")
# what some templates' 指标性质/计算符号 column holds instead of ≥/≤/=: kept as a detail
_NATURE = {
    **dict.fromkeys(
        ("定性", "定量", "定性指标", "定量指标", "定量（其他）", "定量(其他)"), "detail:指标性质"
    ),
    **dict.fromkeys(("正向", "反向", "正向指标", "反向指标"), "detail:指标方向"),
}
_BASIS_WORDS = ("计划标准", "历史标准", "行业标准", "其他标准", "年初预算", "测定", "预算标准")


@dataclass(frozen=True)
class Columns:
    """Column roles found in a table header (1-based columns)."""

    level1: int
    level2: int
    name: int
    value_labels: tuple[str, ...] = ("当年",)
    basis: int | None = None
    # Every column's role in a clean header (level1, level2, name, 当年, 上年, op, unit, basis,
    # weight, score, actual, reason); empty when the header is garbled by extraction.
    roles: dict[int, str] = field(default_factory=dict)
    # A scoring table of an evaluation: points and no target values (三级指标 | 分值 | 得分),
    # or the evaluation framework's 一级 (决策, 过程); its labels are not the taxonomy's.
    scoring: bool = False


class Label(NamedTuple):
    """A 一级/二级 label cell found in a row: its level by name and its column role."""

    cell: Cell
    level: int  # 1 or 2, by what the text names
    canonical: str
    role: int | None  # 1 or 2 by column after undoing the row's shift, else None


@dataclass
class RowParts:
    row: Row
    goal: Cell | None = None
    labels: list[Label] = field(default_factory=list)
    name: Cell | None = None
    values: dict[str, Cell] = field(default_factory=dict)
    basis: Cell | None = None
    extras: list[Cell] = field(default_factory=list)
    shift: int = 0
    notes: list[str] = field(default_factory=list)
    fields: dict[str, Cell] = field(default_factory=dict)  # op, unit, weight, score, actual, …


def is_goal_label(text: str) -> bool:
    return bool(_GOAL_LABEL.match(text.replace(" ", "")))


def is_basis(text: str) -> bool:
    return text in _BASIS_WORDS or (text.endswith("标准") and len(text) <= 8)


def is_unfilled(parts: RowParts) -> bool:
    """A template row left unfilled: a 一级/二级 label with no indicator beside it, or a
    placeholder (指标2：, ……, 指标1：/) whose other cells are blank or ``/``. Descriptive
    columns (指标解释, 评(扣)分标准 …) do not count: forms pre-print them on every row; nor do
    the project columns of a department's table (a merged project cell fills every row)."""
    name = parts.name.text if parts.name else ""
    if not template.is_placeholder(name):
        return False
    fields = [c for key, c in parts.fields.items() if not key.startswith(("detail:", "project:"))]
    return template.is_unfilled(name, [c.text for c in (*parts.values.values(), *fields)])


def is_fragment_row(row: Row) -> bool:
    """A row holding only the wrapped-over ends of the previous row's texts (``指标 | 环境``);
    not a row of whole labels (产出指标 | 质量指标, a template row left unfilled)."""
    cells = row.filled()
    if not cells or any(len(c.text) > 4 or _is_value(c.text) for c in cells):
        return False
    if any(_whole_label(c.text) for c in cells):
        return False
    return len(cells) >= 2 or cells[0].text in ("指标", "类指标")


def _whole_label(text: str) -> bool:
    """A category or side label written out in full: 质量指标, 绩效指标 (not 效益, which may
    be the end of 社会 / 效益)."""
    return (
        text.endswith("指标")
        and len(text) >= 4
        and (classify_label(text) is not None or is_goal_label(text) or text == "绩效指标")
    )


def split_row(row: Row, columns: Columns, *, extracted: bool = False) -> RowParts | None:
    """The parts of one data row, or None when it holds nothing.

    A row whose cells sit in the header's columns is read by position; anything else (text
    pulled out of a PDF, cells moved) is read by what its cells are. In a file whose cells
    cannot move (not ``extracted``), the cells of descriptive columns (指标解释, 数据来源, …)
    are set aside first and kept as they are.
    """
    parts = _by_position(row, columns, structured=not extracted)
    if parts is not None:
        return parts
    if extracted:
        return _by_type(row, columns)
    details = {
        role: cell
        for cell in row.cells
        if cell.text and (role := columns.roles.get(cell.column, "")).startswith("detail:")
    }
    if not details:
        return _by_type(row, columns)
    rest = tuple(cell for cell in row.cells if cell not in details.values())
    parts = _by_type(Row(row.number, rest), columns)
    if parts is not None:
        parts.fields |= details
    return parts


def _by_position(row: Row, columns: Columns, *, structured: bool = False) -> RowParts | None:
    """Read a row of a clean table by its header's column roles; None if it does not fit.

    In a ``structured`` file (a workbook, CSV or Word table), a label column may hold a
    category the taxonomy does not know (工作量) when the name column holds a name."""
    cells = row.filled() if columns.roles else None
    if not cells:
        return None
    parts = RowParts(row)
    side_label = False  # a category label in the side-label column
    side_text = False  # text in a column left of the 一级 that has no role
    for cell in cells:
        role = columns.roles.get(cell.column)
        if role in ("level1", "level2"):
            level = 1 if role == "level1" else 2
            kind = classify_label(cell.text)
            label = clean_label(cell.text)
            # an unknown category (预算控制指标), or a label that kept only its noise, such as
            # its score (50分): a label still; in a scoring table, any text is
            if kind is None and not (
                columns.scoring
                or not label
                or (label.endswith("指标") and len(label) <= 12)
                or (
                    structured
                    and _named(cells, columns)
                    and len(label) <= 8
                    and not _is_value(label)
                )
            ):
                return None  # a name or value in a label column: the row has moved
            canonical = kind[1] if kind else ""
            parts.labels.append(Label(cell, kind[0] if kind else level, canonical, level))
        elif role == "name":
            parts.name = cell
        elif role in columns.value_labels:
            if classify_label(cell.text):
                return None
            parts.values[role] = cell
        elif role == "basis":
            if parse_value(cell.text).kind != "text":
                return None  # a value in the basis column
            parts.basis = cell
        elif role == "goal":  # the side-label column: 年度绩效指标, 绩效指标(90分)
            if is_goal_label(cell.text):
                parts.goal = cell
            side_label = side_label or classify_label(cell.text) is not None
        elif role == "op" and (nature := _NATURE.get(cell.text.replace(" ", ""))):
            parts.fields[nature] = cell  # 定性 or 反向 in a 指标性质 column: no operator
        elif role is not None:
            parts.fields[role] = cell
        elif is_goal_label(cell.text) and cell.column <= columns.level1:
            parts.goal = cell
        elif cell.column < columns.level1 and classify_label(cell.text) is None:
            side_text = True  # 项目绩效 85 分 left of the 一级 column, under a blank header
        else:
            return None
    if side_text and not any(label.role == 1 for label in parts.labels):
        return None  # text left of the labels, and no 一级 in its column: the row has moved
    if parts.name is None and any(not _is_value(c.text) for c in parts.values.values()):
        return None  # the name sits in a value column
    if side_label and parts.name is not None and _looks_measured(parts.name.text):
        return None  # 满意度指标 | 满意度指标 | 群众满意度 | 90%: the row has moved left
    if (
        parts.name is not None
        and "当年" not in parts.values
        and not columns.scoring
        and _moved_name(parts)
    ):
        return None  # a value or a label where the name belongs, and no value: cells moved
    empty = parts.name is None and not parts.values and not parts.labels and not parts.fields
    if empty and parts.goal is None:
        return None
    return parts


def _named(cells: list[Cell], columns: Columns) -> bool:
    """Whether a row's name column holds a name: neither a category label nor a value."""
    return any(
        c.column == columns.name and classify_label(c.text) is None and not _is_value(c.text)
        for c in cells
    )


def _by_type(row: Row, columns: Columns) -> RowParts | None:
    tokens = row.filled()
    parts = RowParts(row)
    if tokens and is_goal_label(tokens[0].text) and tokens[0].column <= columns.level1:
        parts.goal = tokens.pop(0)
    elif _side_text(tokens, columns):
        parts.goal = tokens.pop(0)  # what a page wrote in the side-label column (项目决策)
    if columns.basis is not None and tokens and is_basis(tokens[-1].text):
        parts.basis = tokens.pop()
    found: list[tuple[Cell, int, str]] = []
    while tokens and (kind := classify_label(tokens[0].text)) is not None:
        found.append((tokens.pop(0), kind[0], kind[1]))
    if not tokens and not found:
        return None if parts.goal is None else parts
    first_value = tokens[0] if tokens else None
    right = _right_roles(columns, parts)
    no_room_for_a_name = len(tokens) <= len(columns.value_labels) + len(_trailing(right, columns))
    if (
        found
        and first_value
        and no_room_for_a_name
        and parse_value(first_value.text).kind in _MEASURED
    ):
        last = found[-1][0]
        beside_value = last.column == first_value.column - 1 and len(found) > 1
        if beside_value or last.column >= columns.name:
            tokens.insert(0, found.pop()[0])  # a name that reads like a label: 社会公众满意度
    _split_name_and_values(parts, tokens, columns, right)
    first = parts.extras[0] if parts.extras else parts.name
    anchor = first or next(iter(parts.values.values()), None)
    if anchor is not None:
        expected = columns.name if parts.name else columns.name + 1
        parts.shift = anchor.column - expected
    for cell, level, canonical in found:
        column = cell.column - parts.shift
        role = 1 if column == columns.level1 else 2 if column == columns.level2 else None
        parts.labels.append(Label(cell, level, canonical, role))
    if parts.shift:
        parts.notes.append(f"shifted-{'right' if parts.shift > 0 else 'left'}")
    return parts


def merge_fragments(parts: RowParts, fragments: Row) -> None:
    """Append wrapped text ends to the texts of the row they belong to: each to the text in
    its column (指标 under 经济效益, not under the 一级 left of it; 额 under its 指标解释), the
    rest, and all of them when the row had moved (its columns say nothing), to the labels and
    the name in order."""
    texts = [label.cell for label in parts.labels] + ([parts.name] if parts.name else [])
    details = [cell for key, cell in parts.fields.items() if key.startswith("detail:")]
    by_column = {} if parts.shift else {cell.column: cell for cell in (*texts, *details)}
    pieces = fragments.filled()
    placed = [piece for piece in pieces if piece.column in by_column]
    rest = [piece for piece in pieces if piece.column not in by_column]
    taken = {id(by_column[piece.column]) for piece in placed}
    free = [cell for cell in texts if id(cell) not in taken]
    if len(rest) > len(free):
        return
    pairs = [(by_column[piece.column], piece) for piece in placed]
    pairs += zip(free, rest, strict=False)  # more texts than ends: the first ones take them
    merged = {
        id(cell): Cell(cell.text + piece.text, cell.column, cell.char) for cell, piece in pairs
    }
    labels = []
    for label in parts.labels:
        cell = merged.get(id(label.cell), label.cell)
        kind = classify_label(cell.text)
        level, canonical = kind if kind else (label.level, label.canonical)
        labels.append(Label(cell, level, canonical, label.role))
    parts.labels = labels
    if parts.name is not None:
        parts.name = merged.get(id(parts.name), parts.name)
    parts.fields = {key: merged.get(id(cell), cell) for key, cell in parts.fields.items()}
    parts.notes.append("joined-wrapped-text")


def _side_text(tokens: list[Cell], columns: Columns) -> bool:
    """Whether a row starts with text in the side-label column (绩效指标) that is no label,
    followed by a label: 项目决策 | 数量指标 | 宣传次数 | …"""
    return (
        len(tokens) > 2
        and columns.roles.get(tokens[0].column) == "goal"
        and classify_label(tokens[0].text) is None
        and classify_label(tokens[1].text) is not None
    )


def _right_roles(columns: Columns, parts: RowParts) -> list[str]:
    """The roles of the header's columns right of the names, left to right (the basis
    column left out when the row's basis is already found)."""
    return [
        role
        for column, role in sorted(columns.roles.items())
        if column > columns.name and not (role == "basis" and parts.basis is not None)
    ]


def _trailing(right: list[str], columns: Columns) -> list[str]:
    """Of the roles right of the names, those after the last value column, the basis left
    out: what a row carries after its values (实施进度, 实际完成值, 得分)."""
    last = max((i for i, role in enumerate(right) if role in columns.value_labels), default=-1)
    return [role for role in right[last + 1 :] if role != "basis"]


def _split_name_and_values(
    parts: RowParts, tokens: list[Cell], columns: Columns, right: list[str]
) -> None:
    """Name first, then the values, matched to the header's value columns from the right.
    When the header has columns after its values (实施进度, 得分), a row with a cell for every
    column right of the names fills them in order, and a row whose cells all moved by the
    same columns fills them by the header's columns (``right``: the roles right of the names,
    see :func:`_right_roles`)."""
    if _trailing(right, columns) and tokens and not _is_value(tokens[0].text):
        if len(tokens) == len(right) + 1:
            _fill(parts, tokens[0], list(zip(tokens[1:], right, strict=True)), columns)
            return
        shift = tokens[0].column - columns.name
        moved = [(cell, columns.roles.get(cell.column - shift, "")) for cell in tokens[1:]]
        if shift and all(role in right and _fits(cell, role) for cell, role in moved):
            _fill(parts, tokens[0], moved, columns)  # 红薯种植面积 | 5.5亩 | 5.5亩, one left
            return
    slots = len(columns.value_labels)
    rest = list(tokens)
    while len(rest) > slots + 1 and rest[-1].text == rest[-2].text:
        rest.pop()  # a value repeated by the extraction: ≥5% | ≥5%
    if len(rest) >= slots + 1:
        name, values, parts.extras = rest[-slots - 1], rest[-slots:], rest[: -slots - 1]
    elif rest and not _is_value(rest[0].text):
        name, values = rest[0], rest[1:]
    else:
        name, values = None, rest
    parts.name = name
    if name is not None:
        offsets = [cell.column - name.column - 1 for cell in values]
        if offsets == sorted(set(offsets)) and all(0 <= o < slots for o in offsets):
            parts.values = {
                columns.value_labels[o]: cell for o, cell in zip(offsets, values, strict=True)
            }
            return
    labels = columns.value_labels[len(columns.value_labels) - len(values) :]
    parts.values = dict(zip(labels, values, strict=True))


def _fits(cell: Cell, role: str) -> bool:
    """Whether a cell can stand in a column of this role: points are plain numbers (10, 7.5)."""
    if role not in ("weight", "score"):
        return True
    value = parse_value(cell.text)
    plain = value.op is None and value.unit is None and value.multiplier == 1
    return value.kind == "quantity" and plain


def _fill(parts: RowParts, name: Cell, cells: list[tuple[Cell, str]], columns: Columns) -> None:
    """Set a row's name and the cells right of it by the roles they were matched to."""
    parts.name = name
    for cell, role in cells:
        if role in columns.value_labels:
            parts.values[role] = cell
        elif role == "basis":
            parts.basis = cell
        else:
            parts.fields[role] = cell


def _moved_name(parts: RowParts) -> bool:
    """Whether the name cell holds what belongs elsewhere: a value (≤0%), or a category
    label when the row has no 二级 label of its own (数量指标 | 质量指标 | …)."""
    text = parts.name.text if parts.name else ""
    if _looks_measured(text):
        return True
    return bool(classify_label(text)) and not any(label.role == 2 for label in parts.labels)


def _looks_measured(text: str) -> bool:
    """A number with an operator or unit, a date or a range (cheap test first)."""
    return any(c.isdigit() or c in "≥≤<>=%" for c in text) and (parse_value(text).kind in _MEASURED)


def _is_value(text: str) -> bool:
    return parse_value(text).kind != "text"
