"""C rules on the seed sheets: what the TOML cases cannot express (realigned rows, goal pairing)."""

from __future__ import annotations

from pathlib import Path

from target_lint.checks.classification import RULES
from target_lint.checks.common import goal_pairs
from target_lint.engine.finding import Finding
from target_lint.readers import read_sheets
from target_lint.sheet.model import Sheet
from target_lint.testing import run_rules

EXAMPLES = Path(__file__).parent.parent / "examples"


def sheet(name: str) -> Sheet:
    (only,) = read_sheets(EXAMPLES / name)
    return only


def findings(name: str) -> list[tuple[str, str, str]]:
    found: list[Finding] = run_rules(sheet(name), RULES)
    return [(f.code, f.indicator.name if f.indicator else "", f.severity) for f in found]


def test_realigned_rows_go_one_level_lower() -> None:
    # 用餐环境健康保障率 under 满意度 was shifted left by the reader: C109 error → warning.
    rows = findings("hanyang-2026/yuanlin-lvhuadui.txt")
    assert rows.count(("C109", "用餐环境健康保障率", "warning")) == 2
    assert ("C101", "110 案件及市长热线投诉类响应时间", "info") in rows
    assert ("C101", "环境卫生及绿化养护考核问题整改响应时间", "warning") in rows


def test_label_lag_undone_row_is_info() -> None:
    rows = findings("shiyan-2025/02-keji-zhuanxiang.md")
    assert ("C105", "省厅科技型中小企业备案任务完成率", "info") in rows
    assert ("C109", "为企业落实“科创贷”融资需求资金", "error") in rows


def test_goals_pair_by_title_then_number() -> None:
    pairs = goal_pairs(sheet("hanyang-2026/yuanlin-lvhuadui.txt"))
    assert {(long.goal, annual.goal) for long, annual in pairs} == {
        ("长期目标1", "年度目标1"),
        ("长期目标2", "年度目标3"),  # 人员支出 / 保障人员支出
        ("长期目标3", "年度目标2"),  # 政府买岗人员费用
        ("长期目标4", "年度目标4"),
    }


def test_seed_sheets_without_classification_problems_stay_clean() -> None:
    for name in ("shiyan-2025/01-zhihui-chengshi.md", "shiyan-2025/04-canji-ertong-kangfu.md"):
        assert findings(name) == []
    assert findings("hanyang-2026/yingji-paizi.txt") == []
