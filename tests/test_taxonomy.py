"""Tests for target_lint.sheet.taxonomy: label cleaning, canonical names, parent maps.

The variant tables repeat the rule catalog §2.4 on purpose (rather than reading
rules/taxonomy.toml), so that a variant dropped from the data file fails here.
"""

from __future__ import annotations

import pytest

from target_lint.sheet.taxonomy import (
    canonical_level1,
    canonical_level2,
    classify_label,
    clean_label,
    is_valid_pair,
    parent_of,
    valid_children,
)

# --- §2.4 variants, by the column they stand in ---------------------------------------------

LEVEL1_VARIANTS = [
    ("成本指标", "成本指标"),
    ("成本", "成本指标"),
    ("成本类指标", "成本指标"),
    ("产出成本", "成本指标"),
    ("产出指标", "产出指标"),
    ("产出", "产出指标"),
    ("产出类指标", "产出指标"),
    ("效益指标", "效益指标"),
    ("效益", "效益指标"),
    ("效果指标", "效益指标"),
    ("效果", "效益指标"),
    ("项目效益", "效益指标"),
    ("满意度指标", "满意度指标"),
    ("满意度", "满意度指标"),
    ("满意度类指标", "满意度指标"),
    ("服务对象满意度指标", "满意度指标"),
    ("社会公众或服务对象满意度指标", "满意度指标"),
]

LEVEL2_VARIANTS = [
    ("经济成本指标", "经济成本指标"),
    ("经济成本", "经济成本指标"),
    ("直接成本", "经济成本指标"),
    ("社会成本指标", "社会成本指标"),
    ("社会成本", "社会成本指标"),
    ("生态环境成本指标", "生态环境成本指标"),
    ("生态环境成本", "生态环境成本指标"),
    ("生态成本", "生态环境成本指标"),
    ("环境成本", "生态环境成本指标"),
    ("数量指标", "数量指标"),
    ("数量", "数量指标"),
    ("产出数量", "数量指标"),
    ("质量指标", "质量指标"),
    ("质量", "质量指标"),
    ("产出质量", "质量指标"),
    ("时效指标", "时效指标"),
    ("时效", "时效指标"),
    ("产出时效", "时效指标"),
    ("时效性指标", "时效指标"),
    ("进度指标", "时效指标"),
    ("产出进度指标", "时效指标"),
    ("成本指标", "成本指标"),  # legacy 二级 under 产出
    ("产出成本", "成本指标"),
    ("成本", "成本指标"),
    ("经济效益指标", "经济效益指标"),
    ("经济效益", "经济效益指标"),
    ("社会效益指标", "社会效益指标"),
    ("社会效益", "社会效益指标"),
    ("生态效益指标", "生态效益指标"),
    ("生态效益", "生态效益指标"),
    ("环境效益", "生态效益指标"),
    ("生态环境效益", "生态效益指标"),
    ("环境效益指标", "生态效益指标"),
    ("可持续影响指标", "可持续影响指标"),
    ("可持续影响", "可持续影响指标"),
    ("可持续发展指标", "可持续影响指标"),
    ("可持续影响力", "可持续影响指标"),
    ("服务对象满意度指标", "服务对象满意度指标"),
    ("服务对象满意度", "服务对象满意度指标"),
    ("服务对象满意", "服务对象满意度指标"),
    ("社会公众满意度", "服务对象满意度指标"),
    ("社会公众满意度指标", "服务对象满意度指标"),
    ("群众满意度", "服务对象满意度指标"),
    ("满意度指标", "服务对象满意度指标"),
    ("满意度", "服务对象满意度指标"),
    ("社会公众或服务对象满意度指标", "服务对象满意度指标"),
]


@pytest.mark.parametrize(("raw", "expected"), LEVEL1_VARIANTS)
def test_level1_variants(raw: str, expected: str) -> None:
    assert canonical_level1(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), LEVEL2_VARIANTS)
def test_level2_variants(raw: str, expected: str) -> None:
    assert canonical_level2(raw) == expected


NOT_LEVEL1 = [
    "数量指标",
    "社会效益指标",
    "经济成本指标",
    "时效指标",
    "管理指标",
    "工作指标",
    "决策",
]


@pytest.mark.parametrize("raw", NOT_LEVEL1)
def test_not_a_level1(raw: str) -> None:
    assert canonical_level1(raw) is None


@pytest.mark.parametrize(
    "raw", ["产出指标", "效益指标", "效果", "管理指标", "政治效益指标", "项目效益", "满意度调查"]
)
def test_not_a_level2(raw: str) -> None:
    assert canonical_level2(raw) is None


# --- label noise ------------------------------------------------------------------------------

CLEAN = [
    ("产出指标(50分)", "产出指标"),
    ("产出指标（30分）", "产出指标"),
    ("效益指标 (权重20%)", "效益指标"),
    ("效益指标（权重：20％）", "效益指标"),
    ("产出指标【20分】", "产出指标"),
    ("产出指标 50分", "产出指标"),
    ("产 出 指 标", "产出指标"),
    ("\u3000产出\t指标\n", "产出指标"),
    ("产出\u200b指标", "产出指标"),
    ("ＡＢ数量指标", "AB数量指标"),
    ("指标1:数量指标", "数量指标"),
    ("指标1：数量指标", "数量指标"),
    ("1.数量指标", "数量指标"),
    ("１．数量指标", "数量指标"),
    ("2、质量指标", "质量指标"),
    ("1.2 时效指标", "时效指标"),
    ("一、产出指标", "产出指标"),
    ("（一）产出指标", "产出指标"),
    ("(1)数量指标", "数量指标"),
    ("①数量指标", "数量指标"),
    ("⑵数量指标", "数量指标"),
    ("一级指标：产出指标", "产出指标"),
    ("★效益指标", "效益指标"),
    ("☆ 效益指标 ★", "效益指标"),
    ("*满意度指标", "满意度指标"),
    ("＊满意度指标", "满意度指标"),
    ("产出指标：", "产出指标"),
    ("★（一）产 出 指 标（50分）", "产出指标"),
    # Meaning is kept: no noise, nothing cut.
    ("服务对象满意度", "服务对象满意度"),
    ("社会公众满意度(指标)", "社会公众满意度(指标)"),
    ("一级指标", "一级指标"),
    ("长期目标1", "长期目标1"),
    ("≥95%", "≥95%"),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN)
def test_clean_label(raw: str, expected: str) -> None:
    assert clean_label(raw) == expected


@pytest.mark.parametrize(
    ("raw", "level1"),
    [
        ("产出指标(50分)", "产出指标"),
        ("产出指标（30分）", "产出指标"),
        ("产 出 指 标", "产出指标"),
        ("★效益指标", "效益指标"),
        ("*满意度指标", "满意度指标"),
        ("（一）成本指标（权重20%）", "成本指标"),
        ("满意度指标（10分）", "满意度指标"),
    ],
)
def test_noisy_level1(raw: str, level1: str) -> None:
    assert canonical_level1(raw) == level1


@pytest.mark.parametrize(
    ("raw", "level2"),
    [
        ("指标1:数量指标", "数量指标"),
        ("1、质 量 指 标", "质量指标"),
        ("（二）时效性指标（10分）", "时效指标"),
        ("★社会效益", "社会效益指标"),
    ],
)
def test_noisy_level2(raw: str, level2: str) -> None:
    assert canonical_level2(raw) == level2


# --- classify_label ---------------------------------------------------------------------------

CLASSIFY = [
    ("社会效益", (2, "社会效益指标")),
    ("效益", (1, "效益指标")),
    ("服务对象满意", (2, "服务对象满意度指标")),
    ("服务对象满意度指标", (2, "服务对象满意度指标")),
    ("社会公众或服务对象满意度指标", (2, "服务对象满意度指标")),
    ("质量指标", (2, "质量指标")),
    ("经济成本指标", (2, "经济成本指标")),
    ("进度指标", (2, "时效指标")),
    ("可持续影响指标", (2, "可持续影响指标")),
    # Names that are both a 一级 and a 二级: 一级 wins.
    ("满意度指标", (1, "满意度指标")),
    ("满意度", (1, "满意度指标")),
    ("成本指标", (1, "成本指标")),
    ("成本", (1, "成本指标")),
    ("产出成本", (1, "成本指标")),
    ("效果指标", (1, "效益指标")),
    ("产出指标(50分)", (1, "产出指标")),
    ("指标1:数量指标", (2, "数量指标")),
]


@pytest.mark.parametrize(("raw", "expected"), CLASSIFY)
def test_classify_label(raw: str, expected: tuple[int, str]) -> None:
    assert classify_label(raw) == expected


MUST_NOT = [
    "完成时限",
    "广大群众满意度",
    "居民满意度",
    "年度绩效指标",
    "长期目标1",
    "项目绩效指标",
    "指标",
    "类指标",
    "",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "系统故障率",
    "≤0%",
]


@pytest.mark.parametrize("raw", MUST_NOT)
def test_not_a_category(raw: str) -> None:
    assert classify_label(raw) is None
    assert canonical_level1(raw) is None
    assert canonical_level2(raw) is None


# --- parent maps ------------------------------------------------------------------------------

PARENTS_2021 = {
    "成本指标": {"经济成本指标", "社会成本指标", "生态环境成本指标"},
    "产出指标": {"数量指标", "质量指标", "时效指标"},
    "效益指标": {"经济效益指标", "社会效益指标", "生态效益指标"},
    "满意度指标": {"服务对象满意度指标"},
}
PARENTS_LEGACY = {
    "成本指标": set(),
    "产出指标": {"数量指标", "质量指标", "时效指标", "成本指标"},
    "效益指标": {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
    "满意度指标": {"服务对象满意度指标"},
}


@pytest.mark.parametrize(("level1", "children"), PARENTS_2021.items())
def test_children_2021(level1: str, children: set[str]) -> None:
    assert valid_children(level1) == children
    assert valid_children(level1, "2021") == children


@pytest.mark.parametrize(("level1", "children"), PARENTS_LEGACY.items())
def test_children_legacy(level1: str, children: set[str]) -> None:
    assert valid_children(level1, "legacy_2015") == children


@pytest.mark.parametrize("level1", ["决策", "过程", "数量指标", ""])
def test_children_of_unknown(level1: str) -> None:
    assert valid_children(level1) == frozenset()
    assert valid_children(level1, "legacy_2015") == frozenset()


@pytest.mark.parametrize(
    ("level2", "parent"),
    [
        *((child, parent) for parent, children in PARENTS_2021.items() for child in children),
        ("成本指标", None),
        ("可持续影响指标", None),
        ("产出指标", None),
        ("管理指标", None),
    ],
)
def test_parent_of(level2: str, parent: str | None) -> None:
    assert parent_of(level2) == parent


@pytest.mark.parametrize(
    ("level2", "parent"),
    [
        ("成本指标", "产出指标"),
        ("可持续影响指标", "效益指标"),
        ("数量指标", "产出指标"),
        ("经济成本指标", None),
        ("社会成本指标", None),
        ("生态环境成本指标", None),
    ],
)
def test_parent_of_legacy(level2: str, parent: str | None) -> None:
    assert parent_of(level2, "legacy_2015") == parent


@pytest.mark.parametrize(
    ("level1", "level2", "mode", "valid"),
    [
        ("产出指标", "时效指标", "2021", True),
        ("成本指标", "经济成本指标", "2021", True),
        ("满意度指标", "服务对象满意度指标", "2021", True),
        ("效益指标", "质量指标", "2021", False),  # D0 项目2
        ("产出指标", "经济成本指标", "2021", False),  # D3 园林绿化队 年度目标3
        ("产出指标", "社会效益指标", "2021", False),
        ("产出指标", "成本指标", "2021", False),
        ("效益指标", "可持续影响指标", "2021", False),
        ("产出指标", "成本指标", "legacy_2015", True),
        ("效益指标", "可持续影响指标", "legacy_2015", True),
        ("成本指标", "经济成本指标", "legacy_2015", False),
        ("满意度指标", "服务对象满意度指标", "legacy_2015", True),
    ],
)
def test_is_valid_pair(level1: str, level2: str, mode: str, valid: bool) -> None:
    assert is_valid_pair(level1, level2, mode) is valid  # type: ignore[arg-type]


def test_every_level2_has_a_parent_in_some_mode() -> None:
    level2 = {canonical for _, canonical in LEVEL2_VARIANTS}
    for name in level2:
        assert parent_of(name) or parent_of(name, "legacy_2015"), name


def test_level2_canonical_roundtrip() -> None:
    for children in PARENTS_2021.values():
        for name in children:
            assert canonical_level2(name) == name
            assert classify_label(name) == (2, name)
