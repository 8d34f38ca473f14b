"""Read a table's header: which column holds the 一级, 二级 and 三级 labels, the values, the
operator, unit, points, self-evaluation and descriptive fields, by the header's words.

A header is found by its words (一级指标 | 二级指标 | 三级指标, or a flat 指标名称 | 指标值 | …),
never by position; sub-header rows under it (前年 | 上年 | 当年, a value split per region)
are read with it.
"""

from __future__ import annotations

import re
import unicodedata

from target_lint.readers.grid import Cell, Row
from target_lint.readers.rows import Columns
from target_lint.sheet.taxonomy import classify_label, clean_label, is_evaluation_level1
from target_lint.values import parse_value

YEAR = re.compile(r"(20\d\d)\s*年")
_HEADER_NOTE = re.compile(r"^(.+?)[(（][^()（）]*[)）]$")

_HEADER_WORDS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name"}
_SHORT_WORDS = {"一级": "一级指标", "二级": "二级指标", "三级": "三级指标"}  # 临邑: 一级 | 二级
# 河北's graded form (邯郸 2019): 绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 (优 |
# 良 | 中 | 差 below) | 评价标准确定依据: the 一级, the names, the target (优) and the basis
_SHORT_WORDS |= {"绩效指标分类": "一级指标", "绩效指标评价标准": "指标值"}
_NAME_WORDS = ("三级指标", "指标名称", "指标内容", "指标")
LONG_TERM_VALUES = (
    "实施期指标值", "中期指标值", "长期指标值", "中长期指标值", "实施期目标值", "中期目标值",
    "长期目标值",
)  # fmt: skip
_BASIS_HEADERS = (
    "指标值确定依据", "绩效标准", "评价标准确定依据", "指标值设定依据", "指标值确定依据及数据来源",
    "指标值设定依据及数据来源", "指标值确定依据及说明", "确定依据", "设定依据",
)  # fmt: skip

_GOAL_COLUMNS = (
    "绩效指标", "年度绩效指标", "本年度绩效指标", "年度绩效指标完成情况", "项目绩效指标",
    "长期绩效指标", "实施期绩效指标", "评价指标", "年度绩效目标",
)  # fmt: skip
# the roles of an indicator table's columns besides its names and values
_TABLE_ROLES = {"op", "unit", "weight", "score", "actual", "reason", "basis", "detail"}

_ROLE_WORDS = {
    **_HEADER_WORDS,
    "指标名称": "name",
    "指标内容": "name",
    "指标": "name",  # a header of names with no levels: 指标 | 指标权重 | 计量单位 | 指标值
    "指标值": "当年",
    "预期当年实现值": "当年",
    "当年预期实现值": "当年",
    "预计当年实现": "当年",
    "预计当年实现值": "当年",
    "年度指标值": "当年",
    "年初目标值": "当年",
    "年初指标值": "当年",
    "目标值": "当年",
    "指标值及单位": "当年",
    "当年目标值": "当年",
    "全年指标值": "当年",
    "区域目标值": "当年",
    "全年绩效目标": "当年",
    "年度数值": "当年",
    "前年": "前年",
    "上年": "上年",
    "近两年指标值": "spanned",
    "指标性质": "op",
    "计算符号": "op",
    "度量单位": "unit",
    "计量单位": "unit",
    "单位": "unit",  # in an indicator table's header, the unit of measure (忠县)
    **dict.fromkeys(_BASIS_HEADERS, "basis"),
    "预期指标值": "当年",
    **dict.fromkeys(LONG_TERM_VALUES, "当年"),  # the value of a long-term table
    "年度目标值": "当年",
    "权重": "weight",
    "分值": "weight",
    "指标分值": "weight",
    "指标权重": "weight",
    "指标得分": "score",
    "得分": "score",
    "自评得分": "score",
    "自评分": "score",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年完成值": "actual",
    "年终完成值": "actual",
    "全年实际值": "actual",
    "实际值": "actual",
    "偏差原因": "reason",
    "未完成原因": "reason",
    "偏差原因分析及改进措施": "reason",
    "偏差原因分析": "reason",
    "未完成原因分析": "reason",
    "未完成原因及拟采取的改进措施": "reason",
    "未完成原因分析及改进措施": "reason",
    # the merged side label left of the 一级 column (绩效指标, 本年度 绩效指标)
    **dict.fromkeys(_GOAL_COLUMNS, "goal"),
    # a department's table of all its projects: each project's first row names it
    "项目名称": "project:project_name",
    "单位名称": "project:unit_name",
    "预算数": "project:total_budget",
    "项目预算": "project:total_budget",
    "年度目标": "project:goal",
    "单位(专项)名称": "project:project_name",  # 湘西: 单位代码 | 单位(专项)名称 | 资金总额 | …
    "单位代码": "project:unit_code",
    "资金总额": "project:total_budget",
    "实施期绩效目标": "project:goal",
    "备注": "remark",
    "说明": "remark",
}
# descriptive columns of other regions' templates: kept in Indicator.details by their header
_DETAIL_WORDS = {
    "指标解释", "指标说明", "指标释义", "指标定义", "指标内涵", "指标值说明", "指标值设定说明",
    "指标描述", "绩效指标描述",
    "计算公式", "计算方法", "指标计算公式", "评分标准", "评(扣)分标准",
    "评分规则", "扣分标准", "数据来源", "指标来源", "佐证材料", "数据来源及佐证材料",
    "考核方式", "指标方向", "指标类型", "值类型", "指标值类型",
}  # fmt: skip
_DETAIL_ALIASES = {"指标方向性": "指标方向", "正向/反向": "指标方向"}
_YEAR_VALUE = re.compile(r"^(预期|预计)?20\d\d年(度)?(实际)?(实现|完成)?值?$")

_SUBHEADER_WORDS = {
    "前年", "上年", "近两年指标值", "预计当年实现", "预期当年实现值", "当年", "指标值",
}  # fmt: skip


def is_header(cells: list[Cell]) -> bool:
    if sum("级" in c.text for c in cells) >= 2:  # 一级指标, 二级指标, 三级指标: a cheap test first
        words = {header_word(c.text) for c in cells}
        if len(words & set(_HEADER_WORDS)) >= 2:
            return True
    return _is_flat_header(cells) or _is_graded_header(cells) or _is_2017_header(cells)


def _is_2017_header(cells: list[Cell]) -> bool:
    """福建's 2017 form: 绩效目标 | | 评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标."""
    if not any("容" in c.text for c in cells):  # a cheap test first (绩效\n内容, 绩 效 内 容)
        return False
    words = {header_word(c.text) for c in cells}
    return {"绩效目标", "绩效内容", "全年绩效目标"} <= words


def _is_graded_header(cells: list[Cell]) -> bool:
    """河北's graded form: 绩效指标分类 | 绩效指标 | … | 绩效指标评价标准."""
    if not any("类" in c.text or "级" in c.text for c in cells):  # a cheap test first
        return False
    return {"一级指标", "绩效指标", "指标值"} <= {header_word(c.text) for c in cells}


def _is_flat_header(cells: list[Cell]) -> bool:
    """A header without 一级/二级 words: 指标名称 and a value column with at least two more
    columns of an indicator table (计量单位, 指标性质, 分值, 得分, 指标说明 …)."""
    if not any("称" in c.text or "容" in c.text or c.text == "指标" for c in cells):  # cheap
        return False
    roles = {column_role(header_word(c.text)) or "" for c in cells}
    others = {role for role in roles if role.partition(":")[0] in _TABLE_ROLES}
    return "name" in roles and "当年" in roles and len(others) >= 2


def read_columns(rows: tuple[Row, ...], index: int) -> tuple[Columns, int]:
    """Column roles of the header at ``index``, and the index after its sub-header rows."""
    header = {header_word(c.text): c.column for c in rows[index].filled()}
    labels: set[str] = set(header)
    roles = {c.column: r for c in rows[index].filled() if (r := column_role(header_word(c.text)))}
    for cell in rows[index].filled():  # year columns: 2021年实际实现值 | 预期2022年实现值
        if roles.get(cell.column) == "history" and (year := YEAR.search(cell.text)):
            roles[cell.column] = f"{year.group(1)}年"
    end = index + 1
    while end < len(rows):
        cells = rows[end].filled()
        words = {header_word(c.text) for c in cells}
        if words and all(column_role(w) or w in _SUBHEADER_WORDS for w in words):
            labels |= words
            above = {c.column: header_word(c.text) for c in rows[index].filled()}
            for cell in cells:
                role = column_role(header_word(cell.text))
                if above.get(cell.column) == header_word(cell.text):
                    continue  # a merged header cell repeated on the sub-header row
                if role and roles.get(cell.column) not in (None, "当年", "spanned"):
                    roles = {-1: "garbled"}  # a sub-header under a label column: extraction
                elif role:
                    roles[cell.column] = role
            end += 1
        elif not words:
            end += 1
        elif split := _split_value(rows[index], cells, roles):
            roles |= split  # 区域目标值 over 新罗区 | 永定区 | …: one target per region
            end += 1
        else:
            break
    name = next((header[w] for w in _NAME_WORDS if w in header), 0)
    if "绩效内容" in header and "绩效目标" in header:
        # 福建 2017: 绩效目标 over the 一级 and 二级 columns, 评价指标 numbering the rows
        name, level1 = header["绩效内容"], header["绩效目标"]
        level2 = level1 + 1
        roles |= {name: "name", level1: "level1", level2: "level2"}
        for word in ("评价指标", "绩效标准"):  # 目标1; a standard such as 100%, not a basis
            if word in header:
                roles[header[word]] = f"detail:{word}"
    elif _names_in_level2(rows, end, header):
        # 一级指标 | 二级指标 | 指标内容 | 指标值 with names under 二级指标 and what they
        # measure under 指标内容 (广东's 培训类 form): two levels, the 二级 is the name
        level1, level2, name = header["一级指标"], 0, header["二级指标"]
        roles |= {level1: "level1", name: "name", header["指标内容"]: "detail:指标内容"}
    elif not name and header.get("绩效指标", -1) == header.get("一级指标", 0) + 1:
        # the graded form: 绩效指标分类 | 绩效指标, two levels, the names under 绩效指标
        name = header["绩效指标"]
        roles[name] = "name"
        level1, level2 = name - 1, 0
    elif not name and "一级指标" in header and "二级指标" in header:
        # a two-level table: 数量指标 under 一级指标, the indicator's name under 二级指标
        name, level2 = header["二级指标"], header["一级指标"]
        level1 = 0  # none: _block takes each row's 一级 from its 二级
        roles |= {name: "name", level2: "level2"}
    else:  # a level without its word in the header sits left of the next level's column
        level2 = header.get("二级指标", name - 1)
        level1 = header.get("一级指标", level2 - 1)
    if name and "一级指标" not in header and "二级指标" not in header:
        if _types_are_level1(rows, end, roles, name):
            # 指标类型 | 指标名称 | 指标值 | 指标描述: 产出指标 | 数量指标 | 375万平方米 | 完成…;
            # the form has two levels, and each 二级 is the indicator's name
            level1, level2, roles[name - 1] = name - 1, name, "level1"
        # a flat header (评价内容 | 指标名称 | …): the two columns left of the names, if free,
        # hold the labels
        for column, role in ((level1, "level1"), (level2, "level2")):
            if column > 0 and column not in roles:
                roles[column] = role
    bases = (header[w] for w in _BASIS_HEADERS if w in header)
    basis = next((c for c in bases if not roles.get(c, "").startswith("detail:")), None)
    unknown = []
    for cell in rows[index].filled():  # a column right of the names with an unknown header
        if cell.column > name and cell.column not in roles:
            roles[cell.column] = f"detail:{header_word(cell.text)}"
            unknown.append(cell.column)
    untargeted = not {"当年", "weight", "score"} & set(roles.values())
    if unknown and untargeted and _holds_values(rows, end, unknown[0]):
        # 西坪镇尧山村 | 桃舟乡吾培村 | …, no 指标值 word: a target per place (安溪); the
        # first place's is the value, the others stay details by their place
        roles[unknown[0]] = "当年"
    value_labels: tuple[str, ...] = ("当年",)
    if {"前年", "上年"} <= labels or {"前年", "上年"} <= set(roles.values()):
        value_labels = ("前年", "上年", "当年")
    elif "上年" in labels or "上年" in roles.values():
        value_labels = ("上年", "当年")
    clean = {c: r for c, r in roles.items() if r != "spanned"}
    titles = {c.column: header_word(c.text) for c in rows[index].filled()}
    for column, role in sorted(clean.items()):
        # 一级指标 | 分值 | 二级指标 | 分值: the points of a level are a detail
        if role == "weight" and clean.get(column - 1) in ("level1", "level2"):
            clean[column] = f"detail:{titles.get(column - 1, '')}{titles.get(column, '')}"
    if "garbled" in roles.values() or "name" not in clean.values() or not _has_targets(clean):
        clean = {}
    years = [c for c, r in sorted(clean.items()) if YEAR.fullmatch(r)]
    if years:  # the last two year columns before the target are 上年 and 前年
        for column, label in zip(reversed(years), ("上年", "前年"), strict=False):
            clean[column] = label
        value_labels = (*(clean[c] for c in years), "当年")
    if clean and _side_label_below(rows, end, level1):
        # 绩效指标 | 产出指标 | 数量指标 | … under 一级指标 | 二级指标 | 三级指标: the header
        # lost the merged side label's cell, so its words stand one column left of the data
        clean = {column + 1: role for column, role in clean.items()} | {level1: "goal"}
        level1, level2, name = level1 + 1, level2 + 1, name + 1
        basis = basis + 1 if basis else None
    scoring = bool(clean) and ("当年" not in clean.values() or _evaluates(rows, end, level1))
    return Columns(level1, level2, name, value_labels, basis, clean, scoring), end


def _side_label_below(rows: tuple[Row, ...], first: int, level1: int) -> bool:
    """Whether the first row below the header has a side label (绩效指标) under the 一级
    column and a 一级 label right of it."""
    if level1 < 1:
        return False
    side = column_role(header_word(_below(rows, first, level1)))
    kind = classify_label(_below(rows, first, level1 + 1))
    return side == "goal" and kind is not None and kind[0] == 1


def _below(rows: tuple[Row, ...], first: int, column: int) -> str:
    """The text in ``column`` of the first row below a header, or ``""``."""
    return _text_at(rows[first], column) if first < len(rows) else ""


def _split_value(header: Row, cells: list[Cell], roles: dict[int, str]) -> dict[int, str]:
    """The roles of a value column split into named sub-columns (a target per region): the
    first sub-column keeps the value, the others become details by their names (a grade per
    column: 优 | 良 | 中 | 差). Nothing when the row is not such a sub-header: its cells must
    start under the value column and run under blank header cells only, and none may be a
    value."""
    value = next((c for c, r in roles.items() if r == "当年"), 0)
    taken = {c.column for c in header.filled()}
    columns = [c.column for c in cells]
    if (
        len(cells) < 2
        or columns[0] != value
        or any(c in taken for c in columns[1:])
        or any(parse_value(c.text).kind not in ("text", "graded") for c in cells)
    ):
        return {}  # (grades are names here: 优 | 良 | 中 | 差 under 绩效指标评价标准)
    return {cell.column: f"detail:{header_word(cell.text)}" for cell in cells[1:]}


def _names_in_level2(rows: tuple[Row, ...], first: int, header: dict[str, int]) -> bool:
    """Whether a target table headed 一级指标 | 二级指标 | 指标内容 | 指标值, with no 三级
    column, has names rather than 二级 labels under 二级指标: in the first rows below it (up
    to three with text there), none is a label and no two are the same (a merged 二级 repeats),
    and its first 一级 is not an evaluation's (决策: 指标内容 holds the names there)."""
    words = ("一级指标", "二级指标", "指标内容", "指标值")
    if "三级指标" in header or "指标名称" in header or not all(w in header for w in words):
        return False
    level1, level2 = header["一级指标"], header["二级指标"]
    below = [row for row in rows[first : first + 8] if not is_header(row.filled())]
    texts = [t for row in below if (t := _text_at(row, level2))][:3]
    labels = [t for row in below if (t := _text_at(row, level1))]
    if not texts or len(set(texts)) < len(texts) or (labels and is_evaluation_level1(labels[0])):
        return False
    return not any(classify_label(t) or clean_label(t).endswith("指标") for t in texts)


def _text_at(row: Row, column: int) -> str:
    """The text in ``column`` of a row, or ``""``."""
    return next((c.text for c in row.cells if c.column == column), "")


def _holds_values(rows: tuple[Row, ...], first: int, column: int) -> bool:
    """Whether the first row below a header has a value (a number, a percentage, …) in
    ``column``."""
    text = _below(rows, first, column)
    return bool(text) and parse_value(text).kind != "text"


def _types_are_level1(rows: tuple[Row, ...], first: int, roles: dict[int, str], name: int) -> bool:
    """Whether the 指标类型 column left of the names holds 一级 labels (产出指标) rather than
    what it holds elsewhere (定量, 定性), judged by the first row below the header."""
    if roles.get(name - 1) != "detail:指标类型":
        return False
    kind = classify_label(_below(rows, first, name - 1))
    return kind is not None and kind[0] == 1


def _evaluates(rows: tuple[Row, ...], first: int, level1: int) -> bool:
    """Whether the first 一级 label below the header is the evaluation framework's (决策)."""
    for row in rows[first : first + 3]:
        cell = next((c for c in row.filled() if c.column == level1), None)
        if cell is not None:
            return is_evaluation_level1(cell.text)
    return False


def _has_targets(roles: dict[int, str]) -> bool:
    """Whether a table has a target value column, or is a scoring table whose indicators
    carry only points (三级指标 | 分值 | 得分, an evaluation's 评分表)."""
    found = set(roles.values())
    scored = {"level1", "level2", "name"} <= found and bool({"weight", "score"} & found)
    return "当年" in found or scored


def column_role(word: str) -> str | None:
    """The role of a header word: ``level1``, ``name``, ``当年``, ``上年``, ``op``, ``unit``, …,
    ``detail:指标解释`` for a descriptive column."""
    if word in _ROLE_WORDS:
        return _ROLE_WORDS[word]
    if word in _DETAIL_WORDS:
        return f"detail:{word}"
    if word in _DETAIL_ALIASES:
        return f"detail:{_DETAIL_ALIASES[word]}"
    if match := _YEAR_VALUE.match(word):  # 2021年实际实现值, 预期2022年实现值
        return "当年" if match.group(1) else "history"
    return None


def compact(text: str) -> str:
    return "".join(text.split())


def header_word(text: str) -> str:
    """A header cell's word without spaces, without the required-field mark of a form
    (``*指标值``, ``★指标解释``) and without a note in brackets after a known word:
    ``指标值（包含数字及文字描述）`` → ``指标值``, ``一级指标(分值)`` → ``一级指标``; the short
    ``一级`` is ``一级指标``; full-width forms read as their plain ones (``单位（专项）名称``)."""
    word = compact(unicodedata.normalize("NFKC", text)).lstrip("*★☆")
    bare = without_note(word)
    bare = _SHORT_WORDS.get(bare, bare)
    known = bare in _ROLE_WORDS or bare in _DETAIL_WORDS or bare in _DETAIL_ALIASES
    return bare if known else word


def without_note(text: str) -> str:
    """Text without a note in brackets at its end: ``总分(100分)`` → ``总分``."""
    match = _HEADER_NOTE.match(text)
    return match.group(1) if match else text
