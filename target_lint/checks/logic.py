"""L rules: whether target values are logically possible and point the right way.

Basis: 财预〔2020〕10号 附件2 scores 正向 indicators (``≥``, score = actual / target) and 反向
indicators (``≤``, score = target / actual) by different formulas, so the operator must match
the direction of the measure; 财预〔2015〕88号 asks for targets that are 合理可行 and matched to
the budget; the 十堰 monitoring found "目标值设置过高难以实现" (rule catalog §3.4, §6).

Messages whose wording depends on the case take a ``{zh, en}`` pair as one argument
(``{detail[zh]}`` in the Chinese template, ``{detail[en]}`` in the English one).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from target_lint.checks.common import (
    OPERATOR_SIGNS,
    compact,
    ends_with,
    has_money_unit,
    pair,
    plain_number,
    unit_category,
)
from target_lint.engine.finding import Fix, Severity
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import Context, Hit, IndicatorCheck, rule
from target_lint.sheet.model import Indicator, SheetMeta
from target_lint.sheet.taxonomy import canonical_level2
from target_lint.values import ParsedValue

FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
FLOOR = (">=", ">")
CEILING = ("<=", "<")
RATE_UNITS = ("%", "‰", "百分点", None)
NUMERIC = ("quantity", "duration", "frequency")
COST_LEVEL2 = ("经济成本指标", "社会成本指标", "生态环境成本指标", "成本指标")
HUNDRED = Decimal(100)


def _with_op(value: ParsedValue, op: str) -> str:
    """The cell text with ``op``'s symbol in front instead of its own operator (≥, 以上)."""
    text, span = value.text, value.span("op")
    if span is not None:
        text = text[: span.start] + text[span.end :]
    return OPERATOR_SIGNS[op] + text.strip()


def _flipped(value: ParsedValue) -> str:
    assert value.op in FLIP
    return _with_op(value, FLIP[value.op])


def _budget_wan(meta: SheetMeta) -> Decimal | None:
    """The project's budget in 万元: the annual budget, else the total; None if not positive."""
    for amount in (meta.annual_budget, meta.total_budget):
        if amount is not None and amount > 0:
            return amount
    return None


def _has_baseline(indicator: Indicator) -> bool:
    """Whether a history column or the value basis gives a number to measure a change from."""
    history = indicator.parsed_history().values()
    return any(v.has_number for v in history) or any(c.isdigit() for c in indicator.basis or "")


def _word_in(name: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` in the name, ignoring whitespace and letter case."""
    text = compact(name).upper()
    return next((w for w in words if w.upper() in text), None)


# --- L101–L104: the operator points the wrong way ------------------------------------------


@rule(
    code="L101",
    name="direction-mismatch-rate",
    kind="wrong-direction",
    severity="error",
    scope="indicator",
    zh="“{name}”的指标值“{value}”方向反了：{detail[zh]}",
    en="The target of '{name}' is '{value}', the wrong way round: {detail[en]}",
    summary="A higher-is-better rate with ≤, or a lower-is-better rate with ≥.",
    why="财预〔2020〕10号 附件2 scores 正向指标 written as '≥' (actual / target) and 反向指标 "
    "written as '≤' (target / actual); a rate whose operator points the other way rewards "
    "doing worse. The 十堰 路灯电费 sheet in the seeds caps its energy saving with ≤15%.",
    example="生态效益指标 | 路灯电费节能降耗率 | ≤15%",
    fixed="生态效益指标 | 路灯电费节能降耗率 | ≥15%",
    fixable=True,
)
def direction_mismatch_rate(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    if value.kind != "quantity" or value.unit not in RATE_UNITS or value.op is None:
        return
    knowledge = check.context.knowledge
    direction = knowledge.direction_of(name)
    wrong = {"higher": CEILING, "lower": FLOOR}.get(direction or "", ())
    if value.op not in wrong:
        return
    op = OPERATOR_SIGNS[value.op]
    full = direction == "higher" and value.unit == "%" and value.value == HUNDRED
    suggestion = _with_op(value, "=") if full else _flipped(value)
    if direction == "lower":
        detail = pair(
            f"“{name}”越低越好，“{op}”把目标变成了下限，越差越“达标”。请改为上限“{suggestion}”。",
            f"a lower '{name}' is better, so '{op}' sets a floor that rewards doing worse. Write "
            f"a ceiling: '{suggestion}'.",
        )
    elif knowledge.bound_of(name) == "reduction":
        detail = pair(
            f"降低率、节约率衡量的是降低的幅度，越高越好，“{op}”反而给改进设了上限。请写"
            f"“{suggestion}”；如果本意是限制增长，请直接写被限制的量，如“用电量增长率 ≤3%”。",
            "a reduction or saving rate measures the size of the cut, so a ceiling caps the "
            f"improvement. Write '{suggestion}'; if a cap on growth is meant, name the "
            "quantity instead, e.g. '用电量增长率 ≤3%'.",
        )
    else:
        detail = pair(
            f"“{name}”越高越好，“{op}”把目标变成了上限，做得越好越可能“超标”。请改为"
            f"“{suggestion}”。",
            f"a higher '{name}' is better, so '{op}' caps the result instead of setting a floor. "
            f"Write '{suggestion}'.",
        )
    yield Hit({"detail": detail}, fix=Fix(replacement=suggestion, safe=False))


@rule(
    code="L102",
    name="direction-mismatch-rank",
    kind="wrong-direction",
    severity="error",
    scope="indicator",
    zh="“{name}”是名次，数字越大越靠后，“{value}”排到第{later}名也算达成。若目标是进入前{number}名，"
    "请写“{suggestion}”。",
    en="'{name}' is a rank: a larger number is worse, so '{value}' is met even by place "
    "{later}. For a place in the top {number}, write '{suggestion}'.",
    summary="A rank (排名, 名次, 位次) with ≥: a larger rank number is a worse result.",
    why="财预〔2020〕10号 附件2: 正向 indicators take '≥' and 反向 indicators '≤'; for a rank a "
    "smaller number is better, so it is a 反向 indicator. Seen in the 十堰 旅游 sheet.",
    example="质量指标 | 旅游收入和人次位居全省 | ≥5 名次",
    fixed="质量指标 | 旅游收入位居全省名次 | ≤5 名次",
    fixable=True,
)
def direction_mismatch_rank(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    words = check.context.knowledge.words
    if value.kind != "quantity" or value.op not in FLOOR or value.unit not in ("名", "名次", "位"):
        return
    if _word_in(name, words.rank) and not _word_in(name, words.rank_gain):
        suggestion = _flipped(value)
        later = plain_number(value.value * 10) if value.value is not None else "N"
        yield Hit(
            {"number": value.number, "later": later, "suggestion": suggestion},
            fix=Fix(replacement=suggestion, safe=False),
        )


@rule(
    code="L103",
    name="direction-mismatch-duration",
    kind="wrong-direction",
    severity="error",
    scope="indicator",
    zh="“{name}”是办理用时，越短越好，“{value}”却是下限，用时越长越“达标”。请改为上限，"
    "如“{suggestion}”。",
    en="'{name}' is a handling time, where shorter is better, but '{value}' is a floor that "
    "rewards taking longer. Write a ceiling, e.g. '{suggestion}'.",
    summary="A response or handling time (响应/处理/办结… + 时间/时限) with ≥.",
    why="财预〔2020〕10号 附件2 scores 反向 indicators written as '≤'; a 时效 indicator measures "
    "及时程度 (2015 填报说明), so a response or handling time is a ceiling.",
    example="时效指标 | 故障响应时间 | ≥2 小时",
    fixed="时效指标 | 故障响应时间 | ≤2 小时",
    fixable=True,
)
def direction_mismatch_duration(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    timed = value.kind == "duration" or unit_category(value.unit) == "time"
    if (
        timed
        and value.op in FLOOR
        and _is_handling_time(check.indicator.name, check.context.knowledge)
    ):
        suggestion = _flipped(value)
        yield Hit({"suggestion": suggestion}, fix=Fix(replacement=suggestion, safe=False))


def _is_handling_time(name: str, knowledge: Knowledge) -> bool:
    """A service verb (响应, 处理, …) followed by a time noun (时间, 时长, …)."""
    text = compact(name)
    if any(w in text for w in knowledge.classes.time.not_time):
        return False
    verbs = [text.find(v) for v in knowledge.words.duration_verbs if v in text]
    nouns = [text.rfind(n) for n in knowledge.words.duration_nouns if n in text]
    return bool(verbs and nouns) and min(verbs) < max(nouns)


@rule(
    code="L104",
    name="direction-mismatch-cost",
    kind="wrong-direction",
    severity="warning",
    scope="indicator",
    zh="“{name}”是成本，成本控制应设上限，“{value}”却是下限，花得越多越“达标”。请改为"
    "“{suggestion}”；如果本意是补助不低于某个标准，请写成标准值，如“人均补助标准 =3000元”。",
    en="'{name}' is a cost, which should be capped, but '{value}' is a floor that rewards "
    "spending more. Write '{suggestion}'; if a minimum subsidy is meant, state the standard, "
    "e.g. '人均补助标准 =3000元'.",
    summary="A cost target written as a floor (≥) instead of a ceiling or a standard.",
    why="财预〔2021〕101号 defines 成本指标 as 成本控制 requirements (a ceiling or a standard); "
    "财预〔2020〕10号 附件2 scores such 反向 indicators written as '≤'. A subsidy floor is "
    "occasionally meant, hence a warning.",
    example="经济成本指标 | 单位培训成本 | ≥500元/人",
    fixed="经济成本指标 | 单位培训成本 | ≤500元/人",
    fixable=True,
)
def direction_mismatch_cost(check: IndicatorCheck) -> Iterator[Hit]:
    value, indicator = check.value, check.indicator
    if value.kind != "quantity" or value.op not in FLOOR or not has_money_unit(value):
        return
    words = check.context.knowledge.words
    if _word_in(indicator.name, words.l_saving_words):
        return
    if _is_cost_row(indicator) or (
        indicator.level1_canonical not in ("效益指标", "满意度指标")
        and ends_with(indicator.name, words.l_cost_nouns)
    ):
        suggestion = _flipped(value)
        yield Hit({"suggestion": suggestion}, fix=Fix(replacement=suggestion, safe=False))


def _is_cost_row(indicator: Indicator) -> bool:
    """Under 成本指标, or under a cost 二级 (also one written in the 一级 column)."""
    return (
        indicator.level1_canonical == "成本指标"
        or indicator.level2_canonical in COST_LEVEL2
        or canonical_level2(indicator.level1) in COST_LEVEL2
    )


# --- L105–L109: impossible, trivial or implausible values ----------------------------------


@rule(
    code="L105",
    name="rate-out-of-bounds",
    kind="impossible-value",
    severity="error",
    scope="indicator",
    zh="“{name}”是比例，最大为100%，{detail[zh]}",
    en="'{name}' is a proportion of at most 100%: {detail[en]}",
    summary="A bounded rate (share, pass rate, reduction rate) above 100%.",
    why="Arithmetic: a share of a whole, a satisfaction rate or a reduction rate cannot exceed "
    "100% (a 100% reduction is complete elimination); 财预〔2020〕10号 附件2 scores against the "
    "target value, so an impossible target cannot be assessed. Growth rates are unbounded.",
    example="质量指标 | 验收合格率 | >100%",
    fixed="质量指标 | 验收合格率 | =100%",
    fixable=True,
)
def rate_out_of_bounds(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    knowledge = check.context.knowledge
    number = value.value
    if value.kind != "quantity" or value.unit != "%" or number is None:
        return
    bound = knowledge.bound_of(name)
    if bound not in ("proportion", "reduction") or ends_with(
        name, knowledge.words.l_unbounded_rates
    ):
        return
    if number > HUNDRED or (number == HUNDRED and value.op == ">"):
        detail = pair(
            f"“{value.text.strip()}”不可能达到。请设定100%以内的目标，如“≥95%”。",
            f"'{value.text.strip()}' cannot be reached. Set a target within 100%, e.g. '≥95%'.",
        )
        yield Hit({"detail": detail})
    elif number < 0:
        detail = pair(
            f"比率不会小于0，“{value.text.strip()}”无法评价。请设定0%～100%之间的目标。",
            f"A rate cannot be below 0; '{value.text.strip()}' cannot be assessed. Set a target "
            "between 0% and 100%.",
        )
        yield Hit({"detail": detail})
    elif number == HUNDRED and value.op == ">=" and bound == "proportion":
        if knowledge.is_satisfaction(name):
            return  # L109 reports a 100% satisfaction target
        fixed = _with_op(value, "=")
        detail = pair(
            f"“{value.text.strip()}”与“=100%”等价。请直接写“{fixed}”。",
            f"'{value.text.strip()}' is the same as '=100%'. Write '{fixed}'.",
        )
        yield Hit({"detail": detail}, severity="info", fix=Fix(replacement=fixed, safe=False))


@rule(
    code="L106",
    name="le-zero-target",
    kind="impossible-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”中“≤0”只能取0，等同于“=0”；{detail[zh]}",
    en="The target of '{name}' is '{value}': '≤0' can only be 0, so it means '=0'; {detail[en]}",
    summary="A ceiling of zero (≤0): it means =0, and 0% is unreachable for a technical "
    "failure rate.",
    why="The 十堰 monitoring found targets '设置过高难以实现'; the 潜江 evaluation asks for real "
    "故障率 and 响应时限 requirements. A zero-tolerance count (安全责任事故 =0 次) is an accepted "
    "bottom line and is written with '='.",
    example="质量指标 | 系统故障率 | ≤0%",
    fixed="质量指标 | 系统可用率 | ≥99.9%",
    fixable=True,
)
def le_zero_target(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    knowledge = check.context.knowledge
    if value.kind not in NUMERIC or value.op != "<=" or value.value != 0:
        return
    if knowledge.direction_of(name) == "higher":
        return  # the operator itself is wrong: L101
    if ends_with(name, knowledge.bounds.failure):
        detail = pair(
            "而技术故障率为0是做不到的目标。请按运维合同或行业水平设一个现实的上限（如“≤1%”），"
            "或改用可用率（如“系统可用率 ≥99.9%”）。",
            "a zero technical failure rate cannot be achieved. Set a realistic ceiling from the "
            "service contract or the industry level (e.g. '≤1%'), or use an availability rate "
            "(e.g. '系统可用率 ≥99.9%').",
        )
        yield Hit({"detail": detail})
        return
    fixed = _with_op(value, "=")
    detail = pair(
        f"请直接写成“{fixed}”，作为零容忍的底线要求。",
        f"write '{fixed}' as a zero-tolerance bottom line.",
    )
    yield Hit({"detail": detail}, fix=Fix(replacement=fixed, safe=True))


@rule(
    code="L107",
    name="implausible-reduction-magnitude",
    kind="impossible-value",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”{detail[zh]}请依据上年实际值测算可实现的降幅，并在“上年”栏或"
    "指标值确定依据中写明基数（如“上年发生20起”）。",
    en="The target of '{name}' is '{value}': {detail[en]} Derive an achievable cut from last "
    "year's actual value and state the baseline in the 上年 column or the value basis.",
    summary="A reduction rate that is very large (≥50% info, ≥90% warning) or has no baseline.",
    why="The 十堰 monitoring found targets '设置过高难以实现'; 财预〔2021〕101号 asks that values "
    "rest on historical, industry or plan standards, and a reduction rate means nothing "
    "without the baseline it is computed from. Thresholds: reduction_info_pct, "
    "reduction_warn_pct.",
    example="社会效益指标 | 安全事故下降率 | ≥95%",
    fixed="社会效益指标 | 安全事故下降率 | ≥10% | 上年=20起",
)
def implausible_reduction_magnitude(check: IndicatorCheck) -> Iterator[Hit]:
    value, indicator = check.value, check.indicator
    knowledge, settings = check.context.knowledge, check.context.settings
    number = value.value
    if value.kind != "quantity" or value.unit != "%" or number is None:
        return
    if knowledge.bound_of(indicator.name) != "reduction" or value.op in CEILING:
        return  # a ceiling is the wrong direction: L101
    if number > HUNDRED:
        return  # impossible: L105
    baseline = _has_baseline(indicator)
    severity: Severity = "info"
    size = None
    if number >= settings.reduction_warn_pct:
        severity, size = "warning", pair("几乎等于完全消除，难以实现", "close to elimination")
    elif number >= settings.reduction_info_pct:
        size = pair("很大，需要充分的测算依据", "very large")
    elif baseline:
        return
    yield Hit({"detail": _reduction_detail(size, baseline)}, severity=severity)


def _reduction_detail(size: dict[str, str] | None, baseline: bool) -> dict[str, str]:
    no_base = pair("没有给出上年基数，无法计算和核实降幅。", "no baseline is given to measure it.")
    if size is None:
        return no_base
    if baseline:
        return pair(f"要求的降幅{size['zh']}。", f"the cut asked for is {size['en']}.")
    return pair(
        f"要求的降幅{size['zh']}，且{no_base['zh']}",
        f"the cut asked for is {size['en']}, and {no_base['en']}",
    )


@rule(
    code="L108",
    name="trivial-threshold",
    kind="impossible-value",
    severity="error",
    scope="indicator",
    zh="“{name}”的指标值“{value}”{detail[zh]}",
    en="The target of '{name}' is '{value}': {detail[en]}",
    summary="A floor of zero (≥0, >0), or ≥1 of a count in a large project.",
    why="财预〔2020〕10号 asks that 历史标准 be set '相对较高' where achievable; a floor of "
    "zero is met by doing nothing, and '≥1' in a project of millions hardly measures performance. "
    "Threshold: trivial_budget_wan (万元).",
    example="数量指标 | 举办科普活动场次 | ≥1 次",
    fixed="数量指标 | 举办科普活动场次 | ≥12 次",
)
def trivial_threshold(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    knowledge = check.context.knowledge
    if value.kind not in NUMERIC or value.op not in FLOOR:
        return
    if value.value == 0 and not _may_be_negative(name, knowledge):
        detail = pair(
            "的下限是0，什么都不做也算达成，等于没有设定目标。请按年度计划填写具体数值。",
            "a floor of zero is met by doing nothing, so it sets no target. State the planned "
            "number.",
        )
        yield Hit({"detail": detail})
    elif value.value == 1 and value.op == ">=" and unit_category(value.unit) == "count":
        budget = _budget_wan(check.context.sheet.meta)
        if budget is not None and budget >= check.context.settings.trivial_budget_wan:
            yield Hit({"detail": _one_detail(budget, value)}, severity="info")


def _may_be_negative(name: str, knowledge: Knowledge) -> bool:
    """Growth rates, profits, changes: a floor of zero (no decline, no loss) means something."""
    direction = knowledge.direction_of(name)
    return (
        knowledge.bound_of(name) == "growth"
        or direction in ("lower", "ambiguous")
        or _word_in(name, knowledge.words.l_signed_measures) is not None
    )


def _one_detail(budget: Decimal, value: ParsedValue) -> dict[str, str]:
    single = _with_op(value, "=")
    return pair(
        f"只要求至少1{value.unit}，对预算{plain_number(budget)}万元的项目来说做一次就算达成，"
        f"难以体现绩效。请按年度计划的实际工作量设定；如果本来就只有一项，请写“{single}”。",
        f"at least one, in a project of {plain_number(budget)}万元, is met by doing it once. State "
        f"the planned workload; if there is only one deliverable, write '{single}'.",
    )


@rule(
    code="L109",
    name="satisfaction-value-form",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”{detail[zh]}",
    en="The target of '{name}' is '{value}', which {detail[en]}",
    summary="A satisfaction target that is not a percentage, or whose level is implausible.",
    why="财预〔2020〕10号 scores 满意度 from survey results, which give a percentage (or a score "
    "on a stated scale); a target below 70% is hardly a goal, one of 98% or more is hard to "
    "evidence with a survey. Thresholds: satisfaction_low_pct, satisfaction_high_pct.",
    example="服务对象满意度指标 | 群众满意度 | 满意",
    fixed="服务对象满意度指标 | 群众满意度 | ≥90%",
)
def satisfaction_value_form(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    knowledge, settings = check.context.knowledge, check.context.settings
    if not ends_with(name, knowledge.classes.satisfaction.contains):
        return
    if value.kind in ("graded", "binary") or (
        value.kind in ("quantity", "range") and value.unit not in ("%", "分", None)
    ):
        detail = pair(
            "不是百分比。满意度按问卷调查结果计算，请写成满意比例，如“≥90%”"
            "（用评分时写明满分，如“≥90分（满分100分）”）。",
            "is not a percentage. Satisfaction is measured by a survey: write a share such as "
            "'≥90%' (or a score with its scale).",
        )
        yield Hit({"detail": detail})
        return
    number = value.value
    if value.kind != "quantity" or value.unit != "%" or number is None or value.op in CEILING:
        return
    if number < settings.satisfaction_low_pct:
        detail = pair(
            f"低于{settings.satisfaction_low_pct}%，目标偏低。请参照上年调查结果或同类项目水平设定，"
            "如“≥85%”。",
            f"is below {settings.satisfaction_low_pct}%, a low target. Base it on last year's "
            "survey or similar projects, e.g. '≥85%'.",
        )
        yield Hit({"detail": detail}, severity="info")
    elif settings.satisfaction_high_pct <= number <= HUNDRED:
        detail = pair(
            f"达到{settings.satisfaction_high_pct}%以上，问卷调查很难证明达成（少数不满意即不达标）。"
            "请参照上年调查结果设定，如“≥90%”。",
            f"is {settings.satisfaction_high_pct}% or more, which a survey can hardly evidence "
            "(a few unsatisfied answers miss it). Base it on last year's survey, e.g. '≥90%'.",
        )
        yield Hit({"detail": detail}, severity="info")


# --- L110–L113: attribution, project stage and period ---------------------------------------


@rule(
    code="L110",
    name="benefit-disproportionate-to-budget",
    kind="inconsistent-with-budget",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”约为本项目预算（{budget}万元）的{ratio}倍，更像全市或行业的"
    "统计总量，而不是本项目资金能带来的效益。请改用可归因于本项目的效益，如“项目带动新增收入 "
    "≥X万元”，并写明测算依据。",
    en="The target of '{name}' is '{value}', about {ratio} times the project's budget "
    "({budget}万元): a regional or sector total rather than an effect this project can bring "
    "about. Use a benefit attributable to the project and state how it is estimated.",
    summary="A money benefit many times larger than the project's budget.",
    why="财预〔2021〕101号 asks that indicators be 高度关联 with the project; 财预〔2020〕10号 "
    "judges whether targets match the budget (绩效目标合理性). The 十堰 旅游 sheet sets 旅游创收 "
    "≥1718亿元 for 1000万元. Threshold: benefit_budget_ratio.",
    example="经济效益指标 | 旅游创收 | ≥1718 亿元",
    fixed="经济效益指标 | 项目带动旅游新增收入 | ≥5000 万元",
)
def benefit_disproportionate_to_budget(check: IndicatorCheck) -> Iterator[Hit]:
    ratio = _budget_ratio(check)
    if ratio is not None:
        budget = _budget_wan(check.context.sheet.meta)
        assert budget is not None
        yield Hit({"budget": plain_number(budget), "ratio": f"{ratio:,.0f}"})


def _budget_ratio(check: IndicatorCheck) -> Decimal | None:
    """The money benefit of a 效益 row over the budget, if at least benefit_budget_ratio."""
    value, indicator = check.value, check.indicator
    budget = _budget_wan(check.context.sheet.meta)
    if indicator.level1_canonical != "效益指标" or budget is None:
        return None
    if value.kind != "quantity" or value.unit != "元" or value.value is None:
        return None
    if value.op in CEILING:
        return None
    ratio = value.value / (budget * 10000)
    return ratio if ratio >= check.context.settings.benefit_budget_ratio else None


@rule(
    code="L111",
    name="regional-statistic-attribution",
    kind="other",
    severity="info",
    scope="indicator",
    zh="“{name}”是区域性统计指标（“{word}”），受经济、政策等许多因素影响，难以归因于本项目。"
    "请改用本项目直接带来的效益（如“{example}”），或在指标值确定依据中说明项目的贡献。",
    en="'{name}' is a region-wide statistic ('{word}') driven by many factors, hard to "
    "attribute to this project. Use an effect the project brings about directly (e.g. "
    "'{example}'), or explain its contribution in the value basis.",
    summary="A benefit indicator that is a region-wide statistic (全市, GDP, 优良天数比例, 断面).",
    why="财预〔2021〕101号 asks that indicators be 高度关联 with the project; regional statistics "
    "(GDP shares, air quality days, water sections) depend on far more than one project's "
    "funds. Rows that L110 reports are left to it.",
    example="社会效益指标 | 全市全社会研究与开发 (R&D) 经费占 GDP 比重 | 2.30%",
    fixed="社会效益指标 | 支持企业新增研发投入 | ≥3000 万元",
)
def regional_statistic_attribution(check: IndicatorCheck) -> Iterator[Hit]:
    if check.indicator.level1_canonical != "效益指标" or _budget_ratio(check) is not None:
        return
    words = check.context.knowledge.words
    word = _word_in(check.indicator.name, (*words.regional_statistics, *words.regional_scope))
    if word is not None:
        ecological = check.indicator.level2_canonical == "生态效益指标"
        example = (
            "项目整治点位水质达标率 ≥95%" if ecological else "受支持企业新增研发投入 ≥3000万元"
        )
        yield Hit({"word": word, "example": example}, field="name")


@rule(
    code="L112",
    name="stage-mismatch",
    kind="other",
    severity="info",
    scope="indicator",
    zh="“{name}”是一次性的建设或购置任务，目标“{value}”与上年（{previous}）相同，像是照抄往年的"
    "建设任务。请确认本年度是否仍在建设期；运维期请改用运行维护指标（如“设施正常运行率 ≥98%”）。",
    en="'{name}' is a one-off construction or purchase, and its target '{value}' repeats last "
    "year's ({previous}). Check that the project is still being built; in the operating stage "
    "use maintenance indicators (e.g. '设施正常运行率 ≥98%').",
    summary="A one-off construction count (建设, 购置, …) repeated from last year.",
    why="The 潜江 evaluation in the seeds found '建设临时管网污泥处理站 1座' in an operating year "
    "'与实际工作内容不符' and asks to match targets to the project stage (建设期/运维期).",
    example="数量指标 | 建设临时管网污泥处理站 | 1座 | 上年=1座",
    fixed="质量指标 | 污泥处理站正常运行率 | ≥98%",
)
def stage_mismatch(check: IndicatorCheck) -> Iterator[Hit]:
    indicator, value = check.indicator, check.value
    words = check.context.knowledge.words
    if indicator.level2_canonical != "数量指标" or value.value is None:
        return
    if not compact(indicator.name).startswith(words.one_off) or not _may_continue(check):
        return
    previous = indicator.parsed_history().get("上年")
    if previous and previous.value == value.value and previous.unit == value.unit:
        yield Hit({"previous": indicator.history["上年"]})


def _may_continue(check: IndicatorCheck) -> bool:
    """False only when the metadata says the project starts in the budget year or later."""
    meta = check.context.sheet.meta
    return meta.start_year is None or meta.budget_year is None or meta.start_year < meta.budget_year


@rule(
    code="L113",
    name="project-period-not-covering-budget-year",
    kind="other",
    severity="warning",
    scope="sheet",
    zh="{detail[zh]}",
    en="{detail[en]}",
    summary="The project period (起始/终止年度) does not include the budget year, or ends "
    "before it starts.",
    why="A target sheet sets the targets of the period the budget covers (财预〔2021〕101号: "
    "'在一定期限内预期达到的产出和效果'); a period outside the budget year means the years are "
    "wrong or the project should have ended.",
    example="起始年度 2025 | 终止年度 2025 (2026年预算)",
    fixed="起始年度 2025 | 终止年度 2027 (2026年预算)",
)
def project_period(context: Context) -> Iterator[Hit]:
    meta = context.sheet.meta
    start, end, year = meta.start_year, meta.end_year, meta.budget_year
    if start is None or end is None:
        return
    position = meta.positions.get("end_year") or meta.positions.get("start_year")
    if start > end:
        detail = pair(
            f"起始年度{start}年晚于终止年度{end}年，项目期间不成立。请核对起止年度。",
            f"The start year {start} is after the end year {end}. Check the project period.",
        )
        yield Hit({"detail": detail}, severity="error", position=position)
    elif year is not None and not start <= year <= end:
        period = f"{start}" if start == end else f"{start}—{end}"
        detail = pair(
            f"项目期间为{period}年，不包含预算年度{year}年。请核对起止年度"
            f"（项目延续到{year}年的，终止年度应不早于{year}年）。",
            f"The project runs {period}, which does not include the budget year {year}. "
            f"Check the years (a project continuing in {year} ends in {year} or later).",
        )
        yield Hit({"detail": detail}, position=position)


RULES = [
    direction_mismatch_rate,
    direction_mismatch_rank,
    direction_mismatch_duration,
    direction_mismatch_cost,
    rate_out_of_bounds,
    le_zero_target,
    implausible_reduction_magnitude,
    trivial_threshold,
    satisfaction_value_form,
    benefit_disproportionate_to_budget,
    regional_statistic_attribution,
    stage_mismatch,
    project_period,
]
