"""Run rules over a sheet and turn their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from target_lint.engine.finding import Finding, IndicatorRef, Severity, severity_rank
from target_lint.engine.rule import Context, GoalCheck, Hit, IndicatorCheck, Rule
from target_lint.sheet.model import GoalBlock, Indicator, Position, Sheet


def lint_sheet(
    sheet: Sheet,
    rules: Sequence[Rule],
    context: Context,
    *,
    language: str = "zh",
    severities: dict[str, Severity] | None = None,
) -> list[Finding]:
    """Findings of ``rules`` on one sheet, one per cause and place, in sheet order."""
    findings: dict[tuple[str, str | None, str], Finding] = {}
    rows = [IndicatorCheck(i, goal, context) for goal in sheet.goals for i in goal.indicators]
    targets = _targets(context)
    for item in rules:
        for hit, goal in _hits(item, context, targets, rows):
            finding = _finding(item, hit, goal, sheet, language, severities or {})
            findings.setdefault((finding.code, finding.ref, finding.message), finding)
    return sorted(findings.values(), key=_order)


def _hits(
    item: Rule, context: Context, targets: Context | None, rows: Sequence[IndicatorCheck]
) -> Iterable[tuple[Hit, GoalBlock | None]]:
    """The hits of one rule: a scoring rule's on the scoring tables, any other's on the rest
    (``targets``: the context of a sheet-scope rule, see :func:`_targets`)."""
    if item.scope == "indicator":
        for row in rows:
            if row.goal.scoring == item.scoring:
                for hit in item.check(row):
                    yield (hit if hit.indicator else _with(hit, row.indicator)), row.goal
    elif item.scope == "goal":
        for goal in context.sheet.goals:
            if goal.scoring == item.scoring:
                for hit in item.check(GoalCheck(goal, context)):
                    yield hit, goal
    elif (scope := context if item.scoring else targets) is not None:
        for hit in item.check(scope):
            yield hit, None


def _targets(context: Context) -> Context | None:
    """The context of the sheet-scope target rules: the sheet without its scoring tables, or
    None when it has nothing but scoring tables."""
    goals = [goal for goal in context.sheet.goals if not goal.scoring]
    if len(goals) == len(context.sheet.goals):
        return context
    if not goals:
        return None
    return Context(replace(context.sheet, goals=goals), context.knowledge, context.settings)


def _with(hit: Hit, indicator: Indicator) -> Hit:
    return replace(hit, indicator=indicator)


def _finding(
    item: Rule,
    hit: Hit,
    goal: GoalBlock | None,
    sheet: Sheet,
    language: str,
    severities: dict[str, Severity],
) -> Finding:
    indicator = hit.indicator
    args: dict[str, Any] = {"title": sheet.title or sheet.meta.project_name or ""}
    position: Position = goal.position if goal else sheet.position
    ref = None
    if indicator is not None:
        position = indicator.cells.get(hit.field, indicator.position)
        args |= {
            "name": indicator.name,
            "value": indicator.value,
            "level1": indicator.level1,
            "level2": indicator.level2,
        }
        ref = IndicatorRef(
            level1=indicator.level1,
            level2=indicator.level2,
            name=indicator.name,
            value=indicator.value,
        )
    if goal is not None:
        args |= {"goal": goal.goal or goal.title or "", "table": _table_name(goal, language)}
    if hit.position is not None:
        position = hit.position
    args |= hit.args
    severity = severities.get(item.code) or hit.severity or item.severity
    return Finding(
        code=item.code,
        name=item.name,
        kind=item.kind,
        severity=severity,
        message=item.render(language, args),
        file=position.file,
        sheet=position.sheet or sheet.title,
        row=position.row,
        column=position.column,
        ref=position.ref,
        goal=goal.goal if goal else None,
        table=("scoring" if goal.scoring else goal.table) if goal else None,
        indicator=ref,
        fix=hit.fix,
    )


def _table_name(goal: GoalBlock, language: str) -> str:
    if language == "en":
        return "long-term table" if goal.table == "long_term" else "annual table"
    return "长期绩效目标表" if goal.table == "long_term" else "年度绩效目标表"


def _order(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.file, finding.row or 0, severity_rank(finding.severity), finding.code)
