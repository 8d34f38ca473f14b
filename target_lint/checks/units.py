"""U rules: units of measure in target values (rule catalog §3.5).

Basis: the 2021 guidance (财预〔2021〕101号) gives every quantitative indicator a 度量单位, and the
provincial budget system in the catalog's practice evidence refuses to save one without
("计量单位为必录项"). These rules read the units the value parser found (docs/values.md) and
its defects: ``missing-unit``, ``bare-multiplier``, ``spelled-unit``, ``duplicated-unit``,
``malformed-compound-unit``, ``export-marker``.

Messages whose wording depends on the case take a ``{zh, en}`` pair as one argument
(``{detail[zh]}`` in the Chinese template, ``{detail[en]}`` in the English one).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from target_lint.checks.common import (
    MULTIPLIER_WORDS,
    compact,
    goal_pairs,
    pair,
    scaled_unit,
    unit_category,
)
from target_lint.engine.finding import Fix
from target_lint.engine.knowledge import Knowledge
from target_lint.engine.rule import Context, GoalCheck, Hit, IndicatorCheck, rule
from target_lint.sheet.model import GoalBlock, Indicator, Sheet
from target_lint.units import comparable
from target_lint.values import ParsedValue
from target_lint.values.vocabulary import vocabulary

MEASURED = ("quantity", "range", "frequency", "duration")
# A unit to show in an example, for each dimension of rules/lexicons.toml `u_name_dimensions`.
EXAMPLE_UNITS = {
    "ratio": "%",
    "area": "平方米",
    "length": "公里",
    "time": "小时",
    "money": "万元",
    "score": "分",
    "次": "次",
    "人": "人",
    "人次": "人次",
}
# Units a count dimension accepts besides its own (场次 and 期 count occasions too).
COUNT_UNITS = {
    "次": ("场", "期", "轮", "届", "批"),  # and every unit containing 次
    "人": ("名", "位"),
    "人次": (),
}
RANK_UNITS = ("名次", "位次", "名", "位")
REMARK = re.compile(r"[（(][^（()）]*[)）]$")


@functools.lru_cache(maxsize=1 << 14)
def _measure(knowledge: Knowledge, name: str) -> tuple[str, str] | None:
    """The name's last measure noun and what it implies (``次数`` → ``次``, ``率`` → ``ratio``)."""
    text = REMARK.sub("", compact(name))
    table = knowledge.words.u_name_dimensions
    found = [noun for noun in table if text.endswith(noun)]
    if not found:
        return None
    noun = max(found, key=len)
    return noun, table[noun]


def convertible(unit_a: str, unit_b: str) -> bool:
    """Whether two canonical units convert; pint is asked only when the categories agree.

    Each count word is its own dimension (个 never converts to 人), and ``次`` is not ``次/月``,
    so most differing pairs are settled from the vocabulary without importing pint.
    """
    if unit_a == unit_b:
        return True
    parts_a, parts_b = unit_a.split("/"), unit_b.split("/")
    if len(parts_a) != len(parts_b):
        return False
    vocab = vocabulary()
    for a, b in zip(parts_a, parts_b, strict=True):
        category = vocab.category(a)
        if a != b and (category in (None, "count") or category != vocab.category(b)):
            return False
    return comparable(unit_a, unit_b)


def _is_money_row(check: IndicatorCheck) -> bool:
    """Whether the row measures money: a cost name, or an unnamed measure under 经济成本."""
    knowledge, indicator = check.context.knowledge, check.indicator
    name_class = knowledge.name_class(indicator.name)
    if name_class is not None:
        return name_class == "cost"
    return knowledge.is_cost_name(indicator.name) or indicator.level2_canonical == "经济成本指标"


def _unit_spans(value: ParsedValue) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in value.spans if s.part == "unit"]


def _canonical(spelling: str) -> str:
    """The canonical unit of a written unit, part by part (``元/m2`` → ``元/平方米``)."""
    vocab = vocabulary()
    return "/".join(vocab.canonical_unit(part) for part in spelling.split("/"))


def _number_part(value: ParsedValue) -> str:
    """The cell text up to its number and multiplier (``≥13168``, ``≥370 万``)."""
    ends = [s.end for s in value.spans if s.part in ("number", "number_high", "multiplier")]
    return value.text[: max(ends)].strip() if ends else value.text.strip()


# --- U101–U102: no unit, or only 万/亿 ------------------------------------------------------


def _unit_for(knowledge: Knowledge, name: str, dimension: str | None) -> str | None:
    """The unit a name asks for: by its measure noun, its counter (路灯盏数 → 盏), or money."""
    if dimension in EXAMPLE_UNITS:
        return EXAMPLE_UNITS[dimension]
    text = REMARK.sub("", compact(name))
    if len(text) > 2 and text.endswith("数") and unit_category(text[-2]) == "count":
        return text[-2]
    return EXAMPLE_UNITS["money"] if knowledge.is_cost_name(name) else None


@rule(
    code="U101",
    name="missing-unit",
    kind="unit-problem",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”{detail[zh]}",
    en="The target of '{name}' is '{value}': {detail[en]}",
    summary="A numeric target without a unit of measure.",
    why="The 2021 guidance (财预〔2021〕101号, 附件2) gives every indicator a 度量单位, and the "
    "provincial budget system in the catalog's practice evidence rejects a quantitative "
    "indicator without one (计量单位为必录项). The 十堰 路灯电费 sheet in the seeds gives 灯杆数 "
    "as a bare ≥13168.",
    example="数量指标 | 灯杆数 | ≥13168",
    fixed="数量指标 | 灯杆数 | ≥13168根",
)
def missing_unit(check: IndicatorCheck) -> Iterator[Hit]:
    value, indicator = check.value, check.indicator
    if value.kind not in ("quantity", "range") or value.unit or indicator.unit:
        return
    if "malformed-compound-unit" in value.defects:
        return  # U106 says how to write the unit
    bare = value.multiplier != 1
    if bare and _is_money_row(check):
        return  # U102: 万 without 元
    knowledge = check.context.knowledge
    dimension = (_measure(knowledge, indicator.name) or ("", None))[1]
    if dimension in ("none", "rank"):
        return
    if dimension == "score" and any(w in indicator.name for w in knowledge.words.u_score_scales):
        return
    number = _number_part(value)
    if bare:
        word = MULTIPLIER_WORDS[value.multiplier]
        problem = pair(f"只有“{word}”，没有计量单位，", f"only '{word}', no unit; ")
    else:
        problem = pair("只有数字，没有计量单位，", "a number with no unit; ")
    unit = _unit_for(knowledge, indicator.name, dimension)
    if unit:
        how = pair(
            f"看不出计的是什么。请补上单位，例如“{number}{unit}”。",
            f"what does it count? Add the unit, e.g. '{number}{unit}'.",
        )
    else:
        how = pair(
            f"看不出计的是什么。请补上与名称相符的单位（个、台、盏、条等），例如“{number}个”。",
            f"what does it count? Add the unit that fits the name (个, 台, 盏, 条…), e.g. "
            f"'{number}个'.",
        )
    yield Hit({"detail": pair(problem["zh"] + how["zh"], problem["en"] + how["en"])})


@rule(
    code="U102",
    name="incomplete-money-unit",
    kind="unit-problem",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”只写了“{word}”，缺少“元”，金额单位不完整。请写成“{suggestion}”。",
    en="The target of '{name}' is '{value}': '{word}' without 元 is not a money unit. Write "
    "'{suggestion}'.",
    summary="A money amount written with 万 or 亿 but no 元.",
    why="The budget system stores a 计量单位 with every quantitative indicator; 万 alone does not "
    "say 万元 (it could be 万人, 万次). The 汉阳 园林绿化队 sheet in the seeds writes its costs "
    "as 3157.97 万.",
    example="经济成本指标 | 养护经费 | 3157.97 万",
    fixed="经济成本指标 | 养护经费 | ≤3157.97万元",
    fixable=True,
)
def incomplete_money_unit(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if "bare-multiplier" not in value.defects or "malformed-compound-unit" in value.defects:
        return
    if check.indicator.unit or not _is_money_row(check):
        return
    multipliers = [s for s in value.spans if s.part == "multiplier"]
    word = MULTIPLIER_WORDS[value.multiplier]
    if len(multipliers) != 1:
        yield Hit({"word": word, "suggestion": f"…{word}元"})
        return
    span, text = multipliers[0], value.text
    suggestion = text[: span.start].rstrip() + word + "元" + text[span.end :]
    # Certain only when the name itself is a money word and nothing follows the 万.
    knowledge = check.context.knowledge
    safe = knowledge.name_class(check.indicator.name) == "cost" and not text[span.end :].strip()
    yield Hit({"word": word, "suggestion": suggestion}, fix=Fix(replacement=suggestion, safe=safe))


# --- U103–U104, U106: how the unit is spelled ----------------------------------------------


@rule(
    code="U103",
    name="unit-word-form",
    kind="unit-problem",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”把单位写成了“{spelled}”，规范写法是“{unit}”。{detail[zh]}",
    en="The target of '{name}' is '{value}': the unit is spelled '{spelled}'; the standard "
    "form is '{unit}'. {detail[en]}",
    summary="A unit written as a word or an odd symbol (百分比, LX, ㎡, m2).",
    why="Sheets are compared and summed across units and years; one spelling per unit (%, lx, "
    "平方米) keeps them comparable. The 汉阳 清扫及城管 sheet in the seeds writes ≥95百分比.",
    example="服务对象满意度指标 | 居民满意度 | ≥95百分比",
    fixed="服务对象满意度指标 | 居民满意度 | ≥95%",
    fixable=True,
)
def unit_word_form(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if "spelled-unit" not in value.defects or value.unit is None or not value.has_number:
        return  # 完成百分比 has no number: that is V113's
    text, spelled = value.text, vocabulary().spelled_units
    spans = [
        (start, end)
        for start, end in _unit_spans(value)
        if any(part in spelled for part in text[start:end].split("/"))
    ]
    number = value.span("number")
    if not spans or number is None or spans[0][0] < number.end:
        # 百分之九十五: the unit comes first, so a unit-only rewrite cannot fix it.
        first = _unit_spans(value)
        shown = text[first[0][0] : first[0][1]] if first else value.unit
        example = f"{value.number}{value.unit}" if value.number else value.unit
        detail = pair(f"请改为“{example}”这样的写法。", f"Write it as '{example}'.")
        yield Hit({"spelled": shown, "unit": value.unit, "detail": detail})
        return
    replacement = text
    for start, end in reversed(spans):
        replacement = replacement[:start] + _canonical(text[start:end]) + replacement[end:]
    shown = "、".join(text[start:end] for start, end in spans)
    detail = pair(f"请改为“{replacement}”。", f"Write '{replacement}'.")
    yield Hit(
        {"spelled": shown, "unit": _canonical(text[spans[0][0] : spans[0][1]]), "detail": detail},
        fix=Fix(replacement=replacement, safe=True),
    )


@rule(
    code="U104",
    name="duplicated-unit",
    kind="unit-problem",
    severity="warning",
    scope="indicator",
    zh="“{name}”的指标值“{value}”把单位写了两遍，多半是指标值已带单位、又拼接了计量单位列。"
    "{detail[zh]}",
    en="The target of '{name}' is '{value}': the unit is written twice, usually a value that "
    "already had its unit joined with the unit column. {detail[en]}",
    summary="The unit written twice at the end of the value (次/天次/天, %百分比).",
    why="The budget system keeps 指标值 and 计量单位 in separate fields and joins them on export; "
    "a unit typed into the value as well comes out twice. The 汉阳 清扫及城管 sheet in the "
    "seeds has 1次/天次/天 and ≥95%百分比.",
    example="数量指标 | 道路清扫次数 | 1次/天次/天",
    fixed="数量指标 | 道路清扫次数 | ≥1次/天",
    fixable=True,
)
def duplicated_unit(check: IndicatorCheck) -> Iterator[Hit]:
    value = check.value
    if "duplicated-unit" not in value.defects:
        return
    text, spans = value.text, _unit_spans(value)
    same = len(spans) == 2 and _canonical(text[slice(*spans[0])]) == _canonical(
        text[slice(*spans[1])]
    )
    if not same or text[spans[0][1] : spans[1][0]].strip():
        detail = pair("请只保留一个单位。", "Keep one unit.")
        yield Hit({"detail": detail})
        return
    # Drop the second unit, unless only the second is spelled the standard way (95百分比%).
    first, second = (text[slice(*span)] for span in spans)
    drop = spans[0] if first != value.unit and second == value.unit else spans[1]
    replacement = text[: drop[0]] + text[drop[1] :]
    detail = pair(f"请只保留一个，写成“{replacement}”。", f"Keep one: '{replacement}'.")
    yield Hit({"detail": detail}, fix=Fix(replacement=replacement, safe=True))


@rule(
    code="U106",
    name="malformed-compound-unit",
    kind="unit-problem",
    severity="info",
    scope="indicator",
    zh="“{name}”的指标值“{value}”中的“{written}”不是规范的复合单位：按人、按期计量的单位应写成"
    "“A/B”的形式，例如“{suggestion}”。",
    en="The target of '{name}' is '{value}': '{written}' is not a proper compound unit; a "
    "per-person or per-period unit is written 'A/B', e.g. '{suggestion}'.",
    summary="A per-unit value written without a slash (万一年, 次每月, 元每人).",
    why="A compound unit has to say what is counted per what; '6.7 万一年' leaves out both 元 "
    "and 人. The 汉阳 园林绿化队 sheet in the seeds writes 人均费用 as 6.7 万一年.",
    example="经济成本指标 | 人均费用 | 6.7 万一年",
    fixed="经济成本指标 | 人均费用 | ≤6.7万元/人·年",
    fixable=True,
)
def malformed_compound_unit(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    spans = _unit_spans(value)
    if "malformed-compound-unit" not in value.defects or not spans:
        return
    text = value.text
    start, end = spans[0][0], spans[-1][1]
    written = text[start:end]
    multiplier = value.span("multiplier")
    if value.unit and "/" in value.unit:
        suggestion = text[:start] + value.unit + text[end:]
        yield Hit(
            {"written": written, "suggestion": suggestion},
            fix=Fix(replacement=suggestion, safe=True),
        )
    elif value.unit is None and multiplier is not None and _is_money_row(check):
        # 6.7 万一年 on 人均费用: 万 is 万元 and the period is per person — a likely reading only.
        per = vocabulary().canonical_unit(written[-1])
        person = "人·" if any(w in name for w in ("人均", "每人")) else ""
        word = MULTIPLIER_WORDS[value.multiplier]
        suggestion = text[: multiplier.start].rstrip() + f"{word}元/{person}{per}" + text[end:]
        written = text[multiplier.start : end]
        yield Hit(
            {"written": written, "suggestion": suggestion},
            fix=Fix(replacement=suggestion, safe=False),
        )
    else:
        yield Hit({"written": written, "suggestion": "3次/月"})


# --- U105: the unit does not measure what the name says -----------------------------------


def _fits(dimension: str, unit: str, satisfaction: bool) -> bool:
    """Whether ``unit`` measures what ``dimension`` (from the name) asks for."""
    head = unit.split("/")[0]
    if dimension in COUNT_UNITS:
        return (
            head == dimension
            or head in COUNT_UNITS[dimension]
            or (dimension == "次" and "次" in head)
        )
    if dimension == "rank":
        return head in RANK_UNITS
    category = unit_category(unit)
    if dimension == "ratio" and satisfaction and category == "score":
        return True  # 满意度 on a declared score scale
    return category == dimension


@rule(
    code="U105",
    name="unit-name-mismatch",
    kind="unit-problem",
    severity="warning",
    scope="indicator",
    zh="“{name}”按名称计的是“{noun}”，指标值“{value}”的单位却是“{unit}”。{detail[zh]}",
    en="'{name}' measures '{noun}' by its name, but the target '{value}' is in '{unit}'. "
    "{detail[en]}",
    summary="The unit does not measure what the indicator's name says (次数 in 个, 率 in 个).",
    why="The unit must measure the named quantity, or the target cannot be checked against the "
    "result; the budget system stores a 计量单位 for each indicator. The 十堰 生态文明 sheet in "
    "the seeds counts 举办宣传活动次数 in 个.",
    example="数量指标 | 举办宣传活动次数 | ≥ 3 个",
    fixed="数量指标 | 举办宣传活动次数 | ≥3次",
)
def unit_name_mismatch(check: IndicatorCheck) -> Iterator[Hit]:
    value, name = check.value, check.indicator.name
    if value.kind not in MEASURED or value.unit is None or not value.has_number:
        return
    knowledge = check.context.knowledge
    measure = _measure(knowledge, name)
    if measure is None or (measure[1] not in EXAMPLE_UNITS and measure[1] != "rank"):
        return
    noun, dimension = measure
    if _fits(dimension, value.unit, knowledge.is_satisfaction(name)):
        return
    example = _number_part(value) + EXAMPLE_UNITS.get(dimension, "名")
    loose = dimension in COUNT_UNITS and value.unit == "个"
    if loose:
        detail = pair(
            f"“个”是泛用量词，与“{noun}”不一致；请用“{example}”这样的写法。",
            f"'个' is a generic counter that does not match '{noun}'; write e.g. '{example}'.",
        )
    else:
        detail = pair(
            f"单位与名称不符，目标无法核对。请改用与名称一致的单位（如“{example}”），或修改指标名称。",
            f"The unit does not match the name, so the target cannot be checked. Use a unit "
            f"that fits (e.g. '{example}') or rename the indicator.",
        )
    yield Hit(
        {"noun": noun, "unit": value.unit, "detail": detail},
        severity="info" if loose else None,
    )


# --- U107: the same indicator in different units ------------------------------------------


def _long_term_twins(sheet: Sheet, block: GoalBlock) -> dict[str, Indicator]:
    """The indicators of the long-term table of an annual table's goal (长期目标1 ↔ 年度目标1),
    by compact name (the first of each name)."""
    if block.table != "annual":
        return {}
    for long, annual in goal_pairs(sheet):
        if annual is block:
            twins: dict[str, Indicator] = {}
            for other in long.indicators:
                twins.setdefault(compact(other.name), other)
            return twins
    return {}


def _cells(indicator: Indicator, twins: dict[str, Indicator]) -> list[tuple[str, ParsedValue]]:
    """The indicator's cells that carry a unit: 前年, 上年, 当年, and the long-term value when
    it is written differently from 当年."""
    current = indicator.parsed
    cells = [*indicator.parsed_history().items(), ("当年", current)]
    twin = twins.get(compact(indicator.name)) if twins else None
    if twin is not None and scaled_unit(twin.parsed) != scaled_unit(current):
        cells.insert(0, ("长期", twin.parsed))
    return [(label, parsed) for label, parsed in cells if parsed.unit is not None]


@rule(
    code="U107",
    name="unit-inconsistent-across-columns",
    kind="unit-problem",
    severity="info",
    scope="goal",
    zh="“{name}”在各列中的单位不一致：{cells[zh]}。同一指标请统一用一种单位（如都用“{unit}”），"
    "便于逐年比较。",
    en="'{name}' is given in different units across columns: {cells[en]}. Use one unit (e.g. all "
    "in '{unit}') so the years can be compared.",
    summary="One indicator in different (convertible) units across 前年/上年/当年 or 长期/年度.",
    why="Year-on-year and long-term-versus-annual comparisons need the same unit; a reader "
    "comparing 281 万平方米 with 3014989.88 平方米 has to convert first. The 汉阳 园林绿化队 "
    "sheet in the seeds switches from 万平方米 to 平方米 in the current year.",
    example="数量指标 | 绿化养护管理面积 | 271 万平方米 | 281 万平方米 | 3014989.88 平方米",
    fixed="数量指标 | 绿化养护管理面积 | 271 万平方米 | 281 万平方米 | 301.5 万平方米",
)
def unit_inconsistent_across_columns(check: GoalCheck) -> Iterator[Hit]:
    twins = _long_term_twins(check.context.sheet, check.goal)
    for indicator in check.goal.indicators:
        cells = _cells(indicator, twins)
        units = {scaled_unit(parsed): parsed.unit for _, parsed in cells}
        if len(units) < 2:
            continue
        canonical = [u for u in units.values() if u is not None]
        if not all(convertible(canonical[0], other) for other in canonical[1:]):
            continue
        shown = pair(
            "、".join(f"{label}“{parsed.text.strip()}”" for label, parsed in cells),
            ", ".join(f"{label} '{parsed.text.strip()}'" for label, parsed in cells),
        )
        yield Hit({"cells": shown, "unit": scaled_unit(cells[-1][1])}, indicator=indicator)


# --- U108: the export marker # ------------------------------------------------------------


@rule(
    code="U108",
    name="export-placeholder-marker",
    kind="unit-problem",
    severity="info",
    scope="sheet",
    zh="本表有{count}个单元格带有“#”（如“{name}”的“{cell}”），这是预算系统导出定性指标或空单位时"
    "留下的占位标记，不属于指标值。请删去“#”，例如把“是#”写成“是”。",
    en="{count} cell(s) of this sheet carry '#' (e.g. '{cell}' of '{name}'), the marker the "
    "budget system leaves on qualitative values and empty units; it is not part of the "
    "value. Remove it, e.g. '是#' → '是'.",
    summary="The budget system's export marker # in value or history cells (reported once).",
    why="The marker is an artefact of the export, not a target; left in, it makes values such "
    "as 是# look different from 是. The 汉阳 应急排渍 sheet in the seeds has 是# and # cells.",
    example="社会效益指标 | 保障了雨季居民的正常出行 | # | # | 是#",
    fixed="社会效益指标 | 保障了雨季居民的正常出行 | (empty) | (empty) | 是",
)
def export_placeholder_marker(context: Context) -> Iterator[Hit]:
    marked: list[tuple[Indicator, str, str]] = []
    for indicator in context.sheet.indicators:
        cells = [*indicator.parsed_history().items(), ("value", indicator.parsed)]
        for label, parsed in cells:
            if "export-marker" in parsed.defects:
                marked.append((indicator, label, parsed.text))
    if marked:
        indicator, label, text = marked[0]
        args = {"count": len(marked), "cell": text.strip()}
        yield Hit(args, indicator=indicator, field=label)


RULES = [
    missing_unit,
    incomplete_money_unit,
    unit_word_form,
    duplicated_unit,
    unit_name_mismatch,
    malformed_compound_unit,
    unit_inconsistent_across_columns,
    export_placeholder_marker,
]
