"""Y rules: targets compared with the previous years (前年/上年 columns; rule catalog §3.7).

Basis: 财预〔2020〕10号 lists 历史标准 among the evaluation standards and asks that, to show
performance improvement, a relatively high standard be set where achievable; the 2021 guidance
(财预〔2021〕101号) names last year's values among the 历史标准 for setting a target. Values are
compared only when their units convert (``target_lint.units``; same units need no pint).

Y105 (an indicator dropped since last year's sheet) needs the prior-year sheet, which a single
sheet does not carry, so it is not implemented.

Messages whose wording depends on the case take a ``{zh, en}`` pair as one argument
(``{detail[zh]}`` in the Chinese template, ``{detail[en]}`` in the English one).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from target_lint.checks.common import (
    has_money_unit,
    is_total_cost,
    pair,
    plain_number,
    rounded_number,
    scaled_unit,
)
from target_lint.checks.units import convertible
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import GoalCheck, Hit, IndicatorCheck, rule
from target_lint.sheet.model import Indicator
from target_lint.units import compare, convert
from target_lint.values import ParsedValue, parse_value

NUMERIC = ("quantity", "frequency", "duration")
FLOOR_OPS = (">=", ">", "=", None)
CEILING_OPS = ("<=", "<", "=", None)
LAST, BEFORE = "上年", "前年"
QUANTITY_LEVEL2 = "数量指标"
COST_RISE = Decimal("0.10")  # Y104: a cost rise above 10 % needs more output
MIN_FLAT_ROWS = 2  # Y103: a share of one row says nothing


def _history(indicator: Indicator, label: str) -> ParsedValue | None:
    """The parsed 前年/上年 cell, if it holds a number."""
    text = indicator.history.get(label)
    return _numeric(parse_value(text)) if text is not None else None


def _current(indicator: Indicator) -> ParsedValue | None:
    return _numeric(indicator.parsed)


def _numeric(parsed: ParsedValue) -> ParsedValue | None:
    return parsed if parsed.kind in NUMERIC and parsed.value is not None else None


def _compare(a: ParsedValue, b: ParsedValue) -> int | None:
    """-1, 0 or 1 for ``a`` against ``b``, or None when their units do not convert."""
    if a.value is None or b.value is None:
        return None
    if a.unit is None or b.unit is None:
        return (a.value > b.value) - (a.value < b.value) if a.unit == b.unit else None
    if not convertible(a.unit, b.unit):
        return None
    return compare(a.value, a.unit, b.value, b.unit)


def _change(current: ParsedValue, last: ParsedValue) -> Decimal | None:
    """The relative change from ``last`` to ``current`` (0.126 for +12.6 %), None if 0 base."""
    assert current.value is not None and last.value is not None
    base = last.value
    if last.unit != current.unit and last.unit and current.unit:
        base = convert(base, last.unit, current.unit)
    return (current.value - base) / base if base else None


def _percent(change: Decimal) -> str:
    return plain_number(abs(change * 100).quantize(Decimal("0.1")))


def _names(names: list[str]) -> dict[str, str]:
    """A few indicator names, quoted for each message language."""
    return pair("、".join(f"“{n}”" for n in names), ", ".join(f"'{n}'" for n in names))


def _direction(knowledge: Knowledge, name: str, value: ParsedValue) -> str | None:
    """``higher`` or ``lower`` is better: rates by their last token, service times are lower."""
    direction = knowledge.direction_of(name)
    if direction in ("higher", "lower"):
        return direction
    words = knowledge.words
    if value.kind == "duration" and any(verb in name for verb in words.duration_verbs):
        return "lower"
    return None


def _is_quantity_row(indicator: Indicator) -> bool:
    return indicator.level2_canonical == QUANTITY_LEVEL2


# --- Y101–Y102: a target below last year's -------------------------------------------------


@rule(
    code="Y101",
    name="target-lowered-vs-last-year",
    kind="other",
    severity="warning",
    scope="indicator",
    zh="“{name}”的当年目标“{value}”{detail[zh]}按历史标准，目标一般不应低于往年；确需放宽的，"
    "请在指标值确定依据中说明理由，否则请保持“{keep}”。",
    en="The current target of '{name}', '{value}', {detail[en]} Under the historical standard a "
    "target should not fall below earlier years; explain a lower target in the value basis, "
    "or keep '{keep}'.",
    summary="A higher-is-better target below last year's (or a lower-is-better one above it).",
    why="财预〔2020〕10号 names 历史标准 among the evaluation standards and asks for a relatively "
    "high standard where achievable, to show improvement; the 2021 guidance (财预〔2021〕101号) "
    "takes last year's values as a basis for targets. The 汉阳 园林绿化队 sheet in the seeds "
    "lowers 社会公众满意度 from ≥95% (前年) to ≥90%.",
    example="服务对象满意度指标 | 社会公众满意度 | 前年 ≥95% | 上年 ≥90% | 当年 ≥90%",
    fixed="服务对象满意度指标 | 社会公众满意度 | 前年 ≥95% | 上年 ≥90% | 当年 ≥95%",
)
def target_lowered_vs_last_year(check: IndicatorCheck) -> Iterator[Hit]:
    indicator = check.indicator
    current, last = _current(indicator), _history(indicator, LAST)
    if current is None or last is None or has_money_unit(current):
        return
    direction = _direction(check.context.knowledge, indicator.name, current)
    ops = FLOOR_OPS if direction == "higher" else CEILING_OPS
    if direction is None or current.op not in ops or last.op not in ops:
        return
    against_last = _compare(current, last)
    if against_last is None:
        return
    if direction == "lower":
        if against_last > 0:
            detail = pair(
                f"比上年的“{last.text.strip()}”更宽松（该指标越小越好）。",
                f"is looser than last year's '{last.text.strip()}' (lower is better here).",
            )
            yield Hit({"detail": detail, "keep": last.text.strip()})
        return
    if against_last < 0:
        detail = pair(
            f"低于上年的“{last.text.strip()}”。", f"is below last year's '{last.text.strip()}'."
        )
        yield Hit({"detail": detail, "keep": last.text.strip()})
        return
    before = _history(indicator, BEFORE)
    if before is not None and before.op in ops and (_compare(current, before) or 0) < 0:
        detail = pair(
            f"不低于上年的“{last.text.strip()}”，但低于前年的“{before.text.strip()}”。",
            f"is not below last year's '{last.text.strip()}' but is below the year before's "
            f"'{before.text.strip()}'.",
        )
        yield Hit({"detail": detail, "keep": before.text.strip()}, severity="info")


@rule(
    code="Y102",
    name="quantity-decreased-vs-last-year",
    kind="other",
    severity="info",
    scope="indicator",
    zh="数量指标“{name}”的当年目标“{value}”{converted[zh]}比上年的“{last}”减少{percent}%。数量目标"
    "下降可能有正当理由（如任务调整），请在指标值确定依据中说明；否则请不低于上年。",
    en="The quantity target of '{name}', '{value}'{converted[en]}, is {percent}% below last year's "
    "'{last}'. There may be a reason (a smaller task); state it in the value basis, or keep "
    "last year's level.",
    summary="A 数量 target below last year's.",
    why="财预〔2020〕10号 names 历史标准 among the evaluation standards; a smaller output "
    "than last year needs a reason a reviewer can check. The 汉阳 园林绿化队 sheet in the seeds "
    "plans 8 maintenance companies after 10.",
    example="数量指标 | 养护公司数量 | 前年 9 家 | 上年 10 家 | 当年 8 家",
    fixed="数量指标 | 养护公司数量 | 前年 9 家 | 上年 10 家 | 当年 ≥10 家",
)
def quantity_decreased_vs_last_year(check: IndicatorCheck) -> Iterator[Hit]:
    indicator = check.indicator
    if not _is_quantity_row(indicator):
        return
    current, last = _current(indicator), _history(indicator, LAST)
    if current is None or last is None or has_money_unit(current):
        return
    if _direction(check.context.knowledge, indicator.name, current) is not None:
        return  # a rate or a service time: Y101
    if current.op not in FLOOR_OPS or last.op not in FLOOR_OPS:
        return
    if (_compare(current, last) or 0) >= 0:
        return
    change = _change(current, last)
    if change is None:
        return
    yield Hit(
        {
            "last": last.text.strip(),
            "percent": _percent(change),
            "converted": pair(*_converted(current, last)),
        }
    )


def _converted(current: ParsedValue, last: ParsedValue) -> tuple[str, str]:
    """``（折合27.59万平方米）`` when the two cells write the unit differently, else nothing."""
    if (current.unit, current.multiplier) == (last.unit, last.multiplier):
        return "", ""
    assert current.value is not None and current.unit is not None and last.unit is not None
    amount = convert(current.value, current.unit, last.unit) / last.multiplier
    shown = rounded_number(amount) + scaled_unit(last)
    return f"（折合{shown}）", f" ({shown})"


# --- Y103–Y104: the table as a whole -------------------------------------------------------


def _same(a: ParsedValue, b: ParsedValue) -> bool:
    return a.kind == b.kind and a.op == b.op and _compare(a, b) == 0


@rule(
    code="Y103",
    name="values-flat-across-years",
    kind="other",
    severity="info",
    scope="goal",
    zh="{table}“{goal}”中{flat}/{total}个定量指标的前年、上年、当年目标完全相同（如{examples[zh]}），"
    "目标值像是照抄往年，没有按上年完成情况重新测算。请逐项复核，按实际完成情况调整目标。",
    en="In the {table} '{goal}', {flat} of {total} quantitative targets are identical in the "
    "year before last, last year and this year (e.g. {examples[en]}): copied forward rather than "
    "revisited. Review each against last year's results.",
    summary="Most quantitative targets of a continuing project are the same three years running.",
    why="财预〔2020〕10号 asks for standards that show performance improvement where achievable; "
    "the 汉阳 and 硚口 reports in the seeds ask departments to update their core indicators "
    "(动态更新部门核心指标). Threshold: flat_share (default 0.8).",
    example="数量指标 | 政府买岗人员数量 | 22人 | 22人 | 22人 (and 社会公众满意度 ≥95% ×3)",
    fixed="数量指标 | 政府买岗人员数量 | 22人 | 22人 | ≥24人 (each target re-set from last year's "
    "result, with its basis)",
)
def values_flat_across_years(check: GoalCheck) -> Iterator[Hit]:
    flat: list[str] = []
    total = 0
    for indicator in check.goal.indicators:
        current = _current(indicator)
        last, before = _history(indicator, LAST), _history(indicator, BEFORE)
        if current is None or last is None or before is None:
            continue
        total += 1
        if _same(current, last) and _same(current, before):
            flat.append(indicator.name)
    if total < MIN_FLAT_ROWS or len(flat) < check.context.settings.flat_share * total:
        return
    examples = _names(flat[:3])
    yield Hit({"flat": len(flat), "total": total, "examples": examples})


def _is_total_cost_row(knowledge: Knowledge, indicator: Indicator) -> bool:
    """A cost name (Knowledge.is_cost_name) that names a total, not a unit cost."""
    name = indicator.name
    return knowledge.is_cost_name(name) and is_total_cost(name, knowledge)


@rule(
    code="Y104",
    name="cost-up-outputs-flat",
    kind="other",
    severity="info",
    scope="goal",
    zh="“{name}”比上年增长{percent}%（“{last}”→“{value}”），但本表的数量指标都持平或下降"
    "（{quantities[zh]}）。成本增加应有相应的产出，请说明增加的资金用于何处，或相应调整产出指标。",
    en="'{name}' rises {percent}% on last year ('{last}' → '{value}') while every quantity "
    "target of this table is flat or down ({quantities[en]}). Say what the extra money buys, or "
    "raise the outputs accordingly.",
    summary="Total cost up more than 10% on last year while every 数量 target is flat or down.",
    why="The evaluation framework of 财预〔2020〕10号 weighs output against cost (产出成本, "
    "成本节约率); more money for the same output needs a reason.",
    example="经济成本指标 | 项目资金 | 上年 2804.81万元 | 当年 3300万元 (数量 rows unchanged)",
    fixed="经济成本指标 | 项目资金 | 上年 2804.81万元 | 当年 2850万元",
)
def cost_up_outputs_flat(check: GoalCheck) -> Iterator[Hit]:
    knowledge = check.context.knowledge
    quantities: list[tuple[Indicator, int]] = []
    for indicator in check.goal.indicators:
        current, last = _current(indicator), _history(indicator, LAST)
        if _is_quantity_row(indicator) and current is not None and last is not None:
            order = _compare(current, last)
            if order is not None:
                quantities.append((indicator, order))
    if not quantities or any(order > 0 for _, order in quantities):
        return
    shown = _names([i.name for i, _ in quantities[:3]])
    for indicator in check.goal.indicators:
        current, last = _current(indicator), _history(indicator, LAST)
        if current is None or last is None or not _is_total_cost_row(knowledge, indicator):
            continue
        if current.unit not in ("元", None) or _compare(current, last) is None:
            continue
        change = _change(current, last)
        if change is not None and change > COST_RISE:
            args = {"percent": _percent(change), "last": last.text.strip(), "quantities": shown}
            yield Hit(args, indicator=indicator)


RULES = [
    target_lowered_vs_last_year,
    quantity_decreased_vs_last_year,
    values_flat_across_years,
    cost_up_outputs_flat,
]
