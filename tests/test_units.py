"""Tests for target_lint.units: exact conversion between canonical units (docs/values.md)."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from target_lint.units import PRECISION, UnitMismatch, comparable, compare, convert, known

ROOT = Path(__file__).resolve().parent.parent
D = Decimal

# The canonical units of docs/values.md ("Canonical units"), kept here as an explicit list on
# purpose: test_docs_table_lists_the_same_units tells us when the two drift apart.
NON_COUNT_UNITS = (
    # ratio
    "%",
    "‰",
    "百分点",
    # money
    "元",
    # length, area, volume
    "米",
    "公里",
    "平方米",
    "平方公里",
    "亩",
    "公顷",
    "立方米",
    # mass, energy
    "吨",
    "公斤",
    "千瓦时",
    # time
    "分钟",
    "小时",
    "天",
    "工作日",
    "周",
    "月",
    "季度",
    "年",
    # illuminance, score, rank
    "lx",
    "分",
    "名次",
    "位次",
)
# The count words, in the order of the docs table.
_COUNT_WORDS = (
    "个 家 人 人次 次 场次 场 条 份 篇 台 座 盏 起 辆 株 棵 户 户次 件 项 套 所 处 间 "
    "张 册 本 部 期 批 批次 宗 例 名 位 课时 学时 车次 类 只 头 艘 架 块 根 组 支 种 单 "
    "卷 幅 首 集 门 节 轮 届 所次 人天 人日 天次"
)
COUNT_UNITS = tuple(_COUNT_WORDS.split())
CANONICAL_UNITS = NON_COUNT_UNITS + COUNT_UNITS


# --- every canonical unit is there, and nothing else ---------------------------------------------


@pytest.mark.parametrize("unit", CANONICAL_UNITS)
def test_every_canonical_unit_loads(unit: str) -> None:
    assert convert(D(1), unit, unit) == 1
    assert known(unit)


def test_docs_table_lists_the_same_units() -> None:
    text = (ROOT / "docs" / "values.md").read_text(encoding="utf-8")
    section = text.split("## Canonical units", 1)[1]
    documented: list[str] = []
    for line in section.splitlines():
        if not line.startswith("|") or line.startswith("| unit") or line.startswith("| ---"):
            continue
        first_cell = line.split("|")[1]
        for quoted in re.findall(r"`([^`]+)`", first_cell):
            documented.extend(quoted.split())
    assert sorted(documented) == sorted(CANONICAL_UNITS)


def test_units_txt_defines_exactly_the_canonical_units() -> None:
    text = (ROOT / "grammar" / "units.txt").read_text(encoding="utf-8")
    defined = [
        line.split("=", 1)[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    pint_names = {"%": "percent", "‰": "permille"}
    assert sorted(defined) == sorted(pint_names.get(u, u) for u in CANONICAL_UNITS)


# --- pint is imported lazily ---------------------------------------------------------------------


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_same_unit_does_not_import_pint() -> None:
    out = _run(
        "import sys\n"
        "from decimal import Decimal\n"
        "import target_lint.units as u\n"
        "assert 'pint' not in sys.modules, 'import'\n"
        "assert u.convert(Decimal('271'), '平方米', '平方米') == Decimal('271')\n"
        "assert u.comparable('个', '个')\n"
        "assert u.compare(Decimal('2710000'), '平方米', Decimal('3014989.88'), '平方米') == -1\n"
        "print('pint' in sys.modules)\n"
        # and the check is not vacuous: a real conversion does load pint
        "u.convert(Decimal(1), '公里', '米')\n"
        "print('pint' in sys.modules)\n"
    )
    assert out.split() == ["False", "True"]


def test_same_unit_returns_the_magnitude_itself() -> None:
    magnitude = D("271.50")
    assert convert(magnitude, "平方米", "平方米") is magnitude
    # The fast path does not look at the unit at all.
    assert convert(magnitude, "not-a-unit", "not-a-unit") is magnitude
    assert comparable("not-a-unit", "not-a-unit")


# --- conversions, exact --------------------------------------------------------------------------


def test_area_compare() -> None:
    # 271 万平方米 (multiplier applied by the caller) is less than 3014989.88 平方米.
    assert compare(D("2710000"), "平方米", D("3014989.88"), "平方米") == -1
    assert compare(D("3014989.88"), "平方米", D("271"), "平方米") == 1
    assert compare(D("2710000"), "平方米", D("2.71"), "平方公里") == 0


def test_square_kilometres() -> None:
    assert convert(D("1100"), "平方公里", "平方米") == D("1100000000")
    assert str(convert(D("1100"), "平方公里", "平方米")) == "1100000000"


def test_per_year_to_per_month_is_rounded_to_precision() -> None:
    # 4 次/年 = 1/3 次/月: not a terminating decimal, so rounded half-even to PRECISION (28)
    # significant digits.
    result = convert(D("4"), "次/年", "次/月")
    assert PRECISION == 28
    assert result == D("0." + "3" * 28)
    assert result.quantize(D("0.0000000001")) == D("0.3333333333")


def test_rounding_ignores_the_callers_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 5
        assert convert(D("4"), "次/年", "次/月") == D("0." + "3" * 28)


def test_hours_to_days_is_exact() -> None:
    assert convert(D("6"), "小时", "天") == D("0.25")
    assert str(convert(D("6"), "小时", "天")) == "0.25"


@pytest.mark.parametrize(
    ("magnitude", "unit", "target", "expected"),
    [
        ("3", "月", "季度", "1"),
        ("1", "季度", "月", "3"),
        ("1", "年", "月", "12"),
        ("12", "月", "年", "1"),
        ("1", "年", "天", "365"),
        ("2", "周", "天", "14"),
        ("90", "分钟", "小时", "1.5"),
        ("1", "天", "分钟", "1440"),
        ("3.5", "公里", "米", "3500"),
        ("1", "平方公里", "公顷", "100"),
        ("2.5", "吨", "公斤", "2500"),
        ("1", "立方米/天", "立方米/年", "365"),
        ("8", "元/平方米", "元/平方公里", "8000000"),
        ("1", "元/公里", "元/米", "0.001"),
        ("2", "千瓦时/月", "千瓦时/年", "24"),
        ("3", "名次", "位次", "3"),
        ("95", "%", "‰", "950"),
        ("5", "‰", "%", "0.5"),
    ],
)
def test_exact_conversions(magnitude: str, unit: str, target: str, expected: str) -> None:
    result = convert(D(magnitude), unit, target)
    assert result == D(expected)
    assert str(result) == expected  # no trailing zeros from rounding


def test_percent_to_permille() -> None:
    assert convert(D("95"), "%", "‰") == D("950")


def test_mu_and_hectare() -> None:
    assert convert(D("15"), "亩", "公顷") == 1
    assert convert(D("30"), "亩", "公顷") == 2
    assert convert(D("1"), "公顷", "亩") == 15
    assert convert(D("1"), "亩", "平方米") == D("666.6666666666666666666666667")
    assert compare(D("1"), "公顷", D("15"), "亩") == 0  # exact, never rounded
    assert compare(D("1"), "公顷", D("14.9999999999999999999999999999999"), "亩") == 1


def test_kilowatt_hours() -> None:
    assert known("千瓦时")
    assert convert(D("1200"), "千瓦时", "千瓦时") == D("1200")
    assert compare(D("0.6"), "元/千瓦时", D("0.55"), "元/千瓦时") == 1
    assert not comparable("千瓦时", "元")
    assert not comparable("千瓦时", "吨")


def test_yuan_per_person() -> None:
    assert known("元/人")
    assert convert(D("200"), "元/人", "元/人") == D("200")
    assert comparable("元/人", "元/人")
    assert compare(D("200"), "元/人", D("200.0"), "元/人") == 0
    assert not comparable("元/人", "元/户")
    assert not comparable("元/人", "元")


def test_huge_magnitude_stays_exact() -> None:
    big = D("123456789012345678901234567890.123")
    assert convert(big, "公里", "米") == D("123456789012345678901234567890123")


# --- mismatches ----------------------------------------------------------------------------------


def test_count_words_do_not_convert() -> None:
    with pytest.raises(UnitMismatch) as info:
        convert(D("20"), "个", "人")
    assert isinstance(info.value, ValueError)
    assert (info.value.unit, info.value.target) == ("个", "人")
    assert not comparable("个", "人")
    assert compare(D("20"), "个", D("20"), "人") is None


def test_workday_is_not_a_day() -> None:
    with pytest.raises(UnitMismatch):
        convert(D("5"), "工作日", "天")
    with pytest.raises(UnitMismatch):
        convert(D("5"), "天", "工作日")
    assert compare(D("5"), "工作日", D("7"), "天") is None


def test_percent_is_not_a_count() -> None:
    # % is dimensionless in pint; a count word has its own dimension, so they never compare.
    assert not comparable("%", "个")
    assert not comparable("个", "%")
    assert compare(D("95"), "%", D("95"), "个") is None
    with pytest.raises(UnitMismatch):
        convert(D("95"), "%", "个")


@pytest.mark.parametrize("count", COUNT_UNITS)
def test_ratios_do_not_compare_with_any_count(count: str) -> None:
    for ratio in ("%", "‰", "百分点"):
        assert not comparable(ratio, count)


def test_percentage_point_is_not_percent() -> None:
    # "提高2个百分点" is not "提高2%".
    assert not comparable("百分点", "%")


@pytest.mark.parametrize(
    ("unit_a", "unit_b"),
    [("分", "分钟"), ("分", "%"), ("名次", "个"), ("lx", "%"), ("元", "%"), ("天次", "天")],
)
def test_other_mismatches(unit_a: str, unit_b: str) -> None:
    assert not comparable(unit_a, unit_b)


def test_every_count_word_is_its_own_dimension() -> None:
    for unit_a, unit_b in itertools.permutations(COUNT_UNITS, 2):
        assert not comparable(unit_a, unit_b), (unit_a, unit_b)
    for count, other in itertools.product(COUNT_UNITS, NON_COUNT_UNITS):
        assert not comparable(count, other), (count, other)


@pytest.mark.parametrize(
    "unit",
    [
        "",
        "m2",
        "km",
        "km2",
        "万元",
        "平米",
        "日",
        "percent",
        "permille",
        "lxs",
        "LX",
        "个*人",
        "个 ",
        "次/年/月",
        "/年",
        "次/",
        "dimensionless",
    ],
)
def test_unknown_units(unit: str) -> None:
    assert not known(unit)
    assert not comparable(unit, "个")
    assert compare(D(1), unit, D(1), "米") is None
    with pytest.raises(UnitMismatch, match="unknown unit"):
        convert(D(1), unit, "米")
    with pytest.raises(UnitMismatch, match="unknown unit"):
        convert(D(1), "米", unit)


def test_not_finite_magnitude() -> None:
    with pytest.raises(ValueError, match="not finite"):
        convert(D("NaN"), "公里", "米")
    with pytest.raises(ValueError, match="not finite"):
        convert(D("Infinity"), "公里", "米")


# --- properties ----------------------------------------------------------------------------------

TERMINATING_PAIRS = [
    ("公里", "米"),
    ("平方公里", "平方米"),
    ("公顷", "平方米"),
    ("立方米", "立方米"),
    ("吨", "公斤"),
    ("天", "小时"),
    ("小时", "分钟"),
    ("%", "‰"),
    ("元/平方米", "元/平方公里"),
]
DECIMALS = st.decimals(
    allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12
)


@given(pair=st.sampled_from(TERMINATING_PAIRS), magnitude=DECIMALS)
def test_round_trip_is_exact(pair: tuple[str, str], magnitude: Decimal) -> None:
    unit, target = pair
    there = convert(magnitude, unit, target)
    assert convert(there, target, unit) == magnitude
    assert compare(magnitude, unit, there, target) == 0


@given(
    pair=st.sampled_from([*TERMINATING_PAIRS, ("次/年", "次/月"), ("亩", "公顷")]),
    a=DECIMALS,
    b=DECIMALS,
)
def test_compare_is_antisymmetric(pair: tuple[str, str], a: Decimal, b: Decimal) -> None:
    unit_a, unit_b = pair
    assert compare(a, unit_a, b, unit_b) == -(compare(b, unit_b, a, unit_a) or 0)


def test_parsed_values_convert_exactly() -> None:
    from target_lint.values import parse_value

    budget = parse_value("3157.97万元")
    assert budget.value == Decimal("31579700") and budget.unit == "元"
    area_last_year = parse_value("271 万平方米")
    area_now = parse_value("3014989.88 平方米")
    assert area_last_year.value is not None and area_now.value is not None
    assert compare(area_last_year.value, "平方米", area_now.value, "平方米") == -1
    km = parse_value("≥1100km ²")
    assert km.value is not None and km.unit is not None
    assert convert(km.value, km.unit, "平方米") == Decimal("1100000000")
