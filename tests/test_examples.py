"""The bundled examples: what target-lint reports at error and warning severity is exactly the
reviewed list in tests/data/examples_expected.toml (built from rule catalog §7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from target_lint.lint import Linter
from target_lint.resources import load_toml

ROOT = Path(__file__).parent.parent
EXPECTED = load_toml(ROOT / "tests" / "data" / "examples_expected.toml")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.from_config()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings(linter: Linter, name: str) -> None:
    findings = linter.lint_path(ROOT / "examples" / name)
    got = sorted(
        f"{f.row} {f.code} {f.severity}" for f in findings if f.severity in ("error", "warning")
    )
    assert got == sorted(EXPECTED[name]["findings"])


def test_every_example_is_listed() -> None:
    files = {p.relative_to(ROOT / "examples").as_posix() for p in (ROOT / "examples").rglob("*.*")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize(
    ("name", "row", "code"),
    [
        # a sample of rule catalog §7, checked one by one
        ("shiyan-2025/01-zhihui-chengshi.md", 18, "L106"),  # 系统故障率 ≤0%, row realigned
        ("shiyan-2025/03-lvyou-fazhan.md", 18, "L102"),  # 位居全省 ≥5 名次
        ("shiyan-2025/04-canji-ertong-kangfu.md", 11, "S111"),  # 一级 经济成本指标
        ("shiyan-2025/05-ludeng-dianfei.md", 23, "L101"),  # 节能降耗率 ≤15%
        ("hanyang-2026/qingsao-chengguan.txt", 35, "V103"),  # ≤预算数元
        ("hanyang-2026/qingsao-chengguan.txt", 38, "U104"),  # 1次/天次/天
        ("hanyang-2026/yuanlin-lvhuadui.txt", 29, "C108"),  # 提高绿化质量 / 达标
    ],
)
def test_catalog_rows(linter: Linter, name: str, row: int, code: str) -> None:
    findings = linter.lint_path(ROOT / "examples" / name)
    assert any(f.row == row and f.code == code for f in findings)
