"""The sheet model: what a reader makes of a target sheet, with exact positions."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from target_lint.values import ParsedValue, parse_value

SheetKind = Literal["project", "department", "self_evaluation"]
TableKind = Literal["long_term", "annual"]


@dataclass(kw_only=True, unsafe_hash=True, slots=True)
class Position:
    """Where something sits: a worksheet cell (``Sheet1!D7``) or a text line (``12:5``).

    ``row`` is the 1-based worksheet row or text line, ``column`` the 1-based table column,
    ``ref`` ``Sheet1!D7`` for workbooks and ``line:character`` for text files.

    Treat a position as read-only: readers hand one object to every field in the same cell.
    (It is not a frozen dataclass because a reader makes tens of thousands of them, and a
    frozen one takes twice as long to make.)
    """

    file: str
    sheet: str | None = None
    row: int
    column: int | None = None
    ref: str


@dataclass(frozen=True, kw_only=True)
class Remark:
    """Text beside the indicators: a 备注/说明 cell, or a cell comment (``comment``) in a
    workbook.

    Remarks may hold suppression directives (``target-lint: ignore[V101] 理由``). In a
    canonical file a remark may be written as its text alone.
    """

    text: str
    position: Position | None = None
    comment: bool = False


@dataclass(kw_only=True)
class Indicator:
    """One 三级 indicator row.

    ``level1``/``level2`` are the labels as they apply to the row (merged-cell blanks filled
    down, extraction shifts repaired); ``*_canonical`` are the taxonomy names, or None.
    ``operator``/``unit`` come from separate 计算符号/计量单位 columns, ``history`` holds the
    前年/上年 values, ``actual``/``reason`` the 实际完成值/偏差原因 of a self-evaluation.
    ``details`` holds descriptive columns by their header word, full-width forms made plain
    (指标解释, 评(扣)分标准 for 评（扣）分标准, 数据来源, …).
    ``cells`` gives the position of each field (level1, name, value, …), ``inherited`` the
    fields filled down from a merged cell above, ``realigned`` how the reader repaired the
    row's layout, ``remarks`` the row's 备注/说明 cells and cell comments.
    """

    level1: str = ""
    level1_canonical: str | None = None
    level2: str = ""
    level2_canonical: str | None = None
    name: str = ""
    value: str = ""
    operator: str | None = None
    unit: str | None = None
    history: dict[str, str] = field(default_factory=dict)
    basis: str | None = None
    weight: str | None = None
    score: str | None = None
    actual: str | None = None
    reason: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    position: Position
    cells: dict[str, Position] = field(default_factory=dict)
    inherited: list[str] = field(default_factory=list)
    realigned: list[str] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    @functools.cached_property
    def parsed(self) -> ParsedValue:
        """The typed value of the current-year target, with separate 计算符号/单位 columns."""
        return parse_value(self.combined(self.value))

    def __getstate__(self) -> dict[str, Any]:
        """The fields (for pickle), without the cached ``parsed``."""
        state = dict(self.__dict__)
        state.pop("parsed", None)
        return state

    def parsed_history(self) -> dict[str, ParsedValue]:
        return {label: parse_value(self.combined(text)) for label, text in self.history.items()}

    def combined(self, value: str) -> str:
        """A value cell joined with the operator and unit columns of its row, if any."""
        if not value or not (self.operator or self.unit):
            return value
        unit = self.unit or ""
        return f"{self.operator or ''}{value}{'' if value.endswith(unit) else unit}"


@dataclass(kw_only=True)
class GoalBlock:
    """The indicators of one table (长期 or 年度) of one goal (长期目标1, 年度目标 2, …).

    ``unfilled`` holds the table's template rows left unfilled: a 二级 label with no indicator
    beside it, or a placeholder (指标2：, ……) with no value. They are not indicators.
    ``scoring`` marks a scoring table (评分表: 一级指标 | 分值 | … | 三级指标 | 分值 | 得分): its
    indicators carry points, not target values, under the evaluation's own categories.
    """

    table: TableKind
    goal: str | None = None
    title: str | None = None
    history_labels: list[str] = field(default_factory=list)
    has_basis_column: bool = False
    scoring: bool = False
    indicators: list[Indicator] = field(default_factory=list)
    unfilled: list[Indicator] = field(default_factory=list)
    position: Position


@dataclass(kw_only=True)
class SheetMeta:
    """Metadata around the indicator tables. Amounts are in 万元.

    ``goals`` holds the goal texts by name (年度目标, 长期目标1, …), ``fields`` every field as
    written, ``positions`` where each field was read.
    """

    project_name: str | None = None
    department: str | None = None
    unit_name: str | None = None
    amount_unit: Literal["万元", "元"] | None = None
    total_budget: Decimal | None = None
    annual_budget: Decimal | None = None
    funds_total: Decimal | None = None
    start_year: int | None = None
    end_year: int | None = None
    budget_year: int | None = None
    goals: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)


@dataclass(kw_only=True)
class Sheet:
    """One target sheet (绩效目标表): metadata and goal blocks of indicators.

    ``notes`` are layout remarks from the reader; ``directives`` the texts holding a
    target-lint directive in the title and metadata rows.
    """

    source: str
    worksheet: str | None = None
    title: str | None = None
    kind: SheetKind = "project"
    meta: SheetMeta = field(default_factory=SheetMeta)
    goals: list[GoalBlock] = field(default_factory=list)
    position: Position
    notes: list[str] = field(default_factory=list)
    directives: list[Remark] = field(default_factory=list)

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for block in self.goals for indicator in block.indicators]
