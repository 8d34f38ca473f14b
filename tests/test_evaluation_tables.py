"""Scoring tables of evaluations (评分表, 打分表): read, marked, and left to rule S119."""

from __future__ import annotations

from pathlib import Path

from target_lint.lint import Linter
from target_lint.readers import read_sheets

FIXTURES = Path(__file__).parent / "fixtures"
QIANJIANG = FIXTURES / "evaluation" / "qianjiang_wanggehua_dafenbiao.txt"
HAINAN = FIXTURES / "regions" / "hainan_fuwumaoyi_ziping.md"


def test_the_seed_scoring_table_reads_with_its_points() -> None:
    """Seed 002's 网格化 打分表: 25 rows under 决策/过程/产出/效果, the 总分 row left out."""
    [sheet] = read_sheets(QIANJIANG)
    [block] = sheet.goals
    assert block.scoring and sheet.title == "网格化运行相关经费项目绩效评价打分表"
    assert len(block.indicators) == 25
    first, last = block.indicators[0], block.indicators[-1]
    assert (first.level1, first.level2, first.name, first.weight, first.score) == (
        "决策",
        "项目立项",
        "立项依据充分性",
        "2",
        "2.00",
    )
    assert first.details == {"一级指标分值": "16", "二级指标分值": "4"}
    assert first.cells["name"].ref == "4:14" and first.cells["level1"].ref == "4:1"
    assert (last.level1, last.name, last.score) == ("效果", "服务对象满意度", "9.67")
    assert sum(int(i.weight or 0) for i in block.indicators) == 100


def test_only_s119_reports_on_a_scoring_table() -> None:
    for path in (QIANJIANG, HAINAN):
        findings = Linter.from_config().lint_path(path)
        assert [(f.code, f.severity) for f in findings] == [("S119", "info")], path


def test_evaluation_level1_marks_a_table_with_values(tmp_path: Path) -> None:
    """A table with a value column is a scoring table too when its 一级 are the evaluation's."""
    header = "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n"
    evaluation = tmp_path / "evaluation.md"
    evaluation.write_text(header + "| 决策 | 项目立项 | 立项依据充分性 | 充分 |\n", "utf-8")
    target = tmp_path / "target.md"
    target.write_text(header + "| 产出指标 | 数量指标 | 培训人数 | ≥200人 |\n", "utf-8")
    assert [b.scoring for s in read_sheets(evaluation) for b in s.goals] == [True]
    assert [b.scoring for s in read_sheets(target) for b in s.goals] == [False]


def test_a_sheet_with_both_tables_lints_only_the_targets(tmp_path: Path) -> None:
    """Sheet-scope target rules see the target table alone: its categories are complete, so
    the scoring table's 决策/过程 rows do not make them report anything."""
    path = tmp_path / "both.md"
    path.write_text(
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 培训人数 | ≥200人 |\n"
        "| 产出指标 | 质量指标 | 培训合格率 | ≥95% |\n"
        "| 产出指标 | 时效指标 | 培训完成时间 | 2026年6月底前 |\n"
        "| 成本指标 | 经济成本指标 | 人均培训成本 | ≤500元/人 |\n"
        "| 效益指标 | 社会效益指标 | 参训人员就业率 | ≥80% |\n"
        "| 满意度指标 | 服务对象满意度指标 | 参训人员满意度 | ≥90% |\n"
        "\n评分\n\n"
        "| 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 决策 | 20 | 项目立项 | 20 | 立项依据充分性 | 20 | 18 |\n",
        "utf-8",
    )
    [sheet] = read_sheets(path)
    assert [b.scoring for b in sheet.goals] == [False, True]
    findings = Linter.from_config().lint_path(path)
    scoring_rows = {i.position.row for i in sheet.goals[1].indicators}
    assert [f.code for f in findings if f.row in scoring_rows] == ["S119"]
    assert not [f for f in findings if f.code.startswith("S1") and f.code != "S119"]
