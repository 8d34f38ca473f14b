"""V rules: whether each target value (指标值) is clear and measurable.

Basis: 财预〔2020〕10号 评价要点② asks that targets be shown "通过清晰、可衡量的指标值"; the
evaluation reports in the seeds cite unmeasurable values again and again (rule catalog §3.3).

One cause, one finding: where two rules would describe the same defect, the more specific one
reports it and the other stays silent (the predicates below are shared for that):

- a rate name with a non-numeric value is V112, not V102 (vague) or V104 (yes/no): the fix is
  the same number either way, and V102's "or a tier on a scale" advice is wrong for a rate;
- a value that repeats its name is V108, not V102/V104/V101;
- a target written in the name cell with words in the value cell (`每年12月31日前 / 完成日`)
  is V107, not V113 (unit only), V102 or V104;
- V101 (free text) only fires when none of V107, V108, V112, V113, V115 explains the text;
- a narrative name (V105) is not also reported as an activity (V106);
- the missing operator of `每周 2 次` is V109's; V110 only rewrites the phrase (`2次/周`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from target_lint.checks.common import MULTIPLIER_WORDS, OPERATOR_SIGNS, nfkc_compact, scaled_unit
from target_lint.engine.finding import Fix
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import Hit, IndicatorCheck, rule
from target_lint.values import ParsedValue, parse_value
from target_lint.values.vocabulary import vocabulary

MEASURED = ("quantity", "range", "frequency", "duration")
WORDY = ("text", "vague", "binary", "graded")
# Defects after which "operator + cell text" is not a usable suggestion.
REWRITTEN = ("frequency-phrase", "extra-text", "spelled-unit", "duplicated-unit")
PERIOD_PHRASE = re.compile(r"每(?:个)?(?:年|季度|季|月|周|星期|日|天)")
TIME_LIMIT = re.compile(r"(\d+(?:\.\d+)?)\s*(个工作日|工作日|个小时|小时|分钟|天|日|周|个月|月)")


# -- helpers ---------------------------------------------------------------------------------


def _unmarked(text: str) -> str:
    """NFKC, no whitespace, no trailing export marker ``#``."""
    return nfkc_compact(text).rstrip("#")


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _written_unit(value: ParsedValue) -> str:
    """The unit as written (with 万/亿), or the canonical unit after a spelling defect."""
    unit = value.span("unit")
    if unit is None or value.kind == "frequency" or set(REWRITTEN) & set(value.defects):
        return scaled_unit(value)
    return MULTIPLIER_WORDS.get(value.multiplier, "") + value.text[unit.start : unit.end]


def _symbolic(value: ParsedValue, op: str | None = None, number: str | None = None) -> str:
    """The value as ``operator number unit``: ``≥3次/月``, ``≤5个工作日``, ``100%``."""
    symbol = OPERATOR_SIGNS.get(op or value.op or "", "")
    return f"{symbol}{number or value.number}{_written_unit(value)}"


def _direction_op(check: IndicatorCheck) -> str:
    """``<=`` for lower-is-better names and amounts of cost names, else ``>=``."""
    value = check.value
    knowledge = check.context.knowledge
    name = check.indicator.name
    amount = value.unit is None or value.unit.startswith("元")
    if knowledge.direction_of(name) == "lower" or (amount and knowledge.is_cost_name(name)):
        return "<="
    return ">="


def _shifted(check: IndicatorCheck) -> bool:
    return any(note.startswith("shifted") for note in check.indicator.realigned)


# -- shared predicates (which rule owns a cause) --------------------------------------------


def _rate_without_number(check: IndicatorCheck) -> bool:
    """V112: a rate name whose value is words only (satisfaction names are L109's)."""
    knowledge = check.context.knowledge
    name, value = _unmarked(check.indicator.name), check.value
    return (
        name.endswith(knowledge.words.rate_suffixes)
        and not knowledge.is_satisfaction(name)
        and value.kind in WORDY
        and not _has_digit(value.text)
        and not _unit_only(check)
    )


def _swapped(check: IndicatorCheck) -> bool:
    """V107: the name cell reads as a value, the value cell as words without a number."""
    value = check.value
    if value.kind not in WORDY or _has_digit(value.text):
        return False
    as_value = parse_value(check.indicator.name)
    if "extra-text" in as_value.defects:  # 1小时内到场率 is a name
        return False
    return as_value.kind == "deadline" or (as_value.kind in MEASURED and as_value.op is not None)


def _repeats_name(check: IndicatorCheck) -> bool:
    """V108: the value is the name again."""
    name = _unmarked(check.indicator.name)
    return bool(name) and name == _unmarked(check.value.text)


def _unit_only(check: IndicatorCheck) -> bool:
    """V113: an operator and/or a unit (after at most a bare word such as 完成), no number."""
    value = check.value
    if "missing-number" not in value.defects or _swapped(check):
        return False
    if value.kind == "empty":
        return True
    if value.kind != "text":
        return False
    return _unit_prefix(value) in _plain_words()


def _unit_prefix(value: ParsedValue) -> str:
    """The words before the unit of a unit-only text: ``完成`` of ``完成百分比``."""
    starts = [s.start for s in value.spans if s.part in ("unit", "multiplier")]
    return _unmarked(value.text[: min(starts)]) if starts else _unmarked(value.text)


def _plain_words() -> frozenset[str]:
    vocab = vocabulary()
    return frozenset({""}) | vocab.binary | vocab.vague | vocab.grades | set(vocab.operator_words)


def _mixed_standard(check: IndicatorCheck) -> bool:
    """V115: free text that mixes 及时 with a numeric limit."""
    value = check.value
    words = check.context.knowledge.words.v_vague_time
    return value.kind == "text" and _has_digit(value.text) and any(w in value.text for w in words)


@functools.lru_cache(maxsize=1 << 14)
def _narrative_sign(name: str, knowledge: Knowledge) -> str | None:
    """Why a name reads as a sentence, or None (V105)."""
    text = _unmarked(name)
    words = knowledge.words
    if len(text) > 30:
        return f"长达{len(text)}个字"
    masked = "".join(name.split())
    for word in words.v_not_narrative:
        masked = masked.replace(word, "□" * len(word))
    mark = next((m for m in words.narrative_marks if m in masked), None)
    if mark == "了":
        return "用了“了”，说的是已经做成的事"
    if mark:
        return f"含有句中标点“{mark}”"
    start = next((s for s in words.narrative_starts if masked.startswith(s)), None)
    if start and not _is_measure_name(text, knowledge):
        return f"以“{start}”开头"
    return None


@functools.lru_cache(maxsize=1 << 14)
def _activity_verb(name: str, knowledge: Knowledge) -> str | None:
    """The verb an activity name starts with (V106): no measure noun, no sentence (V105's)."""
    verb = next((v for v in knowledge.words.action_verbs if name.startswith(v)), None)
    if verb is None or _is_measure_name(name, knowledge):
        return None
    return verb if _narrative_sign(name, knowledge) is None else None


def _is_measure_name(name: str, knowledge: Knowledge) -> bool:
    """The name ends with a measure noun (人数, 率, 面积, …) or names a cost or time limit."""
    words = knowledge.words
    if name.endswith(words.v_not_measure_nouns):
        return False
    return name.endswith(words.measure_nouns) or knowledge.name_class(name) in ("cost", "time")


# -- rules -----------------------------------------------------------------------------------


@rule(
    code="V101",
    name="unparsable-target-value",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”是一段说明，读不出数值、等级或期限，无法考核。请改为“计算符号+"
    "数值+单位”（如“≥95%”）、明确的期限（如“≤2026年12月31日”）或分级中的一档（如“合格”）。",
    en="The target of '{name}' is '{value}', free text with no number, grade or deadline to "
    "assess. Write operator, number and unit (e.g. '≥95%'), a deadline or a tier on a scale.",
    summary="The target value is free text that states no measurable target.",
    why="财预〔2020〕10号 评价要点②: targets must be shown by clear, measurable values; the "
    "铁山区 evaluation in the seeds found '部分绩效指标缺乏清晰可衡量的指标值'.",
    example="质量指标 | 整改完成情况 | 按上级要求并结合实际推进",
    fixed="质量指标 | 问题整改完成率 | ≥95%",
)
def unparsable_target_value(check: IndicatorCheck) -> Iterator[Hit]:
    if check.value.kind != "text":
        return
    specific = (_swapped, _repeats_name, _rate_without_number, _unit_only, _mixed_standard)
    if not any(owns(check) for owns in specific):
        yield Hit()


@rule(
    code="V102",
    name="vague-qualitative-value",
    kind="vague-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”{problem}，无法衡量是否达成。请改为数值目标（如“≥90%”），"
    "{alternative}。",
    en="The target of '{name}' is '{value}': {problem_en}, which cannot be assessed. Give a "
    "number (e.g. '≥90%') or {alternative_en}.",
    summary="A qualitative target made only of directional or descriptive words.",
    why="财预〔2015〕88号 allows qualitative targets only when they stay measurable; "
    "财预〔2011〕285号 asks for 分级分档 forms; the seed reports cite "
    "缺乏清晰可衡量的指标值. 达标/合格 count as vague when the name itself is a goal statement "
    "(rule catalog §5.1).",
    example="社会效益指标 | 公共区域景观亮化效果 | 明亮、美观、温馨",
    fixed="社会效益指标 | 景观亮化设施亮灯率 | ≥98%",
)
def vague_qualitative_value(check: IndicatorCheck) -> Iterator[Hit]:
    if _rate_without_number(check) or _repeats_name(check) or _swapped(check):
        return
    value = check.value
    if value.kind == "vague":
        yield Hit(
            {
                "problem": "只有方向性或描述性的词",
                "problem_en": "directional words only",
                "alternative": "或在明确的分级中取一档（如“优良及以上”）",
                "alternative_en": "a tier on a declared scale",
            }
        )
    elif value.kind == "graded" and value.word in ("达标", "合格") and _statement_name(check):
        yield Hit(
            {
                "problem": "没有说明按什么标准判定，指标名称本身又是一句目标描述",
                "problem_en": "a pass word with no named standard, under a goal statement",
                "alternative": "或写明依据的标准（如“符合《园林绿化养护标准》二级”）",
                "alternative_en": "conformity to a named standard",
            }
        )


def _statement_name(check: IndicatorCheck) -> bool:
    """A name that is a goal statement: 提高绿化质量, 花坛环境整洁有序."""
    name = _unmarked(check.indicator.name)
    words = check.context.knowledge.words
    return name.startswith(words.action_verbs) or name.endswith(words.v_statement_ends)


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
    code="V104",
    name="binary-yes-no-value",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”只能回答是或否，{problem}。{advice}",
    en="The target of '{name}' is '{value}', a yes/no answer: {problem_en}. {advice_en}",
    summary="A yes/no value (是, 完成, 年度完成) instead of a measurable target.",
    why="财预〔2020〕10号 self-evaluation grades qualitative targets in three tiers (fully, "
    "partly, not achieved), which a yes/no answer cannot express; 评价要点② asks for "
    "measurable values. A 是否-question or a milestone is tolerated (info): a date or a 及时率 "
    "is better.",
    example="经济效益指标 | 防洪排涝，保障了辖区内企业正常运转 | 是#",
    fixed="经济效益指标 | 汛期受淹企业恢复生产时间 | ≤24小时",
)
def binary_yes_no_value(check: IndicatorCheck) -> Iterator[Hit]:
    if check.value.kind != "binary" or any(
        owns(check) for owns in (_rate_without_number, _repeats_name, _swapped)
    ):
        return
    name = _unmarked(check.indicator.name)
    knowledge = check.context.knowledge
    if any(w in name for w in knowledge.words.milestones) or knowledge.name_class(name) == "time":
        deadline = _year_end(check)
        yield Hit(
            {
                "problem": "反映不出部分完成或拖延的程度",
                "problem_en": "it cannot show partial or late completion",
                "advice": f"建议改为期限或比率，例如“{deadline}”或“按期完成率 =100%”。",
                "advice_en": f"Prefer a deadline or a rate, e.g. '{deadline}' or "
                "'按期完成率 =100%'.",
            },
            severity="info",
        )
    else:
        yield Hit(
            {
                "problem": "而名称是一句效果陈述，无法衡量达成程度",
                "problem_en": "the name is a statement of effect, so nothing can be measured",
                "advice": "请改为可量化的效果指标并给出数值，例如“积水点排除及时率 ≥95%”。",
                "advice_en": "Name a measurable effect and give its value, e.g. "
                "'积水点排除及时率 ≥95%'.",
            }
        )


def _year_end(check: IndicatorCheck) -> str:
    """The end of the budget year as a deadline value: ``2026年12月31日前``."""
    year = check.context.sheet.meta.budget_year
    return f"{year}年12月31日前" if year else "当年12月31日前"


@rule(
    code="V105",
    name="indicator-name-is-narrative",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    zh="三级指标“{name}”{sign}，像一句工作说明，不是可衡量的指标名称。请改为“对象+计量”的短名称，"
    "例如“投诉处理响应时间”“受淹企业数”。",
    en="The indicator name '{name}' reads as a sentence ({sign_en}), not as a measure. Use a "
    "short 'object + measure' name, e.g. '投诉处理响应时间'.",
    summary="The indicator name is a sentence or an explanation instead of a measure.",
    why="财预〔2020〕10号 评价要点①: goals must be broken down into concrete indicators; "
    "provincial budget systems reject names longer than 100 characters (error above that).",
    example="时效指标 | 反映处理投诉纠纷及时情况 | ≤12 小时",
    fixed="时效指标 | 投诉纠纷处理响应时间 | ≤12 小时",
)
def indicator_name_is_narrative(check: IndicatorCheck) -> Iterator[Hit]:
    sign = _narrative_sign(check.indicator.name, check.context.knowledge)
    if sign is None:
        return
    length = len(_unmarked(check.indicator.name))
    yield Hit(
        {"sign": sign, "sign_en": f"{length} characters" if length > 30 else "sentence form"},
        field="name",
        severity="error" if length > 100 else None,
    )


@rule(
    code="V106",
    name="indicator-name-is-activity",
    kind="unmeasurable-value",
    severity="info",
    scope="indicator",
    zh="三级指标“{name}”以“{verb}”开头、没有计量名词，{problem}。{advice}",
    en="The indicator name '{name}' starts with the verb '{verb}' and names no measure: "
    "{problem_en}. {advice_en}",
    summary="The indicator name is an activity (推出…, 打造…) with no measure noun.",
    why="财预〔2020〕10号 评价要点① asks for concrete indicators, not work items; the 潜江 "
    "evaluation in the seeds found targets '与实际工作内容不符'.",
    example="数量指标 | 推出黄金旅游线路 | 10 条",
    fixed="数量指标 | 新推出黄金旅游线路数量 | ≥10 条",
)
def indicator_name_is_activity(check: IndicatorCheck) -> Iterator[Hit]:
    knowledge = check.context.knowledge
    name = _unmarked(check.indicator.name)
    verb = _activity_verb(name, knowledge)
    if verb is None:
        return
    if verb in knowledge.words.improvement_verbs:
        args = {
            "problem": "说的是希望达到的效果，没有说用什么衡量",
            "problem_en": "it states a hoped-for effect without saying how it is measured",
            "advice": "请写明衡量这一效果的指标，例如某项达标率、满意度或投诉下降率。",
            "advice_en": "Name the measure of the effect, e.g. a compliance rate or a drop in "
            "complaints.",
        }
    else:
        args = {
            "problem": "描述的是一项工作而不是衡量什么",
            "problem_en": "it is a work item",
            "advice": f"请写明计量对象，例如“{name}数量”，或相应的人次、面积、比率。",
            "advice_en": f"Say what is counted, e.g. '{name}数量', a headcount, an area or a rate.",
        }
    yield Hit({"verb": verb} | args, field="name")


@rule(
    code="V107",
    name="name-value-swapped",
    kind="layout",
    severity="error",
    scope="indicator",
    zh="三级指标“{name}”读起来是一个指标值，而指标值“{value}”却没有数值，两格可能填反了。请在名称中写"
    "衡量什么、在指标值中写目标，例如“项目完成时间 | 2026年12月31日前”。",
    en="The name '{name}' reads as a target value while the value '{value}' has no number: the "
    "two cells look swapped. Put the measure in the name and the target in the value, e.g. "
    "'项目完成时间 | 2026年12月31日前'.",
    summary="The name cell holds the target (a date or a number) and the value cell holds words.",
    why="财预〔2020〕10号 评价要点①②: an indicator and its value must each be clear; a "
    "deadline in the name cell leaves the value unmeasurable. Lowered to warning on rows the "
    "reader shifted, where the swap may come from the extraction.",
    example="时效指标 | 每年12月31日前 | 完成日",
    fixed="时效指标 | 年度工作完成时间 | 每年12月31日前",
)
def name_value_swapped(check: IndicatorCheck) -> Iterator[Hit]:
    if _swapped(check):
        yield Hit(field="name", severity="warning" if _shifted(check) else None)


@rule(
    code="V108",
    name="name-equals-value",
    kind="unmeasurable-value",
    severity="error",
    scope="indicator",
    zh="“{name}”的指标值与指标名称相同，没有给出目标。请在名称中写衡量什么、在指标值中写目标，"
    "例如“项目完成时间 | ≤2026年12月31日”。",
    en="The target of '{name}' repeats the name and sets no target. Name the measure and give "
    "its value, e.g. '项目完成时间 | ≤2026年12月31日'.",
    summary="The target value is the indicator name again.",
    why="财预〔2020〕10号 评价要点②: a target must be shown by a clear, measurable value; a "
    "value that repeats the name states nothing. Lowered to warning on rows the reader shifted.",
    example="时效指标 | 按期完成 | 按期完成",
    fixed="时效指标 | 项目完成时间 | ≤2026年12月31日",
)
def name_equals_value(check: IndicatorCheck) -> Iterator[Hit]:
    if _repeats_name(check):
        yield Hit(severity="warning" if _shifted(check) else None)


@rule(
    code="V109",
    name="missing-operator",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    fixable=True,
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
        op = "=" if value.unit == "%" and value.value == 100 else _direction_op(check)
        if set(REWRITTEN) & set(value.defects):
            suggestion = _symbolic(value, op)
        else:
            suggestion = OPERATOR_SIGNS[op] + value.text.strip()
        yield Hit({"suggestion": suggestion}, fix=Fix(replacement=suggestion, safe=False))


@rule(
    code="V110",
    name="word-operator",
    kind="other",
    severity="info",
    scope="indicator",
    fixable=True,
    zh="“{name}”的指标值“{value}”用文字写了{what}，预算系统和自评都按符号取值。建议写成“{suggestion}”。",
    en="The target of '{name}' is '{value}', with {what_en} in words; budget systems and "
    "self-evaluation read symbols. Write '{suggestion}'.",
    summary="An operator or a frequency written in words (不低于, 每月至少…次, 以内).",
    why="Budget systems keep the 计算符号 (≥, ≤, =) apart from the number; written operators "
    "and 每…N次 phrases have to be re-keyed by hand (rule catalog §1.5).",
    example="经济成本指标 | 完成国家卫生城市复审及文明城市迎检工作及日常环境整治 | 每月至少3次",
    fixed="经济成本指标 | 完成国家卫生城市复审及文明城市迎检工作及日常环境整治 | ≥3次/月",
)
def word_operator(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    wordy = {"word-operator", "frequency-phrase"} & set(value.defects)
    if value.kind not in MEASURED or not value.has_number or not wordy:
        return
    parts, parts_en = [], []
    op = value.span("op")
    if "word-operator" in wordy and op is not None:
        parts.append(f"计算符号（“{value.text[op.start : op.end]}”）")
        parts_en.append("the operator")
    period = PERIOD_PHRASE.search(value.text)
    if "frequency-phrase" in wordy and period is not None:
        parts.append(f"频次（“{period.group()}…次”）")
        parts_en.append("the frequency")
    if not parts:
        return
    suggestion = _symbolic(value)
    yield Hit(
        {"what": "和".join(parts), "what_en": " and ".join(parts_en), "suggestion": suggestion},
        fix=Fix(replacement=suggestion, safe=False),
    )


@rule(
    code="V111",
    name="relative-value-without-baseline",
    kind="unmeasurable-value",
    severity="warning",
    scope="indicator",
    fixable=True,
    zh="“{name}”的指标值“{value}”只是与{reference}比较，没有写出目标数。{advice}",
    en="The target of '{name}' is '{value}', a comparison with {reference} without a number. "
    "{advice_en}",
    summary="A relative target (高于上年, 同比增长) without the number it implies.",
    why="财预〔2021〕101号 treats history (历史标准) as the basis for setting a value, not as the "
    "value itself; 财预〔2020〕10号 asks for clear, measurable values. Info when the row's "
    "上年 column holds the number the target can be written from.",
    example="社会效益指标 | 城市综合管理评分 | 高于或等于上年分",
    fixed="社会效益指标 | 城市综合管理评分 | ≥92分",
)
def relative_value_without_baseline(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if value.kind != "relative":
        return
    reference = value.reference or "基准"
    last = _last_year(check)
    if last is None:
        sample = {"分": "92", "%": "5"}.get(value.unit or "", "N")
        example = _symbolic(value, value.op or ">=", sample) if value.unit else "≥1200人"
        yield Hit(
            {
                "reference": reference,
                "advice": f"表中没有{reference}的数值可对照，请直接写出目标值，例如“{example}”。",
                "advice_en": "Nothing in the sheet gives the baseline; write the target, e.g. "
                f"'{example}'.",
            }
        )
        return
    suggestion = _symbolic(last, value.op or ">=")
    if last.unit is None and value.unit:
        suggestion += value.unit
    yield Hit(
        {
            "reference": reference,
            "advice": f"上年为“{last.text.strip()}”，可直接写成“{suggestion}”或更高的目标。",
            "advice_en": f"Last year was '{last.text.strip()}'; write '{suggestion}' or a "
            "higher target.",
        },
        severity="info",
        fix=Fix(replacement=suggestion, safe=False),
    )


def _last_year(check: IndicatorCheck) -> ParsedValue | None:
    """The row's 上年 value when it holds a number."""
    history = check.indicator.parsed_history()
    labels = check.goal.history_labels
    last = history.get("上年") or (history.get(labels[-1]) if labels else None)
    return last if last is not None and last.has_number else None


@rule(
    code="V112",
    name="rate-name-nonnumeric-value",
    kind="unmeasurable-value",
    severity="error",
    scope="indicator",
    zh="“{name}”是比率类指标，指标值“{value}”却没有数值，无法计算是否达成。请写成百分比，例如“{example}”。",
    en="'{name}' is a rate, but its target '{value}' has no number and cannot be computed. "
    "Write a percentage, e.g. '{example}'.",
    summary="A rate (…率, 比例, 占比, 比重) whose target is words instead of a number.",
    why="财预〔2020〕10号 评价要点②: measurable values; budget systems treat rates as "
    "quantitative indicators that need a number and a unit. Satisfaction names are left to L109.",
    example="质量指标 | 车辆、设备正常运转率 | 保证正常运转合格",
    fixed="质量指标 | 车辆、设备正常运转率 | ≥95%",
)
def rate_name_nonnumeric_value(check: IndicatorCheck) -> Iterator[Hit]:
    if _rate_without_number(check):
        lower = check.context.knowledge.direction_of(check.indicator.name) == "lower"
        yield Hit({"example": "≤3%" if lower else "≥95%"})


@rule(
    code="V113",
    name="unit-without-number",
    kind="empty-value",
    severity="error",
    scope="indicator",
    zh="“{name}”的指标值“{value}”只有{unit}，没有数值。请填上目标数，例如“{example}”。",
    en="The target of '{name}' is '{value}': {unit_en} but no number. Fill in the target, e.g. "
    "'{example}'.",
    summary="The target value has a unit (and perhaps an operator) but no number.",
    why="财预〔2020〕10号 评价要点②: measurable values; budget systems make 指标值 mandatory. "
    "Only the current-year value is checked here (history cells are S117's).",
    example="经济效益指标 | 为江堤街发展提供良好环境 | 完成百分比",
    fixed="经济效益指标 | 街道环境整治任务完成率 | =100%",
)
def unit_without_number(check: IndicatorCheck) -> Iterator[Hit]:
    if not _unit_only(check):
        return
    value = check.value
    parts = [s for s in value.spans if s.part in ("unit", "multiplier")]
    written = value.text[parts[0].start : parts[-1].end] if parts else value.text.strip()
    unit = f"计算符号和单位“{value.text.strip()}”" if value.op else f"单位“{written}”"
    yield Hit(
        {
            "unit": unit,
            "unit_en": "an operator and a unit" if value.op else "a unit",
            "example": _unit_example(check, written),
        }
    )


def _unit_example(check: IndicatorCheck, written: str) -> str:
    """A filled-in target for a unit-only value: ``=100%``, ``2026年12月31日前``, ``≤100万元``."""
    value = check.value
    if written in ("日", "号"):
        return _year_end(check)
    op = value.op or _direction_op(check)
    number = {"%": "95", "元": "100", "分": "90"}.get(value.unit or "", "10")
    if value.unit == "%" and "完成" in value.text:
        op, number = "=", "100"
    return _symbolic(value, op, number)


@rule(
    code="V114",
    name="value-extra-text",
    kind="other",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”在数值之外还写了“{extra}”。指标值只应写计算符号、数值和单位，{advice}",
    en="The target of '{name}' is '{value}', with '{extra}' around the number. A value holds "
    "operator, number and unit only: {advice_en}",
    summary="Words around the number of a value (保洁100百分比, 约95%左右).",
    why="Budget systems keep 指标值, 计量单位 and 指标值说明 in separate fields; words in the "
    "value cell are lost or block the import (rule catalog §3.3).",
    example="数量指标 | 清除生活垃圾、建筑垃圾等 | 保洁100百分比",
    fixed="数量指标 | 道路保洁覆盖率 | =100%",
)
def value_extra_text(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if "extra-text" not in value.defects or not value.has_number:
        return
    extra = _extra_words(value)
    if not extra:
        return
    hedges = set(vocabulary().hedges)
    shown = "”“".join(extra)
    if set(extra) <= hedges:
        advice = f"请删去“{shown}”，写成“{_symbolic(value)}”。"
        advice_en = f"drop '{shown}' and write '{_symbolic(value)}'."
    else:
        advice = f"请把“{shown}”写进指标名称，指标值写成“{_symbolic(value)}”这样的形式。"
        advice_en = f"move '{shown}' into the name and write '{_symbolic(value)}'."
    yield Hit({"extra": shown, "advice": advice, "advice_en": advice_en})


def _extra_words(value: ParsedValue) -> list[str]:
    """The runs of the cell text outside every parsed span (``保洁`` of ``保洁100百分比``)."""
    chars = list(value.text)
    for span in value.spans:
        chars[span.start : span.end] = "\x00" * (span.end - span.start)
    runs = "".join(chars).split("\x00")
    return [w for w in (r.strip(" #,，、;；") for r in runs) if w]


@rule(
    code="V115",
    name="free-text-mixed-standard",
    kind="vague-value",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”把“{word}”这种无法衡量的说法和数值时限混在一起，一个指标值只能对应"
    "一个标准。请按问题类型拆成几行、每行一个时限，或只写一个最长时限，例如“{limit}”。",
    en="The target of '{name}' is '{value}', mixing '{word}' (not measurable) with a numeric "
    "limit. Use one row per case with its own limit, or one worst-case limit, e.g. '{limit}'.",
    summary="Free text that mixes 及时 with a numeric time limit for another case.",
    why="财预〔2020〕10号 评价要点②: each target must be one clear, measurable value; a cell "
    "with two standards cannot be scored.",
    example="时效指标 | 投诉类响应时间 | 安全类问题及时响应, 其他问题 24 小时内响应",
    fixed="时效指标 | 投诉类响应时间 | ≤24小时",
)
def free_text_mixed_standard(check: IndicatorCheck) -> Iterator[Hit]:
    if not _mixed_standard(check):
        return
    text = check.value.text
    word = next(w for w in check.context.knowledge.words.v_vague_time if w in text)
    found = TIME_LIMIT.search(text)
    limit = f"≤{found.group(1)}{found.group(2)}" if found else "≤24小时"
    yield Hit({"word": word, "limit": limit})


@rule(
    code="V116",
    name="compound-indicator-name",
    kind="unmeasurable-value",
    severity="info",
    scope="indicator",
    zh="三级指标“{name}”把“{first}”和“{second}”两个计量对象放在一个指标里，一个指标值无法同时衡量两者。"
    "请拆成“{prefix}{first}”和“{prefix}{second}”两个指标，各自给出数值和单位。",
    en="The name '{name}' joins two measures ('{first}' and '{second}') that one value cannot "
    "both express. Split it into '{prefix}{first}' and '{prefix}{second}', each with its value.",
    summary="One indicator name that joins two measures (单位及人数, 收入和人次).",
    why="财预〔2020〕10号 评价要点①: goals are broken down into concrete indicators, each "
    "measurable on its own.",
    example="数量指标 | 数字平台使用单位及人数 | 30",
    fixed="数量指标 | 数字平台使用单位数 | ≥10 个; 数字平台使用人数 | ≥30 人",
)
def compound_indicator_name(check: IndicatorCheck) -> Iterator[Hit]:
    name = _unmarked(check.indicator.name)
    found = _compound_pattern(check.context.knowledge).search(name)
    if found:
        args = {"first": found["first"], "second": found["second"]}
        yield Hit(args | {"prefix": name[: found.start()]}, field="name")


@functools.lru_cache(maxsize=8)
def _compound_pattern(knowledge: Knowledge) -> re.Pattern[str]:
    words = knowledge.words

    def alternation(items: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, sorted(items, key=len, reverse=True)))

    measures = alternation(words.compound_measures)
    joins = alternation(words.compound_joins)
    return re.compile(f"(?P<first>{measures})(?:{joins})(?P<second>{measures})")


@rule(
    code="V117",
    name="range-value",
    kind="unmeasurable-value",
    severity="info",
    scope="indicator",
    fixable=True,
    zh="“{name}”的指标值“{value}”是一个区间，自评时无法按单一目标值计分。请写成一个带符号的目标，"
    "例如“{suggestion}”。",
    en="The target of '{name}' is the range '{value}'; self-evaluation scores against a single "
    "value. Write one threshold with an operator, e.g. '{suggestion}'.",
    summary="A range (85%-90%, 3~5 次) instead of one threshold.",
    why="Budget systems store one operator and one value per indicator, and the 财预〔2020〕10号 "
    "self-evaluation formulas divide by a single 指标值.",
    example="质量指标 | 验收合格率 | 85%-90%",
    fixed="质量指标 | 验收合格率 | ≥85%",
)
def range_value(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if value.kind != "range":
        return
    op = _direction_op(check)
    number = value.number_high if op == "<=" else value.number
    suggestion = _symbolic(value, op, number)
    yield Hit({"suggestion": suggestion}, fix=Fix(replacement=suggestion, safe=False))


RULES = [
    unparsable_target_value,
    vague_qualitative_value,
    placeholder_value,
    binary_yes_no_value,
    indicator_name_is_narrative,
    indicator_name_is_activity,
    name_value_swapped,
    name_equals_value,
    missing_operator,
    word_operator,
    relative_value_without_baseline,
    rate_name_nonnumeric_value,
    unit_without_number,
    value_extra_text,
    free_text_mixed_standard,
    compound_indicator_name,
    range_value,
]
