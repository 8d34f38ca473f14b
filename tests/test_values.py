"""The value parser against every value string of the seed sheets and the required forms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from target_lint.values import KINDS, parse_value
from target_lint.values.model import DEFECTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TABLE = Path(__file__).parent / "data" / "seed_values.toml"
CASES: list[dict[str, Any]] = tomllib.loads(TABLE.read_text(encoding="utf-8"))["value"]
FIELDS = ("kind", "op", "number", "magnitude", "unit", "number_high", "magnitude_high")
OPTIONAL = ("date", "reference", "word")


def test_table_is_large_and_mostly_from_the_seeds() -> None:
    assert len(CASES) >= 150
    assert sum(c["source"].startswith(("000", "003")) for c in CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "<blank>" for c in CASES])
def test_value(case: dict[str, Any]) -> None:
    value = parse_value(case["text"])
    got = {f: getattr(value, f) for f in (*FIELDS, *OPTIONAL, "multiplier")}
    expected = {f: case.get(f) for f in (*FIELDS, *OPTIONAL)}
    expected["multiplier"] = case.get("multiplier", 1)
    assert got == expected
    assert set(value.defects) == set(case.get("defects", []))


@pytest.mark.parametrize(
    ("text", "kind", "magnitude", "unit"),
    [
        ("3157.97万元", "quantity", "31579700", "元"),
        ("不少于两场", "quantity", "2", "场"),
        ("每月至少三次", "frequency", "3", "次/月"),
        ("三点五万元", "quantity", "35000", "元"),
        ("十二个", "quantity", "12", "个"),
        ("≥ 720 小时", "duration", "720", "小时"),
        ("5个工作日以内", "duration", "5", "工作日"),
        ("10万元以上", "quantity", "100000", "元"),
        ("3,014,989.88 平方米", "quantity", "3014989.88", "平方米"),
        ("≥-5%", "quantity", "-5", "%"),
    ],
)
def test_language_forms(text: str, kind: str, magnitude: str, unit: str) -> None:
    value = parse_value(text)
    assert (value.kind, value.magnitude, value.unit) == (kind, magnitude, unit)


def test_spans_point_at_the_written_pieces() -> None:
    value = parse_value("≥1.6 亿人次")
    text = value.text
    pieces = {s.part: text[s.start : s.end] for s in value.spans}
    assert pieces == {"op": "≥", "number": "1.6", "multiplier": "亿", "unit": "人次"}
    marker = parse_value("是#").span("marker")
    assert marker is not None and (marker.start, marker.end) == (1, 2)
    wide = parse_value("≧９５％")
    number = wide.span("number")
    assert number is not None and wide.text[number.start : number.end] == "９５"


def test_defect_words_are_from_the_documented_list() -> None:
    for case in CASES:
        assert set(parse_value(case["text"]).defects) <= set(DEFECTS)


def test_memoised_results_are_shared() -> None:
    assert parse_value("≥98%") is parse_value("≥98%")


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "≥≤=<>0123456789.%万亿个人次/天年月日前每至少-~"
                "是否合格有效大幅#（）() ,、一二十百分之比"
            )
        ),
        max_size=14,
    )
)
def test_parsing_never_raises_and_spans_stay_inside(text: str) -> None:
    value = parse_value(text)
    assert value.kind in KINDS
    assert value.text == text
    for span in value.spans:
        assert 0 <= span.start <= span.end <= len(text)
    assert parse_value(text) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_unicode_text_is_read(text: str) -> None:
    value = parse_value(text)
    assert value.kind in KINDS
    assert all(0 <= s.start <= s.end <= len(text) for s in value.spans)


def test_small_form_operators_are_look_alikes() -> None:
    """丽江's ﹦100% (U+FE66, typeset small forms): an operator, flagged as a look-alike."""
    for text, op in (("﹦100%", "="), ("﹥90%", ">"), ("﹤5天", "<")):
        value = parse_value(text)
        assert value.defects == ("look-alike-character",), text
        span = value.span("op")
        assert span is not None and value.text[span.start : span.end] == text[0]
        assert value.op == op
