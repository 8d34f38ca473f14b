"""Helpers for testing rules, for this project and for plugin authors.

A rule test case is data: a small sheet written as rows of ``一级 | 二级 | 三级 | 指标值``, the
rule's code, and what is expected. :func:`build_sheet` turns the data into a Sheet model;
:func:`run_rules` lints it with chosen rules.

```toml
[[case]]
id = "placeholder-budget"
expect = "trigger"                 # or "clean"
rows = ["成本指标 | 经济成本指标 | 道路清扫保洁费用 | ≤预算数元"]
message = "预算数"                  # optional: a part of the message
fix = "…"                          # optional: the fix's replacement text
rows_hit = [1]                     # optional: the 1-based rows that must be reported
```

An empty 一级 cell repeats the row above (a merged cell), and so does an empty 二级 cell under
it; write ``∅`` for a cell that is really empty. A row with no name and no value (or only a
placeholder such as ``指标2：``) is a template row left unfilled, kept apart from the indicators
as the reader keeps it (``GoalBlock.unfilled``). Rows may add ``| 前年=… | 上年=… | 依据=…``,
``| 权重=…`` and ``| 对齐=shifted-left`` (a repair note of the reader).
``tables`` (a list of ``{table, goal, rows}``) replaces ``rows`` for several goal tables;
``meta`` sets SheetMeta fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from target_lint.engine.finding import Finding
from target_lint.engine.knowledge import builtin_knowledge
from target_lint.engine.rule import Context, Rule, Settings
from target_lint.engine.runner import lint_sheet
from target_lint.schema import validate
from target_lint.sheet.model import GoalBlock, Indicator, Position, Sheet, SheetMeta
from target_lint.sheet.taxonomy import canonical_level1, canonical_level2
from target_lint.sheet.template import is_unfilled

FILE = "case.md"


def build_sheet(case: dict[str, Any]) -> Sheet:
    """A Sheet from a test case's ``rows`` or ``tables`` and ``meta``."""
    tables = case.get("tables") or [{"table": case.get("table", "annual"), "rows": case["rows"]}]
    line = 1
    goals = []
    for table in tables:
        indicators: list[Indicator] = []
        unfilled: list[Indicator] = []
        level1 = level2 = ""
        block_line = line
        for text in table["rows"]:
            line += 1
            indicator, level1, level2 = _indicator(text, line, level1, level2)
            others = [indicator.value, indicator.weight or "", *indicator.history.values()]
            (unfilled if is_unfilled(indicator.name, others) else indicators).append(indicator)
        goals.append(
            GoalBlock(
                table=table.get("table", "annual"),
                goal=table.get("goal"),
                title=table.get("title"),
                history_labels=list(table.get("history_labels", [])),
                has_basis_column=bool(table.get("has_basis_column", False)),
                scoring=bool(table.get("scoring", False)),
                indicators=indicators,
                unfilled=unfilled,
                position=_position(block_line, 1),
            )
        )
        line += 1
    return Sheet(
        source=FILE,
        title=case.get("title", "测试项目绩效目标表"),
        kind=case.get("kind", "project"),
        meta=validate(SheetMeta, case.get("meta", {})),
        goals=goals,
        position=_position(1, 1),
    )


def _indicator(text: str, line: int, level1: str, level2: str) -> tuple[Indicator, str, str]:
    cells = [c.strip() for c in text.split("|")]
    first, second, name, value, *extra = [*cells, "", "", "", ""][: max(4, len(cells))]
    inherited = []
    if not first:
        first, inherited = level1, ["level1"]
    if not second and inherited:
        second, inherited = level2, [*inherited, "level2"]
    first, second = first.replace("∅", ""), second.replace("∅", "")
    history = {}
    basis = weight = None
    realigned: list[str] = []
    for item in extra:
        key, _, content = item.partition("=")
        if key == "依据":
            basis = content
        elif key == "权重":
            weight = content
        elif key == "对齐":
            realigned.append(content)
        elif key:
            history[key] = content
    positions = {"level1": _position(line, 1), "level2": _position(line, 2)}
    positions |= {"name": _position(line, 3), "value": _position(line, 4)}
    indicator = Indicator(
        level1=first,
        level1_canonical=canonical_level1(first) if first else None,
        level2=second,
        level2_canonical=canonical_level2(second) if second else None,
        name=name,
        value=value,
        history=history,
        basis=basis,
        weight=weight,
        position=positions["value"],
        cells=positions,
        inherited=inherited,
        realigned=realigned,
    )
    return indicator, first, second


def _position(line: int, column: int) -> Position:
    return Position(file=FILE, row=line, column=column, ref=f"{line}:{column}")


def run_rules(
    sheet: Sheet, rules: Sequence[Rule], settings: Settings | None = None, language: str = "zh"
) -> list[Finding]:
    context = Context(sheet, builtin_knowledge(), settings or Settings())
    return lint_sheet(sheet, rules, context, language=language)


def rows_of(findings: Iterable[Finding]) -> list[int]:
    """The 1-based case rows reported (row 2 of the built sheet is case row 1)."""
    return sorted({f.row - 1 for f in findings if f.row is not None and f.indicator is not None})
