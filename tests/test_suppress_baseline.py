"""Inline suppressions (备注/说明 cells, cell comments, title and metadata rows) and baselines
that survive inserted rows, on real files built from the seed sheet 05-ludeng-dianfei."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from target_lint import read_sheets
from target_lint.engine.baseline import (
    BaselineError,
    apply_baseline,
    read_baseline,
    stale_report,
    write_baseline,
)
from target_lint.engine.finding import Finding, IndicatorRef
from target_lint.engine.identity import finding_key
from target_lint.engine.suppress import Suppression, apply_suppressions, suppression_report
from target_lint.lint import Linter
from target_lint.sheet.directive import has_directive, parse_directives
from target_lint.sheet.model import Sheet

ROOT = Path(__file__).parent.parent
SEED_MD = ROOT / "examples" / "shiyan-2025" / "05-ludeng-dianfei.md"
SEED_CSV = ROOT / "tests" / "fixtures" / "csv" / "shiyan-2025" / "05-ludeng-dianfei.csv"

Place = tuple[str, str | None]  # rule code, indicator name


def lint(path: Path) -> tuple[list[Finding], list[Sheet]]:
    sheets = read_sheets(path)
    linter = Linter.from_config()
    return [f for sheet in sheets for f in linter.lint_sheet(sheet)], sheets


def places(findings: list[Finding]) -> list[Place]:
    return sorted((f.code, f.indicator.name if f.indicator else None) for f in findings)


def by_text(suppressions: list[Suppression], fragment: str) -> Suppression:
    return next(s for s in suppressions if fragment in s.text)


# --- directives -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "selectors", "reason"),
    [
        ("target-lint: ignore[V101,S103] 理由", ("V101", "S103"), "理由"),
        ("target-lint：ignore［V101］", ("V101",), None),
        ("TARGET-LINT: ignore【v101，all】：延续项目", ("V101", "ALL"), "延续项目"),
        ("target-lint: ignore[placeholder-value、V1] 合同", ("placeholder-value", "V1"), "合同"),
        ("<!-- target-lint: ignore[S103] 不设成本指标 -->", ("S103",), "不设成本指标"),
        ("审核人:\ntarget-lint ignore[U1] 单位见表头", ("U1",), "单位见表头"),
    ],
)
def test_directive_forms(text: str, selectors: tuple[str, ...], reason: str | None) -> None:
    assert has_directive(text)
    (directive,) = parse_directives(text)
    assert (directive.selectors, directive.reason, directive.malformed) == (
        selectors,
        reason,
        False,
    )


def test_directive_edge_cases() -> None:
    two = parse_directives("target-lint: ignore[V101] 甲 target-lint: ignore[U101] 乙")
    assert [(d.selectors, d.reason) for d in two] == [(("V101",), "甲"), (("U101",), "乙")]
    assert [d.malformed for d in parse_directives("target-lint: ignroe V101")] == [True]
    assert [d.malformed for d in parse_directives("target-lint: ignore[]")] == [True]
    assert not has_directive("新增指标") and not has_directive("lint 检查")


# --- suppressions in real files -------------------------------------------------------------


def _markdown_with_remarks(path: Path) -> Path:
    """The seed with a 备注 column, a directive line under the title and one in a metadata row."""
    remarks = {
        "| 灯杆数 |": "target-lint: ignore[U101] 灯杆以根计，单位见表头",
        "公共区域景观亮化效果": "target-lint：ignore［vague-qualitative-value］",
        "| 变压器数 |": "新增指标",
        "| 设施完好率 |": "target-lint: ignore[L101] 无此问题",
        "| 项目名称 |": "target-lint: ignore[S121] 目标文本由主管部门统一下达",
    }
    lines = []
    for line in SEED_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("|--"):
            line += "--|"
        elif line.startswith("| 项目绩效指标"):
            line += " 备注 |"
        elif line.startswith("|"):
            text = next((t for key, t in remarks.items() if key in line), "")
            line += f" {text} |"
        lines.append(line)
        if line == "路灯电费绩效目标申报表":
            lines += ["", "<!-- target-lint: ignore[S103,X999] 路灯电费为公用事业支出 -->"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_markdown_remark_column(tmp_path: Path) -> None:
    findings, sheets = lint(_markdown_with_remarks(tmp_path / "ludeng.md"))
    (sheet,) = sheets
    remarks = {i.name: [r.text for r in i.remarks] for i in sheet.indicators if i.remarks}
    assert remarks["变压器数"] == ["新增指标"]
    assert sheet.indicators[0].remarks[0].position is not None
    assert [r.position.ref for r in sheet.directives if r.position] == ["5:1", "9:37"]
    # the 备注 column and the directive lines change nothing in how the sheet is read
    assert places(findings) == places(lint(SEED_MD)[0])

    kept, suppressions = apply_suppressions(findings, sheets)
    silenced = set(places(findings)) - set(places(kept))
    assert silenced == {
        ("U101", "灯杆数"),
        ("V102", "公共区域景观亮化效果"),
        ("S103", None),
        ("S121", None),
    }
    assert ("U101", "路灯盏数") in places(kept)  # only the row with the directive
    assert len(suppressions) == 5
    assert by_text(suppressions, "ignore[U101]").problems == []
    assert by_text(suppressions, "vague-qualitative").problems == ["no-reason"]
    assert by_text(suppressions, "ignore[L101]").problems == ["unused"]
    sheet_level = by_text(suppressions, "S103")
    assert (sheet_level.scope, sheet_level.used, sheet_level.unknown) == ("sheet", 1, ["X999"])
    assert sheet_level.problems == ["unknown-rule"]
    report = suppression_report(suppressions)
    assert len(report) == 3
    assert any(line.startswith(f"{tmp_path / 'ludeng.md'}:16:") and "unused" in line
               for line in report)  # fmt: skip


def test_csv_remark_column(tmp_path: Path) -> None:
    lines = SEED_CSV.read_bytes().decode("gb18030").splitlines()
    out = []
    for line in lines:
        if line.startswith("一级指标,"):
            line += ",备注"
        elif ",路灯盏数," in line:
            line += ',"target-lint: ignore[missing-unit] 盏为路灯的自然单位"'
        elif ",亮灯率," in line:
            line += ",target-lint: ignore[V101]"
        out.append(line)
    path = tmp_path / "ludeng.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    findings, sheets = lint(path)
    assert places(findings) == places(lint(SEED_CSV)[0])
    kept, suppressions = apply_suppressions(findings, sheets)
    assert set(places(findings)) - set(places(kept)) == {("U101", "路灯盏数")}
    used = by_text(suppressions, "missing-unit")
    assert (used.used, used.problems) == (1, [])
    assert used.indicator == ["产出指标", "数量指标", "路灯盏数"]
    unused = by_text(suppressions, "V101")
    assert unused.problems == ["unused", "no-reason"]
    assert unused.ref == f"{unused.row}:5"


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "项目5"
    sheet.append(["路灯电费绩效目标申报表"])
    sheet.append(["项目名称", "路灯电费", "项目金额（万元）", 1600])
    sheet.append(["项目年度绩效目标", "对城区路灯进行日常管理和维护。"])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    rows = [
        ("产出指标", "数量指标", "灯杆数", "≥13168"),
        ("", "", "路灯盏数", "≥24216"),
        ("", "", "变压器数", "≥188"),
        ("", "质量指标", "设施完好率", "≥98%"),
        ("效益指标", "社会效益指标", "公共区域景观亮化效果", "明亮、美观、温馨"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥98%"),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet["A1"].comment = Comment("target-lint: ignore[goal-text-vague] 目标由主管部门下达", "审")
    sheet["C5"].comment = Comment("审核人:\ntarget-lint: ignore[U101] 单位见表头", "审")
    sheet["F6"].comment = Comment("target-lint：ignore［U101］ 盏", "审")  # an empty cell
    sheet["C7"].comment = Comment("请核对变压器数量", "审")
    sheet["D8"].comment = Comment("target-lint: ignore[L101] 无此问题", "审")
    book.save(path)
    return path


def test_workbook_cell_comments(tmp_path: Path) -> None:
    findings, sheets = lint(_workbook(tmp_path / "ludeng.xlsx"))
    (sheet,) = sheets
    names = {i.name: i.remarks for i in sheet.indicators}
    assert [(r.text, r.comment) for r in names["变压器数"]] == [("请核对变压器数量", True)]
    assert names["路灯盏数"][0].position and names["路灯盏数"][0].position.ref == "项目5!F6"
    assert [r.position.ref for r in sheet.directives if r.position] == ["项目5!A1"]
    kept, suppressions = apply_suppressions(findings, sheets)
    assert set(places(findings)) - set(places(kept)) == {
        ("U101", "灯杆数"),
        ("U101", "路灯盏数"),
        ("S121", None),
    }
    assert ("U101", "变压器数") in places(kept)
    assert [s.ref for s in suppressions if s.problems] == ["项目5!D8"]
    assert all(s.comment for s in suppressions)


def test_workbook_without_comments_has_none(tmp_path: Path) -> None:
    from target_lint.readers.workbook import read_workbook

    grids = read_workbook(ROOT / "tests" / "fixtures" / "xlsx" / "05-ludeng-dianfei.xlsx")
    assert all(grid.comments == {} for grid in grids)


def test_directive_applies_to_its_own_sheet(tmp_path: Path) -> None:
    """Two sheets in one file: a directive under the second title silences only the second."""
    seed = SEED_MD.read_text(encoding="utf-8")
    second = seed.replace("路灯电费绩效目标申报表", "路灯维护绩效目标申报表")
    second = second.replace(
        "路灯维护绩效目标申报表", "路灯维护绩效目标申报表\n\ntarget-lint: ignore[S103] 不设成本"
    )
    path = tmp_path / "two.md"
    path.write_text(seed + "\n" + second, encoding="utf-8")
    findings, sheets = lint(path)
    assert [len(s.directives) for s in sheets] == [0, 1]
    kept, _ = apply_suppressions(findings, sheets)
    s103 = [f.sheet for f in kept if f.code == "S103"]
    assert s103 == ["路灯电费绩效目标申报表"]


def test_canonical_remarks_as_text(tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text(
        "sheets:\n  - goals:\n      - table: annual\n        indicators:\n"
        "          - {level1: 产出指标, level2: 数量指标, name: 灯杆数, value: ≥13168,\n"
        '             remarks: ["target-lint: ignore[U101] 以根计"]}\n',
        encoding="utf-8",
    )
    findings, sheets = lint(path)
    kept, suppressions = apply_suppressions(findings, sheets)
    assert ("U101", "灯杆数") in places(findings) and ("U101", "灯杆数") not in places(kept)
    assert suppressions[0].ref == "sheets[0].goals[0].indicators[0]"


# --- identity and baseline ------------------------------------------------------------------


def _finding(file: str = "a/b.xlsx", row: int = 7, value: str = "≥5", **extra: str) -> Finding:
    fields = {"level1": "产出指标", "level2": "数量指标", "name": "灯杆 数", "value": value}
    return Finding(
        code=extra.get("code", "U101"),
        name="missing-unit",
        kind="unit-problem",
        severity="warning",
        message="…",
        file=file,
        sheet="Sheet1",
        row=row,
        column=4,
        ref=f"Sheet1!D{row}",
        table="annual",
        indicator=IndicatorRef(**(fields | {k: v for k, v in extra.items() if k != "code"})),
    )


def test_finding_key_ignores_row_value_folder_and_spacing() -> None:
    key = finding_key(_finding())
    assert finding_key(_finding(file="C:\\其他\\b.xlsx", row=30, value="≥6")) == key
    assert finding_key(_finding(name="灯杆\u3000数")) == key
    assert finding_key(_finding(name="灯杆数量")) != key
    assert finding_key(_finding(code="U103")) != key
    assert finding_key(_finding(file="a/c.xlsx")) != key


def test_baseline_counts_findings_that_share_a_key(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    entries = write_baseline(baseline, [_finding(row=r) for r in (7, 8, 9)])
    assert [e.count for e in entries] == [3]
    more = [_finding(row=r) for r in (7, 8, 9, 10)]
    new, stale = apply_baseline(baseline, more)
    assert [f.row for f in new] == [10] and stale == []
    new, stale = apply_baseline(baseline, more[:2])
    assert new == [] and [e.count for e in stale] == [1]
    new, stale = apply_baseline(baseline, [], linted=["other/file.xlsx"])
    assert stale == []  # entries of files not linted in this run are not stale


def test_baseline_survives_inserted_rows(tmp_path: Path) -> None:
    seed = SEED_MD.read_text(encoding="utf-8")
    first = tmp_path / "v1" / "ludeng.md"
    first.parent.mkdir()
    first.write_text(seed, encoding="utf-8")
    findings, _ = lint(first)
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, findings)
    document = json.loads(baseline.read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    path = ["产出指标", "数量指标", "路灯盏数"]
    entry = next(e for e in document["entries"] if e["indicator"] == path)
    assert (entry["code"], entry["file"], entry["count"]) == ("U101", "ludeng.md", 1)

    # a clean row inserted above a baselined finding, in a copy in another folder
    inserted = tmp_path / "v2" / "ludeng.md"
    inserted.parent.mkdir()
    inserted.write_text(
        seed.replace("| | | | 路灯盏数 |", "| | | | 维修路灯数 | ≥500盏 |\n| | | | 路灯盏数 |"),
        encoding="utf-8",
    )
    moved, _ = lint(inserted)
    assert {f.row for f in moved} != {f.row for f in findings}
    assert apply_baseline(baseline, moved, linted=[str(inserted)]) == ([], [])

    # another bad value of the same rule: still the same finding
    changed = inserted.read_text(encoding="utf-8").replace("≥24216", "≥25000")
    inserted.write_text(changed, encoding="utf-8")
    assert apply_baseline(baseline, lint(inserted)[0]) == ([], [])

    # fixed: the entry is stale
    inserted.write_text(changed.replace("≥25000", "≥25000盏"), encoding="utf-8")
    new, stale = apply_baseline(baseline, lint(inserted)[0])
    assert new == []
    assert [(e.code, e.indicator, e.count) for e in stale] == [("U101", path, 1)]
    (line,) = stale_report(stale)
    assert "ludeng.md" in line and "路灯盏数" in line and "U101" in line

    # a new problem is new
    broken = changed.replace("≥13168", "13168")
    inserted.write_text(broken, encoding="utf-8")
    new, _ = apply_baseline(baseline, lint(inserted)[0])
    assert places(new) == [("V109", "灯杆数")]


def test_baseline_file_errors(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="cannot read"):
        read_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2, "entries": []}', encoding="utf-8")
    with pytest.raises(BaselineError, match="schema_version 2"):
        read_baseline(bad)
    bad.write_text('{"entries": [{"code": "U101"}]}', encoding="utf-8")
    with pytest.raises(BaselineError, match=r"entries\.0\.key"):
        read_baseline(bad)
    bad.write_text("[1,", encoding="utf-8")
    with pytest.raises(BaselineError, match="invalid JSON at line 1"):
        read_baseline(bad)


def test_baseline_is_stable(tmp_path: Path) -> None:
    findings, _ = lint(SEED_MD)
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(one, findings)
    write_baseline(two, list(reversed(findings)))
    assert one.read_bytes() == two.read_bytes()
    shutil.copy(one, tmp_path / "3.json")
    assert apply_baseline(tmp_path / "3.json", findings) == ([], [])


def test_accept_findings_per_sheet(tmp_path: Path) -> None:
    """The CLI's path: each sheet with its findings, suppressions then the baseline."""
    from target_lint.engine.accept import accept_findings

    path = _markdown_with_remarks(tmp_path / "ludeng.md")
    findings, sheets = lint(path)
    baseline = tmp_path / "baseline.json"
    kept, accepted = accept_findings([(sheets[0], findings)])
    write_baseline(baseline, kept[0])
    assert accepted.summary() == {
        "suppressed": 4,
        "baselined": 0,
        "unused_suppressions": 1,
        "stale_baseline_entries": 0,
    }
    kept, accepted = accept_findings([(sheets[0], findings)], baseline=baseline)
    assert kept == [[]] and accepted.baselined == len(findings) - 4
    assert len(accepted.lines()) == 3 and accepted.as_json()["stale_baseline"] == []
    kept, accepted = accept_findings([(sheets[0], findings)], baseline=baseline, ignore_noqa=True)
    assert places(kept[0]) == sorted(
        [("U101", "灯杆数"), ("V102", "公共区域景观亮化效果"), ("S103", None), ("S121", None)]
    )
    assert accepted.suppressions == [] and accepted.suppressed == 0
