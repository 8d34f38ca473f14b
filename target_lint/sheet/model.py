"""The sheet model: what a reader makes of a target sheet, with exact positions."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from target_lint.values import ParsedValue, parse_value

SheetKind = Literal["project", "department", "self_evaluation"]
TableKind = Literal["long_term", "annual"]


class Position(BaseModel):
    """Where something sits: a worksheet cell (``Sheet1!D7``) or a text line (``12:5``)."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str | None = None
    row: int = Field(description="1-based worksheet row or text line")
    column: int | None = Field(default=None, description="1-based table column")
    ref: str = Field(description="Sheet1!D7 for workbooks, line:character for text files")


class Remark(BaseModel):
    """Text beside the indicators: a 备注/说明 cell, or a cell comment in a workbook.

    Remarks may hold suppression directives (``target-lint: ignore[V101] 理由``). In a
    canonical file a remark may be written as its text alone.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    position: Position | None = None
    comment: bool = Field(default=False, description="a cell comment rather than a cell")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        return {"text": data} if isinstance(data, str) else data


class Indicator(BaseModel):
    """One 三级 indicator row.

    ``level1``/``level2`` are the labels as they apply to the row (merged-cell blanks filled
    down, extraction shifts repaired); ``*_canonical`` are the taxonomy names, or None.
    """

    level1: str = ""
    level1_canonical: str | None = None
    level2: str = ""
    level2_canonical: str | None = None
    name: str = ""
    value: str = ""
    operator: str | None = Field(default=None, description="a separate 计算符号 column")
    unit: str | None = Field(default=None, description="a separate 计量单位 column")
    history: dict[str, str] = Field(default_factory=dict, description="前年/上年 values")
    basis: str | None = None
    weight: str | None = None
    score: str | None = None
    actual: str | None = Field(default=None, description="实际完成值 (self-evaluation)")
    reason: str | None = Field(default=None, description="偏差原因 (self-evaluation)")
    position: Position
    cells: dict[str, Position] = Field(
        default_factory=dict, description="position of each field: level1, name, value, …"
    )
    inherited: list[str] = Field(
        default_factory=list, description="fields filled down from a merged cell above"
    )
    realigned: list[str] = Field(
        default_factory=list, description="how the reader repaired this row's layout"
    )
    remarks: list[Remark] = Field(
        default_factory=list, description="the row's 备注/说明 cells and cell comments"
    )

    @property
    def parsed(self) -> ParsedValue:
        """The typed value of the current-year target, with separate 计算符号/单位 columns."""
        return parse_value(self.combined(self.value))

    def parsed_history(self) -> dict[str, ParsedValue]:
        return {label: parse_value(self.combined(text)) for label, text in self.history.items()}

    def combined(self, value: str) -> str:
        """A value cell joined with the operator and unit columns of its row, if any."""
        if not value or not (self.operator or self.unit):
            return value
        unit = self.unit or ""
        return f"{self.operator or ''}{value}{'' if value.endswith(unit) else unit}"


class GoalBlock(BaseModel):
    """The indicators of one table (长期 or 年度) of one goal (长期目标1, 年度目标 2, …)."""

    table: TableKind
    goal: str | None = None
    title: str | None = None
    history_labels: list[str] = Field(default_factory=list)
    has_basis_column: bool = False
    indicators: list[Indicator] = Field(default_factory=list)
    position: Position


class SheetMeta(BaseModel):
    """Metadata around the indicator tables. Amounts are in 万元."""

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
    goals: dict[str, str] = Field(
        default_factory=dict, description="goal texts by name: 年度目标, 长期目标1, …"
    )
    fields: dict[str, str] = Field(default_factory=dict, description="every field as written")
    positions: dict[str, Position] = Field(default_factory=dict)


class Sheet(BaseModel):
    """One target sheet (绩效目标表): metadata and goal blocks of indicators."""

    source: str
    worksheet: str | None = None
    title: str | None = None
    kind: SheetKind = "project"
    meta: SheetMeta = Field(default_factory=SheetMeta)
    goals: list[GoalBlock] = Field(default_factory=list)
    position: Position
    notes: list[str] = Field(default_factory=list, description="layout remarks from the reader")
    directives: list[Remark] = Field(
        default_factory=list,
        description="texts holding a target-lint directive in the title and metadata rows",
    )

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for block in self.goals for indicator in block.indicators]
