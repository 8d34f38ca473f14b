"""S rules: whether the sheet has the indicator structure the framework asks for.

Basis: 财预〔2021〕101号 sets the four 一级 categories (成本, 产出, 效益, 满意度) and their 二级
children, and defines a target as expected outputs and effects "以及相应的成本控制要求"; the
2015 申报表 notes define 数量/质量/时效 and 长期/年度 targets (rule catalog §3.1).

Completeness (S101–S108, S123) is judged per group, one GoalBlock, on the tree after re-parenting:
a 二级 name written in the 一级 column counts under its own 一级 (S111), a row under the wrong 一级
stays there with its 二级 unknown (S110), and a "missing X" is not reported when such a misplaced
row carries X. A category missing from both tables of one goal (the 长期 and 年度 tables of a
single-goal project sheet, or two tables with the same goal title) is reported once, on the 年度
table.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from target_lint.checks.common import LOWER, nfkc_compact, runs
from target_lint.engine.finding import Fix, Severity
from target_lint.engine.rule import Context, GoalCheck, Hit, rule
from target_lint.sheet.model import GoalBlock, Indicator, Position, Sheet
from target_lint.sheet.taxonomy import (
    Mode,
    classify_label,
    is_valid_pair,
    parent_of,
    valid_children,
)

COST, OUTPUT, BENEFIT, SATISFACTION = "成本指标", "产出指标", "效益指标", "满意度指标"
QUANTITY, QUALITY, TIMELINESS = "数量指标", "质量指标", "时效指标"
ECONOMIC_COST, SERVICE_SATISFACTION = "经济成本指标", "服务对象满意度指标"
LEVEL2_ORDER = (
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
QUANTITATIVE = ("quantity", "range", "frequency", "duration")

LabelIssue = Literal[
    "wrong-parent",  # S110
    "level2-as-level1",  # S111
    "level1-as-level2",  # S111
    "unknown-level1",  # S112
    "unknown-level2",  # S112
    "legacy",  # S118
]


# -- labels ------------------------------------------------------------------------------


@functools.cache
def _legacy_level2() -> frozenset[str]:
    """二级 names that only the 2015 framework has (成本指标 under 产出, 可持续影响指标)."""
    names: set[str] = set()
    for parent in (OUTPUT, BENEFIT, SATISFACTION):
        names |= valid_children(parent, "legacy_2015") - valid_children(parent, "2021")
    return frozenset(names)


def label_issue(indicator: Indicator, mode: Mode) -> LabelIssue | None:
    """What is wrong with a row's 一级/二级 labels; one answer, so no two S rules share a row."""
    return _label_issue(
        indicator.level1,
        indicator.level1_canonical,
        indicator.level2,
        indicator.level2_canonical,
        mode,
    )


@functools.lru_cache(maxsize=1 << 14)
def _label_issue(
    written1: str, level1: str | None, written2: str, level2: str | None, mode: Mode
) -> LabelIssue | None:
    if level1 is None:
        if not written1.strip():
            return None
        found = classify_label(written1)
        if found is None:
            return "unknown-level1"
        return "level2-as-level1" if found[0] == 2 else None
    if not written2.strip():
        return None
    written = classify_label(written2)
    if level2 is None:
        return "unknown-level2" if written is None else "level1-as-level2"
    if level2 in _legacy_level2() and is_valid_pair(level1, level2, "legacy_2015"):
        return "legacy"
    if is_valid_pair(level1, level2, mode):
        return None
    if written is not None and written[0] == 1:
        return "level1-as-level2"  # 成本指标 / 成本指标: the 一级 repeated in the 二级 column
    return "wrong-parent"


def _moved(indicator: Indicator, mode: Mode) -> tuple[str, str] | None:
    """(一级, 二级) for a 二级 name written in the 一级 column (S111 re-parenting)."""
    found = classify_label(indicator.level1)
    if found is None or found[0] != 2:
        return None
    parent = parent_of(found[1], mode) or parent_of(found[1], "legacy_2015")
    if parent is None:
        return None
    level2 = indicator.level2_canonical
    if level2 is None or not is_valid_pair(parent, level2, mode):
        level2 = found[1]
    return parent, level2


def _ordered(names: frozenset[str]) -> str:
    rank = {name: index for index, name in enumerate(LEVEL2_ORDER)}
    return "、".join(sorted(names, key=lambda n: (rank.get(n, len(rank)), n)))


def _label_runs(check: GoalCheck, issues: Sequence[LabelIssue]) -> Iterator[list[Indicator]]:
    """The runs of one written label pair whose rows have one of ``issues``."""
    for issue, run in _issue_runs(check):
        if issue in issues:
            yield run


def _issue_runs(check: GoalCheck) -> list[tuple[LabelIssue | None, list[Indicator]]]:
    """The table's runs of one written label pair with their issue (once per table)."""
    mode, goal = check.context.mode(), check.goal

    def compute() -> list[tuple[LabelIssue | None, list[Indicator]]]:
        found = runs(goal, lambda i: (i.level1, i.level2, label_issue(i, mode)))
        return [(label_issue(run[0], mode), run) for run in found]

    return check.context.cached(("label-runs", id(goal)), compute)


def _severity(run: Sequence[Indicator], default: Severity) -> Severity:
    """One level lower when the reader had to repair the layout of a row of the run."""
    return LOWER[default] if any(i.realigned for i in run) else default


# -- the tree of a group -------------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """What a group holds, after re-parenting (see the module docstring)."""

    level1: frozenset[str]
    level2: frozenset[str]
    misplaced: frozenset[str]  # 二级 names of rows under a 一级 they do not belong to
    cost_level2: tuple[str | None, ...]  # the 二级 of every 成本 row (None: empty or unknown)
    timed: bool  # some row has time semantics in its name or value

    def has(self, level2: str) -> bool:
        return level2 in self.level2 or level2 in self.misplaced


def tree_of(block: GoalBlock, context: Context) -> Tree:
    """The categories of one goal table (computed once per table and sheet)."""
    return context.cached(("tree", id(block)), lambda: _tree(block, context))


def _tree(block: GoalBlock, context: Context) -> Tree:
    mode = context.mode()
    knowledge = context.knowledge
    level1: set[str] = set()
    level2: set[str] = set()
    misplaced: set[str] = set()
    cost: list[str | None] = []
    timed = False
    for indicator in block.indicators:
        issue = label_issue(indicator, mode)
        parent, child = indicator.level1_canonical, indicator.level2_canonical
        if issue == "level2-as-level1":
            parent, child = _moved(indicator, mode) or (None, None)
        elif issue == "wrong-parent" and child is not None:
            misplaced.add(child)
            child = None
        elif issue in ("unknown-level2", "level1-as-level2"):
            child = None
        if parent is None and child is not None:  # no (known) 一级 label: the 二级 decides
            parent = parent_of(child, mode) or parent_of(child, "legacy_2015")
        if parent is not None:
            level1.add(parent)
        if child is not None:
            level2.add(child)
        if parent == COST:
            cost.append(child)
        value = indicator.parsed
        timed = timed or (
            value.kind in ("deadline", "duration")
            or knowledge.has_time_words(indicator.name)
            or knowledge.has_time_words(indicator.value)
        )
    return Tree(frozenset(level1), frozenset(level2), frozenset(misplaced), tuple(cost), timed)


def _children(level1: str) -> frozenset[str]:
    return valid_children(level1, "2021") | valid_children(level1, "legacy_2015")


def _lacks_level1(tree: Tree, level1: str) -> bool:
    """No row under ``level1``, and no misplaced row that carries one of its 二级."""
    return level1 not in tree.level1 and not (tree.misplaced & _children(level1))


def lacks_output(tree: Tree) -> bool:
    return _lacks_level1(tree, OUTPUT)


def lacks_benefit(tree: Tree) -> bool:
    return _lacks_level1(tree, BENEFIT)


def lacks_cost(tree: Tree) -> bool:
    """No 成本 row, no legacy 产出/成本指标 row, no misplaced 成本 二级."""
    legacy = "成本指标" in tree.level2 or "成本指标" in tree.misplaced
    return _lacks_level1(tree, COST) and not legacy


def lacks_satisfaction(tree: Tree) -> bool:
    return _lacks_level1(tree, SATISFACTION) and not tree.has(SERVICE_SATISFACTION)


def _lacks_output_child(level2: str) -> Callable[[Tree], bool]:
    def lacks(tree: Tree) -> bool:
        return OUTPUT in tree.level1 and not tree.has(level2)

    return lacks


lacks_quantity = _lacks_output_child(QUANTITY)
lacks_quality = _lacks_output_child(QUALITY)


def lacks_timeliness(tree: Tree) -> bool:
    return _lacks_output_child(TIMELINESS)(tree) and not tree.timed


def lacks_economic_cost(tree: Tree) -> bool:
    """成本 rows, every one of them under 社会成本 or 生态环境成本."""
    named = [c for c in tree.cost_level2 if c is not None]
    return (
        bool(named)
        and len(named) == len(tree.cost_level2)
        and ECONOMIC_COST not in named
        and not tree.has(ECONOMIC_COST)
    )


# -- groups --------------------------------------------------------------------------------


def _label(block: GoalBlock) -> tuple[str, str]:
    """How a message names a group, in Chinese and in English."""
    if block.goal:
        if block.title:
            return f"{block.goal}（{block.title}）", f"{block.goal} ({block.title})"
        return block.goal, block.goal
    if block.table == "long_term":
        return "长期绩效目标表", "the long-term table"
    return "年度绩效目标表", "the annual table"


def group_args(*blocks: GoalBlock) -> dict[str, str]:
    """``group``/``group_en``: the blocks' names; a title they share is said once, at the end."""
    titles = {b.title for b in blocks}
    shared = titles.pop() if len(blocks) > 1 and len(titles) == 1 else None
    labels = [_label(dataclasses.replace(b, title=None) if shared else b) for b in blocks]
    zh, en = "和".join(z for z, _ in labels), " and ".join(e for _, e in labels)
    if shared:
        zh, en = f"{zh}（{shared}）", f"{en} ({shared})"
    return {"group": zh, "group_en": en}


def _sibling(block: GoalBlock, sheet: Sheet) -> GoalBlock | None:
    """The other table of the same goal: the only one on a project sheet, else the same title.

    Department sheets number their 长期 and 年度 goals independently (园林 长期目标3 is 年度目标2),
    so there only an identical title pairs two tables.
    """
    other = [b for b in sheet.goals if b.table != block.table and b.indicators]
    alone = sum(b.table == block.table for b in sheet.goals) == 1
    if sheet.kind == "project" and len(other) == 1 and alone:
        return other[0]
    title = nfkc_compact(block.title)
    same = [b for b in other if title and nfkc_compact(b.title) == title]
    return same[0] if len(same) == 1 else None


def _missing(check: GoalCheck, lacks: Callable[[Tree], bool]) -> dict[str, str] | None:
    """The message arguments when the group lacks a category, or None.

    A category missing from both tables of one goal is one cause: it is reported on the 年度
    table only, naming both tables.
    """
    block, context = check.goal, check.context
    if not block.indicators or unclassified(block) or not lacks(tree_of(block, context)):
        return None  # a table with no categories at all is S124's
    sibling = _sibling(block, context.sheet)
    if (
        sibling is not None
        and sibling.indicators
        and not unclassified(sibling)
        and lacks(tree_of(sibling, context))
    ):
        if block.table == "long_term":
            return None
        return group_args(sibling, block)
    return group_args(block)


def unclassified(block: GoalBlock) -> bool:
    """A table whose indicators carry no 一级 or 二级 label at all (a form without categories)."""
    return bool(block.indicators) and not any(
        i.level1.strip() or i.level2.strip() for i in block.indicators
    )


def _multi_goal(sheet: Sheet) -> bool:
    return any(sum(b.table == t for b in sheet.goals) > 1 for t in ("long_term", "annual"))


def _exempt(block: GoalBlock, context: Context) -> bool:
    """A group without an external service object (人员经费, 机关运转 …), by its names."""
    names = (block.title, context.sheet.meta.project_name, context.sheet.title)
    return any(
        word in name
        for name in names
        if name
        for word in context.settings.satisfaction_exempt_types
    )


def _budget_example(sheet: Sheet) -> str:
    amount = sheet.meta.annual_budget or sheet.meta.total_budget
    return f"≤{amount}万元" if amount else "≤300万元"


# -- S101–S108: missing categories ---------------------------------------------------------


@rule(
    code="S101",
    name="missing-output-indicators",
    kind="missing-category",
    severity="error",
    scope="goal",
    zh="{group}没有产出指标。每个绩效目标都要写明计划提供的产品或服务，"
    "例如“产出指标 | 数量指标 | 培训人数 | ≥200人”。",
    en="No output indicators (产出指标) in {group_en}. Every target states the products or "
    "services to deliver, e.g. '产出指标 | 数量指标 | 培训人数 | ≥200人'.",
    summary="A goal group without any 产出指标 row.",
    why="财预〔2021〕101号 sets 产出指标 as one of the four 一级 categories of a target (as is "
    "财预〔2015〕88号), and 财预〔2020〕10号 gives 产出 half of the self-evaluation weight.",
    example="成本指标 | 经济成本指标 | 保障人员经费 | 437.31万元 (no 产出 row)",
    fixed="产出指标 | 数量指标 | 保障在编人数 | =22人",
)
def missing_output(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_output)) is not None:
        yield Hit(args)


@rule(
    code="S102",
    name="missing-benefit-indicators",
    kind="missing-category",
    severity="error",
    scope="goal",
    zh="{group}没有效益指标。请写明产出带来的经济、社会或生态效益，"
    "例如“效益指标 | 社会效益指标 | 受益群众人数 | ≥5000人”。",
    en="No benefit indicators (效益指标) in {group_en}. State the economic, social or "
    "ecological effect of the outputs, e.g. '效益指标 | 社会效益指标 | 受益群众人数 | ≥5000人'.",
    summary="A goal group without any 效益指标 row.",
    why="财预〔2021〕101号 and 财预〔2015〕88号 make 效益指标 a 一级 category of every target; "
    "财预〔2020〕10号 gives 效益 30% of the self-evaluation weight.",
    example="产出指标 | 数量指标 | 培训人数 | ≥200人 (no 效益 row)",
    fixed="效益指标 | 社会效益指标 | 学员就业率 | ≥80%",
)
def missing_benefit(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_benefit)) is not None:
        yield Hit(args)


@rule(
    code="S103",
    name="missing-cost-indicators",
    kind="missing-category",
    severity="error",
    scope="goal",
    zh="{group}没有成本指标。绩效目标应包括相应的成本控制要求，请增加经济成本，"
    "例如“成本指标 | 经济成本指标 | 项目总成本 | {example}”。",
    en="No cost indicators (成本指标) in {group_en}. A target includes its cost-control "
    "requirement; add the economic cost, e.g. '成本指标 | 经济成本指标 | 项目总成本 | {example}'.",
    summary="A goal group without any 成本指标 row (error in the 2021 framework).",
    why="财预〔2021〕101号 defines a performance target as expected outputs and effects "
    "“以及相应的成本控制要求” and makes 成本指标 a 一级 category (经济/社会/生态环境成本). "
    "In the 2015 framework 成本 was a 二级 under 产出, hence a warning there.",
    example="产出指标 | 数量指标 | 上云委办局规模 | ≥20个 (3000万元, no 成本 row)",
    fixed="成本指标 | 经济成本指标 | 项目总成本 | ≤3000万元",
)
def missing_cost(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_cost)) is not None:
        severity: Severity = "error" if check.context.mode() == "2021" else "warning"
        example = _budget_example(check.context.sheet)
        yield Hit(args | {"example": example}, severity=severity)


@rule(
    code="S104",
    name="missing-satisfaction-indicators",
    kind="missing-category",
    severity="warning",
    scope="goal",
    zh="{group}没有满意度指标。有服务对象的支出应写明其满意度，"
    "例如“满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%”{note}。",
    en="No satisfaction indicators (满意度指标) in {group_en}. Spending that serves someone "
    "states their satisfaction, e.g. '满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%'"
    "{note_en}.",
    summary="A goal group without any 满意度指标 row (info for 人员经费-like spending).",
    why="财预〔2021〕101号 and 财预〔2015〕88号 list 满意度指标 (服务对象满意度) as a 一级 "
    "category; 财预〔2020〕10号 weights it 10% in self-evaluation. Spending without an external "
    "service object (人员经费, 机关运转) is exempted to info (setting satisfaction_exempt_types).",
    example="产出指标 | 数量指标 | 政府买岗人员数量 | 22人 (no 满意度 row)",
    fixed="满意度指标 | 服务对象满意度指标 | 社会公众满意度 | ≥90%",
)
def missing_satisfaction(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_satisfaction)) is not None:
        if _exempt(check.goal, check.context):
            note = {
                "note": "；人员经费、机关运转类支出没有外部服务对象时可不设，请确认",
                "note_en": "; spending without an external service object may omit it, "
                "please confirm",
            }
            yield Hit(args | note, severity="info")
        else:
            yield Hit(args | {"note": "", "note_en": ""})


@rule(
    code="S105",
    name="missing-quantity-indicator",
    kind="missing-category",
    severity="error",
    scope="goal",
    zh="{group}有产出指标，但没有数量指标。请写明计划完成的产品或服务数量，"
    "例如“数量指标 | 养护绿地面积 | ≥300万平方米”。",
    en="Outputs but no quantity indicator (数量指标) in {group_en}. State how much will be "
    "delivered, e.g. '数量指标 | 养护绿地面积 | ≥300万平方米'.",
    summary="产出 rows, none of them a 数量指标.",
    why="The 2015 申报表 notes define 数量指标 as “计划完成的产品或服务数量”; 财预〔2020〕10号 "
    "评价要点③ asks that indicators correspond to “项目目标任务数或计划数”.",
    example="产出指标 | 质量指标 | 验收合格率 | ≥95% (the only 产出 row)",
    fixed="产出指标 | 数量指标 | 改造道路长度 | ≥12公里",
)
def missing_quantity(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_quantity)) is not None:
        yield Hit(args)


@rule(
    code="S106",
    name="missing-quality-indicator",
    kind="missing-category",
    severity="warning",
    scope="goal",
    zh="{group}有产出指标，但没有质量指标。请写明产出要达到的标准或水平，"
    "例如“质量指标 | 验收合格率 | ≥95%”。",
    en="Outputs but no quality indicator (质量指标) in {group_en}. State the standard the "
    "outputs must reach, e.g. '质量指标 | 验收合格率 | ≥95%'.",
    summary="产出 rows, none of them a 质量指标.",
    why="The 2015 申报表 notes define 质量指标 as the standard, level and effect reached; the "
    "潜江 evaluation report in the seeds cites missing quality indicators (运行维护质量, "
    "信息采集质量) as 绩效指标设置不够全面.",
    example="产出指标 | 数量指标 | 培训人数 | ≥200人 (no 质量 row)",
    fixed="产出指标 | 质量指标 | 培训考核合格率 | ≥90%",
)
def missing_quality(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_quality)) is not None:
        yield Hit(args)


@rule(
    code="S107",
    name="missing-timeliness-indicator",
    kind="missing-category",
    severity="warning",
    scope="goal",
    zh="{group}有产出指标，但没有时效指标，也没有带时限的指标。请写明完成或响应的时限，"
    "例如“时效指标 | 故障响应时间 | ≤24小时”。",
    en="Outputs but no timeliness indicator (时效指标) and no time limit in {group_en}. State "
    "a deadline or response time, e.g. '时效指标 | 故障响应时间 | ≤24小时'.",
    summary="产出 rows, none of them a 时效指标, and no row with a deadline or time limit.",
    why="The 2015 申报表 notes define 时效指标 as “及时程度和效率情况”; the 潜江 evaluation "
    "report cites a missing 修复及时性 indicator and recommends 响应时限.",
    example="产出指标 | 数量指标 | 推荐申报高新技术企业数量 | ≥100家 (no 时效 row)",
    fixed="产出指标 | 时效指标 | 项目资金拨付及时率 | ≥95%",
)
def missing_timeliness(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_timeliness)) is not None:
        yield Hit(args)


@rule(
    code="S108",
    name="missing-economic-cost-subindicator",
    kind="missing-category",
    severity="warning",
    scope="goal",
    zh="{group}的成本指标只有社会成本或生态环境成本，没有经济成本指标。请写明项目的直接经济成本，"
    "例如“经济成本指标 | 项目总成本 | {example}”。",
    en="Social or environmental costs only, no economic cost (经济成本指标) in {group_en}. "
    "State the direct cost, e.g. '经济成本指标 | 项目总成本 | {example}'.",
    summary="成本 rows, all of them 社会成本 or 生态环境成本.",
    why="财预〔2021〕101号 (成本指标 paragraph) defines 经济成本 as the “直接经济成本”, the core "
    "of cost control; 社会 and 生态环境成本 describe possible negative impacts.",
    example="成本指标 | 生态环境成本指标 | 施工扬尘投诉次数 | ≤5次 (the only 成本 row)",
    fixed="成本指标 | 经济成本指标 | 项目总成本 | ≤300万元",
)
def missing_economic_cost(check: GoalCheck) -> Iterator[Hit]:
    if (args := _missing(check, lacks_economic_cost)) is not None:
        yield Hit(args | {"example": _budget_example(check.context.sheet)})


# -- S109: empty cells ---------------------------------------------------------------------


@rule(
    code="S109",
    name="empty-indicator-cell",
    kind="empty-value",
    severity="error",
    scope="goal",
    zh="{where}的{missing}为空。每个三级指标都要有名称和指标值，"
    "例如“数量指标 | 培训人数 | ≥200人”。",
    en="{where_en}: {missing_en}. Every indicator needs a name and a target value, "
    "e.g. '数量指标 | 培训人数 | ≥200人'.",
    summary="A 三级 row without a name or without a current-year value, or a 二级 of the "
    "template left without any indicator.",
    why="Budget systems reject an indicator without a name or 指标值 (必录项); 财预〔2020〕10号 "
    "评价要点① asks that targets be broken down into concrete indicators. An operator or unit "
    "without a number is V113; history columns are S117. A template row left unfilled (a 二级 "
    "with only ``指标1：`` or ``……`` beside it) is a warning: fill it in or delete it.",
    example="效益指标 | 生态效益指标 | (blank) | (blank)",
    fixed="效益指标 | 生态效益指标 | 污水处理率 | ≥95%",
)
def empty_indicator_cell(check: GoalCheck) -> Iterator[Hit]:
    for indicator in check.goal.indicators:
        no_name = not indicator.name.strip()
        no_value = not indicator.value.replace("#", "").strip()
        if no_name or no_value:
            yield _empty_cell(indicator, no_name, no_value, _severity([indicator], "error"))
    headings = {(i.level1, i.level2) for i in check.goal.indicators}
    for row in check.goal.unfilled:  # a 二级 with no indicator at all: once, at its first row
        if (row.level1 or row.level2) and (row.level1, row.level2) not in headings:
            headings.add((row.level1, row.level2))
            yield _empty_cell(row, True, True, "warning", template=True)


def _empty_cell(
    indicator: Indicator, no_name: bool, no_value: bool, severity: Severity, template: bool = False
) -> Hit:
    heading = indicator.level2 or indicator.level1
    if template:
        where, where_en = f"“{heading}”下的模板行", f"The template row under '{heading}'"
    elif no_name:
        where, where_en = f"“{heading}”下的一行", f"A row under '{heading}'"
    else:
        where, where_en = f"“{indicator.name}”", f"'{indicator.name}'"
    missing, missing_en = {
        (True, True): ("三级指标名称和指标值", "no name and no target value"),
        (True, False): ("三级指标名称", "no indicator name"),
        (False, True): ("指标值", "no target value"),
    }[(no_name, no_value)]
    args = {"where": where, "where_en": where_en, "missing": missing, "missing_en": missing_en}
    return Hit(args, field="name" if no_name else "value", severity=severity, indicator=indicator)


# -- S110–S112, S118: category labels ------------------------------------------------------


@rule(
    code="S110",
    name="invalid-level2-for-level1",
    kind="misclassified",
    severity="error",
    scope="goal",
    zh="二级指标“{level2}”不属于一级指标“{level1}”（它属于{parent}）{note}。请把这些指标移到"
    "“{parent} / {canonical}”下，或改用{level1}的二级指标：{children}。",
    en="The 二级 '{level2}' does not belong under the 一级 '{level1}' (it belongs under "
    "{parent}){note_en}. Move these rows to '{parent} / {canonical}', or use a 二级 of {level1}: "
    "{children}.",
    summary="A 二级 category under a 一级 it does not belong to.",
    why="财预〔2021〕101号 fixes the 二级 of each 一级: 成本 → 经济/社会/生态环境成本, 产出 → "
    "数量/质量/时效, 效益 → 经济/社会/生态效益, 满意度 → 服务对象满意度.",
    example="产出指标 | 经济成本指标 | 保障人员经费 | 437.31万元",
    fixed="成本指标 | 经济成本指标 | 保障人员经费 | ≤437.31万元",
)
def invalid_level2(check: GoalCheck) -> Iterator[Hit]:
    mode = check.context.mode()
    for run in _label_runs(check, ("wrong-parent",)):
        first = run[0]
        level1, canonical = first.level1_canonical or "", first.level2_canonical or ""
        parent = parent_of(canonical, mode) or parent_of(canonical, "legacy_2015") or ""
        realigned = any(i.realigned for i in run)
        args = {
            "parent": parent,
            "canonical": canonical,
            "children": _ordered(valid_children(level1, mode)),
            "note": "；本行经过表格对齐修复，请对照原表核实" if realigned else "",
            "note_en": "; the reader repaired this row's layout, check the original"
            if realigned
            else "",
        }
        yield Hit(args, indicator=first, field="level2", severity=_severity(run, "error"))


@rule(
    code="S111",
    name="level-confusion",
    kind="misclassified",
    severity="warning",
    scope="goal",
    fixable=True,
    zh="{column}列中的“{label}”是{kind}名称{context}。{advice}",
    en="'{label}' in the {column_en} column is a {kind_en} name{context_en}. {advice_en}",
    summary="A 二级 name in the 一级 column (or a 一级 name in the 二级 column).",
    why="财预〔2021〕101号 gives each 二级 category one 一级 parent; a 二级 name in the 一级 "
    "column leaves the row without its 一级, so completeness and weights are judged wrongly.",
    example="经济成本指标 | (blank) | 0-6岁残疾儿童康复训练补助 | =16000元",
    fixed="成本指标 | 经济成本指标 | 0-6岁残疾儿童康复训练补助 | =16000元",
)
def level_confusion(check: GoalCheck) -> Iterator[Hit]:
    mode = check.context.mode()
    for run in _label_runs(check, ("level2-as-level1", "level1-as-level2")):
        first = run[0]
        severity = _severity(run, "warning")
        moved = _moved(first, mode)
        if moved is not None:
            fixed = " / ".join(moved)
            args = {
                "column": "一级指标",
                "column_en": "一级",
                "label": first.level1,
                "kind": "二级指标",
                "kind_en": "二级",
                "context": "，它上面没有对应的一级指标",
                "context_en": " and has no fitting 一级 above it",
                "advice": f"应写为“{fixed}”。",
                "advice_en": f"Write '{fixed}'.",
            }
            yield Hit(args, first, "level1", severity, Fix(replacement=fixed, safe=False))
        elif first.level1_canonical is not None:
            children = _ordered(valid_children(first.level1_canonical, mode))
            args = {
                "column": "二级指标",
                "column_en": "二级",
                "label": first.level2,
                "kind": "一级指标",
                "kind_en": "一级",
                "context": "",
                "context_en": "",
                "advice": f"二级指标列应填写“{first.level1_canonical}”的二级指标：{children}。",
                "advice_en": f"The 二级 column takes a 二级 of {first.level1_canonical}: "
                f"{children}.",
            }
            yield Hit(args, first, "level2", severity)


@rule(
    code="S112",
    name="unknown-category-name",
    kind="misclassified",
    severity="warning",
    scope="goal",
    zh="{column}“{label}”不是绩效指标框架中的类别名称。请改用规范名称：{names}。",
    en="The {column_en} '{label}' is not a category of the indicator framework. Use one of: "
    "{names}.",
    summary="A 一级 or 二级 label that matches no canonical name or known variant.",
    why="财预〔2021〕101号 fixes the 一级 (成本/产出/效益/满意度) and 二级 names; a label outside "
    "them cannot be mapped to a category, weight or completeness check.",
    example="产出指标 | 管理指标 | 制度建设数量 | ≥3项",
    fixed="产出指标 | 数量指标 | 制度建设数量 | ≥3项",
)
def unknown_category(check: GoalCheck) -> Iterator[Hit]:
    mode = check.context.mode()
    for run in _label_runs(check, ("unknown-level1", "unknown-level2")):
        first = run[0]
        if label_issue(first, mode) == "unknown-level1":
            names = "、".join((COST, OUTPUT, BENEFIT, SATISFACTION))
            args = {"column": "一级指标", "column_en": "一级", "label": first.level1}
            yield Hit(args | {"names": names}, first, "level1", _severity(run, "warning"))
        else:
            level1 = first.level1_canonical or ""
            args = {"column": "二级指标", "column_en": "二级", "label": first.level2}
            names = _ordered(valid_children(level1, mode))
            yield Hit(args | {"names": names}, first, "level2", _severity(run, "warning"))


@rule(
    code="S118",
    name="legacy-template-categories",
    kind="other",
    severity="info",
    scope="goal",
    zh="二级指标“{level2}”（{level1}下）是2015年版框架的类别。现行框架把{advice}。",
    en="The 二级 '{level2}' under '{level1}' belongs to the 2015 framework. The current framework "
    "{advice_en}.",
    summary="A 2015-framework 二级: 成本指标 under 产出, or 可持续影响指标.",
    why="财预〔2015〕88号 put 成本 under 产出 and had a 可持续影响 二级; "
    "财预〔2021〕101号 made 成本 a 一级 (经济/社会/生态环境成本) and folded lasting effects "
    "into the three 效益 types.",
    example="产出指标 | 成本指标 | 建设项目成本 | ≤300万元",
    fixed="成本指标 | 经济成本指标 | 建设项目成本 | ≤300万元",
)
def legacy_categories(check: GoalCheck) -> Iterator[Hit]:
    for run in _label_runs(check, ("legacy",)):
        first = run[0]
        if first.level2_canonical == "成本指标":
            advice = "成本列为一级指标：请改为“成本指标 / 经济成本指标”（或社会、生态环境成本指标）"
            advice_en = (
                "makes 成本 a 一级: use '成本指标 / 经济成本指标' (or 社会/生态环境成本指标)"
            )
        else:
            advice = "可持续影响并入经济、社会、生态效益：请改用其中最贴切的一项"
            advice_en = "folds lasting effects into 经济/社会/生态效益: use the closest one"
        yield Hit({"advice": advice, "advice_en": advice_en}, first, "level2")


# -- S113–S115: indicator counts -----------------------------------------------------------


def _normal_name(name: str) -> str:
    return nfkc_compact(name).strip("。，,;；:：、")


@rule(
    code="S113",
    name="duplicate-indicator",
    kind="duplicate",
    severity="warning",
    scope="goal",
    zh="“{name}”在{group}中出现了两次（{under}）。同一指标只设一次，请删去重复的一行，"
    "或改成衡量不同内容的指标。",
    en="'{name}' appears twice in {group_en} ({under_en}). Keep one row, or change the other "
    "to measure something else.",
    summary="The same 三级 name twice in one table of one goal.",
    why="财预〔2021〕101号 asks for focused core indicators (重点突出); a repeated "
    "indicator pads the table and double-counts one result in scoring.",
    example="质量指标 | 用餐环境健康保障率 | 100% and 服务对象满意度 | 用餐环境健康保障率 | 100%",
    fixed="服务对象满意度 | 用餐满意度 | ≥90%",
)
def duplicate_indicator(check: GoalCheck) -> Iterator[Hit]:
    seen: dict[str, Indicator] = {}
    for indicator in check.goal.indicators:
        key = _normal_name(indicator.name)
        if not key:
            continue
        if (first := seen.get(key)) is None:
            seen[key] = indicator
            continue
        before, now = first.level2 or first.level1, indicator.level2 or indicator.level1
        if before == now:
            under = {"under": f"都在{now}下", "under_en": f"both under {now}"}
        else:
            under = {"under": f"{before}和{now}下", "under_en": f"under {before} and {now}"}
        yield Hit(group_args(check.goal) | under, indicator=indicator, field="name")


@rule(
    code="S114",
    name="too-few-indicators",
    kind="other",
    severity="info",
    scope="goal",
    zh="{group}只有{count}个三级指标（建议至少{minimum}个）。请补充能反映产出、效益和成本的指标。",
    en="Only {count} indicators in {group_en} (at least {minimum} suggested). Add indicators "
    "for outputs, effects and cost.",
    summary="A goal table with fewer indicators than min_indicators (default 5).",
    why="Evaluation reports in the seeds cite 指标不完整 / 设置不够全面; a provincial rule "
    "asks for at least 3 indicators. The threshold is a heuristic (setting min_indicators).",
    example="年度目标3: 2 indicator rows",
    fixed="年度目标3: cost, output, effect and satisfaction rows (≥5)",
)
def too_few_indicators(check: GoalCheck) -> Iterator[Hit]:
    count, minimum = len(check.goal.indicators), check.context.settings.min_indicators
    if 0 < count < minimum:
        yield Hit(group_args(check.goal) | {"count": count, "minimum": minimum})


@rule(
    code="S115",
    name="too-many-indicators",
    kind="other",
    severity="info",
    scope="goal",
    zh="{group}有{count}个三级指标（建议不超过{maximum}个）。请保留最能反映目标的核心指标。",
    en="{count} indicators in {group_en} (at most {maximum} suggested). Keep the core ones.",
    summary="A goal table with more indicators than max_indicators (default 30).",
    why="财预〔2021〕101号 asks for core indicators that highlight the key results (重点突出); the "
    "threshold is a heuristic (setting max_indicators).",
    example="年度目标1: 42 indicator rows, 20 of them 数量",
    fixed="年度目标1: the 15 indicators that measure the main outputs and effects",
)
def too_many_indicators(check: GoalCheck) -> Iterator[Hit]:
    count, maximum = len(check.goal.indicators), check.context.settings.max_indicators
    if count > maximum:
        yield Hit(group_args(check.goal) | {"count": count, "maximum": maximum})


# -- S116, S117: basis and history columns -------------------------------------------------


@rule(
    code="S116",
    name="missing-or-noncanonical-value-basis",
    kind="other",
    severity="info",
    scope="goal",
    fixable=True,
    zh="{subject}{problem}。指标值确定依据应写明计划标准、行业标准、历史标准或其他标准{hint}。",
    en="{subject_en}{problem_en}. The value basis is one of 计划标准, 行业标准, 历史标准 or "
    "其他标准{hint_en}.",
    summary="The 指标值确定依据 column is blank, or holds something other than the four standards.",
    why="财预〔2021〕101号 names the bases of a target value: 计划标准, 行业标准, 历史标准 and "
    "standards confirmed by the finance and budget departments (also 财预〔2020〕10号 评价标准).",
    example="产出指标 | 数量指标 | 绿化养护管理面积 | 3014989.88平方米 | 依据: 测定",
    fixed="产出指标 | 数量指标 | 绿化养护管理面积 | 3014989.88平方米 | 依据: 历史标准",
)
def value_basis(check: GoalCheck) -> Iterator[Hit]:
    block, words = check.goal, check.context.knowledge.words
    if not block.has_basis_column or not block.indicators:
        return
    blank = [i for i in block.indicators if not nfkc_compact(i.basis)]
    group = group_args(block)
    if blank:
        whole = len(blank) == len(block.indicators)
        args = {
            "subject": f"{group['group']}的“指标值确定依据”",
            "subject_en": f"The value basis (指标值确定依据) of {group['group_en']}",
            "problem": "一列全部为空"
            if whole
            else f"有{len(blank)}项为空（共{len(block.indicators)}项）",
            "problem_en": " is blank"
            if whole
            else f" is blank on {len(blank)} of {len(block.indicators)} rows",
            "hint": "",
            "hint_en": "",
        }
        yield Hit(args)
    for indicator in block.indicators:
        text = nfkc_compact(indicator.basis)
        if not text or any(standard in text for standard in words.basis_standards):
            continue
        keys = sorted((k for k in words.basis_mapping if k in text), key=len, reverse=True)
        target = words.basis_mapping[keys[0]] if keys else None
        args = {
            "subject": f"“{indicator.name}”的指标值确定依据“{indicator.basis}”",
            "subject_en": f"The value basis '{indicator.basis}' of '{indicator.name}'",
            "problem": "不是规范的标准类别",
            "problem_en": " is not one of the standard bases",
            "hint": f"；“{text}”对应“{target}”" if target else f"；请说明“{text}”属于哪一类",
            "hint_en": f"; '{text}' is '{target}'" if target else f"; say which one '{text}' is",
        }
        fix = Fix(replacement=target, safe=False) if target else None
        yield Hit(args, indicator=indicator, field="basis", fix=fix)


def _without_history(indicator: Indicator, labels: Sequence[str]) -> bool:
    history = indicator.parsed_history()
    return all(history[label].kind == "empty" if label in history else True for label in labels)


def _continuing(block: GoalBlock, sheet: Sheet) -> bool:
    """Whether the project ran before the budget year (or its history cells say so)."""
    start, year = sheet.meta.start_year, sheet.meta.budget_year
    if start is not None:
        return year is not None and start < year
    return any(
        value.kind != "empty"
        for indicator in block.indicators
        for value in indicator.parsed_history().values()
    )


@rule(
    code="S117",
    name="missing-history-values",
    kind="empty-value",
    severity="info",
    scope="goal",
    zh="{group}的{labels}指标值{extent}为空：{count}项定量指标（共{total}项）只有单位或空白，"
    "如“{name}”。项目是延续项目，请填写近两年的指标值，作为历史标准的依据。",
    en="{extent_en} {labels} values of {group_en} are empty: {count} of {total} quantitative "
    "indicators hold a unit or nothing, e.g. '{name}'. The project is continuing: fill in the "
    "last two years as the basis of a historical standard.",
    summary="A continuing project whose 前年/上年 columns are empty for most quantitative rows.",
    why="财预〔2021〕101号 and 财预〔2020〕10号 name 历史标准 (values of recent years) as a "
    "basis of targets; a continuing project that leaves its history columns blank gives none.",
    example="产出指标 | 数量指标 | 110接警数量 | 前年=≥ 起 | 上年=≥ 起 | ≥6000起",
    fixed="产出指标 | 数量指标 | 110接警数量 | 前年=5800起 | 上年=6100起 | ≥6000起",
)
def missing_history(check: GoalCheck) -> Iterator[Hit]:
    block = check.goal
    if not block.history_labels or not _continuing(block, check.context.sheet):
        return
    measured = [i for i in block.indicators if i.parsed.kind in QUANTITATIVE]
    empty = [i for i in measured if _without_history(i, block.history_labels)]
    if measured and 2 * len(empty) > len(measured):
        whole = len(empty) == len(measured)
        args = {
            "labels": "、".join(block.history_labels),
            "extent": "全部" if whole else "大多",
            "extent_en": "All" if whole else "Most",
            "count": len(empty),
            "total": len(measured),
            "name": empty[0].name,
        }
        yield Hit(group_args(block) | args)


# -- S121, S122, S123: goals ---------------------------------------------------------------

_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+[个项次家人条所座场户件万亿%]")
_PUNCTUATION = re.compile(r"[\s。，,.;；:：、!！?？“”\"'（）()《》]+")


def _goal_texts(sheet: Sheet) -> dict[str, str]:
    """Goal texts by goal name: the sheet's goal fields, and block titles of department sheets."""
    texts = dict(sheet.meta.goals)
    if sheet.kind == "department":
        for block in sheet.goals:
            if block.goal and block.title:
                texts.setdefault(block.goal, block.title)
    return texts


def _goal_position(sheet: Sheet, goal: str) -> Position:
    table = "long_term" if goal.startswith("长期") else "annual"
    for block in sheet.goals:
        if block.goal == goal:
            return block.position
    return next((b.position for b in sheet.goals if b.table == table), sheet.position)


def _goal_problem(text: str, context: Context) -> tuple[str, str, Severity] | None:
    """Why a goal text says too little (zh, en, severity), or None."""
    plain = _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text))
    project = _PUNCTUATION.sub(
        "", unicodedata.normalize("NFKC", context.sheet.meta.project_name or "")
    )
    empty_goals = [_PUNCTUATION.sub("", g) for g in context.knowledge.words.empty_goals]
    if not plain:
        return "为空", "is empty", "warning"
    if plain in empty_goals:
        return "是套话，没有说明要达到什么", "is boilerplate that names no result", "warning"
    if project and (
        plain == project or (project.startswith(plain) and len(project) - len(plain) <= 4)
    ):
        return "只是重复项目名称", "only repeats the project name", "warning"
    if len(plain) < 10:
        return "过短（不足10个字），说不清要达到什么", "is too short to state a result", "warning"
    if not _NUMBER.search(plain):
        return "没有任何数字，无法衡量是否达成", "has no number, so it cannot be assessed", "info"
    return None


@rule(
    code="S121",
    name="goal-text-vague",
    kind="vague-value",
    severity="warning",
    scope="sheet",
    zh="{goals}的绩效目标“{text}”{problem}。请写明本期要完成的主要产出和效果，并尽量量化，"
    "例如“全年完成道路清扫保洁120万平方米，城市综合管理考评得分不低于90分”。",
    en="The target text '{text}' of {goals} {problem_en}. State the main outputs and effects of "
    "the period, with numbers, e.g. "
    "'全年完成道路清扫保洁120万平方米，城市综合管理考评得分不低于90分'.",
    summary="A 长期/年度 goal text that is empty, boilerplate, a name, or has no number (info).",
    why="财预〔2015〕88号 asks that targets be 细化量化; 财预〔2020〕10号 (绩效目标合理性) asks "
    "that a target exist and match the work; an evaluation report in the seeds (铁山区) cites "
    "绩效目标设定不清晰.",
    example="长期目标1: 完成预算目标",
    fixed="长期目标1: 2023—2027年每年完成辖区道路清扫保洁120万平方米，城市综合管理考评得分≥90分",
)
def goal_text_vague(context: Context) -> Iterator[Hit]:
    sheet = context.sheet
    by_text: dict[str, list[str]] = {}
    for goal, text in _goal_texts(sheet).items():
        by_text.setdefault(text.strip(), []).append(goal)
    for text, goals in by_text.items():
        if (problem := _goal_problem(text, context)) is None:
            continue
        zh, en, severity = problem
        shown = text if len(text) <= 30 else text[:30] + "…"
        args = {"goals": "、".join(goals), "text": shown, "problem": zh, "problem_en": en}
        yield Hit(args, severity=severity, position=_goal_position(sheet, goals[0]))


@rule(
    code="S122",
    name="multiyear-without-long-term-targets",
    kind="missing-category",
    severity="warning",
    scope="sheet",
    zh="项目期限为{start}—{end}年，但没有长期绩效目标表。跨年度项目应同时设定长期目标和年度目标，"
    "例如在长期绩效目标表中写明到{end}年的累计产出。",
    en="The project runs {start}–{end} but has no long-term target table. A multi-year project "
    "sets long-term and annual targets, e.g. the cumulative outputs up to {end}.",
    summary="A project spanning several years without long-term indicators.",
    why="The 2015 申报表 notes: “项目绩效目标一般包括长期目标和年度目标”.",
    example="起始年度 2024, 终止年度 2026; only a 年度绩效目标表",
    fixed="a 长期绩效目标表 with the 2024–2026 targets, and the 年度绩效目标表",
)
def multiyear_without_long_term(context: Context) -> Iterator[Hit]:
    meta = context.sheet.meta
    if meta.start_year is None or meta.end_year is None or meta.end_year <= meta.start_year:
        return
    if any(b.table == "long_term" and b.indicators for b in context.sheet.goals):
        return
    position = meta.positions.get("end_year") or meta.positions.get("start_year")
    yield Hit({"start": meta.start_year, "end": meta.end_year}, position=position)


GROUP_REQUIREMENTS: tuple[tuple[str, Callable[[Tree], bool]], ...] = (
    (OUTPUT, lacks_output),
    (BENEFIT, lacks_benefit),
    (COST, lacks_cost),
    (SATISFACTION, lacks_satisfaction),
)


@rule(
    code="S123",
    name="incomplete-goal-group",
    kind="missing-category",
    severity="warning",
    scope="goal",
    zh="{group}缺少{missing}，而本表其他目标设置了这些一级指标。部门整体目标中的每个目标都要有"
    "完整的指标体系，请参照其他目标补充。",
    en="No {missing} in {group_en}, while other goals of this sheet have them. Each goal of a "
    "department-wide target needs the full set of categories; complete it like the others.",
    summary="In a multi-goal sheet, one goal lacks a 一级 category that the sheet has elsewhere.",
    why="财预〔2021〕101号's framework applies to each target; the 铁山区 report in the seeds "
    "cites incomplete department-wide targets (设置绩效目标指标不完整).",
    example="长期目标2（人员支出）: only 成本 and 效益 rows",
    fixed="长期目标2（人员支出）: 成本, 产出 (e.g. 保障在编人数) and 效益 rows",
)
def incomplete_goal_group(check: GoalCheck) -> Iterator[Hit]:
    sheet, context = check.context.sheet, check.context
    if not _multi_goal(sheet) or not check.goal.indicators or unclassified(check.goal):
        return
    tree = tree_of(check.goal, context)
    others = [
        tree_of(b, context)
        for b in sheet.goals
        if b is not check.goal and b.indicators and not unclassified(b)
    ]
    missing = [
        level1
        for level1, lacks in GROUP_REQUIREMENTS
        if lacks(tree)
        and any(not lacks(other) for other in others)
        and not (level1 == SATISFACTION and _exempt(check.goal, context))
    ]
    if missing:
        yield Hit(group_args(check.goal) | {"missing": "、".join(missing)})


@rule(
    code="S124",
    name="unclassified-indicators",
    kind="missing-category",
    severity="error",
    scope="goal",
    zh="{group}的{count}个三级指标都没有一级、二级指标分类。请把每个指标归入产出、效益、成本、满意度"
    "指标及其二级指标，例如“产出指标 | 数量指标 | {name} | {value}”。",
    en="None of the {count} indicators of {group_en} has a 一级 or 二级 category. File each "
    "under 产出, 效益, 成本 or 满意度 and a 二级, e.g. '产出指标 | 数量指标 | {name} | {value}'.",
    summary="A table that lists its indicators without any 一级/二级 categories.",
    why="财预〔2021〕101号's framework files every indicator under four 一级 categories and their "
    "二级; without them no category can be checked, so S101–S108 and S123 are not reported on "
    "such a table. Forms seen without categories: 潼南 一般性项目绩效目标表, 重庆 "
    "部门整体绩效自评表 (tests/fixtures/regions).",
    example="指标 | 指标权重 | 计量单位 | 指标性质 | 指标值 / 发放人数 | 20 | 人 | ≥ | 80",
    fixed="产出指标 | 数量指标 | 发放人数 | ≥80人",
)
def unclassified_indicators(check: GoalCheck) -> Iterator[Hit]:
    block = check.goal
    if unclassified(block):
        first = block.indicators[0]
        value = first.combined(first.value)
        example = {"name": first.name or "发放人数", "value": value or "≥80人"}
        yield Hit(group_args(block) | {"count": str(len(block.indicators))} | example)


@rule(
    code="S119",
    name="evaluation-table-not-target-sheet",
    kind="other",
    severity="info",
    scope="goal",
    scoring=True,
    zh="{table}是绩效评价的评分表（一级指标为{levels}，共{count}个三级指标），不是绩效目标表，"
    "目标表的规则没有检查它。要检查绩效目标，请提交项目的绩效目标申报表。",
    en="{table_en} is an evaluation's scoring table (一级 {levels}; {count} indicators), not a "
    "target sheet, so the target-sheet rules did not check it. To check the targets, submit "
    "the project's target sheet.",
    summary="A scoring table of an evaluation (一级 决策/过程, or points and no target values).",
    why="The evaluation framework (rule catalog §2.3: 决策 / 过程 / 产出 / 效益) scores a "
    "project after the fact; its tables give each indicator points (分值, 得分), not a target "
    "value, so the target-sheet rules would only report missing values and unknown categories. "
    "The 潜江 网格化 评价报告 in the seeds holds one (打分表), and the 海南 服务贸易 自评表 in "
    "tests/fixtures/regions is one.",
    example="一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 / 决策 | 16 | 项目立项 | 4 "
    "| 立项依据充分性 | 2 | 2.00",
    fixed="(the project's target sheet) 产出指标 | 数量指标 | 网格员工作手机配备 | ≥120部",
)
def evaluation_table(check: GoalCheck) -> Iterator[Hit]:
    indicators = check.goal.indicators
    if indicators:
        levels = list(dict.fromkeys(i.level1 for i in indicators if i.level1)) or ["（空）"]
        shown = "、".join(levels[:4]) + ("等" if len(levels) > 4 else "")
        title = check.goal.title
        args = {"levels": shown, "count": str(len(indicators))}
        args |= {"table": f"“{title}”" if title else "本表", "table_en": title or "The table"}
        yield Hit(args, indicator=indicators[0], field="level1")


RULES = [
    evaluation_table,
    missing_output,
    missing_benefit,
    missing_cost,
    missing_satisfaction,
    missing_quantity,
    missing_quality,
    missing_timeliness,
    missing_economic_cost,
    empty_indicator_cell,
    invalid_level2,
    level_confusion,
    unknown_category,
    duplicate_indicator,
    too_few_indicators,
    too_many_indicators,
    value_basis,
    missing_history,
    legacy_categories,
    goal_text_vague,
    multiyear_without_long_term,
    incomplete_goal_group,
    unclassified_indicators,
]
