"""C rules: whether each indicator is filed under the right 一级/二级 category.

Basis: 财预〔2021〕101号 sets the four 一级 and their 二级; the 2015 填报说明 defines 数量
("计划完成的产品或服务数量"), 质量 ("达到的标准、水平和效果") and 时效 ("及时程度和效率情况"); a
seed evaluation report (潜江) judged 项目完成时限 filed as 质量 "不属于质量指标"
(rule catalog §3.2).

The rules read the suffix of the 三级 name with the lexicons (rules/lexicons.toml), then the value's
kind and unit. They fire on strong signals only, leave the ambiguous words of catalog §4.8 alone,
and go one level lower on rows the reader realigned; a row that looks like it carries the label of
the neighbouring group (label lag, catalog §1.2 item 4) is reported as info.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from target_lint.checks.common import (
    LOWER,
    contains_any,
    ends_with,
    goal_pairs,
    has_money_unit,
    nfkc_compact,
    runs,
    unit_category,
)
from target_lint.engine.finding import Severity
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import Context, Hit, IndicatorCheck, rule
from target_lint.sheet.model import GoalBlock, Indicator
from target_lint.sheet.taxonomy import classify_label, parent_of
from target_lint.values import ParsedValue

OUTPUT, BENEFIT, COST, SATISFACTION = "产出指标", "效益指标", "成本指标", "满意度指标"
QUANTITY, QUALITY, TIMELINESS = "数量指标", "质量指标", "时效指标"
ECONOMIC_COST, SOCIAL_COST, ECO_COST = "经济成本指标", "社会成本指标", "生态环境成本指标"
ECONOMIC, SOCIAL, ECOLOGICAL = "经济效益指标", "社会效益指标", "生态效益指标"
SERVICE_SATISFACTION = "服务对象满意度指标"
LEGACY_COST = "成本指标"  # the 2015 二级 under 产出 (same name as the 2021 一级)

# The 二级 a class of names belongs under (lexicon class → 二级).
HOME = {"time": TIMELINESS, "quality": QUALITY, "quantity": QUANTITY, "cost": ECONOMIC_COST}
# Layout repairs that moved category labels: a row's 二级 is then a guess of the reader.
LABEL_REPAIRS = frozenset({"label-lag", "label-lag-undone", "extra-labels", "level1-inferred"})
BENEFIT_WORDS = {
    ECONOMIC: ("经济收益", "an economic gain"),
    SOCIAL: ("社会影响", "a social effect"),
    ECOLOGICAL: ("环境成效", "an environmental effect"),
}
HUNDRED_MILLION = 100_000_000

_REMARK = re.compile(r"\([^()]*\)$")


# -- how the rules see a row ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One indicator with its canonical labels and the core of its name."""

    indicator: Indicator
    level1: str | None
    level2: str | None
    name: str

    @property
    def value(self) -> ParsedValue:
        return self.indicator.parsed

    def fits(self) -> bool:
        """Whether the 二级 belongs under the 一级 (otherwise S110 reports the row)."""
        return self.level2 is not None and self.level1 == _parent(self.level2)


@functools.lru_cache(maxsize=1 << 16)
def core_name(name: str) -> str:
    """The name in NFKC without whitespace and without a trailing bracketed remark."""
    return _REMARK.sub("", nfkc_compact(name))


def _parent(level2: str) -> str | None:
    return parent_of(level2, "2021") or parent_of(level2, "legacy_2015")


def labels_of(indicator: Indicator) -> Row | None:
    """The row with canonical labels; a 二级 name in the 一级 column stands for its 二级.

    None when the 一级 names no category (the S rules report such rows).
    """
    name = core_name(indicator.name)
    if indicator.level1_canonical is not None:
        return Row(indicator, indicator.level1_canonical, indicator.level2_canonical, name)
    found = classify_label(indicator.level1) if indicator.level1 else None
    if found is None or found[0] != 2:
        return None
    return Row(indicator, _parent(found[1]), found[1], name)


def _row(check: IndicatorCheck) -> Row | None:
    """The row of a C rule (with a name), derived once per indicator for all of them."""
    memo = check.memo
    if "classification" not in memo:
        memo["classification"] = _named(check.indicator)
    row: Row | None = memo["classification"]
    return row


def _named(indicator: Indicator) -> Row | None:
    row = labels_of(indicator)
    return row if row is not None and row.name else None


# -- value and name signals -------------------------------------------------------------------


def _is_amount(value: ParsedValue) -> bool:
    """A money unit, or a bare 万/亿 (``3157.97 万``)."""
    return has_money_unit(value) or (value.multiplier != 1 and value.unit is None)


def _is_count(value: ParsedValue) -> bool:
    """A count of things (个, 人次, 条 …) or a count per period (次/年)."""
    return value.kind == "frequency" or (
        value.kind in ("quantity", "range") and unit_category(value.unit) == "count"
    )


def _satisfaction_measure(knowledge: Knowledge, name: str) -> bool:
    """A name that measures satisfaction (ends with 满意度, 认可度 …), not 满意度调查次数."""
    return ends_with(name, knowledge.classes.satisfaction.contains)


@functools.lru_cache(maxsize=1 << 14)
def _measure_noun(knowledge: Knowledge, name: str) -> str | None:
    """The longest lexicon suffix of the name (照度, 响应时间, 次数 …), two characters or more."""
    classes = knowledge.classes
    suffixes = (
        *classes.time.suffix,
        *classes.quality.suffix,
        *classes.quantity.suffix,
        *classes.cost.suffix,
    )
    found = [s for s in suffixes if len(s) >= 2 and name.endswith(s)]
    return max(found, key=len) if found else None


# -- severity: realigned rows and label lag ---------------------------------------------------


def label_lag(check: IndicatorCheck) -> tuple[str, str] | None:
    """(neighbouring 二级, shared noun) when the row seems to carry its neighbour's label.

    The row opens (or closes) its group, shares its measure noun with the rows of the group
    before (or after) and with no other row of its own group: D0 项目5 `时效指标 / 城区次干道照度`
    right after the 质量 rows measuring 照度.
    """
    knowledge = check.context.knowledge
    noun = _measure_noun(knowledge, core_name(check.indicator.name))
    if noun is None:
        return None
    groups = runs(check.goal, lambda i: (i.level1, i.level2))
    for index, run in enumerate(groups):
        if not any(item is check.indicator for item in run):
            continue
        own = {_measure_noun(knowledge, core_name(i.name)) for i in run if i is not check.indicator}
        neighbours = []
        if run[0] is check.indicator and index > 0:
            neighbours.append(groups[index - 1])
        if run[-1] is check.indicator and index + 1 < len(groups):
            neighbours.append(groups[index + 1])
        for other in neighbours:
            nouns = {_measure_noun(knowledge, core_name(i.name)) for i in other}
            if noun in nouns and noun not in own:
                return other[0].level2 or other[0].level1, noun
    return None


def _hit(check: IndicatorCheck, base: Severity, **args: str) -> Hit:
    """A hit on the row's name, one level lower on a realigned row, info under label lag."""
    lag = label_lag(check)
    if lag is not None:
        severity: Severity = "info"
        note = f"（与相邻的“{lag[0]}”组同为“{lag[1]}”类指标，可能是合并单元格的标签错位）"
        note_en = (
            f" (it measures {lag[1]} like the '{lag[0]}' rows next to it: maybe a shifted label)"
        )
    elif check.indicator.realigned:
        severity = LOWER[base]
        note = "（此行版面经过修复，请先核对原表）"
        note_en = " (the row's layout was repaired: check the original)"
    else:
        severity, note, note_en = base, "", ""
    return Hit({**args, "note": note, "note_en": note_en}, field="name", severity=severity)


# -- 产出 二级: 数量 / 质量 / 时效 -----------------------------------------------------------------


def _time_by_value(knowledge: Knowledge, row: Row) -> bool:
    """A deadline or duration whose name is a lower-is-better time (审批时间, 处置时长 …)."""
    words = knowledge.words
    return (
        row.value.kind in ("deadline", "duration")
        and ends_with(row.name, words.duration_nouns)
        and contains_any(row.name, words.duration_verbs)
        and not contains_any(row.name, knowledge.classes.time.not_time)
    )


@rule(
    code="C101",
    name="time-indicator-outside-timeliness",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”衡量的是完成时间，属于时效指标，却填在“{filed}”下{note}。请移到“产出指标 / 时效指"
    "标”并写明时限，例如“时效指标 | 问题整改响应时间 | ≤5个工作日”。",
    en="'{name}' measures time, a timeliness indicator, but is filed under '{filed}'{note_en}. "
    "Move it to 产出指标 / 时效指标 with a time limit, e.g. '时效指标 | 问题整改响应时间 | ≤5个工"
    "作日'.",
    summary="A time limit, deadline or response time filed under 数量, 质量 or 效益.",
    why="The 2015 填报说明 defines 时效指标 as the timeliness of delivery (及时程度和效率情况); a "
    "seed evaluation report (潜江) judged 项目完成时限 under 质量指标 '不属于质量指标'. Service "
    "durations (无故障运行时长, 开放时长) are quality measures and are not reported.",
    example="质量指标 | 项目完成时限 | 依据合同规定",
    fixed="时效指标 | 项目完成时限 | 2026年12月31日前",
)
def time_indicator_outside_timeliness(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if (
        row is None
        or not row.fits()
        or row.level1 not in (OUTPUT, BENEFIT)
        or row.level2 == TIMELINESS
        or knowledge.is_process(row.name)
        or knowledge.is_satisfaction(row.name)
    ):
        return
    if knowledge.name_class(row.name) == "time" or _time_by_value(knowledge, row):
        yield _hit(check, "warning", filed=row.level2 or "")


def _has_time_semantics(knowledge: Knowledge, text: str) -> bool:
    return knowledge.has_time_words(text) or contains_any(text, knowledge.words.c_time_hints)


@rule(
    code="C102",
    name="non-time-indicator-in-timeliness",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”（{value}）填在“时效指标”下，但名称和指标值都不涉及时间，更像“{home}”{note}。请移"
    "到“{home}”，或改写为时限，例如“时效指标 | 故障修复时间 | ≤6小时”。",
    en="'{name}' ('{value}') is filed under 时效指标 but neither name nor value is about time; it "
    "looks like a {home} row{note_en}. Move it, or state a time limit, e.g. '故障修复时间 | ≤6小时"
    "'.",
    summary="A 时效 row whose name and value say nothing about time.",
    why="The 2015 填报说明 defines 时效指标 as the timeliness of delivery (及时程度和效率情况). A "
    "frequency (次/年) is reported as info only: some sheets use it for timeliness.",
    example="时效指标 | 培训人数 | ≥200人",
    fixed="时效指标 | 培训完成时间 | 2026年6月30日前",
)
def non_time_indicator_in_timeliness(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if (
        row is None
        or row.level2 != TIMELINESS
        or not row.fits()
        or knowledge.is_process(row.name)
        or knowledge.is_satisfaction(row.name)
        or ends_with(row.name, knowledge.words.c_timeliness_ambiguous)
        or _has_time_semantics(knowledge, row.name)
        or row.value.kind in ("deadline", "duration")
        or _has_time_semantics(knowledge, row.value.text)
    ):
        return
    kind = knowledge.name_class(row.name)
    if row.value.kind == "frequency":
        yield _hit(check, "info", home=HOME.get(kind or "quantity", QUANTITY))
    elif kind in ("quality", "quantity", "cost"):
        yield _hit(check, "warning", home=HOME[kind])


@rule(
    code="C103",
    name="quality-rate-in-quantity",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”是质量类比率，却填在“数量指标”下{note}。合格率、准确率等衡量产出达到的标准，请移到"
    "“质量指标”；数量指标写完成的数量，例如“验收设备数量 | ≥20台”。",
    en="'{name}' is a quality rate filed under 数量指标{note_en}. Rates such as 合格率 or 准确率 "
    "measure the standard reached: move it to 质量指标; 数量指标 counts what is delivered, e.g. '"
    "验收设备数量 | ≥20台'.",
    summary="A pass, accuracy or failure rate filed under 数量指标.",
    why="The 2015 填报说明: 数量指标 is the quantity of products or services delivered, 质量指标 "
    "the standard and level reached; common indicator libraries put 合格率 and 验收通过率 under 质"
    "量. 完成率 (quantity) and 覆盖率 (ambiguous) are not reported.",
    example="数量指标 | 设备验收合格率 | =100%",
    fixed="质量指标 | 设备验收合格率 | =100%",
)
def quality_rate_in_quantity(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or row.level2 != QUANTITY or not row.fits() or knowledge.is_process(row.name):
        return
    if knowledge.name_class(row.name) == "quality" and ends_with(
        row.name, knowledge.words.c_quality_rates
    ):
        yield _hit(check, "warning")


def _output_count(knowledge: Knowledge, row: Row) -> bool:
    """A count name (次数, 人数, 条数 …) with a count value, not a beneficiary count."""
    return (
        knowledge.name_class(row.name) == "quantity"
        and _is_count(row.value)
        and not contains_any(row.name, knowledge.words.c_outcome_counts)
    )


@rule(
    code="C104",
    name="quantity-in-quality",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”（{value}）是数量或频次，却填在“质量指标”下{note}。请移到“数量指标”；质量指标应写"
    "达到的标准，例如“巡查发现问题整改率 | ≥95%”。",
    en="'{name}' ('{value}') is a count or frequency filed under 质量指标{note_en}. Move it to 数"
    "量指标; 质量指标 states the standard reached, e.g. '巡查发现问题整改率 | ≥95%'.",
    summary="A count (次数, 人数 …) with a count or frequency value filed under 质量指标.",
    why="The 2015 填报说明: 数量指标 is the quantity of products or services delivered, 质量指标 "
    "the standard and level reached. Scores (评分) and beneficiary counts are ambiguous and not "
    "reported.",
    example="质量指标 | 队内巡查次数 | 每周 2 次",
    fixed="数量指标 | 队内巡查次数 | ≥2次/周",
)
def quantity_in_quality(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or row.level2 != QUALITY or not row.fits() or knowledge.is_process(row.name):
        return
    if ends_with(row.name, knowledge.classes.quantity.count_nouns) and _output_count(
        knowledge, row
    ):
        yield _hit(check, "warning")


# -- 效益 and 满意度 -----------------------------------------------------------------------------


@rule(
    code="C105",
    name="output-in-benefit",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”（{value}）是{what}，属于产出，却填在“效益指标”下{note}。请移到“产出指标 / 数量指"
    "标”；效益指标应写产出带来的效果，例如“企业研发投入增长率 | ≥10%”。",
    en="'{name}' ('{value}') is {what_en}, an output, but is filed under 效益指标{note_en}. Move "
    "it to 产出指标 / 数量指标; 效益指标 states the effect of the outputs, e.g. '企业研发投入增长"
    "率 | ≥10%'.",
    summary="A count of work done or a task-completion rate filed under 效益指标.",
    why="财预〔2021〕101号: 效益指标 describe the effect of the outputs, not the outputs "
    "themselves; the 2015 填报说明 defines 数量指标 as the quantity delivered. Outcome rates (污水"
    "处理率) and beneficiary counts (受益人数) are not reported.",
    example="社会效益指标 | 保障城区主干道路灯安全运行条数 | ≥102 条",
    fixed="数量指标 | 保障城区主干道路灯安全运行条数 | ≥102条",
)
def output_in_benefit(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or row.level1 != BENEFIT or knowledge.is_process(row.name):
        return
    completion = knowledge.name_class(row.name) == "quantity" and row.name.endswith("完成率")
    if completion or row.name.endswith("备案率"):
        yield _hit(check, "warning", what="任务完成情况", what_en="the completion of a task")
    elif _output_count(knowledge, row):
        yield _hit(check, "warning", what="完成的工作量", what_en="a count of work done")


@rule(
    code="C109",
    name="non-satisfaction-in-satisfaction",
    kind="misclassified",
    severity="error",
    scope="indicator",
    zh="“{name}”（{value}）填在“满意度指标”下，但不是满意度{note}。满意度指标衡量服务对象的认可程"
    "度，例如“服务对象满意度 | ≥90%”；这一指标请移到相应的产出或效益指标。",
    en="'{name}' ('{value}') is filed under 满意度指标 but is not a satisfaction "
    "measure{note_en}. 满意度指标 measure the recognition of service objects, e.g. '服务对象满意度"
    " | ≥90%'; move this row to the output or benefit indicators.",
    summary="A row under 满意度指标 whose name has no satisfaction word (满意, 认可度, 好评率).",
    why="财预〔2021〕101号 and 财预〔2015〕88号: 满意度指标 (服务对象满意度) reflect how service "
    "objects rate the project; other measures belong under 产出 or 效益.",
    example="服务对象满意度 | 为企业落实“科创贷”融资需求资金 | ≥1 亿元",
    fixed="经济效益指标 | 为企业落实“科创贷”融资需求资金 | ≥1亿元",
)
def non_satisfaction_in_satisfaction(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is not None and row.level1 == SATISFACTION and not knowledge.is_satisfaction(row.name):
        yield _hit(check, "error")


@rule(
    code="C110",
    name="satisfaction-outside-satisfaction",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”是满意度指标，却填在“{filed}”下{note}。满意度是单独的一级指标，请移到“满意度指标 "
    "/ 服务对象满意度指标”。",
    en="'{name}' is a satisfaction measure filed under '{filed}'{note_en}. Satisfaction is a 一级 "
    "of its own: move it to 满意度指标 / 服务对象满意度指标.",
    summary="A satisfaction measure (满意度, 满意率, 认可度) filed under 产出 or 效益.",
    why="财预〔2021〕101号 makes 满意度指标 a 一级 of its own, with 服务对象满意度指标 as its 二级"
    ". Some 2015-style templates put 满意度 under 效益, so legacy sheets get info.",
    example="社会效益指标 | 群众满意度 | ≥90%",
    fixed="服务对象满意度指标 | 群众满意度 | ≥90%",
)
def satisfaction_outside_satisfaction(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if (
        row is None
        or row.level1 not in (OUTPUT, BENEFIT)
        or row.level2 == SERVICE_SATISFACTION
        or not _satisfaction_measure(knowledge, row.name)
    ):
        return
    base: Severity = "info" if check.context.mode() == "legacy_2015" else "warning"
    yield _hit(check, base, filed=row.level2 or row.level1 or "")


def _benefit_types(knowledge: Knowledge, name: str) -> set[str]:
    """The benefit 二级 that the name's strong words point to."""
    words = knowledge.words
    signals = {
        ECONOMIC: words.c_economic_signals,
        SOCIAL: words.c_social_signals,
        ECOLOGICAL: words.c_ecological_signals,
    }
    return {level2 for level2, found in signals.items() if contains_any(name, found)}


@rule(
    code="C111",
    name="benefit-subtype-mismatch",
    kind="misclassified",
    severity="info",
    scope="indicator",
    zh="“{name}”填在“{filed}”下，但从名称看是{what}，属于“{home}”{note}。请核对二级指标，必要时移"
    "到“{home}”下。",
    en="'{name}' is filed under '{filed}' but its name reads as {what_en}, a '{home}' "
    "row{note_en}. Check the 二级 and move it if so.",
    summary="A benefit whose name clearly belongs to another benefit type (经济/社会/生态).",
    why="财预〔2021〕101号 splits 效益指标 into 经济, 社会 and 生态 effects. Only strong words "
    "count (收入, 事故, 污水处理率 …), and only when the name has no word of its own type.",
    example="经济效益指标 | 森林覆盖率 | ≥45%",
    fixed="生态效益指标 | 森林覆盖率 | ≥45%",
)
def benefit_subtype_mismatch(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or row.level2 not in (ECONOMIC, SOCIAL, ECOLOGICAL) or not row.fits():
        return
    if knowledge.is_process(row.name) or knowledge.is_satisfaction(row.name):
        return
    types = _benefit_types(knowledge, row.name)
    benefit = knowledge.classes.benefit
    own = {ECONOMIC: benefit.economic, SOCIAL: benefit.social, ECOLOGICAL: benefit.ecological}
    if (
        len(types) == 1
        and row.level2 not in types
        and not contains_any(row.name, own[row.level2])
        and not (row.level2 == ECONOMIC and _is_amount(row.value))
    ):
        home = types.pop()
        what, what_en = BENEFIT_WORDS[home]
        yield _hit(check, "info", filed=row.level2, home=home, what=what, what_en=what_en)


# -- 成本 and process ----------------------------------------------------------------------------


@rule(
    code="C106",
    name="process-indicator-as-performance",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”衡量的是预算执行或资金管理过程，不是项目的产出或效益{note}。请删去，或改为产出、效"
    "果指标，例如“补助资金发放准确率 | =100%”。",
    en="'{name}' measures budget execution or fund management, not an output or effect{note_en}. "
    "Drop it or replace it with an output or effect, e.g. '补助资金发放准确率 | =100%'.",
    summary="A process or input measure (预算执行率, 资金到位率, 结余率 …) used as a target.",
    why="Provincial rules: 财力、人力和物力等投入数量 cannot be performance targets; 财预〔2020〕"
    "10号 evaluates 预算执行率 and 资金到位率 under 过程, not under 产出 or 效益.",
    example="质量指标 | 预算执行率 | ≥90%",
    fixed="质量指标 | 补助资金发放准确率 | =100%",
)
def process_indicator_as_performance(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    if row is None or row.level1 not in (OUTPUT, BENEFIT, COST):
        return
    if check.context.knowledge.is_process(row.name):
        yield _hit(check, "warning")


def _economic_cost(row: Row) -> bool:
    """Under 经济成本 (or the legacy 产出 / 成本 二级, or 成本 with no 二级)."""
    if row.level2 in (ECONOMIC_COST, LEGACY_COST):
        return True
    return row.level1 == COST and row.level2 is None


def _not_money(value: ParsedValue) -> bool:
    """A value that is plainly not an amount: a count, a rate, a date, a grade …"""
    if value.kind in ("frequency", "duration", "deadline", "graded", "binary", "vague"):
        return True
    return value.kind in ("quantity", "range") and value.unit is not None and not _is_amount(value)


@rule(
    code="C107",
    name="non-cost-indicator-in-cost",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”（{value}）填在“{filed}”下，但既不是成本项目，指标值也不是金额{note}。经济成本指标"
    "应写直接成本，例如“道路清扫保洁费用 | ≤1311.13万元”；工作量或频次请移到产出指标。",
    en="'{name}' ('{value}') is filed under '{filed}' but is neither a cost item nor an "
    "amount{note_en}. 经济成本指标 state direct costs, e.g. '道路清扫保洁费用 | ≤1311.13万元'; "
    "move work or frequencies to the output indicators.",
    summary="A row under 经济成本指标 with no cost word and a value that is not money.",
    why="财预〔2021〕101号: 经济成本指标 are the direct economic cost (总成本, 单位成本, 分项成本"
    "控制数); the 2015 填报说明: 成本指标 '分单位成本和总成本'. 社会/生态环境成本 measure harm in "
    "other units and are checked by C108.",
    example="经济成本指标 | 完成国家卫生城市复审及文明城市迎检工作及日常环境整治 | 每月至少3次",
    fixed="数量指标 | 国家卫生城市复审及文明城市迎检整治次数 | ≥3次/月",
)
def non_cost_indicator_in_cost(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or not _economic_cost(row) or knowledge.is_process(row.name):
        return
    if not knowledge.is_cost_name(row.name) and _not_money(row.value):
        yield _hit(check, "warning", filed=row.level2 or row.level1 or "")


def _improvement_value(knowledge: Knowledge, value: ParsedValue) -> bool:
    words = knowledge.words.improvement_values
    return value.text.strip() in words or (value.word is not None and value.word in words)


@rule(
    code="C108",
    name="positive-outcome-as-social-or-eco-cost",
    kind="misclassified",
    severity="warning",
    scope="indicator",
    zh="“{name}”（{value}）写的是正面成效，却填在“{filed}”下{note}。社会成本、生态环境成本指标衡量"
    "项目可能造成的负面影响，例如“施工扬尘污染投诉次数 | ≤5次”；成效请移到效益指标。",
    en="'{name}' ('{value}') describes an improvement but is filed under '{filed}'{note_en}. "
    "Social and ecological cost indicators measure possible harm, e.g. '施工扬尘污染投诉次数 | ≤5"
    "次'; move improvements to the benefit indicators.",
    summary="An improvement (提高…, 改善…, 达标) filed as a 社会成本 or 生态环境成本.",
    why="财预〔2021〕101号: 社会成本 and 生态环境成本 are the negative effects the project may "
    "have on society or the environment (可能造成的负面影响), not its benefits.",
    example="生态环境成本指标 | 提高绿化质量 | 达标",
    fixed="生态效益指标 | 绿地养护质量考核达标率 | ≥95%",
)
def positive_outcome_as_cost(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    knowledge = check.context.knowledge
    if row is None or row.level2 not in (SOCIAL_COST, ECO_COST):
        return
    improves = row.name.startswith(knowledge.words.improvement_verbs)
    harm = contains_any(row.name, knowledge.words.c_harm_words)
    if improves or (_improvement_value(knowledge, row.value) and not harm):
        yield _hit(check, "warning", filed=row.level2)


# -- 产出 that no project delivers ---------------------------------------------------------------


def _macro_reason(knowledge: Knowledge, row: Row) -> tuple[str, str] | None:
    """Why the row reads as a regional statistic (zh, en), or None."""
    words = knowledge.words
    regional = contains_any(row.name, words.regional_scope)
    count = _is_count(row.value) and row.value.kind != "frequency"
    if contains_any(row.name, words.c_macro_terms):
        return "属于宏观经济统计", "is a macro-economic statistic"
    if regional and contains_any(row.name, words.rank):
        return "是地区排名", "is a regional ranking"
    if count and row.value.multiplier >= HUNDRED_MILLION:
        return "以亿计", "is counted in hundreds of millions"
    if count and regional and row.value.multiplier > 1:
        return "是全地区的总数", "is a region-wide total"
    return None


@rule(
    code="C112",
    name="macro-outcome-as-output",
    kind="misclassified",
    severity="info",
    scope="indicator",
    zh="“{name}”（{value}）{reason}，反映的是地区总体情况，不是本项目能交付的产出{note}。产出指标"
    "应写本项目完成的工作量，例如“举办宣传推介活动 | ≥6次”；地区数据如需保留，请放到效益指标并说明"
    "项目的贡献。",
    en="'{name}' ('{value}') {reason_en}: a regional figure, not an output of this "
    "project{note_en}. Outputs are the work the project delivers, e.g. '举办宣传推介活动 | ≥6次'; "
    "keep regional figures under 效益 with the project's contribution explained.",
    summary="A regional statistic (GDP, 全省排名, 亿人次) filed as a project output.",
    why="财预〔2021〕101号 asks for indicators closely tied to the project (高度关联); the 十堰 "
    "report found targets 'set too high to be achieved'. Region-wide totals measure the region.",
    example="数量指标 | 接待游客 | ≥1.6 亿人次",
    fixed="数量指标 | 举办宣传推介活动 | ≥6次",
)
def macro_outcome_as_output(check: IndicatorCheck) -> Iterator[Hit]:
    row = _row(check)
    if row is None or row.level1 != OUTPUT:
        return
    reason = _macro_reason(check.context.knowledge, row)
    if reason is not None:
        yield _hit(check, "info", reason=reason[0], reason_en=reason[1])


# -- long-term vs annual -------------------------------------------------------------------------


def _level2_by_name(goal: GoalBlock) -> dict[str, tuple[set[str], Indicator]]:
    """Each name's 二级 in one table (rows whose labels the reader moved are left out)."""
    found: dict[str, tuple[set[str], Indicator]] = {}
    for indicator in goal.indicators:
        row = labels_of(indicator)
        if row is None or row.level2 is None or LABEL_REPAIRS & set(indicator.realigned):
            continue
        found.setdefault(row.name, (set(), indicator))[0].add(row.level2)
    return found


@rule(
    code="C113",
    name="classification-differs-long-vs-annual",
    kind="misclassified",
    severity="info",
    scope="sheet",
    zh="“{name}”在长期绩效目标表中填在“{long}”下，在年度绩效目标表中却填在“{annual}”下。同一指标在"
    "两张表中应归入同一二级指标，{advice}。",
    en="'{name}' is filed under '{long}' in the long-term table but under '{annual}' in the "
    "annual table. One indicator belongs under one 二级 in both: {advice_en}.",
    summary="The same indicator sits under different 二级 in the long-term and annual tables.",
    why="The 2015 填报说明: annual indicators refine and quantify the long-term ones, so the same "
    "indicator should keep its category; a difference means one of the two is misfiled.",
    example="长期: 时效指标 | 队内巡查次数 | 每周 2 次; 年度: 质量指标 | 队内巡查次数 | 每周 2 次",
    fixed="长期和年度: 数量指标 | 队内巡查次数 | ≥2次/周",
)
def classification_differs(context: Context) -> Iterator[Hit]:
    for long, annual in goal_pairs(context.sheet):
        earlier = _level2_by_name(long)
        for name, (levels, indicator) in _level2_by_name(annual).items():
            if name in earlier and not levels & earlier[name][0]:
                args = {
                    "long": "、".join(sorted(earlier[name][0])),
                    "annual": "、".join(sorted(levels)),
                    **_advice(context.knowledge, name),
                }
                yield Hit(args, indicator=indicator, field="name")


def _advice(knowledge: Knowledge, name: str) -> dict[str, str]:
    """Where the name's lexicon class puts the indicator, as message text."""
    home = HOME.get(knowledge.name_class(name) or "")
    if home is None:
        return {"advice": "请按指标含义统一", "advice_en": "align them"}
    return {"advice": f"按指标含义应都放在“{home}”下", "advice_en": f"by its name, {home}"}


RULES = [
    time_indicator_outside_timeliness,
    non_time_indicator_in_timeliness,
    quality_rate_in_quantity,
    quantity_in_quality,
    output_in_benefit,
    process_indicator_as_performance,
    non_cost_indicator_in_cost,
    positive_outcome_as_cost,
    non_satisfaction_in_satisfaction,
    satisfaction_outside_satisfaction,
    benefit_subtype_mismatch,
    macro_outcome_as_output,
    classification_differs,
]
