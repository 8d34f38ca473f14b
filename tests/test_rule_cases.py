"""Every rule's test cases (tests/rules/<CODE>.toml), run by one generic test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from target_lint.engine.registry import all_rules, find_rule
from target_lint.resources import load_toml
from target_lint.testing import build_sheet, rows_of, run_rules

CASES_DIR = Path(__file__).parent / "rules"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = load_toml(path)
        for case in data["case"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['id']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    rule = find_rule(code, all_rules())
    assert rule is not None, f"no rule {code}"
    findings = run_rules(build_sheet(case), [rule], language=case.get("language", "zh"))
    if case["expect"] == "clean":
        assert findings == [], [f.message for f in findings]
        return
    assert findings, f"{code} did not fire on {case['id']}"
    if "message" in case:
        assert any(case["message"] in f.message for f in findings), [f.message for f in findings]
    if "severity" in case:
        assert {f.severity for f in findings} == {case["severity"]}
    if "rows_hit" in case:
        assert rows_of(findings) == case["rows_hit"]
    if "fix" in case:
        assert [f.fix.replacement for f in findings if f.fix] == [case["fix"]]


def test_every_rule_has_cases_of_both_kinds() -> None:
    covered: dict[str, set[str]] = {}
    for path in CASES_DIR.glob("*.toml"):
        data = load_toml(path)
        covered[data["rule"]] = {c["expect"] for c in data["case"]}
    for rule in all_rules():
        assert covered.get(rule.code) == {"trigger", "clean"}, rule.code
