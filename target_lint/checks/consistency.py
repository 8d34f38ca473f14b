"""K rules: consistency between indicators, goals and the budget (rule catalog §3.6).

Basis: 财预〔2020〕10号 asks that targets match the budgeted amount (绩效目标合理性) and that the
indicators refine and quantify the goal (评价要点③); 财预〔2021〕101号 puts a cost-control
requirement beside the outputs and effects. Amounts are compared in 万元, the unit of the
sheet's budget fields (``SheetMeta``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from target_lint import units
from target_lint.checks.common import (
    OPERATOR_SIGNS,
    goal_pairs,
    goal_text,
    is_total_cost,
    is_unit_cost_name,
    nfkc_compact,
    rounded_number,
)
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import Context, GoalCheck, Hit, rule
from target_lint.sheet.model import GoalBlock, Indicator, Sheet
from target_lint.sheet.taxonomy import canonical_level2
from target_lint.values import ParsedValue, parse_value
from target_lint.values.vocabulary import vocabulary

WAN = Decimal(10000)
RESTATEMENT_TOLERANCE = Decimal("0.01")  # K103: a cost within 1 % of the budget restates it
UNIT_COST_WARNING = Decimal("0.5")  # K102: deviations above 50 % are warnings
PAIRING_MIN_RUN = 6  # K102: characters two names must share to pair a unit cost with a count
LOWER_BOUNDS = (">=", "=", ">")
CUMULATIVE_CATEGORIES = ("count", "length", "area", "volume", "mass", "energy")
LOOSE_OPERATORS = ({">", ">="}, {"=", ">="}, {"<", "<="}, {"=", "<="})


# --- names and amounts ---------------------------------------------------------------------------


def _bare(value: str) -> str:
    """A value without its operator: ``≥ 500人`` → ``500人``."""
    return nfkc_compact(value).lstrip("=≥≤><")


def _amount_wan(value: ParsedValue, unitless: str | None = None) -> Decimal | None:
    """A money amount in 万元: 元/万元/亿元 or a bare 万/亿; a bare number only in ``unitless``."""
    number = value.value
    if value.kind != "quantity" or number is None:
        return None
    if value.unit == "元" or (value.unit is None and value.multiplier != 1):
        return number / WAN
    if value.unit is None and unitless is not None:
        return number if unitless == "万元" else number / WAN
    return None


def _per_unit_yuan(value: ParsedValue) -> Decimal | None:
    """The 元 of a unit cost (``=16000元``, ``800元/人``, ``6.7 万一年``), else None."""
    unit = value.unit
    if value.kind != "quantity" or value.value is None:
        return None
    if unit == "元" or (unit or "").startswith("元/") or (unit is None and value.multiplier != 1):
        return value.value
    return None


def _is_economic(indicator: Indicator) -> bool:
    """A 经济成本 row, also when 经济成本指标 stands in the 一级 column or as a legacy 成本 二级."""
    if indicator.level2_canonical == "经济成本指标":
        return True
    if indicator.level2_canonical == "成本指标" and indicator.level1_canonical == "产出指标":
        return True
    return not indicator.level2_canonical and canonical_level2(indicator.level1) == "经济成本指标"


def _total_costs(goal: GoalBlock, sheet: Sheet, knowledge: Knowledge) -> list[Decimal]:
    """The amounts (万元) of the table's 经济成本 rows named as totals."""
    amounts = []
    for indicator in goal.indicators:
        if _is_economic(indicator) and is_total_cost(indicator.name, knowledge):
            amount = _amount_wan(indicator.parsed, sheet.meta.amount_unit)
            if amount is not None:
                amounts.append(amount)
    return amounts


# --- budgets -------------------------------------------------------------------------------------


def _project_budget(sheet: Sheet, table: str) -> tuple[Decimal, str] | None:
    """The project budget (万元) a table is measured against, with the field's label.

    Annual table: 项目当年预算, or the single 项目金额 of a sheet without long-term table and
    years (十堰 申报表). Long-term table: 项目总预算.
    """
    meta = sheet.meta
    if sheet.kind != "project":
        return None
    if table == "long_term":
        return (meta.total_budget, "项目总预算") if meta.total_budget else None
    if meta.annual_budget:
        return meta.annual_budget, "项目当年预算"
    single = meta.start_year is None and all(g.table == "annual" for g in sheet.goals)
    return (meta.total_budget, "项目金额") if single and meta.total_budget else None


def _department_total(sheet: Sheet) -> Decimal | None:
    return sheet.meta.total_budget or sheet.meta.funds_total


def _department_lines(sheet: Sheet, table: str, knowledge: Knowledge) -> list[Decimal] | None:
    """Each goal's budget line in a department sheet, inferred from its cost rows.

    The reader does not expose the 项目支出情况 lines, so a goal's line is known only when every
    goal of the table has exactly one total-cost row and these add up to the department's total
    (汉阳 园林绿化队 长期: 3157.97 + 437.31 + 147.4 + 12.96 = 3755.64).
    """
    total = _department_total(sheet)
    blocks = [g for g in sheet.goals if g.table == table]
    lines = [_total_costs(g, sheet, knowledge) for g in blocks]
    if not total or not blocks or any(len(amounts) != 1 for amounts in lines):
        return None
    found = [amounts[0] for amounts in lines]
    return found if abs(sum(found) - total) <= total * RESTATEMENT_TOLERANCE else None


def _goal_budget(sheet: Sheet, goal: GoalBlock, knowledge: Knowledge) -> tuple[Decimal, str] | None:
    if sheet.kind == "project":
        return _project_budget(sheet, goal.table)
    if sheet.kind != "department":
        return None
    lines = _department_lines(sheet, goal.table, knowledge)
    blocks = [g for g in sheet.goals if g.table == goal.table]
    line = next((amount for g, amount in zip(blocks, lines or [], strict=False) if g is goal), None)
    return (line, "该目标的预算") if line is not None else None


# --- goals: names and long-term ↔ annual pairs ---------------------------------------------------


def _goal_name(goal: GoalBlock) -> str:
    """The goal as a message names it: 长期目标1, or the table's goal when unnumbered."""
    return goal.goal or ("长期目标" if goal.table == "long_term" else "年度目标")


def _annual_of(sheet: Sheet, goal: GoalBlock) -> GoalBlock | None:
    return next((a for long, a in goal_pairs(sheet) if long is goal), None)


def _long_term_of(sheet: Sheet, goal: GoalBlock) -> GoalBlock | None:
    return next((long for long, a in goal_pairs(sheet) if a is goal), None)


def _unique_names(goal: GoalBlock) -> dict[str, Indicator]:
    """Rows by normalised name, leaving out names that occur twice in the table."""
    seen: dict[str, list[Indicator]] = {}
    for indicator in goal.indicators:
        seen.setdefault(nfkc_compact(indicator.name), []).append(indicator)
    return {name: rows[0] for name, rows in seen.items() if name and len(rows) == 1}


def _counterparts(long: GoalBlock, annual: GoalBlock) -> list[tuple[Indicator, Indicator]]:
    """Rows with the same name in the long-term and the annual table."""
    annual_rows = _unique_names(annual)
    return [
        (row, annual_rows[name]) for name, row in _unique_names(long).items() if name in annual_rows
    ]


def _same_value(a: Indicator, b: Indicator) -> bool:
    """The same text, or the same reading (``保洁100百分比`` and ``保洁100%百分比``)."""
    x, y = a.parsed, b.parsed
    same_reading = (x.kind, x.op, x.value, x.unit) == (y.kind, y.op, y.value, y.unit)
    return nfkc_compact(a.value) == nfkc_compact(b.value) or (x.value is not None and same_reading)


def _cumulative_count(row: Indicator, knowledge: Knowledge) -> bool:
    """A 数量 row counting what is produced (培训人次, 新建公厕数量), not a stock (管理面积)."""
    value = row.parsed
    category = vocabulary().category(value.unit or "")
    stock = any(word in row.name for word in knowledge.words.k_stock_nouns)
    quantity = row.level2_canonical == "数量指标"
    return quantity and value.kind == "quantity" and category in CUMULATIVE_CATEGORIES and not stock


# --- string similarity ---------------------------------------------------------------------------


def _longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring."""
    best = 0
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if char == other else 0)
        best = max(best, *current)
        previous = current
    return best


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def _near_duplicate(a: str, b: str) -> bool:
    """Edit distance ≤ 2, or one name inside the other in order (设备运转率, 车辆、设备正常运转率).

    Names of four characters or more only, the shorter at least half the longer, with the same
    digits (0-6岁 and 7-14岁 rows are different indicators).
    """
    short, long = sorted((a, b), key=len)
    digits = [ch for ch in a if ch.isdigit()] == [ch for ch in b if ch.isdigit()]
    if a == b or len(short) < 4 or 2 * len(short) < len(long) or not digits:
        return False
    return _edit_distance(a, b) <= 2 or _is_subsequence(short, long)


# --- K101 ----------------------------------------------------------------------------------------


def _cost_limit(sheet: Sheet, table: str) -> tuple[Decimal, str] | None:
    """What a single cost row may not exceed: the project budget, or a department's total.

    A department's long-term goals may span several years, so only its annual tables are checked.
    """
    if sheet.kind == "department":
        total = _department_total(sheet)
        return (total, "部门（单位）预算合计") if total and table == "annual" else None
    return _project_budget(sheet, table)


@rule(
    code="K101",
    name="cost-exceeds-budget",
    kind="inconsistent-with-budget",
    severity="error",
    scope="goal",
    zh="“{name}”的指标值“{value}”折合{amount}万元，超过{budget_name}{budget}万元。成本不能大于预算，"
    "请核对金额和单位，例如改为“≤{budget}万元”。",
    en="The target of '{name}' is '{value}', {amount} (10k yuan), above the {budget_name} of "
    "{budget}. A cost cannot exceed the budget: check the amount and unit, e.g. '≤{budget}万元'.",
    summary="A total-cost indicator larger than the budget of the sheet.",
    why="财预〔2020〕10号 judges whether targets match the budgeted amount (绩效目标合理性); "
    "财预〔2021〕101号 sets 成本指标 as the cost-control requirement of the budget.",
    example="经济成本指标 | 项目总成本 | ≤420万元   (项目当年预算 334万元)",
    fixed="经济成本指标 | 项目总成本 | ≤334万元",
)
def cost_exceeds_budget(check: GoalCheck) -> Iterator[Hit]:
    sheet, knowledge = check.context.sheet, check.context.knowledge
    limit = _cost_limit(sheet, check.goal.table)
    if limit is None:
        return
    budget, label = limit
    for row in check.goal.indicators:
        is_cost = row.level1_canonical == "成本指标" or _is_economic(row)
        amount = _amount_wan(row.parsed)
        if is_cost and is_total_cost(row.name, knowledge) and amount and amount > budget:
            args = {
                "amount": rounded_number(amount),
                "budget": rounded_number(budget),
                "budget_name": label,
            }
            yield Hit(args, indicator=row)


# --- K102 ----------------------------------------------------------------------------------------


def _is_count_row(row: Indicator, knowledge: Knowledge) -> bool:
    """A 数量 (or quantity-named) row whose value counts things (个, 人, 次 …)."""
    value = row.parsed
    counted = row.level2_canonical == "数量指标" or knowledge.name_class(row.name) == "quantity"
    category = vocabulary().category(value.unit or "")
    return counted and value.kind == "quantity" and value.value is not None and category == "count"


def _pairing_key(name: str, knowledge: Knowledge) -> str:
    key = nfkc_compact(name)
    for word in knowledge.words.k_pairing_noise:
        key = key.replace(word, "")
    return key


def _partner(cost: Indicator, counts: list[Indicator], knowledge: Knowledge) -> Indicator | None:
    """The count row sharing the longest run (≥ 6 characters) with the cost's name, if unique."""
    key = _pairing_key(cost.name, knowledge)
    scored = sorted(
        (
            (_longest_common_run(key, _pairing_key(c.name, knowledge)), i)
            for i, c in enumerate(counts)
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < PAIRING_MIN_RUN:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return counts[scored[0][1]]


def _sole_partner(
    cost: Indicator, counts: list[Indicator], knowledge: Knowledge
) -> Indicator | None:
    """The partner of a table's only unit cost when names are short (补助标准 / 补助人数).

    A per-person cost (人均, 每人) pairs with the only count of people; otherwise the only count
    row pairs when the two names share at least two characters.
    """
    name = nfkc_compact(cost.name)
    if any(word in name for word in knowledge.words.k_per_person):
        people = [c for c in counts if c.parsed.unit in ("人", "人次", "名")]
        return people[0] if len(people) == 1 else None
    if len(counts) == 1 and _longest_common_run(name, nfkc_compact(counts[0].name)) >= 2:
        return counts[0]
    return None


def _unit_cost_pairs(
    costs: list[Indicator], counts: list[Indicator], knowledge: Knowledge
) -> list[tuple[Indicator, Indicator]] | None:
    """Each unit cost with its count row, or None when any pairing is not certain."""
    pairs: list[tuple[Indicator, Indicator]] = []
    for cost in costs:
        partner = _partner(cost, counts, knowledge)
        if partner is None and len(costs) == 1:
            partner = _sole_partner(cost, counts, knowledge)
        if partner is None or any(partner is used for _, used in pairs):
            return None
        pairs.append((cost, partner))
    return pairs


def _unit_cost_reference(check: GoalCheck, knowledge: Knowledge) -> tuple[Decimal, str, str] | None:
    """What Σ(unit cost × count) should match: the table's total-cost row, else the budget."""
    sheet, goal = check.context.sheet, check.goal
    totals = _total_costs(goal, sheet, knowledge)
    if len(totals) == 1:
        return totals[0], "本表总成本指标", "the table's total-cost indicator"
    if totals or goal.table != "annual":
        return None
    budget = _project_budget(sheet, "annual")
    return (budget[0], budget[1], "budget") if budget else None


@rule(
    code="K102",
    name="unit-cost-times-quantity-vs-budget",
    kind="inconsistent-with-budget",
    severity="info",
    scope="goal",
    zh="{goal_name}中单位成本乘以数量合计{total}万元（{products}），与{reference}{expected}万元相差{deviation}。"
    "请核对补助标准、人数或预算金额，使测算与预算一致。",
    en="In {goal_name}, unit costs times quantities make {total} (10k yuan) ({products}), "
    "{deviation} off the {reference_en} of {expected}. Check the standards, the counts or the "
    "budget.",
    summary="Unit costs times their quantities do not add up to the budget.",
    why="财预〔2021〕101号 lets cost indicators state unit costs (or 分项成本控制数); "
    "财预〔2020〕10号 asks that targets match the budgeted amount. A sum far from the budget "
    "means a standard, a count or the budget is wrong.",
    example="经济成本指标 | 人均培训成本 | =800元;  数量指标 | 培训人数 | ≥500人 (预算120万元)",
    fixed="数量指标 | 培训人数 | ≥1500人",
)
def unit_cost_times_quantity(check: GoalCheck) -> Iterator[Hit]:
    knowledge, settings = check.context.knowledge, check.context.settings
    rows = check.goal.indicators
    costs = [
        r
        for r in rows
        if _is_economic(r)
        and not is_total_cost(r.name, knowledge)
        and _per_unit_yuan(r.parsed) is not None
    ]
    if not costs:
        return
    counts = [r for r in rows if _is_count_row(r, knowledge)]
    pairs = _unit_cost_pairs(costs, counts, knowledge)
    reference = _unit_cost_reference(check, knowledge) if pairs else None
    if not pairs or reference is None:
        return
    expected, label, label_en = reference
    total = (
        sum(
            (_per_unit_yuan(cost.parsed) or Decimal(0)) * (count.parsed.value or Decimal(0))
            for cost, count in pairs
        )
        / WAN
    )
    deviation = (total - expected) / expected
    if abs(deviation) <= Decimal(str(settings.unit_cost_tolerance)):
        return
    products = " + ".join(f"{_bare(cost.value)}×{_bare(count.value)}" for cost, count in pairs)
    yield Hit(
        {
            "goal_name": _goal_name(check.goal),
            "total": rounded_number(total),
            "products": products,
            "reference": label,
            "reference_en": label_en,
            "expected": rounded_number(expected),
            "deviation": f"{float(deviation):+.1%}",
        },
        severity="warning" if abs(deviation) > UNIT_COST_WARNING else None,
    )


# --- K103 ----------------------------------------------------------------------------------------


@rule(
    code="K103",
    name="cost-is-budget-restatement",
    kind="inconsistent-with-budget",
    severity="info",
    scope="goal",
    zh="{goal_name}唯一的经济成本指标“{name}”（{value}）只是重述了{budget_name}{budget}万元，没有单位成本或"
    "分项成本。请改为可核对的单位成本或分项成本控制数，例如“单次抢修平均成本 ≤0.5万元”"
    "“车辆维修费 ≤50万元”。",
    en="The only economic cost indicator of {goal_name}, '{name}' ({value}), restates the "
    "{budget_name} of {budget}. Give unit costs or component cost caps instead, e.g. "
    "'单次抢修平均成本 ≤0.5万元', '车辆维修费 ≤50万元'.",
    summary="The only economic cost indicator restates the budget.",
    why="财预〔2021〕101号 (成本指标): economic cost indicators state unit costs, and "
    "'对单位成本无法拆分核算的任务，可设定分项成本控制数'; the 2015 填报说明 divides cost "
    "indicators into 单位成本 and 总成本. A restated budget controls nothing.",
    example="经济成本指标 | 项目预算金额 | =334万元   (项目当年预算 334万元)",
    fixed="经济成本指标 | 单次应急抢修平均成本 | ≤0.05万元",
)
def cost_is_budget_restatement(check: GoalCheck) -> Iterator[Hit]:
    sheet, knowledge = check.context.sheet, check.context.knowledge
    economic = [r for r in check.goal.indicators if _is_economic(r)]
    if len(economic) != 1 or is_unit_cost_name(economic[0].name, knowledge):
        return
    row = economic[0]
    amount = _amount_wan(row.parsed, sheet.meta.amount_unit)
    budget = _goal_budget(sheet, check.goal, knowledge)
    if amount is None or budget is None:
        return
    if abs(amount - budget[0]) <= budget[0] * RESTATEMENT_TOLERANCE:
        args = {"goal_name": _goal_name(check.goal), "budget": rounded_number(budget[0])}
        yield Hit(args | {"budget_name": budget[1]}, indicator=row)


# --- K104 ----------------------------------------------------------------------------------------


def _same_values(long: GoalBlock, annual: GoalBlock) -> bool:
    """Every long-term row (at least three) has an annual row of the same name and value."""
    pairs = _counterparts(long, annual)
    return (
        len(long.indicators) >= 3
        and len(pairs) == len(long.indicators)
        and all(_same_value(a, b) for a, b in pairs)
    )


@rule(
    code="K104",
    name="long-term-equals-annual-multiyear",
    kind="other",
    severity="warning",
    scope="goal",
    zh="项目实施期为{start}—{end}年，但{goal_name}与对应年度目标的{what}。长期目标应写整个实施期的"
    "产出和效果，例如“到{end}年累计完成…”，年度目标只写当年的部分。",
    en="The project runs {start}–{end}, yet {goal_name} and its annual goal {what_en}. "
    "State the whole period's outputs in the long-term goal (e.g. 'by {end}, …') and this year's "
    "share in the annual one.",
    summary="A multi-year project whose long-term goal repeats the annual goal.",
    why="The 2015 填报说明 separates 长期目标 (the whole implementation period) from 年度目标 "
    "(this year); a copy gives the reviewer nothing to check the years against.",
    example="长期目标1: 完成预算目标 / 年度目标1: 完成预算目标   (2023—2027)",
    fixed="长期目标1: 到2027年道路清扫保洁覆盖率保持100%… / 年度目标1: 2026年…",
)
def long_term_equals_annual(check: GoalCheck) -> Iterator[Hit]:
    sheet, goal = check.context.sheet, check.goal
    start, end = sheet.meta.start_year, sheet.meta.end_year
    if goal.table != "long_term" or start is None or end is None or end - start < 1:
        return
    annual = _annual_of(sheet, goal)
    if annual is None:
        return
    text = goal_text(sheet, goal)
    same_text = bool(text) and text == goal_text(sheet, annual)
    same_values = _same_values(goal, annual)
    if not (same_text or same_values):
        return
    what = [f"说明相同（“{text}”）"] if same_text else []
    what_en = [f"have the same text ('{text}')"] if same_text else []
    if same_values:
        what.append("各指标值完全相同")
        what_en.append("have identical indicator values")
    args = {"start": start, "end": end, "what": "且".join(what), "what_en": " and ".join(what_en)}
    yield Hit(args | {"goal_name": _goal_name(goal)})


# --- K105, K106 ----------------------------------------------------------------------------------


@rule(
    code="K105",
    name="long-term-below-annual",
    kind="impossible-value",
    severity="warning",
    scope="goal",
    zh="长期目标“{name}”为“{value}”，小于年度目标的“{annual}”。长期目标涵盖整个实施期，累计数量不应"
    "低于一年的数量，至少应为“{suggestion}”。",
    en="The long-term target of '{name}' is '{value}', below the annual '{annual}'. The long-term "
    "target covers the whole period and cannot be smaller than one year's: at least "
    "'{suggestion}'.",
    summary="A cumulative long-term quantity smaller than the annual one.",
    why="The 2015 填报说明: the long-term goal covers the whole implementation period, so a "
    "cumulative count cannot be below one year's count.",
    example="长期: 数量指标 | 新建公厕数量 | ≥10座;  年度: ≥12座",
    fixed="长期: 数量指标 | 新建公厕数量 | ≥36座",
)
def long_term_below_annual(check: GoalCheck) -> Iterator[Hit]:
    sheet, knowledge = check.context.sheet, check.context.knowledge
    annual = _annual_of(sheet, check.goal) if check.goal.table == "long_term" else None
    for long, year in _counterparts(check.goal, annual) if annual else []:
        a, b = long.parsed, year.parsed
        bounds = a.op in LOWER_BOUNDS and b.op in LOWER_BOUNDS
        below = a.value is not None and b.value is not None and a.value < b.value
        if bounds and below and a.unit == b.unit and _cumulative_count(long, knowledge):
            floor = "≥" + _bare(year.value)
            yield Hit({"annual": year.value, "suggestion": floor}, indicator=long)


@rule(
    code="K106",
    name="operator-differs-long-vs-annual",
    kind="other",
    severity="info",
    scope="goal",
    zh="“{name}”在长期目标表中为“{value}”，在年度目标表中为“{annual}”：同一指标的计算符号不一致"
    "（{op}与{annual_op}）。请统一，例如两表都写“{suggestion}”。",
    en="'{name}' is '{value}' in the long-term table but '{annual}' in the annual table: the "
    "operators differ ({op} vs {annual_op}). Use one, e.g. '{suggestion}' in both.",
    summary="The same indicator with > in one table and ≥ (or = and ≥) in the other.",
    why="Self-evaluation scores 正向 (≥) and 反向 (≤) indicators by different formulas "
    "(财预〔2020〕10号 附件2); two operators for one target leave it unclear which is meant.",
    example="长期: 110接警数量 | > 6000起;  年度: 110接警数量 | ≥ 6000起",
    fixed="长期: 110接警数量 | ≥6000起;  年度: 110接警数量 | ≥6000起",
)
def operator_differs(check: GoalCheck) -> Iterator[Hit]:
    annual = (
        _annual_of(check.context.sheet, check.goal) if check.goal.table == "long_term" else None
    )
    for long, year in _counterparts(check.goal, annual) if annual else []:
        a, b = long.parsed, year.parsed
        same_target = a.value is not None and (a.value, a.unit) == (b.value, b.unit)
        if same_target and a.op and b.op and {a.op, b.op} in LOOSE_OPERATORS:
            inclusive = year if b.op in (">=", "<=") else long
            yield Hit(
                {
                    "annual": year.value,
                    "op": OPERATOR_SIGNS[a.op],
                    "annual_op": OPERATOR_SIGNS[b.op],
                    "suggestion": nfkc_compact(inclusive.value),
                },
                indicator=long,
            )


# --- K107 ----------------------------------------------------------------------------------------


@rule(
    code="K107",
    name="indicator-renamed-long-vs-annual",
    kind="other",
    severity="info",
    scope="goal",
    zh="年度指标“{name}”在长期目标表中没有同名指标，但有相近的“{long_name}”。同一指标请在两表中"
    "使用同一名称，例如都写“{long_name}”。",
    en="The annual indicator '{name}' has no namesake in the long-term table, only the similar "
    "'{long_name}'. Name one indicator the same way in both tables.",
    summary="An annual indicator that looks like a renamed long-term indicator.",
    why="Annual indicators refine the long-term ones (2015 填报说明); a renamed indicator "
    "cannot be followed from year to year or checked against the long-term target.",
    example="长期: 食品质量安全保障率 | 100%;  年度: 食品安全保障率 | 100%",
    fixed="长期: 食品安全保障率 | 100%;  年度: 食品安全保障率 | 100%",
)
def indicator_renamed(check: GoalCheck) -> Iterator[Hit]:
    long = _long_term_of(check.context.sheet, check.goal) if check.goal.table == "annual" else None
    if long is None:
        return
    annual_names = {nfkc_compact(r.name) for r in check.goal.indicators}
    long_names = {nfkc_compact(r.name) for r in long.indicators}
    unmatched = [r for r in long.indicators if nfkc_compact(r.name) not in annual_names]
    for row in check.goal.indicators:
        name = nfkc_compact(row.name)
        if name in long_names:
            continue
        near = [r for r in unmatched if _near_duplicate(name, nfkc_compact(r.name))]
        if len(near) == 1:
            yield Hit({"long_name": near[0].name}, indicator=row, field="name")


# --- K108 ----------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_STOP = re.compile(r"[\s\d，。；、,.;:：（）()“”\"《》]")
# Calendar words (2025年, 12月) and list classifiers (3个原则, 两大作用) are not targets.
_IGNORED_UNITS = frozenset({"年", "月", "天", "周", "季度", "个", "项", "类", "种"})
_BAD_READINGS = frozenset({"extra-text", "malformed-compound-unit"})


def _goal_quantities(text: str) -> list[tuple[str, ParsedValue]]:
    """Each number with its unit in a goal text (``1.6 亿人次``), as written and parsed."""
    text = unicodedata.normalize("NFKC", text)
    found = []
    for match in _NUMBER.finditer(text):
        if text[: match.start()].rstrip().endswith(("第", "目标")):
            continue
        head, rest = match.group(), text[match.end() :].lstrip()
        if rest[:1] in ("万", "亿"):
            head, rest = head + rest[0], rest[1:].lstrip()
        tail = _STOP.split(rest, maxsplit=1)[0][:6]
        for size in range(len(tail), 0, -1):
            value = parse_value(head + tail[:size])
            if (
                value.kind in ("quantity", "duration")
                and value.unit
                and not _BAD_READINGS & set(value.defects)
            ):
                if value.unit not in _IGNORED_UNITS:
                    found.append((head + tail[:size], value))
                break
    return found


def _equal_amounts(a: Decimal, unit_a: str, b: Decimal, unit_b: str) -> bool:
    """Whether two amounts are equal; units are converted (pint) only within one measure."""
    if unit_a == unit_b:
        return a == b
    category = vocabulary().category(unit_a)
    if category in (None, "count") or category != vocabulary().category(unit_b):
        return False
    return units.compare(a, unit_a, b, unit_b) == 0


def _matches(goal_value: ParsedValue, row: Indicator) -> bool:
    value, unit = row.parsed, row.parsed.unit
    wanted, wanted_unit = goal_value.value, goal_value.unit
    if value.value is None or unit is None or wanted is None or wanted_unit is None:
        return False
    unit = unit if unit == wanted_unit else unit.split("/")[0]  # 3次 in the goal, 3次/月 as a value
    numbers = [n for n in (value.value, value.value_high) if n is not None]
    return any(_equal_amounts(n, unit, wanted, wanted_unit) for n in numbers)


@rule(
    code="K108",
    name="goal-numbers-missing-from-indicators",
    kind="other",
    severity="info",
    scope="goal",
    zh="{goal_name}的目标说明写有“{numbers}”，但没有指标值与之对应。绩效指标应细化、量化目标，请增加"
    "相应指标，例如“新建农村公路长度 ≥50公里”。",
    en="The text of {goal_name} states '{numbers}', but no indicator value matches. Indicators "
    "should quantify the goal: add one, e.g. '新建农村公路长度 ≥50公里'.",
    summary="A number stated in the goal text that no indicator targets.",
    why="The 2015 填报说明: 年度绩效指标 refine and quantify the 年度绩效目标; 财预〔2020〕10号 "
    "评价要点③ asks that indicators correspond to the goal's task numbers (目标任务数).",
    example="年度目标: 新建农村公路 50 公里 …;  数量指标 | 新建桥梁数量 | ≥2座",
    fixed="数量指标 | 新建农村公路长度 | ≥50公里",
)
def goal_numbers_missing(check: GoalCheck) -> Iterator[Hit]:
    sheet, goal = check.context.sheet, check.goal
    text = goal_text(sheet, goal)
    if goal.table == "long_term":
        annual = _annual_of(sheet, goal)
        if annual is not None and goal_text(sheet, annual) == text:
            return  # the same text is checked once, with the annual table
    names = "".join(nfkc_compact(r.name) for r in sheet.indicators)
    missing = [
        written
        for written, value in _goal_quantities(text)
        if not any(_matches(value, row) for row in sheet.indicators)
        and nfkc_compact(written) not in names
    ]
    if missing:
        yield Hit({"goal_name": _goal_name(goal), "numbers": "”“".join(missing)})


# --- K109 ----------------------------------------------------------------------------------------


@rule(
    code="K109",
    name="budget-fields-inconsistent",
    kind="inconsistent-with-budget",
    severity="warning",
    scope="sheet",
    zh="{problem}。请填写项目当年预算，并使资金来源合计等于当年预算（例如两者都是“334”），否则无法"
    "核对成本指标是否与预算相符。",
    en="{problem_en}. Fill in the current-year budget and make the funding total equal to it "
    "(e.g. both 334), or the cost indicators cannot be checked against the budget.",
    summary="The current-year budget is blank or zero, or differs from the funding total.",
    why="财预〔2020〕10号 judges whether targets match the budgeted amount; with a blank 当年预算 "
    "or a 资金来源合计 that differs from it, nothing can be checked.",
    example="项目总预算 1,311.13 | 项目当年预算 (空) | 资金来源合计 0",
    fixed="项目总预算 1,311.13 | 项目当年预算 262.23 | 资金来源合计 262.23",
)
def budget_fields_inconsistent(context: Context) -> Iterator[Hit]:
    sheet = context.sheet
    meta, positions = sheet.meta, sheet.meta.positions
    total, annual, funds = meta.total_budget, meta.annual_budget, meta.funds_total
    # 十堰's form has one 项目金额 and no 当年预算: only full forms (资金来源, years) count.
    full_form = funds is not None or meta.start_year is not None
    if sheet.kind != "project":
        return
    if not annual and total and full_form:
        state = "为0" if annual == 0 else "为空"
        state_en = "zero" if annual == 0 else "blank"
        shown = rounded_number(funds) if funds is not None else None
        funds_zh = f"，资金来源合计为{shown}万元" if shown is not None else ""
        funds_en = f", and the funding total is {shown}" if shown is not None else ""
        problem = f"项目总预算为{rounded_number(total)}万元，但项目当年预算{state}{funds_zh}"
        problem_en = (
            f"The total budget is {rounded_number(total)} but the current-year budget is "
            f"{state_en}{funds_en}"
        )
        where = positions.get("annual_budget") or positions.get("total_budget")
        yield Hit({"problem": problem, "problem_en": problem_en}, position=where)
    elif annual and funds is not None and funds != annual:
        budget, funding = rounded_number(annual), rounded_number(funds)
        problem = f"项目当年预算为{budget}万元，但资金来源合计为{funding}万元"
        problem_en = f"The current-year budget is {budget} but the funding total is {funding}"
        where = positions.get("funds_total") or positions.get("annual_budget")
        yield Hit({"problem": problem, "problem_en": problem_en}, position=where)


# --- K110 ----------------------------------------------------------------------------------------


def _weight(text: str) -> Decimal | None:
    cleaned = nfkc_compact(text).removesuffix("%").removesuffix("分")
    try:
        return Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None


@rule(
    code="K110",
    name="weights-not-100",
    kind="other",
    severity="error",
    scope="goal",
    zh="{table}（{goal_name}）的三级指标权重合计为{total}，不是{expected}{note}。"
    "请调整各指标权重，使合计为{expected}。",
    en="The weights of the indicators in the {table} ({goal_name}) add up to {total}, not "
    "{expected}{note_en}. Adjust them to total {expected}.",
    summary="The indicator weights of a table do not add up to 100 (90 in a self-evaluation, "
    "where budget execution takes the other 10 points).",
    why="Provincial budget systems reject sheets whose weights do not total 100 "
    "('绩效指标权重需为100'); 财预〔2020〕10号 scores self-evaluations by weights that total 100. "
    "The self-evaluation form gives 预算执行率 10 points in its funds block, so its indicator "
    "rows total 90 unless the table has a 预算执行率 row of its own.",
    example="产出指标 40 + 效益指标 30 + 满意度指标 20 = 90",
    fixed="产出指标 50 + 效益指标 30 + 满意度指标 20 = 100",
)
def weights_not_100(check: GoalCheck) -> Iterator[Hit]:
    weights = [_weight(r.weight) for r in check.goal.indicators if r.weight and r.weight.strip()]
    if not weights or any(w is None for w in weights):
        return
    total = sum((w for w in weights if w is not None), Decimal(0))
    execution_row = any("执行率" in r.name for r in check.goal.indicators)
    self_evaluation = check.context.sheet.kind == "self_evaluation" and not execution_row
    expected = 90 if self_evaluation else 100
    if total != expected:
        yield Hit(
            {
                "goal_name": _goal_name(check.goal),
                "total": rounded_number(total),
                "expected": expected,
                "note": "（自评表的预算执行率另占10分）" if self_evaluation else "",
                "note_en": " (budget execution takes the other 10 points)"
                if self_evaluation
                else "",
            }
        )


RULES = [
    cost_exceeds_budget,
    unit_cost_times_quantity,
    cost_is_budget_restatement,
    long_term_equals_annual,
    long_term_below_annual,
    operator_differs,
    indicator_renamed,
    goal_numbers_missing,
    budget_fields_inconsistent,
    weights_not_100,
]
