"""A sheet reads the same whatever format it arrives in.

Each regional fixture's grid is written again as a CSV file (every record as wide as the
table, as Excel and WPS export it) and as a workbook without merged cells; both copies must
read to the indicators of the original, with the same 一级, 二级, name and value. Left out:
the forms the readers do not read yet (`misread` in counts.toml), and text pulled out of a
PDF whose rows the reader repaired (a flat copy keeps the extraction's faults, and structured
files are read as written).
"""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from target_lint.readers import READERS, read_sheets
from target_lint.readers.grid import Grid
from target_lint.resources import load_toml

REGIONS = Path(__file__).parent / "fixtures" / "regions"

# what a flat copy cannot carry, by fixture
DIFFERENT = {
    # an indicator list under 【一级-二级】 lines, a form of text files only
    "huangshan_gonganju_xueliang_2025_xiangmu.txt": "bracketed list",
    # 三级 cells merged over their ①–④ 理由 lines: a flat copy repeats the indicator
    "jilin_kouanhexinnengli_nd_pingjia.docx": "merged sub-rows",
    "jilin_yiqingyibing_nd_pingjia.xlsx": "merged sub-rows",
    # text pulled out of a PDF: its 一级 names in the 二级 column are raised to 一级
    "baodi_xuqinfenwu_2022_touzijihua.md": "labels repaired in extracted text",
}
MISREAD = {s["file"] for s in load_toml(REGIONS / "counts.toml")["sheet"] if "misread" in s}
FILES = sorted(
    path.name
    for path in REGIONS.iterdir()
    if path.suffix in READERS and path.name not in DIFFERENT.keys() | MISREAD
)


def _grid(path: Path) -> Grid:
    module, function, single = READERS[path.suffix]
    read = getattr(importlib.import_module(f"target_lint.readers.{module}"), function)
    [grid] = [read(path)] if single else read(path)
    return grid


def _table(grid: Grid) -> list[list[str]]:
    """The grid's texts, one list per worksheet row or text line, all as wide as the table."""
    width = max(cell.column for row in grid.rows for cell in row.cells)
    texts = {row.number: row for row in grid.rows}
    table = []
    for number in range(1, max(texts) + 1):
        line = [""] * width
        for cell in texts[number].cells if number in texts else ():
            line[cell.column - 1] = cell.text
        table.append(line)
    return table


def _read(path: Path) -> list[tuple[str | None, str | None, str, str]]:
    return [
        (i.level1_canonical, i.level2_canonical, i.name, i.value)
        for sheet in read_sheets(path)
        for i in sheet.indicators
    ]


def _repaired(path: Path) -> bool:
    """Whether the reader repaired a row of the file (text pulled out of a PDF)."""
    return any(i.realigned for sheet in read_sheets(path) for i in sheet.indicators)


@pytest.mark.parametrize("file", FILES)
def test_a_flat_copy_reads_the_same(file: str, tmp_path: Path) -> None:
    original = REGIONS / file
    if _repaired(original):
        pytest.skip("rows repaired in extracted text")
    table = _table(_grid(original))
    copies = []
    if original.suffix != ".csv":
        copy = tmp_path / f"{original.stem}.csv"
        with copy.open("w", newline="", encoding="utf-8") as stream:
            csv.writer(stream).writerows(table)
        copies.append(copy)
    if original.suffix != ".xlsx":
        book = Workbook()
        sheet = book.active
        for r, line in enumerate(table, start=1):
            for c, text in enumerate(line, start=1):
                if text:
                    cell = sheet.cell(row=r, column=c, value=text)
                    cell.data_type = "s"  # =300天 is a text, not a formula
        copy = tmp_path / f"{original.stem}.xlsx"
        book.save(copy)
        copies.append(copy)
    expected = _read(original)
    for copy in copies:
        assert _read(copy) == expected, copy.suffix
