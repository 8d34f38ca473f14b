"""Annotated workbooks (``--format xlsx``): one ``.xlsx`` per input file, with the findings on
the cells they are about and a ``target-lint`` worksheet listing them all.

- An ``.xlsx``/``.xlsm`` input is copied (read into memory, never opened for writing) and the
  findings go on the worksheet cells of their ``ref``. An ``.xlsm`` keeps its macros and so its
  copy ends in ``.annotated.xlsm`` (Excel refuses a macro workbook named ``.xlsx``).
- Any other input (Markdown, text, CSV, Word, ``.xls``, canonical JSON/YAML) is laid out anew,
  one worksheet per sheet: the metadata fields, then per goal table a header row and the
  一级/二级/三级/指标值/前年/上年/指标值确定依据 rows. A finding goes on the cell that holds its
  ``ref`` (value, name, …), else on its indicator's value cell, else on its table's header,
  else on the sheet's title.

Each annotated cell gets one comment (author ``target-lint``) with a ``CODE severity: message``
line per finding and a fill for its worst severity. Every text this module writes into a cell is
neutralised against formula injection (``_text``). Files are written atomically.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from target_lint.engine.finding import Finding, Severity, severity_rank
from target_lint.report import Run, SheetReport

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
AUTHOR = "target-lint"
SUMMARY_SHEET = "target-lint"
SUMMARY_COLUMNS = ("file", "sheet", "cell", "code", "name", "severity", "kind", "message", "value")
FILLS: dict[Severity, str] = {"error": "FFC7CE", "warning": "FFE699", "info": "DDEBF7"}
TABLE_COLUMNS = ("一级", "二级", "三级", "指标值", "前年", "上年", "指标值确定依据")
_FIELD_COLUMNS = {"level1": 1, "level2": 2, "name": 3, "value": 4, "basis": 7}
_META_LABELS = {  # the usual labels of readers/layout.py's metadata fields
    "project_name": "项目名称",
    "project_code": "项目编码",
    "department": "主管部门",
    "unit_name": "实施单位",
    "total_budget": "项目总预算",
    "annual_budget": "当年预算",
    "funds_total": "资金总额合计",
    "start_year": "起始年度",
    "end_year": "终止年度",
}
_TABLE_KINDS = {"long_term": "长期目标", "annual": "年度目标"}
# Excel (and LibreOffice, and CSV exports of the sheet) read these leads as a formula.
_FORMULA_LEAD = re.compile(r"[\s]*[=+\-@]|[\t\r]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

__all__ = ["output_name", "write_annotated"]

Anchor = tuple[str, int, int]  # worksheet title, row, column


def write_annotated(run: Run, output_dir: Path) -> list[Path]:
    """Write one annotated workbook per input file of ``run`` into ``output_dir``; return the
    paths written, in the order of the files. Files that yield no sheet get none."""
    by_file: dict[str, list[SheetReport]] = {}
    for report in run.reports:
        by_file.setdefault(report.file, []).append(report)
    inputs = {Path(file).resolve() for file in by_file}
    written: list[Path] = []
    used: set[str] = set()
    for file, reports in by_file.items():
        target = output_dir / output_name(file, used)
        if target.resolve() in inputs:  # output_dir is an input's folder and names collide
            raise ValueError(f"{target}: would overwrite an input file")
        book = _annotated_book(Path(file), reports)
        _save_atomic(book, target)
        written.append(target)
    return written


def output_name(file: str, used: set[str]) -> str:
    """``<stem>.annotated.xlsx`` (``.xlsm`` for a macro workbook), with ``-2``, ``-3``, … after
    the stem when another file of the run already took the name; adds the name to ``used``."""
    path = Path(file)
    suffix = ".xlsm" if path.suffix.lower() == ".xlsm" else ".xlsx"
    name, number = f"{path.stem}.annotated{suffix}", 1
    while name.lower() in used:
        number += 1
        name = f"{path.stem}-{number}.annotated{suffix}"
    used.add(name.lower())
    return name


# --- building ---------------------------------------------------------------------------------


def _annotated_book(path: Path, reports: list[SheetReport]) -> Workbook:
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        book = _load_copy(path)
        anchors = _workbook_anchors(book, reports)
    else:
        book, anchors = _generated_book(reports)
    findings = [f for report in reports for f in report.findings]
    on_cell: dict[Anchor, list[Finding]] = defaultdict(list)
    for finding, anchor in zip(findings, anchors, strict=True):
        if anchor is not None:
            on_cell[anchor].append(finding)
    for (title, row, column), cell_findings in on_cell.items():
        _annotate(book[title], row, column, cell_findings)
    _summary(book, findings, anchors)
    return book


def _load_copy(path: Path) -> Workbook:
    import warnings

    from openpyxl import load_workbook

    data = io.BytesIO(path.read_bytes())  # the input is only ever read
    with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like
        warnings.simplefilter("ignore")
        return load_workbook(data, keep_vba=path.suffix.lower() == ".xlsm")


def _workbook_anchors(book: Workbook, reports: list[SheetReport]) -> list[Anchor | None]:
    """The worksheet cell of each finding: its ``ref``, else the top left cell of its sheet;
    a cell inside a merged range gives the range's top left cell."""
    anchors: list[Anchor | None] = []
    for report in reports:
        for finding in report.findings:
            title = (finding.ref or "").rpartition("!")[0] or finding.sheet or ""
            row, column = finding.row, finding.column
            if "!" not in (finding.ref or "") or row is None or column is None:
                title = report.sheet.worksheet or title
                row, column = report.sheet.position.row, report.sheet.position.column or 1
            if title not in book.sheetnames:
                anchors.append(None)
                continue
            anchors.append((title, *_merged_origin(book[title], row, column)))
    return anchors


def _merged_origin(sheet: Worksheet, row: int, column: int) -> tuple[int, int]:
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, column


def _generated_book(reports: list[SheetReport]) -> tuple[Workbook, list[Anchor | None]]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    anchors: list[Anchor | None] = []
    bold = Font(bold=True)
    for report in reports:
        sheet = report.sheet
        ws = book.create_sheet(_sheet_title(report.name, book.sheetnames))
        by_ref: dict[str, tuple[int, int]] = {}
        headers: dict[tuple[str | None, str | None], tuple[int, int]] = {}
        by_indicator: dict[tuple[str | None, str | None, str, str], tuple[int, int]] = {}
        _put(ws, 1, 1, report.name).font = Font(bold=True, size=13)
        by_ref[sheet.position.ref] = (1, 1)
        row = 2
        for field, text in sheet.meta.fields.items():
            _put(ws, row, 1, _META_LABELS.get(field, field))
            _put(ws, row, 2, text)
            if field in sheet.meta.positions:
                by_ref.setdefault(sheet.meta.positions[field].ref, (row, 2))
            row += 1
        for block in sheet.goals:
            row += 1
            label = block.goal or block.title or _TABLE_KINDS[block.table]
            _put(ws, row, 1, label).font = bold
            goal_text = sheet.meta.goals.get(block.goal or "") if block.goal else None
            _put(ws, row, 2, goal_text or block.title or "")
            headers.setdefault((block.table, block.goal), (row, 1))
            headers.setdefault((block.table, None), (row, 1))
            by_ref.setdefault(block.position.ref, (row, 1))
            row += 1
            extra = [label for label in block.history_labels if label not in ("前年", "上年")]
            columns = (*TABLE_COLUMNS, *extra)
            for column, title in enumerate(columns, start=1):
                _put(ws, row, column, title).font = bold
            for indicator in block.indicators:
                row += 1
                history_columns = {label: columns.index(label) + 1 for label in indicator.history}
                values = {
                    **{c: getattr(indicator, f) or "" for f, c in _FIELD_COLUMNS.items()},
                    **{history_columns[k]: v for k, v in indicator.history.items()},
                }
                for column, value in values.items():
                    _put(ws, row, column, value)
                for field, position in indicator.cells.items():
                    at = _FIELD_COLUMNS.get(field) or history_columns.get(field)
                    if at is not None:
                        by_ref.setdefault(position.ref, (row, at))
                value_cell = (row, 4 if indicator.value or not indicator.name else 3)
                by_ref.setdefault(indicator.position.ref, value_cell)
                key = (block.table, block.goal, indicator.name, indicator.value)
                by_indicator.setdefault(key, value_cell)
                by_indicator.setdefault((None, None, indicator.name, indicator.value), value_cell)
        for finding in report.findings:
            cell = by_ref.get(finding.ref or "")
            if cell is None and finding.indicator is not None:
                name, value = finding.indicator.name, finding.indicator.value
                cell = by_indicator.get((finding.table, finding.goal, name, value))
                cell = cell or by_indicator.get((None, None, name, value))
            if cell is None:
                cell = headers.get((finding.table, finding.goal)) or (1, 1)
            anchors.append((ws.title, *cell))
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 16
        ws.column_dimensions["C"].width = 30
        ws.column_dimensions["G"].width = 30
    return book, anchors


def _sheet_title(name: str, taken: Iterable[str]) -> str:
    """A valid, unused worksheet title for ``name`` (at most 31 characters, no ``[]:*?/\\``)."""
    base = _SHEET_NAME_BAD.sub("_", name).strip("'") or "Sheet"
    taken_lower = {title.lower() for title in taken}
    title, number = base[:31], 1
    while title.lower() in taken_lower:
        number += 1
        title = f"{base[: 31 - len(str(number)) - 1]}~{number}"
    return title


# --- cells --------------------------------------------------------------------------------------


def _text(value: str) -> str:
    """``value`` safe to store in a cell: control characters openpyxl rejects are dropped, and a
    text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` first, also after
    leading blanks, or a tab or carriage return first) gets a leading apostrophe."""
    value = _ILLEGAL.sub("", value)
    return "'" + value if _FORMULA_LEAD.match(value) else value


def _put(ws: Worksheet, row: int, column: int, value: str) -> Cell:
    """Write ``value`` as a string cell: never a formula, whatever it starts with."""
    from openpyxl.cell.cell import Cell

    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # the generated layouts and the summary merge no cells
    cell.value = _text(value)
    cell.data_type = "s"  # openpyxl types any text starting with "=" as a formula
    return cell


def _annotate(ws: Worksheet, row: int, column: int, findings: list[Finding]) -> None:
    from openpyxl.cell.cell import Cell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # anchors are never inside a merged range (_merged_origin)

    lines = [_ILLEGAL.sub("", f"{f.code} {f.severity}: {f.message}") for f in findings]
    if cell.comment is not None:  # keep the author's own comment above ours
        lines.insert(0, f"{cell.comment.text}\n—")
    text = "\n".join(lines)
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = min(600, 40 + 18 * sum(1 + len(line) // 24 for line in lines))
    cell.comment = comment
    worst = min((f.severity for f in findings), key=severity_rank)
    colour = FILLS[worst]
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _summary(book: Workbook, findings: list[Finding], anchors: list[Anchor | None]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = book.create_sheet(_sheet_title(SUMMARY_SHEET, book.sheetnames))
    for column, title in enumerate(SUMMARY_COLUMNS, start=1):
        _put(ws, 1, column, title).font = Font(bold=True)
    for row, (finding, anchor) in enumerate(zip(findings, anchors, strict=True), start=2):
        where = ""
        if anchor is not None:
            title, cell_row, cell_column = anchor
            where = f"{quote_sheetname(title)}!{get_column_letter(cell_column)}{cell_row}"
        value = finding.indicator.value if finding.indicator else ""
        texts: tuple[str, ...] = (
            finding.file,
            finding.sheet or "",
            where,
            finding.code,
            finding.name,
        )
        texts += (finding.severity, finding.kind, finding.message, value)
        for index, text in enumerate(texts, start=1):
            cell = _put(ws, row, index, text)
            if index == 3 and where:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=where)
    last = get_column_letter(len(SUMMARY_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(findings) + 1)}"
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (28, 20, 14, 8, 24, 9, 18, 60, 24), strict=True):
        ws.column_dimensions[letter].width = width


def _save_atomic(book: Workbook, target: Path) -> None:
    """Save through a temporary file in the target's folder and ``os.replace``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        book.save(name)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
