"""Recognise target sheets in a grid by their words: titles, metadata, headers, goal blocks.

Positions are never assumed: a header row is found by 一级指标/二级指标/三级指标 (its columns
are read by readers/header.py), a sheet starts at a title ending in 绩效目标表 (or 申报表,
自评表), metadata by its field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from target_lint.errors import InputError
from target_lint.readers.grid import Cell, Grid, Row
from target_lint.readers.header import (
    LONG_TERM_VALUES,
    YEAR,
    column_role,
    compact,
    header_word,
    is_header,
    read_columns,
    without_note,
)
from target_lint.readers.hierarchy import Level, as_written, resolve_levels
from target_lint.readers.outline import unfold_outline
from target_lint.readers.remarks import (
    any_directive,
    comments_by_row,
    take_directives,
    take_remark_cells,
)
from target_lint.readers.rows import (
    Columns,
    RowParts,
    is_fragment_row,
    is_goal_label,
    is_unfilled,
    merge_fragments,
    split_row,
)
from target_lint.sheet.directive import has_directive
from target_lint.sheet.model import (
    GoalBlock,
    Indicator,
    Position,
    Remark,
    Sheet,
    SheetKind,
    SheetMeta,
    TableKind,
)
from target_lint.sheet.taxonomy import (
    canonical_level2,
    classify_label,
    clean_label,
    parent_of,
)
from target_lint.values import parse_value

_TITLE = re.compile(
    r"绩效(目标|自评|目标自评)(申报|批复)?表([(（][^()（）]{0,12}[)）])?$|绩效目标表\S{0,4}$"
    r"|整体(支出)?绩效目标$|绩效评价(指标)?(打分|评分)表$|绩效评价表$|项目支出目标申报表$"
)
_GOAL_SECTION = re.compile(r"^(长期|年度)目标\s*(\d+)\s*[:：]$")
_PERIOD_HEADING = re.compile(r"^(中期|长期|实施期|年度)\S{0,4}目标(?:[(（][^()（）]*[)）])?$")
_GOAL_TEXT = re.compile(r"^(长期|年度)目标\s*(\d*)$")
_UNIT_LINE = re.compile(r"(?:^|^金额|[)）])单位[:：](万元|元)$")  # 金额单位：元, …(盖章)单位：万元
_YEAR_LINE = re.compile(r"^[(（]?(20\d\d)\s*年度?[)）]?$")  # （2026年度） under the title
_AMOUNT_SUFFIX = re.compile(r"[（(](万元|元)[）)]$")

_META_KEYS = {
    "项目名称": "project_name",
    "项目支出名称": "project_name",
    "专项资金名称": "project_name",
    "预算部门": "department",
    "项目主管部门": "department",
    "业务主管部门": "department",
    "主管部门": "department",
    "主管部门及代码": "department",
    "部门(单位)名称": "department",
    "部门名称": "department",
    "项目单位": "unit_name",
    "项目执行单位": "unit_name",
    "实施单位": "unit_name",
    "项目金额": "total_budget",
    "项目总预算": "total_budget",
    "资金总额": "total_budget",
    "预算数": "total_budget",  # 预算规模及资金用途 | 预算数 | 24.00 (天津), 预算数 | 6.84 (成安)
    "项目当年预算": "annual_budget",
    "当年预算": "annual_budget",
    "年度资金总额": "annual_budget",
    "年度本级预算金额": "annual_budget",
    "合计": "funds_total",
    "起始年度": "start_year",
    "终止年度": "end_year",
    "项目编码": "project_code",
    "项目年度绩效目标": "goal:年度目标",
    "年度绩效目标": "goal:年度目标",
    "当年绩效目标": "goal:年度目标",
    "项目长期绩效目标": "goal:长期目标",
    "年度总体目标": "goal:年度目标",
    "总体目标": "goal:年度目标",
    "实施期总体目标": "goal:长期目标",
    "实施期绩效目标": "goal:长期目标",
    "本年度绩效目标": "goal:年度目标",
    "中长期目标": "goal:长期目标",
}
# labels of a form's metadata block that name no field we keep (a blank one must not take them)
_FORM_LABELS = {
    "财政处室", "联系电话", "部门联系人", "项目联系人", "项目负责人", "负责人及电话", "邮编",
    "地址", "自评总分", "自评总分(分)", "填报日期",
}  # fmt: skip
_TOTAL_ROWS = ("总分", "总计", "得分合计", "分值合计", "综合得分")
_TABLE_TOTALS = (*_TOTAL_ROWS, "合计")  # 合计 is a metadata field outside a table
# what follows a table in a form: the reviewer's opinion, the self-evaluation's conclusions, the
# signatures; such a row ends the table
_FOOTERS = (
    "财政部门审核意见", "主管部门审核意见", "审核意见", "评价结论", "存在问题", "改进措施",
    "项目负责人", "财务负责人", "单位负责人", "填表人", "填报人", "联系电话", "填报日期",
    "偏差大或目标未完成原因分析", "其他需要说明事项", "说明", "注",
)  # fmt: skip
_SEAL = re.compile(r"[(（]盖章[)）]")  # a signature box: 财政资金管理科室(盖章)
_CAPTION = re.compile(r"附?表[一二三四五六七八九十\d]+")  # 表十二 over the next table
_OPINION = re.compile(r"意见(?:[:：(（]|\Z)")
# the whole cell, or the word before a colon, a bracket or 及/和 (改进措施及结果应用方案)
_FOOTER = re.compile(rf"(?:{'|'.join(_FOOTERS)})(?:[:：(（及和]|\Z)")
# the heading over a goal text written on the row below: 年度总体目标 | 预期目标 | 实际完成情况
_GOAL_HEADINGS = ("预期目标", "目标内容", "绩效目标", "年初设定目标", "年初绩效目标", "年初目标")
_MONEY_WORDS = ("金额", "资金", "预算")  # a heading with (万元) or (元) says the amounts' unit
_SECTION_TITLES = ("长期绩效目标表", "年度绩效目标表")
_FIELDS = {"op": "operator", "unit": "unit", "weight": "weight", "score": "score"}
_FIELDS |= {"actual": "actual", "reason": "reason"}
_MEASURES = ("weight", "score", "actual")  # the roles of an indicator's points and result
_COLUMN_TITLE_ENDS = ("名称", "类别", "预算", "金额", "用途", "说明", "依据", "编码", "内容表述")


@dataclass
class _Block:
    table: TableKind | None
    columns: Columns
    position: Position
    goal: str | None = None
    title: str | None = None
    rows: list[RowParts] = field(default_factory=list)
    remarks: dict[int, list[Remark]] = field(default_factory=dict)  # by row number


@dataclass
class _SheetDraft:
    grid: Grid
    position: Position
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    meta_positions: dict[str, Position] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    amount_unit: str | None = None
    year: int | None = None  # from a line such as （2026年度）
    # goals whose texts are in these columns of the next row
    goal_below: list[tuple[str, int]] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    directives: list[Remark] = field(default_factory=list)


def read_layout(grid: Grid, *, strict: bool = True) -> list[Sheet]:
    """All target sheets found in one grid; InputError when there is none and ``strict``."""
    tables = _split_periods(_unstack(unfold_outline(grid)))
    sheets = [_build(draft) for draft in _scan(tables) if draft.blocks]
    sheets = [sheet for sheet in sheets if sheet.indicators]
    if not sheets and strict:
        raise InputError(
            grid.file,
            "no indicator table found",
            "expected a header row with 一级指标, 二级指标 and 三级指标",
        )
    return sheets


def _unstack(grid: Grid) -> Grid:
    """Put tables that stand side by side (长期 | 年度) one below the other.

    A header row that names 一级指标 twice starts two tables; every row down to the next line of
    running text is cut at the second table's first column, and the right-hand parts follow the
    left-hand ones, each after a section row (长期/年度绩效目标表) when a row above says which.
    A header naming 二级指标 twice after one 一级指标 (东莞: 一级 | 二级 | 三级 | 指标值 | 二级 |
    三级 | 指标值) holds two tables sharing the 一级 column: the right-hand part keeps it.
    Cells keep their columns and rows, so positions still point at the original cells.
    """
    rows = list(grid.rows)
    for index, row in enumerate(rows):
        cells = row.filled()
        if sum("级" in c.text for c in cells) < 4:
            continue  # a cheap test first: two tables' headers name four levels at least
        words = [(c, header_word(c.text)) for c in cells]
        firsts = [c for c, word in words if word == "一级指标"]
        seconds = [c for c, word in words if word == "二级指标"]
        shared: int | None = None
        if len(firsts) == 1 and len(seconds) == 2 and firsts[0].column < seconds[0].column:
            shared, cut = firsts[0].column, seconds[1].column
        elif len(firsts) == 2:
            cut = firsts[1].column - (firsts[0].column - min(c.column for c in cells))
        else:
            continue
        if not is_header(cells):
            continue
        end = next((i for i in range(index + 1, len(rows)) if grid.is_line(rows[i])), len(rows))
        left, right = [], []
        for part in rows[index:end]:
            left.append(Row(part.number, tuple(c for c in part.cells if c.column < cut)))
            kept = tuple(c for c in part.cells if c.column >= cut or c.column == shared)
            right.append(Row(part.number, kept))
        above = [cell for before in rows[max(0, index - 3) : index] for cell in before.filled()]
        kinds = _side_kinds(above, cut)
        stacked: list[Row] = []
        for kind, part_rows in zip(kinds, (left, right), strict=True):
            if kind:
                stacked.append(Row(row.number, (Cell(kind, 1),)))
            stacked.extend(part_rows)
        rows[index:end] = stacked
        return replace(grid, rows=tuple(rows))
    return grid


def _split_periods(grid: Grid) -> Grid:
    """Read a table with a long-term and an annual value column (实施期指标值 | 年度指标值) as a
    long-term table followed by an annual one, sharing the label and name columns.

    Each copy leaves out the other period's value column down to the next line of running text;
    a table with only a long-term value column becomes a long-term table. Cells keep their
    columns and rows, so positions still point at the original cells.
    """
    rows = list(grid.rows)
    index = 0
    while index < len(rows):
        cells = rows[index].filled()
        if not any("期" in c.text for c in cells):  # 实施期, 中期, 长期: a cheap test first
            index += 1
            continue
        words = {c.column: header_word(c.text) for c in cells}
        long_term = [c for c, w in words.items() if w in LONG_TERM_VALUES]
        annual = [
            c for c, w in words.items() if w not in LONG_TERM_VALUES and column_role(w) == "当年"
        ]
        if len(long_term) != 1 or len(annual) > 1 or not is_header(cells):
            index += 1
            continue
        end = next((i for i in range(index + 1, len(rows)) if grid.is_line(rows[i])), len(rows))
        table, number = rows[index:end], rows[index].number
        periods = [("长期绩效目标表", annual[0] if annual else 0)]
        periods += [("年度绩效目标表", long_term[0])] if annual else []
        split: list[Row] = []
        for title, left_out in periods:
            split.append(Row(number, (Cell(title, 1),)))
            split += [
                Row(r.number, tuple(c for c in r.cells if c.column != left_out)) for r in table
            ]
        rows[index:end] = split
        index += len(split)
    if len(rows) == len(grid.rows):
        return grid
    return replace(grid, rows=tuple(rows))


def _side_kinds(cells: list[Cell], cut: int) -> list[str | None]:
    """The kinds of the left and the right table: two headings of different periods above
    them (中期目标 | … | 年度目标), left to right, whatever columns their merged cells start
    in; else the heading above each side."""
    found: dict[str, int] = {}
    for cell in sorted(cells, key=lambda c: c.column):
        if (kind := _period_kind(cell)) is not None:
            found.setdefault(kind, cell.column)
    if len(found) == 2:
        return [kind for kind in sorted(found, key=found.__getitem__)]
    return [_side_kind(cells, 0, cut), _side_kind(cells, cut, 1 << 30)]


def _side_kind(cells: list[Cell], first: int, stop: int) -> str | None:
    """长期绩效目标表 or 年度绩效目标表 when a cell in columns [first, stop) of the rows above
    says so (中期 is 长期: 中期滚动目标); the nearest row's cell wins."""
    for cell in reversed(cells):
        if first <= cell.column < stop and (kind := _period_kind(cell)) is not None:
            return kind
    return None


def _period_kind(cell: Cell) -> str | None:
    """长期绩效目标表 or 年度绩效目标表 for a cell starting 长期, 中期 or 年度."""
    text = compact(cell.text)[:2]
    if text in ("长期", "中期", "年度"):
        return "年度绩效目标表" if text == "年度" else "长期绩效目标表"
    return None


def _scan(grid: Grid) -> list[_SheetDraft]:
    drafts: list[_SheetDraft] = []
    sheet: _SheetDraft | None = None
    columns: Columns | None = None
    block: _Block | None = None
    table_kind: TableKind | None = None
    skip_until = 0
    comments = comments_by_row(grid)
    marked = any_directive(grid)
    loose: list[Remark] = []  # directives outside indicator rows: the sheet's
    for index, row in enumerate(grid.rows):
        cells = row.filled()
        if not cells or index < skip_until:
            continue
        remarks: list[Remark] = []
        if marked or row.number in comments:
            row, remarks = take_directives(grid, row, comments.get(row.number, ()))
            cells = row.filled()
        if not cells:  # a line holding only a directive
            loose += remarks
            continue
        first = compact(cells[0].text)
        line = grid.is_line(row)
        if len(cells) == 1 and _TITLE.search(first) and first not in _SECTION_TITLES:
            sheet = _SheetDraft(grid, grid.position(row, cells[0]), title=cells[0].text)
            drafts.append(sheet)
            columns, block, table_kind = None, None, None
            loose += remarks
            continue
        if sheet is None:
            sheet = _SheetDraft(grid, grid.position(row, cells[0]))
            drafts.append(sheet)
        if match := _UNIT_LINE.search(first):
            sheet.amount_unit = match.group(1)
        elif len(cells) == 2 and (match := _UNIT_LINE.search(compact(cells[1].text))):
            # 207101天津市河北区人民法院 | 单位：万元: the line over the next project's form
            sheet.amount_unit = sheet.amount_unit or match.group(1)
            columns, block = None, None
        elif (match := _YEAR_LINE.match(first)) and len(cells) == 1:
            sheet.year = sheet.year or int(match.group(1))
        elif first in _SECTION_TITLES:
            table_kind = "long_term" if first.startswith("长期") else "annual"
            block = None
        elif (match := _GOAL_SECTION.match(first)) and len(cells) >= 2:
            kind: TableKind = "long_term" if match.group(1) == "长期" else "annual"
            goal = f"{match.group(1)}目标{match.group(2)}"
            sheet.goals[goal] = cells[1].text
            block = _Block(kind, columns or Columns(0, 0, 0), grid.position(row, cells[0]))
            block.goal, block.title = goal, cells[1].text
            sheet.blocks.append(block)
            table_kind = kind
        elif is_header(cells):
            columns, skip_until = read_columns(grid.rows, index)
            columns = _continued_scoring(block, columns)
            if _goes_on_below(grid, skip_until, block, columns):
                pass  # the header printed again (a new page): the table goes on
            elif block is None or block.rows:
                block = _Block(table_kind, columns, grid.position(row, cells[0]))
                sheet.blocks.append(block)
            else:
                block.columns = columns
        elif line and block is not None and not clean_label(first):
            pass  # (50分) on a line of its own: what extraction left of a label, no text
        elif (
            (line and not _goes_on(grid, index, cells[0], block))
            or _is_footer(first)
            or _is_opinion(cells[0], columns)
            or (
                block is not None
                and cells[0].column < block.columns.level1  # the side-label column: a cheap test
                and _leaves_table(grid, index, cells, block)
            )
            or (len(cells) == 1 and _CAPTION.fullmatch(first))
        ):
            columns, block = None, None  # running text, a footer (评价结论, 填表人): the end
        elif without_note(first) in _TOTAL_ROWS or (
            block is not None and without_note(_lead(cells, block)) in _TABLE_TOTALS
        ):
            pass  # 总分 | … | 100 | 96.58 under a self-evaluation
        elif block is not None and block.columns.name and not _is_meta_row(cells, block):
            project = _project_cells(block.columns, cells)
            if project and not _same_project(sheet, project):
                sheet, block = _start_project(drafts, sheet, block, row, project)
            remarks = _add_data_row(sheet, block, row, grid, remarks)
            if block.goal is None or sheet.blocks[-1] is not block:
                block = sheet.blocks[-1]
        else:
            if _meta_key(first) == "project_name" and _has_project(sheet):
                sheet = _next_project(drafts, sheet, row, cells[0])  # the next project's form
            _read_meta(sheet, row, cells, grid)
            if _meta_key(first) and columns is not None:
                columns, block = None, None
        loose += remarks
    _attach_directives(drafts, loose)
    return drafts


def _continued_scoring(block: _Block | None, columns: Columns) -> Columns:
    """A header repeated inside a scoring table, the table still open (吉林 prints it over
    each 一级: 预算绩效, 项目产出, 项目效果), reads the rows below it as scoring rows too,
    whatever their 一级."""
    if columns.scoring or not columns.roles or block is None:
        return columns
    last = block.columns
    same = (last.level1, last.level2, last.name) == (columns.level1, columns.level2, columns.name)
    return replace(columns, scoring=True) if last.scoring and same else columns


def _goes_on_below(grid: Grid, end: int, block: _Block | None, columns: Columns) -> bool:
    """Whether the header just read, the same as the open table's, continues that table (a
    new page): the first row below it (from ``end``) has no 一级 of its own, which the table
    above gives. Under its own 一级 it starts another table."""
    if block is None or not block.rows or columns != block.columns or not columns.level1:
        return False
    below = _next_filled(grid, end)
    return below is not None and not any(
        cell.column == columns.level1 and cell.text for cell in below.cells
    )


def _next_filled(grid: Grid, start: int) -> Row | None:
    """The first row from ``start`` on that holds text (found by index: a slice of the rows
    would copy the rest of a long sheet for every row that asks)."""
    rows = grid.rows
    return next((rows[i] for i in range(start, len(rows)) if rows[i].filled()), None)


def _is_meta_row(cells: list[Cell], block: _Block) -> bool:
    """Whether a row inside a table starts with a metadata key (项目名称, 年度绩效目标); not
    when that cell is the table's side label (年度绩效目标 merged down the left, a category
    label beside it in the 一级 column)."""
    if _meta_key(compact(cells[0].text)) is None:
        return False
    if block.columns.roles.get(cells[0].column) == "goal":
        return False
    level1 = next((c for c in cells if c.column == block.columns.level1), None)
    return level1 is None or cells[0] is level1 or classify_label(level1.text) is None


def _is_footer(text: str) -> bool:
    """``评价结论``, ``项目负责人：``, ``财政部门审核意见（盖章）``, a signature box
    ``财政资金管理科室(盖章)年月日``; not a name such as ``存在问题整改率``."""
    return _FOOTER.match(text) is not None or _SEAL.search(text) is not None


def _is_opinion(cell: Cell, columns: Columns | None) -> bool:
    """A reviewer's box left of the names: ``区扶贫办审核意见``, ``财政部门支出股室初审意见``
    (an indicator named …意见 sits in the name column)."""
    return (
        columns is not None
        and cell.column < columns.name
        and _OPINION.search(compact(cell.text)) is not None
    )


def _goes_on(grid: Grid, index: int, cell: Cell, block: _Block | None) -> bool:
    """Whether a row of one cell inside a table is a row of it, not running text: a category
    label in its column (黄冈: 效益指标 with no indicator under it), or a name or a side label
    in its column when the next row is a row of the table (培训场次 left without a value)."""
    if block is None:
        return False
    columns = block.columns
    if cell.column in (columns.level1, columns.level2) and classify_label(cell.text) is not None:
        return True
    if columns.roles.get(cell.column) not in ("name", "goal"):
        return False
    following = _next_filled(grid, index + 1)
    return (
        following is not None
        and not grid.is_line(following)
        and not is_header(following.filled())  # 年度绩效目标2(40分) over the next table
    )


def _leaves_table(grid: Grid, index: int, cells: list[Cell], block: _Block) -> bool:
    """A row of the form below the table, in the side-label column (项目绩效指标 merged down
    the left): a text that names no goal (本项目以前年度绩效评价情况 | 暂无…, 自评报告),
    nothing in the name or value columns nor anything like a label or a value, and no row of
    the table after it before the next line of running text (a row moved left by extraction
    has its table go on: 政策符合性 | 符合要求)."""
    roles = block.columns.roles
    if roles.get(cells[0].column) != "goal":
        return False
    side = clean_label(cells[0].text)  # 年度绩效目标(80分), 绩效指标
    if is_goal_label(side) or column_role(side) == "goal" or classify_label(side) is not None:
        return False
    table = ("name", *block.columns.value_labels)
    if any(
        roles.get(cell.column) in table
        or classify_label(cell.text) is not None
        or parse_value(cell.text).kind != "text"
        for cell in cells[1:]
    ):
        return False
    columns = {column for column, role in roles.items() if role in table}
    for number in range(index + 1, len(grid.rows)):  # an index, not a slice: no copy
        row = grid.rows[number]
        if grid.is_line(row):
            return True
        if any(cell.text and cell.column in columns for cell in row.cells):
            return False  # the table goes on
    return True


def _lead(cells: list[Cell], block: _Block) -> str:
    """A row's first text outside the side-label column (绩效指标(90分) merged down the left)."""
    rest = [cell for cell in cells if block.columns.roles.get(cell.column) != "goal"]
    return compact(rest[0].text) if rest else ""


def _project_cells(columns: Columns, cells: list[Cell]) -> dict[str, Cell]:
    """The project columns (项目名称, 单位名称, 预算数, 年度目标) of a row of a department's
    table of projects, when the row starts a project (its 项目名称 is filled); else nothing."""
    if "project:project_name" not in columns.roles.values():
        return {}
    found = {
        role.removeprefix("project:"): cell
        for cell in cells
        if (role := columns.roles.get(cell.column, "")).startswith("project:")
    }
    return found if "project_name" in found else {}


def _same_project(sheet: _SheetDraft, cells: dict[str, Cell]) -> bool:
    """Whether a row repeats the current project (a merged project cell fills every row)."""
    return sheet.meta.get("project_name") == cells["project_name"].text


def _start_project(
    drafts: list[_SheetDraft], sheet: _SheetDraft, block: _Block, row: Row, cells: dict[str, Cell]
) -> tuple[_SheetDraft, _Block]:
    """The sheet and block of the project a row starts: each project of a department's table
    is a sheet of its own, with the table's title, unit of amounts and columns."""
    grid, previous = sheet.grid, sheet
    if "project_name" in sheet.meta or block.rows:
        sheet = _SheetDraft(grid, grid.position(row, cells["project_name"]), title=sheet.title)
        sheet.amount_unit, sheet.year = previous.amount_unit, previous.year
        if (unit := previous.meta.get("unit_name")) is not None:
            sheet.meta["unit_name"] = unit  # a unit's later projects leave 单位名称 blank
        drafts.append(sheet)
        block = _Block(block.table, block.columns, grid.position(row, cells["project_name"]))
        sheet.blocks.append(block)
    for key, cell in cells.items():
        if key == "goal":
            sheet.goals.setdefault("年度目标", cell.text)
        else:
            sheet.meta[key] = cell.text
            sheet.meta_positions[key] = grid.position(row, cell)
    return sheet, block


def _has_project(sheet: _SheetDraft) -> bool:
    """Whether a sheet has its project and that project's indicators: what follows is
    another project's form."""
    return "project_name" in sheet.meta and any(block.rows for block in sheet.blocks)


def _next_project(
    drafts: list[_SheetDraft], sheet: _SheetDraft, row: Row, cell: Cell
) -> _SheetDraft:
    """A sheet for the next project of a file holding one form per project, with the
    previous one's title, unit of amounts and year."""
    following = _SheetDraft(sheet.grid, sheet.grid.position(row, cell), title=sheet.title)
    following.amount_unit, following.year = sheet.amount_unit, sheet.year
    drafts.append(following)
    return following


def _attach_directives(drafts: list[_SheetDraft], remarks: list[Remark]) -> None:
    """Each directive of a title or metadata row to the sheet it is in (before: the first)."""
    for remark in remarks:
        row = remark.position.row if remark.position else 0
        owner = next((d for d in reversed(drafts) if d.position.row <= row), None)
        owner = owner or (drafts[0] if drafts else None)
        if owner is not None and has_directive(remark.text):
            owner.directives.append(remark)


def _add_data_row(
    sheet: _SheetDraft, block: _Block, row: Row, grid: Grid, remarks: list[Remark]
) -> list[Remark]:
    """Add an indicator row to the block; the remarks not kept with a row are returned."""
    row, noted = take_remark_cells(grid, row, block.columns.roles)
    remarks = [*noted, *remarks]
    fragment = grid.extracted and bool(block.rows) and is_fragment_row(row)
    merged_name = (row.number, block.columns.name) in grid.merged_down
    if fragment or (merged_name and _continues(grid, row, block)):
        if fragment:
            merge_fragments(block.rows[-1], row)
        if remarks:
            block.remarks.setdefault(block.rows[-1].row.number, []).extend(remarks)
        return []
    parts = split_row(row, block.columns, extracted=grid.extracted)
    if parts is None:
        return remarks
    if parts.goal is not None:
        label = compact(parts.goal.text).rstrip(":：")
        kind: TableKind = "long_term" if label.startswith("长期") else "annual"
        goal = label if _GOAL_TEXT.match(label) else None
        if block.rows and goal and block.goal and goal != block.goal:
            block = _Block(kind, block.columns, grid.position(row, parts.goal), goal)
            sheet.blocks.append(block)
        block.goal = block.goal or goal
        block.table = block.table or kind
    if parts.name is None and not parts.values and not parts.labels:
        return remarks
    block.rows.append(parts)
    if remarks:
        block.remarks[row.number] = remarks
    return []


def _continues(grid: Grid, row: Row, block: _Block) -> bool:
    """Whether a row whose name is a merged cell that started above only continues the
    indicator above it: each of its values and points (指标值, 上年, 实际完成值, 分值, 得分) is
    blank, merged down too, or the same as the row above's (吉林: a 三级 merged over the
    ①–④ lines of its 理由 column)."""
    if not block.rows:
        return False
    columns = block.columns
    measured = {
        column
        for column, role in columns.roles.items()
        if role in columns.value_labels or role in _MEASURES
    }
    above = {cell.column: cell.text for cell in block.rows[-1].row.cells}
    return all(
        (row.number, cell.column) in grid.merged_down or cell.text == above.get(cell.column)
        for cell in row.cells
        if cell.text and cell.column in measured
    )


def _meta_key(text: str) -> str | None:
    text = text.rstrip(":：")  # 项目名称：, 资金总额:
    key = _AMOUNT_SUFFIX.sub("", text.replace("（", "(").replace("）", ")"))
    return _META_KEYS.get(key) or _META_KEYS.get(_AMOUNT_SUFFIX.sub("", text))


def _read_meta(sheet: _SheetDraft, row: Row, cells: list[Cell], grid: Grid) -> None:
    """Key/value pairs (``项目名称 | … | 项目金额（万元） | 3000``) and goal texts."""
    if sum(compact(c.text).endswith(_COLUMN_TITLE_ENDS) for c in cells) >= 3:
        return  # the header of another table: 项目名称 | 支出项目类别 | 项目总预算 | …
    if sheet.goal_below:
        below, sheet.goal_below = sheet.goal_below, []
        texts = {c.column: c.text for c in cells}
        found = [(goal, texts[column]) for goal, column in below if texts.get(column)]
        for goal, text in found:
            sheet.goals.setdefault(goal, text)
        if found:
            return
    first = compact(cells[0].text)
    if (match := _GOAL_TEXT.match(first)) and match.group(2) and len(cells) == 2:
        sheet.goals[f"{match.group(1)}目标{match.group(2)}"] = cells[1].text
        return
    for position, cell in enumerate(cells):
        text = compact(cell.text)
        suffix = _AMOUNT_SUFFIX.search(text.replace("（", "(").replace("）", ")"))
        field_name = _meta_key(text)
        if suffix and (
            field_name or any(word in text for word in _MONEY_WORDS)
        ):  # 项目资金（万元）
            sheet.amount_unit = sheet.amount_unit or suffix.group(1)
        if field_name is None or position + 1 >= len(cells):
            continue
        value = cells[position + 1]
        if _meta_key(compact(value.text)) is not None or compact(value.text) in _FORM_LABELS:
            continue  # the next label: this one's cell is blank
        if field_name.startswith("goal:") and compact(value.text) in _GOAL_HEADINGS:
            sheet.goal_below = [(field_name[5:], value.column)]
        elif field_name.startswith("goal:") and (
            periods := _period_headings(cells[position + 1 :])
        ):
            sheet.goal_below = periods  # 总体目标 | 中期滚动目标(2019年--2021年) | … | 年度目标
        elif field_name.startswith("goal:"):
            sheet.goals.setdefault(field_name[5:], value.text)
        elif field_name not in sheet.meta:
            sheet.meta[field_name] = value.text
            sheet.meta_positions[field_name] = grid.position(row, value)


def _period_headings(cells: list[Cell]) -> list[tuple[str, int]]:
    """The goals a row of period headings names over the texts below it (中期滚动目标 |
    年度目标), or nothing when the first cell is no such heading."""
    found = []
    for cell in cells:
        if match := _PERIOD_HEADING.match(compact(cell.text)):
            goal = "年度目标" if match.group(1) == "年度" else "长期目标"
            found.append((goal, cell.column))
    return found if found and _PERIOD_HEADING.match(compact(cells[0].text)) else []


def _build(draft: _SheetDraft) -> Sheet:
    meta = _meta(draft)
    goals = [_block(draft.grid, block) for block in draft.blocks if block.rows]
    title = draft.title or ""
    kind: SheetKind
    roles = {role for block in draft.blocks for role in block.columns.roles.values()}
    # 实际完成值, 得分 filled in: a self-evaluation (a target sheet may print them empty: 乐昌)
    scored = any(i.actual or i.score for block in goals for i in block.indicators)
    if "自评" in title or ({"actual", "score"} & roles and scored):
        kind = "self_evaluation"
    elif "整体" in title:
        kind = "department"
    else:
        kind = "project"
    return Sheet(
        source=draft.grid.file,
        worksheet=draft.grid.worksheet,
        title=draft.title,
        kind=kind,
        meta=meta,
        goals=goals,
        position=draft.position,
        directives=draft.directives,
    )


def _meta(draft: _SheetDraft) -> SheetMeta:
    values = draft.meta
    unit = draft.amount_unit if draft.amount_unit in ("万元", "元") else None
    title_year = YEAR.search(draft.title or "")
    return SheetMeta(
        project_name=values.get("project_name"),
        department=values.get("department"),
        unit_name=values.get("unit_name"),
        amount_unit="元" if unit == "元" else "万元" if unit else None,
        total_budget=_amount(values.get("total_budget"), unit),
        annual_budget=_amount(values.get("annual_budget"), unit),
        funds_total=_amount(values.get("funds_total"), unit),
        start_year=_year(values.get("start_year")),
        end_year=_year(values.get("end_year")),
        budget_year=int(title_year.group(1)) if title_year else draft.year,
        goals=draft.goals,
        fields=dict(values),
        positions=draft.meta_positions,
    )


def _amount(text: str | None, unit: str | None) -> Decimal | None:
    """An amount in 万元: ``3755.64 万``, ``334``, ``1,311.13``, ``16000元`` (unit 元)."""
    if not text:
        return None
    value = parse_value(text)
    if value.value is None:
        return None
    if value.multiplier == 10_000 or (value.unit is None and unit != "元"):
        return value.value / 10_000 if value.multiplier == 10_000 else value.value
    return value.value / 10_000


def _year(text: str | None) -> int | None:
    match = re.search(r"(19|20)\d\d", text or "")
    return int(match.group(0)) if match else None


def _block(grid: Grid, block: _Block) -> GoalBlock:
    indicators: list[Indicator] = []
    unfilled: list[Indicator] = []
    # a scoring table's labels are not the taxonomy's: nothing to repair by their names
    resolve = resolve_levels if grid.extracted and not block.columns.scoring else as_written
    written_in = {id(label.cell): parts.row for parts in block.rows for label in parts.labels}
    for parts, levels in zip(block.rows, resolve(block.rows), strict=True):
        row = parts.row
        cells: dict[str, Position] = {}
        for key, level in (("level1", levels.level1), ("level2", levels.level2)):
            if level is not None and level.label is not None:
                label_row = written_in.get(id(level.label.cell), row)
                cells[key] = grid.position(label_row, level.label.cell)
        if parts.name:
            cells["name"] = grid.position(row, parts.name)
        for label, cell in parts.values.items():
            cells["value" if label == "当年" else label] = grid.position(row, cell)
        if parts.basis:
            cells["basis"] = grid.position(row, parts.basis)
        for key, cell in parts.fields.items():
            cells[key.removeprefix("detail:")] = grid.position(row, cell)
        current = parts.values.get("当年")
        anchor = current or parts.name
        level1, level2, notes = levels.level1, levels.level2, levels.notes
        if block.columns.level2 == block.columns.name and parts.name and level2 is None:
            level2 = Level(parts.name.text, canonical_level2(parts.name.text))  # 二级 as name
            cells["level2"] = cells["name"]
        if _unnamed(level1) and level2 and level2.canonical:
            # a two-level table, rows above the first 一级 label (a merged label copied into
            # its middle row), a 一级 that kept only its points ((50分)): 数量指标 → 产出指标
            canonical = level2.canonical
            parent = parent_of(canonical) or parent_of(canonical, "legacy_2015")
            raw = level1.raw if level1 else parent or ""
            level1, notes = Level(raw, parent) if parent else level1, ("level1-inferred",)
        remarks = block.remarks.get(row.number, [])
        (unfilled if is_unfilled(parts) and not remarks else indicators).append(
            Indicator(
                level1=level1.raw if level1 else "",
                level1_canonical=level1.canonical if level1 else None,
                level2=level2.raw if level2 else "",
                level2_canonical=level2.canonical if level2 else None,
                name=parts.name.text if parts.name else "",
                value=current.text if current else "",
                history={k: c.text for k, c in parts.values.items() if k != "当年"},
                basis=parts.basis.text if parts.basis else None,
                **{_FIELDS[k]: cell.text for k, cell in parts.fields.items() if k in _FIELDS},
                details={
                    k.removeprefix("detail:"): cell.text
                    for k, cell in parts.fields.items()
                    if k.startswith("detail:")
                },
                position=grid.position(row, anchor),
                cells=cells,
                inherited=list(levels.inherited),
                realigned=[*parts.notes, *notes],
                remarks=remarks,
            )
        )
    return GoalBlock(
        table=block.table or "annual",
        goal=block.goal,
        title=block.title,
        history_labels=[label for label in block.columns.value_labels if label != "当年"],
        has_basis_column=block.columns.basis is not None,
        scoring=block.columns.scoring,
        indicators=indicators,
        unfilled=unfilled,
        position=block.position,
    )


def _unnamed(level: Level | None) -> bool:
    """No 一级, or one whose text is only its points: ``(50分)``."""
    return level is None or (level.canonical is None and not clean_label(level.raw))
