"""K rules: what the TOML cases cannot express (weights, whole seed sheets, goal pairing)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from target_lint.checks.consistency import RULES, weights_not_100
from target_lint.readers import read_sheets
from target_lint.sheet.model import Sheet
from target_lint.testing import build_sheet, run_rules

EXAMPLES = Path(__file__).parent.parent / "examples"
TABLE = [
    "产出指标 | 数量指标 | 培训人次 | ≥500人次",
    " | 质量指标 | 培训合格率 | ≥95%",
    "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90%",
]


def weighted(*weights: str | None) -> Sheet:
    """A one-table sheet whose rows carry ``weights`` (the test-case format has no weights)."""
    sheet = build_sheet({"rows": TABLE})
    rows = [
        dataclasses.replace(row, weight=w)
        for row, w in zip(sheet.goals[0].indicators, weights, strict=True)
    ]
    goal = dataclasses.replace(sheet.goals[0], indicators=rows)
    return dataclasses.replace(sheet, goals=[goal])


def seed(name: str) -> list[tuple[str, str, str]]:
    (sheet,) = read_sheets(EXAMPLES / name)
    return [
        (f.code, f.indicator.name if f.indicator else "", f.severity)
        for f in run_rules(sheet, RULES)
    ]


def test_weights_must_add_up_to_100() -> None:
    for weights, total in ((("40", "30", "20"), "90"), (("50", "40", "20"), "110")):
        (finding,) = run_rules(weighted(*weights), [weights_not_100])
        assert finding.severity == "error"
        assert f"权重合计为{total}，不是100" in finding.message


def test_weights_of_100_or_none_are_fine() -> None:
    assert run_rules(weighted("50", "30", "20"), [weights_not_100]) == []
    assert run_rules(weighted("50%", "30%", "20%"), [weights_not_100]) == []
    assert run_rules(weighted(None, None, None), [weights_not_100]) == []


def test_seed_yingji() -> None:
    rows = seed("hanyang-2026/yingji-paizi.txt")
    assert rows.count(("K103", "项目预算金额", "info")) == 2  # both tables restate 334万元
    assert {name for code, name, _ in rows if code == "K106"} == {
        "110接警数量",
        "维护应急车辆",
        "广大群众满意率",
    }
    assert not {"K101", "K104", "K109"} & {code for code, _, _ in rows}


def test_seed_qingsao() -> None:
    rows = seed("hanyang-2026/qingsao-chengguan.txt")
    assert ("K109", "", "warning") in rows
    assert ("K104", "", "warning") in rows


def test_seed_yuanlin_pairs_goals_by_title() -> None:
    rows = seed("hanyang-2026/yuanlin-lvhuadui.txt")
    assert [name for code, name, _ in rows if code == "K107"] == ["设备运转率", "食品安全保障率"]
    assert [name for code, name, _ in rows if code == "K103"] == [
        "养护经费",
        "保障人员经费",
        "机动经费",
    ]
    assert not {"K101", "K102", "K104", "K105", "K106"} & {code for code, _, _ in rows}


def test_seed_shiyan_is_clean() -> None:
    for path in sorted((EXAMPLES / "shiyan-2025").glob("*.md")):
        assert seed(str(path.relative_to(EXAMPLES))) == [], path.name


def test_messages_render_in_english() -> None:
    case = {
        "rows": ["成本指标 | 经济成本指标 | 路灯电费 | ≤1600万元"],
        "meta": {"total_budget": "1600"},
    }
    (finding,) = run_rules(build_sheet(case), RULES, language="en")
    assert finding.message.startswith("The only economic cost indicator of 年度目标")
