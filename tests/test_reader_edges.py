"""Small tables at the edges of the layout rules, each read to what a person reads in it.

Each case is a file's text, the indicators it must read to (一级 canonical, 二级 as written,
name, value) and, where it matters, the tables (scoring or not) they fall into.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from openpyxl import Workbook

from target_lint.readers import read_sheets


class Case(NamedTuple):
    name: str
    suffix: str
    text: str
    indicators: list[tuple[str | None, str, str, str]]
    scoring: list[bool] | None = None  # one per table, when it matters


CASES = [
    Case(
        "a row with only a name goes on in its table",
        ".csv",
        "指标名称,指标值,计量单位,指标说明\n培训人数,100,人,说明\n培训场次,,,\n合格率,95,%,说明\n",
        [(None, "", "培训人数", "100"), (None, "", "培训场次", ""), (None, "", "合格率", "95")],
    ),
    Case(
        "the same in markdown",
        ".md",
        "| 指标名称 | 指标值 | 计量单位 | 指标说明 |\n|---|---|---|---|\n"
        "| 培训人数 | 100 | 人 | 说明 |\n| 培训场次 |  |  |  |\n| 合格率 | 95 | % | 说明 |\n",
        [(None, "", "培训人数", "100"), (None, "", "培训场次", ""), (None, "", "合格率", "95")],
    ),
    Case(
        "a target table after a scoring table and a heading is no scoring table",
        ".csv",
        "项目支出绩效评价表,,,,,\n一级指标,二级指标,三级指标,分值,评分标准,得分\n"
        "决策,项目立项,立项依据充分性,3,符合得3分,3\n过程,资金管理,资金到位率,5,到位得5分,5\n"
        "二、年度绩效目标完成情况,,,,,\n一级指标,二级指标,三级指标,年度指标值,实际完成值,\n"
        "产出指标,数量指标,培训人数,100人,90人,\n效益指标,社会效益指标,满意度,90%,95%,\n",
        [
            (None, "项目立项", "立项依据充分性", ""),
            (None, "资金管理", "资金到位率", ""),
            ("产出指标", "数量指标", "培训人数", "100人"),
            ("效益指标", "社会效益指标", "满意度", "90%"),
        ],
        [True, False],
    ),
    Case(
        "an evaluation's names under 指标内容",
        ".csv",
        "一级指标,二级指标,指标内容,分值,评分标准,得分\n决策,项目立项,立项依据充分性,3,符合得3分,3\n"
        "决策,项目立项,立项程序规范性,2,规范得2分,2\n过程,资金管理,资金到位率,5,到位得5分,5\n",
        [
            (None, "项目立项", "立项依据充分性", ""),
            (None, "项目立项", "立项程序规范性", ""),
            (None, "资金管理", "资金到位率", ""),
        ],
        [True],
    ),
    Case(
        "a row moved into the side-label column does not end the table",
        ".md",
        "| 项目绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|---|\n"
        "| 年度绩效目标 | 产出指标 | 数量指标 | 培训人数 | 100人 |\n| 政策符合性 | 符合要求 |\n"
        "| 年度绩效目标 | 产出指标 | 质量指标 | 合格率 | 95% |\n"
        "| 年度绩效目标 | 效益指标 | 社会效益指标 | 满意度 | 90% |\n",
        [
            ("产出指标", "数量指标", "培训人数", "100人"),
            ("产出指标", "数量指标", "政策符合性", "符合要求"),
            ("产出指标", "质量指标", "合格率", "95%"),
            ("效益指标", "社会效益指标", "满意度", "90%"),
        ],
    ),
    Case(
        "two tables with the same header are two tables",
        ".csv",
        "项目支出绩效目标表,,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训人数,100人\n"
        ",,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训人数,120人\n",
        [
            ("产出指标", "数量指标", "培训人数", "100人"),
            ("产出指标", "数量指标", "培训人数", "120人"),
        ],
        [False, False],
    ),
    Case(
        "a wrapped end in a descriptive column joins that column",
        ".md",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标解释 |\n|---|---|---|---|---|\n"
        "| 效益指标 | 经济效益 | 带动增收 | 100万元 | 带动农户增收总 |\n|  | 指标 |  |  | 额 |\n"
        "| 效益指标 | 社会效益指标 | 满意度 | 90% | 群众满意 |\n",
        [
            ("效益指标", "经济效益指标", "带动增收", "100万元"),
            ("效益指标", "社会效益指标", "满意度", "90%"),
        ],
    ),
    Case(
        "一级指标 | 绩效指标 | 指标值, whatever the other columns",
        ".csv",
        "一级指标,绩效指标,指标值,计量单位\n产出指标,培训人数,100,人\n效益指标,满意度,90,%\n",
        [("产出指标", "", "培训人数", "100"), ("效益指标", "", "满意度", "90")],
    ),
    Case(
        "names under 指标内容 in a header without levels",
        ".csv",
        "指标内容,指标值,计量单位,指标说明\n培训人数,100,人,说明\n合格率,95,%,说明\n",
        [(None, "", "培训人数", "100"), (None, "", "合格率", "95")],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_edge(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"table{case.suffix}"
    path.write_text(case.text, encoding="utf-8")
    sheets = read_sheets(path)
    found = [
        (i.level1_canonical, i.level2, i.name, i.value)
        for sheet in sheets
        for i in sheet.indicators
    ]
    assert found == case.indicators
    if case.scoring is not None:
        assert [goal.scoring for sheet in sheets for goal in sheet.goals] == case.scoring


def test_a_numbered_section_heading_is_no_title(tmp_path: Path) -> None:
    """二、绩效评价指标表 over the table: the form's metadata above it stays the sheet's."""
    path = tmp_path / "sections.csv"
    path.write_text(
        "2023年度项目支出绩效自评表,,,,\n项目名称,培训项目,,,\n主管部门,教育局,,,\n"
        "二、绩效评价指标表,,,,\n一级指标,二级指标,三级指标,指标值,\n"
        "产出指标,数量指标,培训人数,100人,\n",
        encoding="utf-8",
    )
    [sheet] = read_sheets(path)
    assert (sheet.title, sheet.meta.project_name, sheet.meta.department) == (
        "2023年度项目支出绩效自评表",
        "培训项目",
        "教育局",
    )


def test_a_merged_name_with_other_points_is_two_rows(tmp_path: Path) -> None:
    """A 三级 merged over two rows whose points differ (2 and 3): both rows are kept, with
    their points, not one of them dropped as a continuation."""
    book = Workbook()
    sheet = book.active
    for row in (
        ("一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"),
        ("决策", "项目立项", "立项依据充分性", 3, "符合得3分", 3),
        ("决策", "项目立项", "立项程序规范性", 2, "①程序规范", 2),
        ("决策", "项目立项", None, 3, "②材料齐全", 3),
    ):
        sheet.append(row)
    sheet.merge_cells("C3:C4")
    path = tmp_path / "points.xlsx"
    book.save(path)
    [read] = read_sheets(path)
    assert [(i.name, i.weight, i.cells["weight"].ref) for i in read.indicators] == [
        ("立项依据充分性", "3", "Sheet!D2"),
        ("立项程序规范性", "2", "Sheet!D3"),
        ("立项程序规范性", "3", "Sheet!D4"),
    ]


def test_an_unknown_level2_stays_a_label_of_its_column(tmp_path: Path) -> None:
    """一级指标 | 二级指标 | 指标内容 | 指标值 whose 二级 (工作量, 服务质量) the taxonomy does not
    know: in a structured file they are labels of their column, the names stay under 指标内容
    (judged by more than the first row), and a row moved left is still read as moved."""
    path = tmp_path / "levels.csv"
    path.write_text(
        "一级指标,二级指标,指标内容,指标值\n产出指标,工作量,完成培训人次,1000人次\n"
        "产出指标,服务质量,培训合格率,95%\n效益指标,社会效益,群众满意度,90%\n"
        "满意度指标,群众满意度,90%\n",
        encoding="utf-8",
    )
    [sheet] = read_sheets(path)
    first, second, third, moved = sheet.indicators
    assert [(i.level1_canonical, i.level2, i.name, i.value) for i in (first, second, third)] == [
        ("产出指标", "工作量", "完成培训人次", "1000人次"),
        ("产出指标", "服务质量", "培训合格率", "95%"),
        ("效益指标", "社会效益", "群众满意度", "90%"),
    ]
    assert (moved.name, moved.value, moved.realigned) == ("群众满意度", "90%", ["shifted-left"])
