"""Sheets from regions the readers were not written for (tests/fixtures/regions).

Each was transcribed from a published page and counted by a person; the reader must find the
same indicators, and the layouts that differ from the seeds' must read to the right fields.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from target_lint.lint import Linter
from target_lint.readers import read_sheets
from target_lint.readers.document import read_docx
from target_lint.resources import load_toml
from target_lint.sheet.model import Indicator, Sheet

REGIONS = Path(__file__).parent / "fixtures" / "regions"
SHEETS: list[dict[str, Any]] = load_toml(REGIONS / "counts.toml")["sheet"]


def indicators(file: str) -> list[Indicator]:
    return [indicator for sheet in read_sheets(REGIONS / file) for indicator in sheet.indicators]


def only(file: str) -> Sheet:
    [sheet] = read_sheets(REGIONS / file)
    return sheet


def _case(sheet: dict[str, Any]) -> Any:
    """A sheet, marked as an expected failure when counts.toml says the form is misread."""
    marks = [pytest.mark.xfail(reason=sheet["misread"], strict=True)] if "misread" in sheet else []
    return pytest.param(sheet, id=sheet["file"], marks=marks)


@pytest.mark.parametrize("expected", [_case(sheet) for sheet in SHEETS])
def test_the_count_a_person_makes(expected: dict[str, Any]) -> None:
    found = indicators(expected["file"])
    assert len(found) == expected["indicators"]
    assert (found[0].name, found[-1].name) == (expected["first"], expected["last"])
    assert all(i.name and i.name not in ("……", "指标2:", "指标2") for i in found)


def test_side_label_column_footer_and_unfilled_headings() -> None:
    """湘潭: 本年度 绩效指标 down the left, 二级 rows with nothing beside them, a footer row."""
    sheet = only("xiangtan_wupaoche_2023.md")
    unfilled = [(row.level1, row.level2) for row in sheet.goals[0].unfilled]
    assert unfilled == [
        ("效益指标", "经济效益指标"),
        ("效益指标", "生态效益指标"),
        ("效益指标", "可持续影响指标"),
    ]
    assert "财政部门审核意见" not in [i.name for i in sheet.indicators]
    assert sheet.meta.project_name == "雾炮车降尘抑尘服务"
    assert sheet.meta.annual_budget == Decimal(250) and sheet.meta.amount_unit == "万元"
    assert set(sheet.meta.goals) == {"长期目标", "年度目标"}
    findings = Linter.from_config().lint_sheet(sheet)
    empty = [f for f in findings if f.code == "S109"]
    assert [(f.severity, f.ref) for f in empty] == [("warning", f"{row}:1") for row in (21, 23, 24)]


def test_self_evaluation_with_operator_unit_and_weight_columns() -> None:
    """青神: 绩效指标(90分) merged down column A, 指标性质 | 指标值 | 度量单位, a 合计 row,
    a funds block with its own header above, the form's conclusions below."""
    sheet = only("qingshen_fagai_gongzi_ziping_2023.xlsx")
    assert sheet.kind == "self_evaluation" and sheet.meta.budget_year == 2023
    rows = [(i.operator, i.value, i.unit, i.weight, i.cells["value"].ref) for i in sheet.indicators]
    assert rows == [("=", "100", "%", "60", "自评表!F17"), ("=", "100", "%", "30", "自评表!F18")]
    assert sheet.indicators[0].parsed.value == 100
    codes = {f.code for f in Linter.from_config().lint_sheet(sheet)}
    assert "K110" not in codes  # 60 + 30: the form's 90 points, 预算执行率 has the other 10


def test_a_departments_table_of_projects_is_a_sheet_per_project() -> None:
    """井研: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级 … in one table, amounts in 元, the
    department's total row first, 一级/二级 repeated and out of order."""
    first, second = read_sheets(REGIONS / "jingyan_mata_xiangmu_mubiao_2023.csv")
    assert (first.meta.project_name, second.meta.project_name) == (
        "村组干部报酬",
        "基层组织活动经费",
    )
    assert first.meta.amount_unit == "元" and first.meta.total_budget == Decimal("330.984")
    assert second.meta.total_budget == Decimal("66")
    assert second.meta.unit_name == first.meta.unit_name == "820001-井研县马踏镇人民政府"
    assert first.meta.goals["年度目标"] == "按时发放村组干部报酬"
    assert (len(first.indicators), len(second.indicators)) == (8, 5)
    quantity = first.indicators[4]
    assert (quantity.name, quantity.operator, quantity.value, quantity.unit) == (
        "村组干部230人",
        "≥",
        "230",
        "个",
    )
    assert quantity.details == {"指标方向": "正向指标"}
    assert second.position.ref == "13:2"


def test_weight_before_value_and_a_goal_under_its_heading() -> None:
    """中江: 分值 before 年度指标值, 一级 labels with scores, the goal on the row under
    年初设定目标."""
    sheet = only("zhongjiang_shuibiaochi_ziping_2022.txt")
    assert sheet.kind == "self_evaluation" and sheet.meta.budget_year == 2022
    first = sheet.indicators[0]
    assert (first.level1_canonical, first.weight, first.value, first.actual) == (
        "产出指标",
        "10",
        "≥266米",
        "≥266米",
    )
    assert sheet.meta.goals["年度目标"].startswith("对农村地区供水计量设施设备进行改进")


def test_workbook_rows_are_never_joined_as_wrapped_text() -> None:
    """廊坊: 指标2 and …… rows under merged labels are template rows, not text that wrapped."""
    sheet = only("langfang_shipin_nuantong_ziping_2019.xlsx")
    assert not any(i.realigned for i in sheet.indicators)
    assert [i.level2_canonical for i in sheet.indicators][5:7] == ["经济效益指标", "社会效益指标"]
    assert len(sheet.goals[0].unfilled) == 17


def test_score_only_labels() -> None:
    """天长: the 一级 column holds only (50分) and (30分); 指标1:/ is a placeholder."""
    sheet = only("tianchang_shuihan_ziping_2022.md")
    assert [i.level1 for i in sheet.indicators[:2]] == ["(50分)", "(50分)"]
    last = sheet.indicators[-1]
    assert (last.level2, last.name, last.value, last.actual) == (
        "服务对象满意度指标",
        "指标1:服务对象满意度",
        "90%",
        "100%",
    )
    assert "指标1:/" in [row.name for row in sheet.goals[0].unfilled]


def test_two_level_table_takes_its_level1_from_the_level2() -> None:
    """鄂州: 一级指标 | 二级指标 hold 数量指标 | the name; no 三级 column, no 产出指标."""
    first = only("ezhou_binhu_dalou_2022.md").indicators[0]
    assert (first.level1, first.level2, first.name, first.value) == (
        "产出指标",
        "数量指标",
        "办公大楼日常维修维护次数",
        "2280次",
    )
    assert first.realigned == ["level1-inferred"]
    assert first.basis == "反映办公大楼全年维修维护情况"
    assert first.cells["name"].ref == "21:12"


def test_flat_header_without_label_columns() -> None:
    """重庆 整体自评: 绩效指标 | 指标名称 | 计量单位 | 指标性质 | 年初指标值 | … | 指标权重(分) |
    指标得分(分); no 一级/二级 at all, 定量指标 as the 指标性质 (no operator)."""
    sheet = only("chongqing_kexuecheng_rongmeiti_2021_zhengti_zipingbiao.md")
    assert sheet.meta.fields == {}  # 主管部门 | (blank) | 财政处室 | (blank): no department
    first = sheet.indicators[0]
    assert (first.level1, first.level2, first.name, first.value, first.unit) == (
        "",
        "",
        "财政供养人员控制率",
        "100%",
        "%",
    )
    assert (first.operator, first.weight, first.score) == (None, "2", "2")
    assert first.details["指标性质"] == "定量指标"
    assert {key: cell.ref for key, cell in first.cells.items() if key in ("name", "value")} == {
        "name": "11:6",
        "value": "11:29",
    }


def test_evaluation_content_columns_hold_the_labels() -> None:
    """宁晋: 评价指标 | 评价内容 (two columns, merged header) | 指标名称 | 指标说明 | 目标值 |
    分值."""
    sheet = only("ningjin_gaozhongzhuxuejin_2019_xiangmu.xlsx")
    row = sheet.indicators[1]
    assert (row.level1_canonical, row.level2_canonical, row.name, row.value, row.weight) == (
        "产出指标",
        "数量指标",
        "享受资助人数",
        "2100",
        "10",
    )
    assert row.details == {"指标说明": "达到预计值"}
    assert (row.cells["level1"].ref, row.cells["level2"].ref, row.position.ref) == (
        "Sheet1!B4",
        "Sheet1!C4",
        "Sheet1!F4",
    )
    assert "总分" not in [i.name for i in sheet.indicators]


def test_required_marks_in_headers_and_a_2015_cost_label() -> None:
    """岳阳楼 整体: *指标值, *指标解释; 成本指标 in the 二级 column under a merged 产出指标; a row
    with only its 评(扣)分标准 filled is a template row."""
    sheet = only("yueyanglou_jiagerenzheng_2023_zhengti.md")
    cost = sheet.indicators[3]
    assert (cost.level1, cost.level2, cost.name, cost.value, cost.unit) == (
        "产出指标",
        "成本指标",
        "社会成本指标",
        "100",
        "%",
    )
    assert cost.inherited == ["level1"] and cost.cells["level2"].ref == "20:6"
    assert cost.details["指标解释"] == "该指标主要考察总成本控制情况"
    [unfilled] = sheet.goals[0].unfilled
    assert (unfilled.level2, unfilled.name, unfilled.value) == ("经济效益指标", "", "")


@pytest.mark.parametrize(
    ("file", "footers"),
    [
        ("hengshan_xianjichubeiliang_2020_ziping.csv", ("说明", "注:1")),
        (
            "huanggang_shuitubaochi_jiance_2020_ziping.docx",
            ("偏差大或目标未完成原因分析", "改进措施"),
        ),
        ("nanyue_fupinjidi_2018_xiangmu.csv", ("财政部门", "区扶贫办")),
        ("yongde_yingyanggaishan_2022_ziping.xlsx", ("其他需要说明事项", "总分")),
    ],
)
def test_footnotes_and_analysis_rows_end_the_table(file: str, footers: tuple[str, ...]) -> None:
    """Rows under a self-evaluation (说明, 注:…, 偏差大或目标未完成原因分析, 改进措施及…)."""
    names = [i.name for i in indicators(file)]
    assert not [name for name in names if name.startswith(footers)]


def test_two_tables_of_a_self_evaluation_in_one_sheet() -> None:
    """黄冈: 年度绩效目标1 and 2 each with a header row; 进度指标 for 时效; empty 效益 rows."""
    [sheet] = read_sheets(REGIONS / "huanggang_shuitubaochi_jiance_2020_ziping.docx")
    assert sheet.kind == "self_evaluation"
    assert [len(goal.indicators) for goal in sheet.goals] == [3, 2]
    assert [(u.level1, u.level2) for u in sheet.goals[1].unfilled] == [
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    first = sheet.indicators[0]
    assert (first.level2, first.value, first.actual, first.score) == (
        "质量指标",
        "100%",
        "100%",
        "10",
    )


def test_a_reviewers_box_ends_the_table_but_a_name_may_say_opinion(tmp_path: Path) -> None:
    """南岳: 区扶贫办审核意见 | | | | (盖章) under the table ends it; 听取群众意见 in the name
    column is a name."""
    sheet = tmp_path / "opinion.csv"
    sheet.write_text(
        "一级指标,二级指标,三级指标,指标值\n"
        "产出指标,数量指标,征求意见,≥3次\n"
        ",,听取群众意见,≥2次\n"
        "区扶贫办审核意见,,,(盖章)\n",
        encoding="utf-8",
    )
    [found] = read_sheets(sheet)
    assert [(i.name, i.value) for i in found.indicators] == [
        ("征求意见", "≥3次"),
        ("听取群众意见", "≥2次"),
    ]


@pytest.mark.parametrize(
    ("file", "kind", "title"),
    [
        ("fuliang_linyeju_zhengti.csv", "department", "部门整体绩效目标"),  # title without 表
        ("nanhua_yejunjiagong_ziping.xlsx", "self_evaluation", None),  # 实际完成值, 得分
        ("ningde_dangshifangzhi_2019_zhengti.xlsx", "department", "部门整体支出绩效目标表"),
        ("zhaohua_tekunjiating_2021_xiangmu.csv", "project", "项目支出绩效目标申报表"),
    ],
)
def test_the_kind_of_sheet(file: str, kind: str, title: str | None) -> None:
    """A self-evaluation by its title or by its 实际完成值/得分 columns; a 整体 sheet by title."""
    sheet = read_sheets(REGIONS / file)[0]
    assert (sheet.kind, sheet.title) == (kind, title)


def test_labels_with_a_forms_hints() -> None:
    """原州: 数量指标 (必填硬性指标), 经济效益 指标 (选填); 永德: 服务对象满意度指标等, with the
    operators ≧ and ═."""
    first = indicators("yuanzhou_shuiyuanhanyanglin_2022_xiangmu.docx")[0]
    assert (first.level2, first.level2_canonical, first.cells["level2"].ref) == (
        "数量指标 (必填硬性指标)",
        "数量指标",
        "11:3",
    )
    last = indicators("yongde_yingyanggaishan_2022_ziping.xlsx")[-1]
    assert (last.level2_canonical, last.name, last.value, last.operator, last.unit) == (
        "服务对象满意度指标",
        "家长满意度",
        "95",
        "≧",
        "%",
    )
    assert last.parsed.op == ">=" and "look-alike-character" in last.parsed.defects


def test_names_under_a_bare_header_word_and_a_caption_between_tables() -> None:
    """潼南: 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值, each table under a 表十二 caption."""
    sheets = read_sheets(REGIONS / "tongnan_wuguizhen_2023_yibanxing.md")
    assert [len(sheet.indicators) for sheet in sheets] == [5, 5]
    assert sheets[0].meta.project_name == "潼南区五桂镇汇总项目库"
    first = sheets[0].indicators[0]
    assert (first.name, first.value, first.weight, first.unit, first.operator) == (
        "发放人数",
        "80",
        "20",
        "人数",
        "≥",
    )
    assert "表十二" not in [i.name for sheet in sheets for i in sheet.indicators]


def test_a_departments_table_of_projects_with_merged_project_cells() -> None:
    """湘西: 单位代码 | 单位(专项)名称 | 资金总额 | 实施期绩效目标 merged down every indicator row;
    the unit's own row above names no project; 二级 rows with only "-" and 定性 are template
    rows."""
    [sheet] = read_sheets(REGIONS / "xiangxi_texiao_2023.xlsx")
    assert sheet.meta.project_name == "学生伙食费" and sheet.meta.total_budget == Decimal(30)
    assert len(sheet.indicators) == 10
    assert [(u.level1, u.level2) for u in sheet.goals[0].unfilled][:2] == [
        ("成本指标", "生态环境成本指标"),
        ("成本指标", "社会成本指标"),
    ]
    first = sheet.indicators[0]
    assert (first.name, first.value, first.position.ref) == (
        "学生补助标准",
        "17元/人.每天",
        "绩效目标表!H6",
    )


def test_a_score_range_after_a_label() -> None:
    """奉节: 成本指标(0-20)分 in the 一级 column."""
    [indicator] = indicators("fengjie_yunwu_2023.csv")
    assert (indicator.level1_canonical, indicator.level2, indicator.name, indicator.value) == (
        "成本指标",
        "经济成本指标",
        "项目建设成本",
        "≤65万元",
    )


def test_a_scoring_table_without_target_values() -> None:
    """海南: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分, an evaluation's own
    labels (项目决策, 项目管理), no value column: read by position, each level's points kept
    apart from the indicator's."""
    found = indicators("hainan_fuwumaoyi_ziping.md")
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in found]
    assert rows[0] == ("项目决策", "项目目标", "目标内容", "4", "4")
    assert rows[-1] == ("项目绩效", "项目产出", "产出成本", "3", "3")
    assert found[0].details == {"一级指标分值": "20", "二级指标分值": "4"}
    assert (found[2].name, found[2].cells["name"].ref, found[2].inherited) == (
        "决策程序",
        "22:11",
        ["level1", "level2"],
    )
    assert not any(i.realigned for i in found) and not any(i.value for i in found)


def test_indicator_types_that_are_the_level1() -> None:
    """临海: 指标类型 | 指标名称 | 指标值 | 指标描述 with 产出指标 | 数量指标 | 375万平方米 | …: a
    two-level form whose 二级 names the indicator (elsewhere 指标类型 holds 定量/定性)."""
    found = indicators("linhai_lvhuayanghu_2024_xiangmu.docx")
    first = found[0]
    assert (first.level1_canonical, first.level2_canonical, first.name, first.value) == (
        "产出指标",
        "数量指标",
        "数量指标",
        "375万平方米",
    )
    assert first.details == {"指标描述": "完成全市375万平方米的绿地养护、维护等"}
    assert (first.cells["level1"].ref, first.cells["level2"].ref, first.position.ref) == (
        "12:1",
        "12:2",
        "12:3",
    )
    assert [i.level2_canonical for i in found][-1] == "服务对象满意度指标"


def test_a_target_per_region_under_one_value_heading() -> None:
    """龙岩: 区域目标值 over 新罗区 | 永定区 | … on a second header row: the first region's
    target is the value, the others are details by region; 资金总额: with its colon."""
    [sheet] = read_sheets(REGIONS / "longyan_mzj_2023.csv")
    first, second = sheet.indicators
    assert (first.name, first.value, first.cells["value"].ref) == (
        "宗教管理经费补助县(市、区)数量",
        "2",
        "11:6",
    )
    assert first.details["永定区"] == "3" and first.details["漳平市"] == "2"
    assert first.cells["漳平市"].ref == "11:12"
    assert (second.value, second.details["上杭县"]) == (">=95%", ">=95%")
    assert sheet.meta.total_budget == Decimal(30)


def test_a_side_label_and_a_total_with_points() -> None:
    """保山: 年度绩效目标(80分) merged down the left of the 一级 column, labels with points
    (产出指标(60分)), a blank row under each group inside the merged labels, and a
    总分(100分) row below."""
    sheet = only("baoshan_tuiyijunren_chunjiewenwei_2022_ziping.docx")
    first, last = sheet.indicators[0], sheet.indicators[-1]
    assert (first.level1, first.level1_canonical, first.level2_canonical) == (
        "产出指标(60分)",
        "产出指标",
        "数量指标",
    )
    assert (first.value, first.actual, first.score) == ("100%", "100%", "20")
    assert first.cells["name"].ref == "11:4" and first.cells["score"].ref == "11:7"
    assert (last.level1_canonical, last.value, last.cells["value"].ref) == (
        "满意度指标",
        "100%",
        "17:5",
    )
    # the blank rows hold only the merged labels' continuations: blank, as in a workbook
    assert sheet.goals[0].unfilled == []
    [grid] = read_docx(REGIONS / "baoshan_tuiyijunren_chunjiewenwei_2022_ziping.docx")
    assert [row.filled() for row in grid.rows if row.number in (14, 16, 18)] == [[], [], []]


def test_signature_boxes_end_the_table() -> None:
    """黄石: 财政资金管理科室(盖章) 年 月 日 | 财政绩效管理科室(盖章) below the last row is not
    an indicator; the rows above the first 一级 label (产出指标 written on the group's fifth
    row) take it from their 二级."""
    sheet = only("huangshi_dangxiao_zhutiban_2022_pifu.xlsx")
    assert sheet.title == "项目支出绩效目标批复表" and len(sheet.indicators) == 13
    first, last = sheet.indicators[0], sheet.indicators[-1]
    assert (first.level1_canonical, first.realigned, "level1" in first.cells) == (
        "产出指标",
        ["level1-inferred"],
        False,
    )
    assert (first.value, first.cells["value"].ref) == ("280人次", "批复表!F10")
    assert (last.name, last.cells["name"].ref) == ("培训学员对培训效果满意度", "批复表!D22")


def test_one_form_per_project_in_one_document() -> None:
    """天津 河北区: each project's form opens with 207101天津市河北区人民法院 | 单位：万元 and
    项目名称 | …; each is a sheet of its own, the opening line no indicator."""
    first, second = read_sheets(REGIONS / "tianjin_hebeiqu_fayuan_2023_xiangmu.docx")
    assert (first.meta.project_name, len(first.indicators)) == ("安全隐患维修", 6)
    assert (second.meta.project_name, len(second.indicators)) == (
        "办案业务费(陪审员及互联网专线)",
        5,
    )
    assert second.meta.amount_unit == "万元" and second.meta.total_budget == Decimal("24.00")
    assert second.meta.positions["project_name"].ref == "18:2"
    assert (second.indicators[0].name, second.indicators[0].cells["value"].ref) == (
        "聘用调解员人数",
        "23:5",
    )


def test_value_columns_headed_by_places() -> None:
    """安溪: … | 指标解释 | 西坪镇尧山村 | 桃舟乡吾培村 | … with no 指标值 word: the first
    place's column holds the value, the other places are details."""
    [indicator] = only("anxi_shuili_diqipi_2022_quyu.xlsx").indicators
    assert (indicator.level1_canonical, indicator.name, indicator.value) == (
        "产出指标",
        "开展小型水利工程建设(个)",
        "1",
    )
    assert indicator.cells["value"].ref == "附件!F20"
    assert indicator.details["指标解释"] == "反映小型水利工程建设项目开展情况"
    assert indicator.details["尚卿乡尤俊村"] == "1" and len(indicator.details) == 7
    assert indicator.cells["尚卿乡尤俊村"].ref == "附件!L20"


def test_an_indicator_list_under_bracketed_categories() -> None:
    """黄山: no table; 【产出指标-数量指标】 lines, each followed by 指标1：机柜数量（≥77台）."""
    sheet = only("huangshan_gonganju_xueliang_2025_xiangmu.txt")
    assert sheet.meta.project_name == "黄山市雪亮工程市本级机房租赁2024至2027服务采购项目"
    assert sheet.meta.goals["年度目标"].startswith("保障雪亮工程机房租赁延续")
    first = sheet.indicators[0]
    assert (first.level1, first.level2, first.name, first.value) == (
        "产出指标",
        "数量指标",
        "指标1:机柜数量",
        "≥77台",
    )
    refs = {key: cell.ref for key, cell in first.cells.items()}
    assert refs == {"level1": "23:2", "level2": "23:7", "name": "24:1", "value": "24:10"}
    assert first.inherited == ["level1", "level2"]


def test_bracketed_lists_of_several_projects(tmp_path: Path) -> None:
    """Each project's overview line starts its sheet; an indicator without a bracketed value
    keeps its name and has an empty value."""
    path = tmp_path / "list.txt"
    path.write_text(
        "甲项目\n【项目概况】：甲\n【总体目标】：完成甲\n【产出指标-数量指标】\n指标1：培训人数（≥200人）\n"
        "指标2：培训场次\n【满意度指标-服务对象满意度指标】\n指标1：学员满意度（≥90%）\n"
        "乙项目\n300\n【项目概况】：乙\n【产出指标-时效指标】\n指标1：完成时间（2026年6月底前）\n",
        "utf-8",
    )
    first, second = read_sheets(path)
    assert (first.meta.project_name, first.meta.goals["年度目标"]) == ("甲项目", "完成甲")
    assert [(i.name, i.value) for i in first.indicators] == [
        ("指标1：培训人数", "≥200人"),
        ("指标2：培训场次", ""),
        ("指标1：学员满意度", "≥90%"),
    ]
    assert second.meta.project_name == "乙项目"
    assert [(i.level2, i.value, i.cells["value"].ref) for i in second.indicators] == [
        ("时效指标", "2026年6月底前", "13:10")
    ]


def test_a_level1_that_kept_only_its_points() -> None:
    """天长: the 一级 column says (50分) and (30分), the words lost: the category comes from
    the 二级 (a 2015-framework 成本指标 or 可持续影响指标 too), the text stays as written."""
    found = indicators("tianchang_shuihan_ziping_2022.md")
    first = found[0]
    assert (first.level1, first.level1_canonical, first.realigned) == (
        "(50分)",
        "产出指标",
        ["level1-inferred"],
    )
    assert first.cells["level1"].ref == "21:5"
    cost = next(i for i in found if i.level2_canonical == "成本指标")
    lasting = next(i for i in found if i.level2_canonical == "可持续影响指标")
    assert (cost.level1_canonical, lasting.level1_canonical) == ("产出指标", "效益指标")
    assert lasting.level1 == "(30分)"


def test_rows_left_of_their_header_with_a_column_after_the_values() -> None:
    """大英: rows copied without their merged cells sit one or two columns left of
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度, so 实施进度 is their last cell;
    the page's 项目决策 in the side column is no label."""
    found = indicators("dayingxian_shuangxin_wenming_2020_ziping.md")
    rows = [(i.level1_canonical, i.level2_canonical, i.name, i.value) for i in found]
    assert rows[0] == ("产出指标", "数量指标", "宣传次数", "至少全年完成2次宣传")
    assert rows[1] == ("产出指标", "质量指标", "创建质量", "按质按量完成")
    assert rows[-1] == ("满意度指标", "服务对象满意度指标", "群众满意度", "90%")
    assert found[0].details == {"实施进度": "已完成100%"}
    assert (found[0].cells["name"].ref, found[0].cells["实施进度"].ref) == ("7:17", "7:37")
    assert "shifted-left" in found[1].realigned


def test_short_header_words_and_labels_ending_in_zhi() -> None:
    """临邑: 一级 | 二级 | 三级 | 年度数值 | 备注 over 产出值 | 数量值 | 小学就读人数 | <=6962人."""
    sheet = only("linyi_shifanfuxiao_gongyongjingfei_2025_xiangmu.docx")
    assert sheet.title == "项目支出目标申报表" and sheet.meta.total_budget == Decimal("438.768")
    first, last = sheet.indicators[0], sheet.indicators[-1]
    assert (first.level1, first.level1_canonical, first.level2_canonical, first.value) == (
        "产出值",
        "产出指标",
        "数量指标",
        "<=6962人",
    )
    assert (first.cells["name"].ref, first.cells["value"].ref) == ("10:3", "10:4")
    assert (last.level2, last.level2_canonical) == ("可持续影响值", "可持续影响指标")


def test_a_header_one_cell_short_of_its_rows() -> None:
    """忠县: 一级指标 | 二级指标 | 三级指标 | 单位 | 指标值 over 绩效指标 | 产出指标 | 数量指标 |
    猪肉产量稳定率 | % | ≥95%: the side label's cell is missing from the header row."""
    first, second = indicators("zhongxian_shengzhu_diaochudaxian_2022_quyu.md")
    assert (first.level1, first.level2, first.name, first.value, first.unit) == (
        "产出指标",
        "数量指标",
        "猪肉产量稳定率",
        "≥95%",
        "%",
    )
    assert first.cells["level1"].ref == "33:10" and first.cells["value"].ref == "33:38"
    assert (second.name, second.value, second.inherited) == (
        "能繁母猪稳定率",
        "90%",
        ["level1", "level2"],
    )


def test_a_points_line_between_header_and_rows() -> None:
    """杨楼 (萧县): text copied from a page, (50分) alone on a line under the header (what is
    left of 产出指标(50分)), and ★ rows that carry only points (分值 10, 得分 10)."""
    found = indicators("xiaoxian_yanglou_tesezhongyang_2023_ziping.txt")
    assert len(found) == 12
    starred, plain = found[2], found[3]
    assert (starred.name, starred.value, starred.weight, starred.score) == (
        "★补助各类瓜果蔬菜种植面积",
        "",
        "10",
        "10",
    )
    assert (starred.cells["weight"].ref, starred.cells["score"].ref) == ("22:15", "22:20")
    assert (plain.name, plain.value, plain.level1_canonical) == ("梨树种植面积", "6亩", "产出指标")


def test_a_goal_under_its_heading_and_small_form_operators() -> None:
    """梁平: 当年绩效目标 | 年初绩效目标 | 全年(调整)绩效目标 heads the goal texts on the row
    below; 丽江 writes its operators in small forms (﹦100%), read as look-alikes of =."""
    goals = only("liangping_linyeju_2023_zhengti_ziping.docx").meta.goals
    assert goals["年度目标"].startswith("维护林业、林区安全稳定")
    values = [i.parsed for i in indicators("lijiang_gucheng_weipianzhifa_2020_ziping.xlsx")]
    small = [v for v in values if "look-alike-character" in v.defects]
    assert small and all(v.op == "=" for v in small)


def test_an_outline_of_labels_and_indicators() -> None:
    """石嘴山 (宁夏): 项目 | 指标值 | 绩效金额, the unit, the project, its labels and its
    indicators in one column, told apart by indentation; 成本指标 under 产出指标 is a 二级."""
    sheet = only("shizuishan_jikong_yimiao_2020_pifu.txt")
    meta = sheet.meta
    assert (meta.unit_name, meta.project_name) == (
        "石嘴山市疾病预防控制中心",
        "狂犬、乙肝、流感等疫苗及美沙酮药物",
    )
    assert (meta.total_budget, meta.positions["total_budget"].ref) == (Decimal("300"), "5:22")
    first = sheet.indicators[0]
    assert (first.level1_canonical, first.level2_canonical, first.value) == (
        "产出指标",
        "成本指标",
        "100%",
    )
    refs = {key: cell.ref for key, cell in first.cells.items()}
    assert refs == {"level1": "6:4", "level2": "7:5", "name": "8:6", "value": "8:44"}
    last = sheet.indicators[-1]
    assert (last.level1_canonical, last.level2_canonical) == ("效益指标", "社会效益指标")


def test_midterm_and_annual_tables_sharing_the_level1_column() -> None:
    """东莞: 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 计划指标值,
    under 中期滚动目标 | … | 年度目标: two tables, the annual one with the 一级 of the left;
    the template's notes in brackets (数量指标(或建筑规模指标)) are no part of the label."""
    sheet = only("dongguan_zhenjilianwanglu_2019_pifu.xlsx")
    midterm, annual = sheet.goals
    assert (midterm.table, annual.table) == ("long_term", "annual")
    assert sheet.meta.goals["长期目标"].startswith("新建或改造道路")
    assert sheet.meta.goals["年度目标"].startswith("督促勘察设计单位")
    left, right = midterm.indicators[0], annual.indicators[0]
    assert (right.level1_canonical, right.level2_canonical, right.name, right.value) == (
        "产出指标",
        "数量指标",
        "镇街补助款完成结算项目数",
        "3",
    )
    assert (left.cells["value"].ref, right.cells["value"].ref) == (
        "绩效目标批复表!E8",
        "绩效目标批复表!H8",
    )
    assert right.cells["level1"].ref == "绩效目标批复表!B8"
    assert len(midterm.indicators) == len(annual.indicators) == 5


def test_period_headings_say_which_side_is_which() -> None:
    """六安 and 亳州: 中期目标(2024年—2026年) | 年度目标 over the two tables, the 年度 heading's
    merged cell starting left of the annual table's first column."""
    for file in (
        "luan_nongchanpinzhijian_2024_xiangmu.xlsx",
        "bozhou_rengongzengyu_2023_xiangmu.docx",
    ):
        assert [block.table for block in only(file).goals] == ["long_term", "annual"], file


def test_side_text_left_of_the_level1_column() -> None:
    """广水: | 一级指标 | 二级指标 | 指标名称(三级指标) | 年初指标值 | 年终完成值 | 自评分 | …
    under a blank header cell, 项目绩效 85 分 on the row: set aside, the row read in place."""
    [indicator] = indicators("guangshui_xiangcundaolu_2021_ziping.txt")
    assert (indicator.level1_canonical, indicator.name, indicator.value) == (
        "产出指标",
        "乡村道路建设养护里程",
        "300 公里",
    )
    assert (indicator.actual, indicator.score, indicator.realigned) == ("300 公里", "15", [])
    assert indicator.cells["name"].ref == "17:31"


def test_empty_self_evaluation_columns_do_not_make_a_self_evaluation() -> None:
    """乐昌: a 绩效目标表 printing an empty 实际完成值 column is a target sheet."""
    assert only("lechang_zhongzhizhuxuejin_2018_zhuanxiang.docx").kind == "project"
    assert only("guangshui_xiangcundaolu_2021_ziping.txt").kind == "self_evaluation"


def test_a_blank_score_after_a_label_and_a_side_label_named_like_metadata(
    tmp_path: Path,
) -> None:
    """孝感: a page that lost its numbers prints 效益指标(分); a side label 年度绩效目标 merged
    down the left of the rows is no 年度绩效目标 metadata field."""
    found = indicators("xiaogan_hbeu_xueshengzizhu_ziping.docx")
    assert len(found) == 10 and found[7].level1_canonical == "效益指标"
    assert (found[7].name, found[7].cells["level1"].ref) == ("资金发放率", "18:2")
    path = tmp_path / "side.md"
    path.write_text(
        "| | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|---|\n"
        "| 年度绩效目标 | 产出指标 | 数量指标 | 培训人数 | ≥200人 |\n"
        "| 年度绩效目标 | 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% |\n",
        "utf-8",
    )
    assert [i.name for s in read_sheets(path) for i in s.indicators] == ["培训人数", "学员满意度"]


def test_the_graded_form() -> None:
    """邯郸 (河北 2019): 绩效指标分类 | 绩效指标 | 绩效指标描述 | 绩效指标评价标准 over 优 | 良 |
    中 | 差 | 评价标准确定依据: the 优 grade is the target, the others details."""
    first, second, last = indicators("handan_kunnanqunzhong_2019_mubiao.csv")
    assert (first.level1_canonical, first.name, first.value, first.basis) == (
        "产出指标",
        "救助覆盖率",
        "100%",
        "按临时救助标准评价",
    )
    assert (first.details["良"], first.details["差"], first.cells["差"].ref) == (
        "90%",
        "85%",
        "6:7",
    )
    assert (second.level1, second.inherited) == ("产出指标", ["level1"])
    assert (last.level1_canonical, last.value, last.cells["value"].ref) == (
        "效益指标",
        "85%",
        "8:4",
    )


def test_the_2017_form_of_fujian() -> None:
    """福建 2017: 绩效目标 (over 投入 | 成本目标) | 评价指标 (目标1) | 绩效内容 | 绩效标准 |
    全年绩效目标; 绩效标准 holds a standard (100%), kept as a detail, not as a basis."""
    first, _, third, last = indicators("fujian_tailian_2017.txt")
    assert (first.level1, first.level1_canonical, first.level2, first.level2_canonical) == (
        "投入",
        "成本指标",
        "成本目标",
        "成本指标",
    )
    assert (first.name, first.value, first.basis) == (
        "发放省直困难、高龄台胞",
        "按实际情况发放",
        None,
    )
    assert first.details == {"评价指标": "目标1", "绩效标准": "100%"}
    assert (third.level1_canonical, third.level2_canonical) == ("产出指标", "数量指标")
    assert (last.name, last.cells["name"].ref, last.inherited) == (
        "争取台湾民心、增进乡情",
        "10:7",
        ["level1", "level2"],
    )


def test_a_name_merged_over_sub_rows_is_one_indicator() -> None:
    """吉林: each 效果 indicator's 三级, unit, target and points are merged over the four
    lines of its 理由 column (① to ④); the indicator is read once, at its first row."""
    for file, row, ref in (
        ("jilin_kouanhexinnengli_nd_pingjia.docx", 21, "21:7"),
        ("jilin_yiqingyibing_nd_pingjia.xlsx", 39, "疫情疫病!G39"),
    ):
        found = [i for i in indicators(file) if i.level2 == "经济效益"]
        assert len(found) == 1
        [indicator] = found
        assert (indicator.value, indicator.unit, indicator.weight) == ("是", "是/否", "5")
        assert (indicator.position.row, indicator.position.ref) == (row, ref)
        assert indicator.details["理由"] == "①"


def test_a_header_repeated_inside_a_scoring_table() -> None:
    """吉林: the header is printed again over 项目产出 and 项目效果; the rows under it are
    the evaluation's scoring rows like those under 预算绩效 (预算管理, 财务管理)."""
    sheet = only("jilin_kouanhexinnengli_nd_pingjia.docx")
    assert sheet.title == "提升口岸核心能力达标建设专项经费支出绩效评价表"
    assert [(g.scoring, len(g.indicators), g.position.ref) for g in sheet.goals] == [
        (True, 9, "2:1"),
        (True, 3, "13:1"),
        (True, 5, "19:1"),
    ]
    first = sheet.goals[1].indicators[0]
    assert (first.level1, first.level2, first.name, first.value) == (
        "项目产出",
        "产出数量",
        "全国所有国家开放口岸",
        "100%",
    )
    assert (first.cells["name"].ref, first.details["一级指标权重"]) == ("15:5", "25")


def test_names_under_the_level2_header_with_a_content_column() -> None:
    """广东 培训类: 一级指标 | 二级指标 | 指标内容 | 指标值 with each indicator's name under
    二级指标 and what it measures under 指标内容; the rows of the form below the table
    (本项目以前年度绩效评价情况, 自评报告) are not indicators."""
    sheet = only("guangdong_peixun_nd_shenbao.md")
    first = sheet.indicators[0]
    assert (first.level1, first.level1_canonical, first.level2, first.value) == (
        "1.项目产出",
        "产出指标",
        "",
        "不低于90%",
    )
    assert first.name == "1.参训人数完成率 参训人数完成率=（实际参训人数/项目计划参训人数）"
    assert first.details == {"指标内容": "实际参训人数占项目计划参训人数"}
    assert {key: cell.ref for key, cell in first.cells.items()} == {
        "level1": "5:6",
        "name": "5:15",
        "value": "5:71",
        "指标内容": "5:53",
    }
    assert [r.text for r in first.remarks] == ["计划参训人数为 人"]
    assert sheet.indicators[-1].level1_canonical == "效益指标"
    assert "自评报告" not in [i.name for i in sheet.indicators]


def test_a_wrapped_label_end_joins_the_label_in_its_column() -> None:
    """岳阳县 (PDF text): 经济效益 | … on one line and 指标 under it on the next; the end
    belongs to the 二级 in its column, not to the 一级 效益指标 left of it."""
    found = indicators("yueyangxian_gaobiaozhunnongtian_2022_xiangmu.txt")
    benefits = [i for i in found if i.level1_canonical == "效益指标"]
    assert len(benefits) == 6 and {i.level1 for i in benefits} == {"效益指标"}
    first = benefits[0]
    assert (first.level2, first.name, first.value) == ("经济效益指标", "年增粮食", "3500公斤")
    assert (first.cells["level1"].ref, first.cells["level2"].ref) == ("16:2", "16:7")
    assert first.realigned == ["joined-wrapped-text"]
