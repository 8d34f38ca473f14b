"""V rules: whether each target value (指标值) is clear and measurable.

Basis: 财预〔2020〕10号 评价要点② asks that targets be shown "通过清晰、可衡量的指标值"; the
evaluation reports in the seeds cite unmeasurable values again and again (rule catalog §3.3).
"""

from __future__ import annotations

from collections.abc import Iterator

from target_lint.engine.finding import Fix
from target_lint.engine.rule import Hit, IndicatorCheck, rule

MEASURED = ("quantity", "range", "frequency", "duration")


@rule(
    code="V103",
    name="placeholder-value",
    kind="unmeasurable-value",
    severity="error",
    scope="indicator",
    zh="“{name}”的指标值“{value}”是占位内容（{reason}），不是目标值。请写出具体数值、单位和计算符号，"
    "例如“≤1311.13万元”。",
    en="The target of '{name}' is '{value}', a placeholder ({reason}), not a value. Write the "
    "number, unit and operator, e.g. '≤1311.13万元'.",
    summary="The target value refers to a budget, a contract or a rule instead of stating one.",
    why="财预〔2020〕10号 评价要点②: targets must be shown by clear, measurable values; a report "
    "in the seeds (潜江) judged 依据合同规定 '预计值不明晰'. Provincial systems reject 指标值 "
    "containing `*` or `_`.",
    example="经济成本指标 | 道路清扫保洁费用 | ≤预算数元",
    fixed="经济成本指标 | 道路清扫保洁费用 | ≤1311.13万元",
)
def placeholder_value(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if value.kind == "placeholder":
        reason = f"引用“{value.reference}”" if value.reference else "没有数值"
        yield Hit({"reason": reason})


@rule(
    code="V102",
    name="vague-qualitative-value",
    kind="vague-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”只有方向性或描述性的词，无法衡量是否达成。请改为数值目标"
    "（如“≥90%”），或在明确的分级中取一档（如“优良及以上”）。",
    en="The target of '{name}' is '{value}': directional or descriptive words only, which cannot "
    "be assessed. Give a number (e.g. '≥90%') or a tier on a declared scale.",
    summary="A qualitative target made only of directional or descriptive words.",
    why="财预〔2015〕88号 allows qualitative targets only if they are measurable (定性表述应具有"
    "可衡量性); 财预〔2011〕285号 asks for 分级分档 forms; the seed reports cite "
    "缺乏清晰可衡量的指标值.",
    example="社会效益指标 | 接受康复训练儿童终身致残率 | 大幅降低",
    fixed="社会效益指标 | 接受康复训练儿童终身致残率 | ≤3%",
)
def vague_qualitative_value(check: IndicatorCheck) -> Iterator[Hit]:
    if check.value.kind == "vague":
        yield Hit()


@rule(
    code="V109",
    name="missing-operator",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”没有计算符号，看不出是下限、上限还是定值。请加上“≥”“≤”或“=”，"
    "例如“{suggestion}”。",
    en="The target of '{name}' is '{value}' with no operator: floor, ceiling or exact? Add ≥, ≤ "
    "or =, e.g. '{suggestion}'.",
    summary="A numeric target without ≥, ≤ or =.",
    why="Budget systems store a 计算符号 with every quantitative indicator, and self-evaluation "
    "scores 正向 (≥) and 反向 (≤) indicators by different formulas (财预〔2020〕10号 附件2).",
    example="数量指标 | 推出黄金旅游线路 | 10 条",
    fixed="数量指标 | 推出黄金旅游线路 | ≥10 条",
)
def missing_operator(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if value.kind in MEASURED and "missing-operator" in value.defects:
        knowledge = check.context.knowledge
        money = (value.unit or "").startswith("元") or (value.multiplier != 1 and not value.unit)
        if value.unit == "%" and value.value == 100:
            op = "="
        elif knowledge.direction_of(check.indicator.name) == "lower" or (
            money and knowledge.is_cost_name(check.indicator.name)
        ):
            op = "≤"
        else:
            op = "≥"
        text = value.text.strip()
        yield Hit({"suggestion": op + text}, fix=Fix(replacement=op + text, safe=False))


RULES = [placeholder_value, vague_qualitative_value, missing_operator]
