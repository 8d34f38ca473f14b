"""Reading the seed sheets: counts, filled-down labels, repaired rows and exact positions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from target_lint.errors import InputError
from target_lint.readers import read_sheets
from target_lint.readers.canonical import dump_sheets, read_canonical
from target_lint.readers.grid import Cell, Grid, Row
from target_lint.readers.layout import read_layout
from target_lint.readers.outline import unfold_outline
from target_lint.sheet.model import Indicator, Sheet

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"

# A person counting the 三级 rows of each sheet: (long-term, annual) per goal table, in order.
COUNTS = {
    "shiyan-2025/01-zhihui-chengshi.md": [11],
    "shiyan-2025/02-keji-zhuanxiang.md": [8],
    "shiyan-2025/03-lvyou-fazhan.md": [14],
    "shiyan-2025/04-canji-ertong-kangfu.md": [13],
    "shiyan-2025/05-ludeng-dianfei.md": [14],
    "shiyan-2025/06-shengtai-wenming.md": [14],
    "hanyang-2026/yingji-paizi.txt": [9, 9],
    "hanyang-2026/qingsao-chengguan.txt": [10, 10],
    "hanyang-2026/yuanlin-lvhuadui.txt": [19, 2, 5, 6, 18, 4, 2, 5],
}


def sheet(name: str) -> Sheet:
    (only,) = read_sheets(EXAMPLES / name)
    return only


def find(s: Sheet, name: str, table: str | None = None) -> Indicator:
    hits = [i for b in s.goals if table in (None, b.table) for i in b.indicators if i.name == name]
    assert hits, name
    return hits[0]


@pytest.mark.parametrize(("name", "counts"), COUNTS.items())
def test_indicator_counts(name: str, counts: list[int]) -> None:
    assert [len(b.indicators) for b in sheet(name).goals] == counts


@pytest.mark.parametrize("name", COUNTS)
def test_positions_point_at_the_written_cells(name: str) -> None:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    for ind in sheet(name).indicators:
        for field, pos in ind.cells.items():
            text = {"name": ind.name, "value": ind.value}.get(field) or ind.history.get(field)
            if text is None:
                continue
            line = lines[pos.row - 1]
            line_no, char = (int(x) for x in pos.ref.split(":"))
            assert line_no == pos.row
            if "joined-wrapped-text" in ind.realigned:
                text = text[:4]  # the cell holds the first line of wrapped text
            assert line[char - 1 :].startswith(text), (field, pos.ref, text)


@pytest.mark.parametrize("name", COUNTS)
def test_every_row_has_known_labels_filled_down(name: str) -> None:
    for ind in sheet(name).indicators:
        assert ind.level1, ind.name
        assert ind.name or ind.value


def test_markdown_sheet_metadata() -> None:
    s = sheet("shiyan-2025/01-zhihui-chengshi.md")
    assert s.meta.project_name == "智慧城市平台及数字公共基础设施建设经费"
    assert s.meta.total_budget == Decimal("3000")
    assert s.meta.amount_unit == "万元"
    assert s.meta.goals["年度目标"].startswith("依托于城市信息化基础设施")
    assert s.kind == "project"


def test_tab_separated_sheet_metadata() -> None:
    s = sheet("hanyang-2026/qingsao-chengguan.txt")
    meta = s.meta
    assert (meta.start_year, meta.end_year, meta.budget_year) == (2023, 2027, 2026)
    assert meta.total_budget == Decimal("1311.13")
    assert meta.annual_budget is None
    assert meta.funds_total == Decimal("0")
    assert meta.goals == {"长期目标1": "完成预算目标", "年度目标1": "完成预算目标"}
    assert [b.table for b in s.goals] == ["long_term", "annual"]
    assert s.goals[0].has_basis_column and s.goals[1].history_labels == ["前年", "上年"]


def test_department_sheet_goal_blocks() -> None:
    s = sheet("hanyang-2026/yuanlin-lvhuadui.txt")
    assert s.kind == "department"
    assert [(b.table, b.goal) for b in s.goals][:2] == [
        ("long_term", "长期目标1"),
        ("long_term", "长期目标2"),
    ]
    assert s.goals[0].title == "汉阳区老旧社区及道路绿化养护"
    fund = find(s, "项目资金", "annual")
    assert (fund.value, fund.history) == ("3157.97", {"前年": "2677.42", "上年": "2804.81"})
    spare = find(s, "机动经费", "annual")
    assert (spare.value, spare.history) == ("12.96万元", {"上年": "12.96万元"})


def test_row_shifted_left_is_realigned() -> None:
    row = find(sheet("shiyan-2025/01-zhihui-chengshi.md"), "系统故障率")
    assert (row.level1, row.level2, row.value) == ("产出指标", "质量指标", "≤0%")
    assert "shifted-left" in row.realigned


def test_row_shifted_right_is_realigned() -> None:
    s = sheet("hanyang-2026/yingji-paizi.txt")
    row = find(s, "防洪排涝，保障了辖区内企业正常运转", "long_term")
    assert (row.level1, row.level2, row.value) == ("效益指标", "经济效益指标", "是#")


def test_label_lag_is_repaired() -> None:
    s = sheet("hanyang-2026/yingji-paizi.txt")
    timely = find(s, "项目是否在规定的时间内完成并及时处理110事件", "annual")
    assert (timely.level1, timely.level2) == ("产出指标", "时效指标")
    assert "label-lag" in timely.realigned
    eco = find(s, "防洪排涝，有利于环境保护", "annual")
    assert (eco.level1, eco.level2) == ("效益指标", "生态效益指标")
    happy = find(s, "广大群众满意率", "annual")
    assert (happy.level1_canonical, happy.level2_canonical) == ("满意度指标", "服务对象满意度指标")


def test_three_labels_on_one_row_keep_the_nearest() -> None:
    s = sheet("hanyang-2026/qingsao-chengguan.txt")
    row = find(s, "每年12月31日前", "long_term")
    assert (row.level1, row.level2, row.value) == ("产出指标", "时效指标", "完成日")
    after = find(s, "城市综合管理评分", "long_term")
    assert (after.level1, after.level2) == ("效益指标", "社会效益指标")


def test_label_lag_repair_is_undone_when_nothing_follows() -> None:
    row = find(sheet("shiyan-2025/02-keji-zhuanxiang.md"), "省厅科技型中小企业备案任务完成率")
    assert (row.level1, row.level2) == ("效益指标", "质量指标")
    assert "label-lag-undone" in row.realigned


def test_lost_level1_label_is_inferred_on_shifted_rows() -> None:
    s = sheet("shiyan-2025/03-lvyou-fazhan.md")
    row = find(s, "旅游创收")
    assert (row.level1, row.level2, row.value) == ("效益指标", "经济效益指标", "≥1718 亿元")
    assert "level1-inferred" in row.realigned


def test_level2_name_in_level1_column_is_kept_as_written() -> None:
    s = sheet("shiyan-2025/04-canji-ertong-kangfu.md")
    subsidy = find(s, "0-6岁残疾儿童康复训练补助")
    assert (subsidy.level1, subsidy.level1_canonical, subsidy.level2) == ("经济成本指标", None, "")
    timely = find(s, "补助发放及时率")
    assert (timely.level1, timely.level2) == ("产出指标", "时效指标")


def test_wrapped_cell_text_is_joined() -> None:
    s = sheet("hanyang-2026/yuanlin-lvhuadui.txt")
    row = find(s, "提升市民休闲环境", "annual")
    assert (row.level1_canonical, row.level2_canonical) == ("效益指标", "社会效益指标")
    assert row.history == {"前年": "有效", "上年": "有效"}


def test_a_row_of_whole_labels_is_no_wrapped_text(tmp_path: Path) -> None:
    """In text, a template row left unfilled (产出指标 | 质量指标) is not the wrapped end of
    the row above it, as 指标 | 环境 would be."""
    path = tmp_path / "unfilled.txt"
    path.write_text(
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t质量指标\t树木成活率\t≥85%\n"
        "产出指标\t质量指标\n"
        "效益指标\t生态效益\t新增绿地面积\t3500平方米\n"
        "\t指标\n",
        encoding="utf-8",
    )
    [s] = read_sheets(path)
    assert [(i.level2_canonical, i.name, i.realigned) for i in s.indicators] == [
        ("质量指标", "树木成活率", []),
        ("生态效益指标", "新增绿地面积", ["joined-wrapped-text"]),
    ]
    assert [(row.level2, row.position.ref) for row in s.goals[0].unfilled] == [("质量指标", "3:1")]


def test_a_table_from_column_c_ends_at_a_note_in_column_c(tmp_path: Path) -> None:
    """Lines of running text are told by their column, not by the row's width: a table
    written from column C ends at a note in column C."""
    grid = Grid(
        "c.xlsx",
        "Sheet1",
        (
            Row(1, (Cell("", 1), Cell("", 2), Cell("一级指标", 3), Cell("二级指标", 4),
                    Cell("三级指标", 5), Cell("指标值", 6))),
            Row(2, (Cell("", 1), Cell("", 2), Cell("产出指标", 3), Cell("数量指标", 4),
                    Cell("培训场次", 5), Cell("≥36场次", 6))),
            Row(3, (Cell("", 1), Cell("", 2), Cell("注：指标值为预期当年实现值。", 3))),
            Row(4, (Cell("", 1), Cell("", 2), Cell("", 3), Cell("", 4), Cell("填表人", 5))),
        ),
    )  # fmt: skip
    assert (grid.left, grid.is_line(grid.rows[2]), grid.is_line(grid.rows[3])) == (3, True, False)
    [s] = read_layout(grid)
    assert [(i.name, i.position.ref) for i in s.indicators] == [("培训场次", "Sheet1!F2")]


def test_a_header_printed_again_inside_a_table(tmp_path: Path) -> None:
    """A header repeated on a new page, its words broken over lines: the table goes on, and
    the 一级 label above it still applies below it."""
    path = tmp_path / "pages.csv"
    path.write_text(
        "一级指标,二级指标,三级指标,指标值\n"
        "产出指标,数量指标,培训场次,≥36场次\n"
        '"一级\n指标","二级\n指标","三级\n指标",指标值\n'
        ",质量指标,培训合格率,≥95%\n",
        encoding="utf-8",
    )
    [s] = read_sheets(path)
    assert len(s.goals) == 1
    last = s.indicators[-1]
    assert (last.level1_canonical, last.level2, last.name) == ("产出指标", "质量指标", "培训合格率")
    assert (last.cells["level1"].ref, last.position.ref) == ("2:1", "7:4")  # 3 breaks above


def test_filled_down_labels_point_at_their_cell() -> None:
    s = sheet("shiyan-2025/01-zhihui-chengshi.md")
    second = find(s, "鄂汇办高频事项上线数量")
    assert set(second.inherited) == {"level1", "level2"}
    assert second.cells["level1"].row == find(s, "上云委办局规模").position.row


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_whole_seed_documents_give_every_sheet() -> None:
    shiyan = read_sheets(SEEDS / "000_c99e6584591f0821.txt")
    assert [len(s.indicators) for s in shiyan] == [11, 8, 14, 13, 14, 14]
    hanyang = read_sheets(SEEDS / "003_2c259dd9f8d33cdf.txt")
    assert [len(s.indicators) for s in hanyang] == [18, 20, 61]


def test_bad_input_is_one_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match="no indicator table found"):
        read_sheets(empty)
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(InputError, match="binary"):
        read_sheets(binary)
    with pytest.raises(InputError, match="unsupported file type"):
        read_sheets(tmp_path / "sheet.pdf")


def test_gb18030_text_is_decoded(tmp_path: Path) -> None:
    source = (EXAMPLES / "hanyang-2026/yingji-paizi.txt").read_text(encoding="utf-8")
    target = tmp_path / "gbk.txt"
    target.write_bytes(source.encode("gb18030"))
    assert len(read_sheets(target)[0].indicators) == 18


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sheet.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_operator_value_and_unit_columns_and_self_evaluation(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2026年某某项目绩效自评表\n"
        "一级指标\t二级指标\t三级指标\t计量单位\t指标值\t计算符号\t权重\t实际完成值\t得分\t偏差原因\n"
        "产出指标\t数量指标\t培训人数\t人\t200\t≥\t20\t210\t20\t\n"
        "\t质量指标\t培训合格率\t%\t95\t≥\t20\t93\t18\t部分学员缺考\n",
    )
    (s,) = read_sheets(path)
    assert s.kind == "self_evaluation"
    first, second = s.indicators
    assert (first.value, first.operator, first.unit, first.weight) == ("200", "≥", "人", "20")
    assert (first.parsed.op, first.parsed.magnitude, first.parsed.unit) == (">=", "200", "人")
    assert (second.level1, second.actual, second.score) == ("产出指标", "93", "18")
    assert second.reason == "部分学员缺考"
    assert second.cells["unit"].ref == "4:4" and second.cells["actual"].column == 8


def test_year_columns_become_history(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t2024年实际实现值\t2025年实际实现值\t预期2026年实现值\t"
        "指标值确定依据\n"
        "产出指标\t数量指标\t培训人数\t180人\t190人\t≥200人\t历史标准\n",
    )
    (ind,) = read_sheets(path)[0].indicators
    assert (ind.value, ind.history, ind.basis) == (
        "≥200人",
        {"前年": "180人", "上年": "190人"},
        "历史标准",
    )


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("产出指标(50分)", "产出指标"),
        ("产 出 指 标", "产出指标"),
        ("★效益指标", "效益指标"),
        ("*满意度指标", "满意度指标"),
        ("指标1:产出指标", "产出指标"),
    ],
)
def test_label_noise_is_cleaned_and_kept(tmp_path: Path, written: str, canonical: str) -> None:
    path = _write(
        tmp_path,
        f"一级指标\t二级指标\t三级指标\t指标值\n{written}\t数量指标\t培训人数\t≥200人\n",
    )
    (ind,) = read_sheets(path)[0].indicators
    assert (ind.level1, ind.level1_canonical) == (written, canonical)


def test_long_term_and_annual_tables_side_by_side(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2026年某某项目绩效目标表\n"
        "长期绩效目标\t\t\t\t年度绩效目标\n"
        "一级指标\t二级指标\t三级指标\t指标值\t一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人数\t≥1000人\t产出指标\t数量指标\t培训人数\t≥200人\n"
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t满意度指标\t服务对象满意度指标\t"
        "学员满意度\t≥92%\n",
    )
    (s,) = read_sheets(path)
    long_term, annual = s.goals
    assert (long_term.table, annual.table) == ("long_term", "annual")
    assert [i.value for i in long_term.indicators] == ["≥1000人", "≥90%"]
    assert [i.value for i in annual.indicators] == ["≥200人", "≥92%"]
    assert (annual.indicators[0].position.row, annual.indicators[0].position.column) == (4, 8)


def test_descriptive_columns_are_kept_aside(tmp_path: Path) -> None:
    """Templates of other regions add 指标解释, 评（扣）分标准, 数据来源 beside the values."""
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t指标解释\t指标值\t度量单位\t评（扣）分标准\t数据来源\n"
        "产出指标\t数量指标\t道路清扫保洁面积\t反映清扫面积完成情况\t≥120\t万平方米\t"
        "完成得满分，每少1万平方米扣1分\t项目验收资料\n"
        "\t质量指标\t保洁合格率\t反映清扫质量，合格率≥95%为达标\t≥95\t%\t达到得满分\t考核记录\n",
    )
    first, second = read_sheets(path)[0].indicators
    assert (first.name, first.value, first.unit) == ("道路清扫保洁面积", "≥120", "万平方米")
    assert first.details == {
        "指标解释": "反映清扫面积完成情况",
        "评(扣)分标准": "完成得满分，每少1万平方米扣1分",
        "数据来源": "项目验收资料",
    }
    assert first.cells["数据来源"].ref == "2:8" and first.cells["value"].column == 5
    assert (second.level1, second.name, second.value) == ("产出指标", "保洁合格率", "≥95")
    assert second.details["指标解释"] == "反映清扫质量，合格率≥95%为达标"
    canonical = tmp_path / "sheet.json"
    canonical.write_text(dump_sheets(read_sheets(path), "json"), encoding="utf-8")
    assert read_canonical(canonical) == read_sheets(path), "details survive the canonical form"


def test_descriptive_columns_stay_aside_on_rows_read_by_type(tmp_path: Path) -> None:
    # a name that reads like a value does not fit the name column: the row is read by type
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t指标值\t数据来源\n"
        "产出指标\t数量指标\t培训人数\t≥200人\t签到表\n"
        "\t\t培训学时40学时\t≥40学时\t课表\n",
    )
    indicators = read_sheets(path)[0].indicators
    assert [(i.name, i.value, i.details) for i in indicators] == [
        ("培训人数", "≥200人", {"数据来源": "签到表"}),
        ("培训学时40学时", "≥40学时", {"数据来源": "课表"}),
    ]
    assert indicators[1].cells["数据来源"].ref == "3:5"


def test_ministry_template_metadata(tmp_path: Path) -> None:
    """The 项目支出绩效目标表 laid out as in the 2021 central template: year line under the
    title, 主管部门及代码, 项目资金（万元） over its sub-rows, 年度总体目标."""
    path = _write(
        tmp_path,
        "项目支出绩效目标表\n"
        "（2026年度）\n"
        "项目名称\t城区道路清扫保洁项目\n"
        "主管部门及代码\t某区城市管理局 101001\t实施单位\t某区环卫中心\n"
        "项目资金（万元）\t年度资金总额\t334\n"
        "\t其中：财政拨款\t334\n"
        "年度总体目标\t全年完成城区道路清扫保洁120万平方米。\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
        "\t产出指标\t数量指标\t道路清扫保洁面积\t≥120万平方米\n"
        "\t成本指标\t经济成本指标\t清扫保洁费用\t≤334万元\n",
    )
    (s,) = read_sheets(path)
    meta = s.meta
    assert (meta.department, meta.unit_name, meta.budget_year) == (
        "某区城市管理局 101001",
        "某区环卫中心",
        2026,
    )
    assert (meta.annual_budget, meta.amount_unit) == (Decimal("334"), "万元")
    assert meta.goals == {"年度目标": "全年完成城区道路清扫保洁120万平方米。"}
    assert meta.positions["department"].ref == "4:2"
    assert [i.name for i in s.indicators] == ["道路清扫保洁面积", "清扫保洁费用"]


def test_self_evaluation_template(tmp_path: Path) -> None:
    """The 项目支出绩效自评表 of the 2020 evaluation rules: budget execution rows, the goal text
    under 预期目标, a 总分 row under the indicators."""
    path = _write(
        tmp_path,
        "项目支出绩效自评表\n（2025年度）\n"
        "项目名称\t城区道路清扫保洁项目\n"
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t年度资金总额\t334\t334\t320\t10\t95.81%\t9.58\n"
        "年度总体目标\t预期目标\t\t实际完成情况\n"
        "\t全年完成城区道路清扫保洁120万平方米。\t\t完成121万平方米。\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t"
        "偏差原因分析及改进措施\n"
        "\t产出指标\t数量指标\t道路清扫保洁面积\t≥120万平方米\t121万平方米\t20\t20\t\n"
        "\t\t质量指标\t保洁合格率\t≥95%\t93%\t20\t18\t部分路段保洁不及时\n"
        "总分\t\t\t\t\t\t100\t96.58\t\n",
    )
    (s,) = read_sheets(path)
    assert (s.kind, s.meta.budget_year, s.meta.annual_budget) == (
        "self_evaluation",
        2025,
        Decimal("334"),
    )
    assert s.meta.goals == {"年度目标": "全年完成城区道路清扫保洁120万平方米。"}
    assert [(i.name, i.actual, i.score) for i in s.indicators] == [
        ("道路清扫保洁面积", "121万平方米", "20"),
        ("保洁合格率", "93%", "18"),
    ]
    assert s.indicators[1].reason == "部分路段保洁不及时"


def test_header_words_with_notes_and_basis_variants(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t指标值（包含数字及文字描述）\t指标值设定依据及数据来源\n"
        "产出指标\t数量指标\t培训人数\t≥200人\t年度培训计划\n",
    )
    (ind,) = read_sheets(path)[0].indicators
    assert (ind.name, ind.value, ind.basis) == ("培训人数", "≥200人", "年度培训计划")
    assert ind.cells["basis"].ref == "2:5"


def test_long_term_and_annual_value_columns(tmp_path: Path) -> None:
    """实施期指标值 | 年度指标值 in one table: a long-term table and an annual one."""
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t实施期指标值\t年度指标值\n"
        "产出指标\t数量指标\t培训人数\t≥600人\t≥200人\n"
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t≥92%\n",
    )
    long_term, annual = read_sheets(path)[0].goals
    assert (long_term.table, annual.table) == ("long_term", "annual")
    assert [(i.name, i.value) for i in long_term.indicators] == [
        ("培训人数", "≥600人"),
        ("学员满意度", "≥90%"),
    ]
    assert [(i.name, i.value) for i in annual.indicators] == [
        ("培训人数", "≥200人"),
        ("学员满意度", "≥92%"),
    ]
    assert (long_term.indicators[0].position.ref, annual.indicators[0].position.ref) == (
        "2:4",
        "2:5",
    )
    only = _write(
        tmp_path, "一级指标\t二级指标\t三级指标\t中期指标值\n产出指标\t数量指标\t培训人数\t≥600人\n"
    )
    (block,) = read_sheets(only)[0].goals
    assert (block.table, block.indicators[0].value) == ("long_term", "≥600人")


@pytest.mark.parametrize("name_header", ["三级指标", "指标名称", "指标内容"])
@pytest.mark.parametrize(
    "value_header",
    [
        "指标值",
        "预期当年实现值",
        "年度指标值",
        "年初目标值",
        "目标值",
        "指标值及单位",
        "全年指标值",
    ],
)
@pytest.mark.parametrize("basis_header", ["指标值确定依据", "绩效标准", "指标值设定依据"])
def test_header_variants(
    tmp_path: Path, name_header: str, value_header: str, basis_header: str
) -> None:
    path = _write(
        tmp_path,
        f"一级指标\t二级指标\t{name_header}\t{value_header}\t{basis_header}\n"
        "产出指标\t数量指标\t培训人数\t≥200人\t计划标准\n"
        "\t质量指标\t培训合格率\t≥95%\t历史标准\n",
    )
    first, second = read_sheets(path)[0].indicators
    assert (first.name, first.value, first.basis) == ("培训人数", "≥200人", "计划标准")
    assert (second.level1, second.level2, second.value) == ("产出指标", "质量指标", "≥95%")
    assert [second.cells[k].ref for k in ("level2", "name", "value", "basis")] == [
        "3:2",
        "3:3",
        "3:4",
        "3:5",
    ]
    assert second.cells["level1"].ref == "2:1" and second.inherited == ["level1"]


@pytest.mark.parametrize(
    ("lines", "unit", "total"),
    [
        ("项目名称\t培训项目\t项目金额（万元）\t16\n", "万元", "16"),
        ("项目名称\t培训项目\t项目金额（元）\t160000\n", "元", "16"),
        ("单位：元\n项目名称\t培训项目\t项目总预算\t160000\n", "元", "16"),
        ("项目名称\t培训项目\t资金总额\t16 万\n", None, "16"),
    ],
)
def test_amounts_in_wan_or_yuan(tmp_path: Path, lines: str, unit: str | None, total: str) -> None:
    path = _write(
        tmp_path,
        f"2026年培训项目绩效目标表\n{lines}"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥200人\n",
    )
    meta = read_sheets(path)[0].meta
    assert (meta.amount_unit, meta.total_budget) == (unit, Decimal(total))
    assert meta.positions["total_budget"].row == lines.count("\n") + 1


def test_nature_column_is_not_an_operator(tmp_path: Path) -> None:
    """指标性质 holding 定量/定性 (and 计算符号 the ≥/≤) is kept as a detail, not prefixed."""
    path = _write(
        tmp_path,
        "一级指标\t二级指标\t三级指标\t指标性质\t计算符号\t指标值\t度量单位\n"
        "产出指标\t数量指标\t培训人数\t定量\t≥\t200\t人\n"
        "\t质量指标\t培训效果\t定性\t\t良好\t\n",
    )
    first, second = read_sheets(path)[0].indicators
    assert (first.operator, first.details, first.parsed.op) == ("≥", {"指标性质": "定量"}, ">=")
    assert (second.operator, second.details["指标性质"]) == (None, "定性")
    assert (second.parsed.kind, second.cells["指标性质"].ref) == ("graded", "3:4")


def test_an_outline_keeps_the_rows_after_it() -> None:
    """The rows below an outline that stand outside its columns are kept as they are."""
    texts = [
        ("项目", "指标值", "绩效金额"),
        ("培训项目", "", "50000"),
        ("产出指标", "", ""),
        ("数量指标", "", ""),
        ("培训人数", "≥200人", ""),
        ("满意度指标", "", ""),
        ("学员满意度", "≥90%", ""),
        ("", "审核意见：同意", ""),
        ("", "盖章", ""),
    ]
    rows = tuple(
        Row(n, tuple(Cell(t, c) for c, t in enumerate(r, 1))) for n, r in enumerate(texts, 1)
    )
    unfolded = unfold_outline(Grid("x.txt", None, rows))
    assert [r.number for r in unfolded.rows][-2:] == [8, 9]
    assert unfolded.rows[-1] == rows[-1]
    assert [(c.column, c.text) for c in unfolded.rows[-5].filled()] == [
        (3, "培训人数"),
        (4, "≥200人"),
    ]
