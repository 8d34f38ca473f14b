"""Annotated workbooks (``report/workbook_out.py``): a workbook input is copied with a comment
on every finding's cell, a text input is laid out as tables, the input is never touched, and
no text the report writes can become a formula."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import quote_sheetname

from target_lint.engine.config import Config
from target_lint.engine.finding import Finding
from target_lint.lint import Linter
from target_lint.readers import read_sheets
from target_lint.report import Run, SheetReport
from target_lint.report.location import cell_texts
from target_lint.report.workbook_out import (
    AUTHOR,
    FILLS,
    SUMMARY_COLUMNS,
    output_name,
    write_annotated,
)

ROOT = Path(__file__).parent.parent
WORKBOOK = ROOT / "tests/fixtures/xlsx/shiyan-2025-all.xlsx"
MARKDOWN = ROOT / "examples/shiyan-2025/05-ludeng-dianfei.md"
CSV = ROOT / "tests/fixtures/csv/hanyang-2026/yingji-paizi.csv"  # values written "= 334万元"


def make_run(*files: Path) -> Run:
    linter = Linter.from_config(Config())
    reports = tuple(
        SheetReport(sheet, tuple(linter.lint_sheet(sheet)))
        for file in files
        for sheet in read_sheets(file)
    )
    return Run(reports, tuple(linter.rules), files=len(files))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def comments(book_path: Path) -> dict[tuple[str, str], str]:
    """Every comment of the annotated sheets (not the summary), by worksheet and cell."""
    book = load_workbook(book_path)
    found = {}
    for ws in book.worksheets:
        if ws.title == "target-lint":
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    assert cell.comment.author == AUTHOR
                    found[(ws.title, cell.coordinate)] = cell.comment.text
    return found


def summary_rows(book_path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(book_path)["target-lint"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == SUMMARY_COLUMNS
    assert ws.auto_filter.ref == f"A1:I{len(rows)}"
    return rows[1:]


def codes_in(text: str) -> list[str]:
    return re.findall(r"^([A-Z]\d{3}) (?:error|warning|info): ", text, flags=re.M)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, list[Path], dict[Path, str]]:
    before = {path: sha256(path) for path in (WORKBOOK, MARKDOWN, CSV)}
    run = make_run(WORKBOOK, MARKDOWN, CSV)
    paths = write_annotated(run, tmp_path_factory.mktemp("report"))
    return run, paths, before


def findings_of(run: Run, file: Path) -> list[Finding]:
    return [f for f in run.findings if Path(f.file) == file]


def test_one_workbook_per_input_and_inputs_untouched(
    written: tuple[Run, list[Path], dict[Path, str]],
) -> None:
    _, paths, before = written
    names = [path.name for path in paths]
    assert names == [
        "shiyan-2025-all.annotated.xlsx",
        "05-ludeng-dianfei.annotated.xlsx",
        "yingji-paizi.annotated.xlsx",
    ]
    assert {path: sha256(path) for path in before} == before
    assert not [p for p in paths[0].parent.iterdir() if p.name.endswith(".tmp")]


def test_workbook_input_comments_on_the_finding_cells(
    written: tuple[Run, list[Path], dict[Path, str]],
) -> None:
    run, paths, _ = written
    findings = findings_of(run, WORKBOOK)
    assert findings
    expected: dict[tuple[str, str], list[str]] = defaultdict(list)
    for finding in findings:
        assert finding.ref is not None and "!" in finding.ref
        sheet, _, cell = finding.ref.rpartition("!")
        expected[(sheet, cell)].append(finding.code)
    found = comments(paths[0])
    # the input has comments of its own? then they are kept in ours; none here
    assert set(found) == set(expected)
    for key, codes in expected.items():
        assert sorted(codes_in(found[key])) == sorted(codes), key
    # the fill is that of the worst severity on the cell
    book = load_workbook(paths[0])
    for finding in findings:
        sheet, _, cell = (finding.ref or "").rpartition("!")
        if finding.severity == "error":
            assert book[sheet][cell].fill.start_color.rgb.endswith(FILLS["error"])
    # the worksheets of the input are all there, the summary after them
    assert book.sheetnames == [*load_workbook(WORKBOOK).sheetnames, "target-lint"]
    assert len(summary_rows(paths[0])) == len(findings)


def test_text_input_laid_out_with_comments_on_the_cells(
    written: tuple[Run, list[Path], dict[Path, str]],
) -> None:
    run, paths, _ = written
    findings = findings_of(run, MARKDOWN)
    sheet = next(r.sheet for r in run.reports if Path(r.file) == MARKDOWN)
    texts = cell_texts(sheet)
    rows = summary_rows(paths[1])
    assert len(rows) == len(findings)
    book = load_workbook(paths[1])
    ws = book.worksheets[0]
    header = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "一级")]
    assert header == ["一级", "二级", "三级", "指标值", "前年", "上年", "指标值确定依据"]
    found = comments(paths[1])
    cells: dict[str, list[str]] = defaultdict(list)
    for finding, row in zip(findings, rows, strict=True):
        assert row[3] == finding.code and row[0] == finding.file
        where = str(row[2])
        assert where.startswith(quote_sheetname(ws.title) + "!")
        cell = where.rpartition("!")[2]
        cells[cell].append(finding.code)
        if finding.ref in texts:  # the cell holds the text the finding is about
            assert ws[cell].value == texts[finding.ref], finding
        elif finding.indicator is not None:
            assert ws[cell].value == finding.indicator.value
    assert set(found) == {(ws.title, cell) for cell in cells}
    for cell, codes in cells.items():
        assert sorted(codes_in(found[(ws.title, cell)])) == sorted(codes)
    # a table's findings without an indicator sit on the table's header
    table_header = next(cell for cell, codes in cells.items() if "S103" in codes)
    assert ws[table_header].value in ("年度目标", *sheet.meta.goals)


def test_formula_injection_is_neutralised(
    written: tuple[Run, list[Path], dict[Path, str]],
) -> None:
    _, paths, _ = written
    book = load_workbook(paths[2])
    starts = [
        cell
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.lstrip("'").lstrip().startswith("=")
    ]
    assert starts, "the fixture writes values such as '= 334万元'"
    for cell in starts:
        assert cell.data_type == "s"
        assert cell.value.startswith("'=")
    with zipfile.ZipFile(paths[2]) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert "<f>" not in archive.read(name).decode()


def test_formula_injection_in_summary(tmp_path: Path) -> None:
    """A message or value starting with =, +, -, @ (also after blanks, or a tab) is stored as
    a string with a leading apostrophe."""
    run = make_run(MARKDOWN)
    report = run.reports[0]
    leads = ('=HYPERLINK("http://x")', " +1", "-2", "@SUM(A1)", "\t=1", "\tx", "\u3000=1", "ok")
    assert len(report.findings) >= len(leads)
    poisoned = tuple(
        dataclasses.replace(f, message=lead, indicator=None)
        for f, lead in zip(report.findings, leads, strict=False)
    )
    run = Run((SheetReport(report.sheet, poisoned),), run.rules, files=1)
    (path,) = write_annotated(run, tmp_path)
    ws = load_workbook(path)["target-lint"]
    messages = [ws.cell(row=r, column=8) for r in range(2, 2 + len(poisoned))]
    for cell, lead in zip(messages, leads, strict=True):
        assert cell.data_type == "s"
        assert cell.value == (lead if lead == "ok" else "'" + lead), lead
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode()


def test_output_names() -> None:
    used: set[str] = set()
    assert output_name("a/x.md", used) == "x.annotated.xlsx"
    assert output_name("b/x.xlsx", used) == "x-2.annotated.xlsx"
    assert output_name("c/y.xlsm", used) == "y.annotated.xlsm"
