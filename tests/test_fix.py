"""Safe fixes (target_lint/fix.py): each fix kind on copies of the examples and fixtures, bytes
outside the changed cells kept, atomic writes, workbook copies, idempotence and stale cells."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from target_lint.engine.finding import Fix
from target_lint.fix import (
    FixError,
    FixResult,
    apply_fixes,
    diff_lines,
    remaining_lines,
    run_fix,
)
from target_lint.lint import Linter
from target_lint.readers import read_sheets

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
CSV = ROOT / "tests" / "fixtures" / "csv"
XLSX = ROOT / "tests" / "fixtures" / "xlsx"
LINTER = Linter.from_config()


def copy(source: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def fix(path: Path, *, output: Path | None = None, dry_run: bool = False) -> FixResult:
    return apply_fixes(path, LINTER.lint_path(path), output=output, dry_run=dry_run)


def changed_lines(before: bytes, after: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Lines (1-based) whose bytes differ; every other line must be byte for byte the same."""
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new)
    return {n: (a, b) for n, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def value_at(path: Path, ref: str) -> str:
    for sheet in read_sheets(path):
        for indicator in sheet.indicators:
            if indicator.cells["value"].ref == ref:
                return indicator.value
    raise AssertionError(f"no value cell {ref}")


# --- each safe fix kind, in text files ------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "ref", "code", "before", "after"),
    [
        ("hanyang-2026/qingsao-chengguan.txt", "38:11", "U104", "1次/天次/天", "1次/天"),
        ("hanyang-2026/qingsao-chengguan.txt", "58:30", "U104", "≥95%百分比", "≥95%"),
        ("hanyang-2026/qingsao-chengguan.txt", "44:16", "U103", "≥95百分比", "≥95%"),
        ("shiyan-2025/05-ludeng-dianfei.md", "16:19", "U103", "≥30LX", "≥30lx"),
        ("hanyang-2026/yuanlin-lvhuadui.txt", "28:25", "U102", "3157.97 万", "3157.97万元"),
    ],
)
def test_each_fix_kind_in_the_examples(
    tmp_path: Path, example: str, ref: str, code: str, before: str, after: str
) -> None:
    path = copy(EXAMPLES / example, tmp_path)
    original = path.read_bytes()
    result = fix(path)
    change = next(c for c in result.changes if c.ref == ref)
    assert (change.code, change.before, change.after) == (code, before, after)
    assert value_at(path, ref) == after
    # only the lines of the changed cells differ, each only in its cell
    lines = changed_lines(original, path.read_bytes())
    assert set(lines) == {int(c.ref.split(":")[0]) for c in result.changes}
    line, _ = ref.split(":")
    old, new = lines[int(line)]
    assert old.count(before.encode()) == 1
    assert new == old.replace(before.encode(), after.encode())
    assert result.output == path


def test_le_zero_count_becomes_exactly_zero(tmp_path: Path) -> None:
    text = (EXAMPLES / "shiyan-2025/01-zhihui-chengshi.md").read_text(encoding="utf-8")
    row = "| 安全事故下降率 | ≥95% |"
    assert row in text
    path = tmp_path / "l106.md"
    path.write_text(text.replace(row, "| 安全责任事故发生次数 | ≤0 次 |"), encoding="utf-8")
    result = fix(path)
    assert [(c.code, c.before, c.after) for c in result.changes] == [("L106", "≤0 次", "=0 次")]
    assert "| 安全责任事故发生次数 | =0 次 |" in path.read_text(encoding="utf-8")
    # the failure-rate ceiling (系统故障率 ≤0%) has no safe fix and stays
    assert "| 系统故障率 | ≤0% |" in path.read_text(encoding="utf-8")


def test_spelled_out_compound_unit_gets_its_slash(tmp_path: Path) -> None:
    text = (EXAMPLES / "shiyan-2025/01-zhihui-chengshi.md").read_text(encoding="utf-8")
    row = "| 上云委办局规模 | ≥20 个 |"
    assert row in text
    path = tmp_path / "u106.md"
    path.write_text(text.replace(row, "| 巡查频次 | 3 次每月 |"), encoding="utf-8")
    result = fix(path)
    assert [(c.code, c.before, c.after) for c in result.changes] == [
        ("U106", "3 次每月", "3 次/月")
    ]
    assert "| 巡查频次 | 3 次/月 |" in path.read_text(encoding="utf-8")
    # the unsafe V109 suggestion was made for the text before the fix, and says so
    (line,) = [line for line in remaining_lines(result) if " V109 " in line]
    assert "written before the U106 fix of this cell" in line


def test_unsafe_fixes_are_suggested_not_applied(tmp_path: Path) -> None:
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    result = fix(path)
    assert result.suggested and all(f.fix and not f.fix.safe for f in result.suggested)
    v109 = next(f for f in result.suggested if f.code == "V109" and f.ref == "38:11")
    assert v109.fix and v109.fix.replacement == "≥1次/天"
    assert "≥1次/天" not in path.read_text(encoding="utf-8")


# --- CSV: encoding, line endings, quoting ---------------------------------------------------


def test_csv_fixture_keeps_gb18030_and_crlf(tmp_path: Path) -> None:
    path = copy(CSV / "hanyang-2026/qingsao-chengguan.csv", tmp_path)
    original = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        original.decode("utf-8")  # the fixture is GB18030, as Excel/WPS export it
    result = fix(path)
    assert {(c.ref, c.code, c.before, c.after) for c in result.changes} >= {
        ("14:5", "U104", "1次/天次/天", "1次/天"),
        ("20:5", "U103", "≥95百分比", "≥95%"),
    }
    data = path.read_bytes()
    assert data.count(b"\r\n") == original.count(b"\r\n")
    lines = changed_lines(original, data)
    assert set(lines) == {int(c.ref.split(":")[0]) for c in result.changes}
    for change in result.changes:
        old, new = lines[int(change.ref.split(":")[0])]
        before, after = change.before.encode("gb18030"), change.after.encode("gb18030")
        assert new == old.replace(b"," + before + b",", b"," + after + b",")
    assert value_at(path, "20:5") == "≥95%"


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-8", b"", "\r\n"), ("utf-16-le", b"\xff\xfe", "\r\n")],
)
def test_csv_encodings_and_line_endings_are_kept(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    text = (CSV / "hanyang-2026/qingsao-chengguan.csv").read_bytes().decode("gb18030")
    text = text.replace("\r\n", newline)
    path = tmp_path / "sheet.csv"
    path.write_bytes(bom + text.encode(encoding))
    result = fix(path)
    assert len(result.changes) == 8
    data = path.read_bytes()
    assert data.startswith(bom)
    fixed = data[len(bom) :].decode(encoding)
    expected = text
    for change in result.changes:
        expected = expected.replace("," + change.before + ",", "," + change.after + ",", 1)
    assert fixed == expected


def test_csv_field_keeps_its_quotes(tmp_path: Path) -> None:
    text = (CSV / "hanyang-2026/qingsao-chengguan.csv").read_bytes().decode("gb18030")
    assert text.count(",1次/天次/天,") == 2
    path = tmp_path / "quoted.csv"
    path.write_bytes(text.replace(",1次/天次/天,", ',"1次/天次/天",', 1).encode("gb18030"))
    result = fix(path)
    assert ("14:5", "1次/天") in {(c.ref, c.after) for c in result.changes}
    fixed = path.read_bytes().decode("gb18030")
    assert ',"1次/天",' in fixed and "次/天次/天" not in fixed


def test_tsv_with_separate_operator_and_unit_columns_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "self-evaluation.tsv"
    path.write_text(
        "一级指标\t二级指标\t三级指标\t计量单位\t指标值\t计算符号\n"
        "产出指标\t数量指标\t培训人数\t人\t200\t≥\n"
        "\t质量指标\t培训合格率\t百分比\t95\t≥\n",
        encoding="utf-8",
    )
    original = path.read_bytes()
    result = fix(path)
    assert not result.changes
    (skipped,) = [s for s in result.skipped if s.finding.code == "U103"]
    assert "计量单位" in skipped.reason
    assert path.read_bytes() == original


def test_a_csv_field_is_not_turned_into_a_formula(tmp_path: Path) -> None:
    text = (CSV / "hanyang-2026/qingsao-chengguan.csv").read_bytes().decode("gb18030")
    text = text.replace("门前三包评分,≥90分", "安全责任事故发生次数,≤0 次", 1)
    path = tmp_path / "formula.csv"
    path.write_bytes(text.encode("gb18030"))
    result = fix(path)
    (skipped,) = [s for s in result.skipped if s.finding.code == "L106"]
    assert "formula" in skipped.reason
    assert "≤0 次" in path.read_bytes().decode("gb18030")


# --- atomic writes --------------------------------------------------------------------------


def test_a_failed_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy(CSV / "hanyang-2026/qingsao-chengguan.csv", tmp_path)
    original = path.read_bytes()
    findings = LINTER.lint_path(path)

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(FixError, match="cannot write: No space left on device"):
        apply_fixes(path, findings)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_folder_leaves_the_original(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", folder)
    original = path.read_bytes()
    findings = LINTER.lint_path(path)
    folder.chmod(0o555)
    try:
        with pytest.raises(FixError, match="cannot write"):
            apply_fixes(path, findings)
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == original


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    path.chmod(0o640)
    assert fix(path).changes
    assert path.stat().st_mode & 0o777 == 0o640


# --- workbooks ------------------------------------------------------------------------------


def test_workbook_fixes_go_to_a_copy(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = copy(XLSX / "qingsao-chengguan.xlsx", tmp_path)
    digest = sha(path)
    findings = LINTER.lint_path(path)
    with pytest.raises(FixError, match="not changed in place"):
        apply_fixes(path, findings)
    with pytest.raises(FixError, match="only copied"):
        apply_fixes(path, findings, output=path)
    out = tmp_path / "fixed" / "qingsao-chengguan.xlsx"
    result = apply_fixes(path, findings, output=out)
    assert sha(path) == digest
    assert result.output == out
    assert {(c.ref, c.before, c.after) for c in result.changes} >= {
        ("Sheet1!E15", "1次/天次/天", "1次/天"),
        ("Sheet1!E21", "≥95百分比", "≥95%"),
        ("Sheet1!G34", "≥95%百分比", "≥95%"),
    }
    # every other cell holds what it held
    old, new = load_workbook(path)["Sheet1"], load_workbook(out)["Sheet1"]
    changed = {c.ref.split("!")[1] for c in result.changes}
    for row in old.iter_rows():
        for cell in row:
            if cell.coordinate not in changed:
                assert new[cell.coordinate].value == cell.value, cell.coordinate
    assert value_at(out, "Sheet1!E21") == "≥95%"
    again = fix(out, output=tmp_path / "again.xlsx")
    assert not again.changes and again.output is None
    assert not (tmp_path / "again.xlsx").exists()


def test_workbook_text_starting_with_equals_is_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "source.xlsx"
    book = load_workbook(XLSX / "qingsao-chengguan.xlsx")
    book["Sheet1"]["D17"], book["Sheet1"]["E17"] = "安全责任事故发生次数", "≤0 次"
    book.save(source)
    out = tmp_path / "out.xlsx"
    result = fix(source, output=out)
    assert ("Sheet1!E17", "L106", "=0 次") in {(c.ref, c.code, c.after) for c in result.changes}
    cell = load_workbook(out)["Sheet1"]["E17"]
    assert (cell.value, cell.data_type) == ("=0 次", "s")
    assert value_at(out, "Sheet1!E17") == "=0 次"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (XLSX / "yuanlin-lvhuadui.xls", "save it as .xlsx"),
        (ROOT / "tests/fixtures/docx/hanyang-2026/qingsao-chengguan.docx", "Word"),
    ],
)
def test_xls_and_docx_are_not_fixable(tmp_path: Path, source: Path, reason: str) -> None:
    path = copy(source, tmp_path)
    digest = sha(path)
    result = fix(path, output=tmp_path / f"out{path.suffix}")
    assert not result.changes and result.skipped
    assert all(reason in s.reason for s in result.skipped)
    assert sha(path) == digest and not (tmp_path / f"out{path.suffix}").exists()


# --- idempotence, stale cells, conflicts, dry runs ------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        EXAMPLES / "hanyang-2026/qingsao-chengguan.txt",
        EXAMPLES / "shiyan-2025/05-ludeng-dianfei.md",
        CSV / "hanyang-2026/qingsao-chengguan.csv",
        CSV / "hanyang-2026/yuanlin-lvhuadui.csv",
    ],
)
def test_a_second_run_changes_nothing(tmp_path: Path, source: Path) -> None:
    path = copy(source, tmp_path)
    assert fix(path).changes
    fixed, mtime = path.read_bytes(), path.stat().st_mtime_ns
    again = fix(path)
    assert not again.changes and again.output is None and not again.skipped
    assert path.read_bytes() == fixed and path.stat().st_mtime_ns == mtime


def test_a_cell_edited_since_linting_is_not_touched(tmp_path: Path) -> None:
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    findings = LINTER.lint_path(path)
    text = path.read_text(encoding="utf-8")
    assert text.count("≥95百分比") == 1
    path.write_text(text.replace("≥95百分比", "≥96百分比"), encoding="utf-8")
    result = apply_fixes(path, findings)
    (stale,) = [s for s in result.skipped if s.finding.ref == "44:16"]
    assert "changed since it was linted" in stale.reason
    assert "≥96百分比" in path.read_text(encoding="utf-8")
    assert "44:16" not in {c.ref for c in result.changes}
    assert len(result.changes) == 7  # the other cells still read what was linted


def test_a_csv_cell_edited_since_linting_is_not_touched(tmp_path: Path) -> None:
    path = copy(CSV / "hanyang-2026/qingsao-chengguan.csv", tmp_path)
    findings = LINTER.lint_path(path)
    text = path.read_bytes().decode("gb18030")
    path.write_bytes(text.replace(",≥95百分比,", ",≥97百分比,").encode("gb18030"))
    result = apply_fixes(path, findings)
    assert "20:5" in {s.finding.ref for s in result.skipped}
    assert ",≥97百分比," in path.read_bytes().decode("gb18030")


def test_several_fixes_for_one_cell_apply_the_first(tmp_path: Path) -> None:
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    findings = LINTER.lint_path(path)
    first = next(f for f in findings if f.ref == "38:11" and f.code == "U104")
    other = dataclasses.replace(first, code="X999", fix=Fix(replacement="≥1次/日", safe=True))
    same = dataclasses.replace(first, code="X998")
    result = apply_fixes(path, [first, other, same])
    assert [(c.code, c.after) for c in result.changes] == [("U104", "1次/天")]
    (conflict,) = result.skipped
    assert conflict.finding.code == "X999" and "conflicts with the U104 fix" in conflict.reason


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = copy(CSV / "hanyang-2026/qingsao-chengguan.csv", tmp_path)
    digest = sha(path)
    result = fix(path, dry_run=True)
    assert result.changes and result.output is None
    assert sha(path) == digest


def test_fixes_for_other_cells_and_files_are_skipped(tmp_path: Path) -> None:
    path = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    finding = next(f for f in LINTER.lint_path(path) if f.code == "U104")
    moved = dataclasses.replace(finding, ref="1:1", row=1)
    elsewhere = dataclasses.replace(finding, file=str(tmp_path / "other.txt"))
    result = apply_fixes(path, [moved, elsewhere])
    assert not result.changes
    assert [s.reason for s in result.skipped] == [
        f"reported in another file ({tmp_path / 'other.txt'})",
        "the fix is not for an indicator value cell",
    ]


def test_diff_lines_name_file_cell_before_and_after(tmp_path: Path) -> None:
    path = copy(XLSX / "qingsao-chengguan.xlsx", tmp_path)
    lines = diff_lines(fix(path, dry_run=True))
    assert f'{path}:Sheet1!E21: "≥95百分比" → "≥95%" (U103)' in lines
    text = copy(EXAMPLES / "hanyang-2026/qingsao-chengguan.txt", tmp_path)
    assert f'{text}:38:11: "1次/天次/天" → "1次/天" (U104)' in diff_lines(fix(text))


# --- run_fix: what `target-lint fix` runs ---------------------------------------------------


def test_run_fix_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = copy(EXAMPLES / "shiyan-2025/06-shengtai-wenming.md", tmp_path)
    assert run_fix([str(clean)], LINTER) == 0
    assert capsys.readouterr().out == "Nothing to fix.\n"

    sheet = copy(EXAMPLES / "shiyan-2025/05-ludeng-dianfei.md", tmp_path)
    digest = sha(sheet)
    assert run_fix([str(sheet)], LINTER, diff=True) == 1  # would fix
    out = capsys.readouterr().out
    assert f'{sheet}:16:19: "≥30LX" → "≥30lx" (U103)' in out and "Would fix 3 cell(s)" in out
    assert sha(sheet) == digest
    assert run_fix([str(sheet)], LINTER) == 1  # fixed
    assert "Fixed 3 cell(s) in 1 file(s)" in capsys.readouterr().out
    assert run_fix([str(sheet)], LINTER) == 1  # an unsafe suggestion (L101) is left
    assert "L101 suggestion, not applied (unsafe)" in capsys.readouterr().out

    workbook = copy(XLSX / "qingsao-chengguan.xlsx", tmp_path)
    assert run_fix([str(workbook)], LINTER) == 2
    assert "--output" in capsys.readouterr().err
    assert run_fix([str(tmp_path / "missing.csv")], LINTER) == 2


def test_run_fix_writes_folders_to_an_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    (source / "csv").mkdir(parents=True)
    workbook = copy(XLSX / "qingsao-chengguan.xlsx", source)
    text = copy(CSV / "hanyang-2026/qingsao-chengguan.csv", source / "csv")
    digests = sha(workbook), sha(text)
    out = tmp_path / "out"
    assert run_fix([str(source)], LINTER, output=out) == 1
    assert (sha(workbook), sha(text)) == digests
    assert value_at(out / "qingsao-chengguan.xlsx", "Sheet1!E15") == "1次/天"
    assert value_at(out / "csv" / "qingsao-chengguan.csv", "14:5") == "1次/天"
    assert "in 2 file(s)" in capsys.readouterr().out
    assert run_fix([str(workbook), str(text)], LINTER, output=workbook) == 2  # not a folder
