"""A sheet reads the same whatever format it arrives in.

Each regional fixture's grid is written again as a CSV file (every record as wide as the
table, as Excel and WPS export it; once more from column C, with blank records between the
rows), as a workbook without merged cells (once more untidy: the header printed again, its
words broken over lines, points after the 一级, full-width forms, every text padded with
spaces; once more with a blank spacer column), as a markdown table, as tab-separated text
and as a Word document. Every copy must read to the indicators of the original, with the
same 一级, 二级, name and value. Left out: the forms the readers do not read yet (`misread`
in counts.toml), and text pulled out of a PDF whose rows the reader repaired (a flat copy
keeps the extraction's faults, and structured files are read as written).
"""

from __future__ import annotations

import csv
import importlib
import re
import unicodedata
from pathlib import Path
from typing import Any

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
    """Each indicator's 一级 and 二级, and its name and value as written (full-width forms
    made plain: a copy may be typed in them)."""
    return [
        (i.level1_canonical, i.level2_canonical, _plain(i.name), _plain(i.value))
        for sheet in read_sheets(path)
        for i in sheet.indicators
    ]


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _repaired(path: Path) -> bool:
    """Whether the reader repaired a row of the file (text pulled out of a PDF)."""
    return any(i.realigned for sheet in read_sheets(path) for i in sheet.indicators)


def _csv(table: list[list[str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(table)


def _moved_csv(table: list[list[str]], path: Path) -> None:
    """The table from column C on, a blank record after each row."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        for line in table:
            writer.writerows([["", "", *line], []])


def _xlsx(table: list[list[str]], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for r, line in enumerate(table, start=1):
        for c, text in enumerate(line, start=1):
            if text:
                cell = sheet.cell(row=r, column=c, value=text)
                cell.data_type = "s"  # =300天 is a text, not a formula
    book.save(path)


_HEADER_WORD = re.compile(r"^(一级指标|二级指标|三级指标|指标名称|指标值)$")


_LEVEL1 = re.compile(r"^(产出指标|效益指标|满意度指标|成本指标)$")


def _untidy_xlsx(table: list[list[str]], path: Path) -> None:
    """The workbook a careless hand makes: the header printed again a few rows down (a new
    page), its words broken over two lines (一级\n指标), points after the 一级 labels
    (产出指标（30分）), every text typed in full-width forms (≥95% as ≥９５％) and padded
    with spaces."""
    lines = [list(line) for line in table]
    header = next((i for i, line in enumerate(lines) if _header_words(line) >= 3), None)
    if header is not None and header + 3 < len(lines):
        lines.insert(header + 3, list(lines[header]))
    for line in lines:
        for c, text in enumerate(line):
            if _HEADER_WORD.match(text):
                text = f"{text[:2]}\n{text[2:]}"
            elif _LEVEL1.match(text):
                text += "（30分）"
            line[c] = f" \u3000{_full_width(text)}\u00a0 " if text else ""
    _xlsx(lines, path)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _header_words(line: list[str]) -> int:
    return sum(bool(_HEADER_WORD.match(text)) for text in line)


def _markdown(table: list[list[str]], path: Path) -> None:
    lines = ["| " + " | ".join(t.replace("\n", " ") for t in line) + " |" for line in table]
    path.write_text("\n".join(line if line.strip("| ") else "" for line in lines), "utf-8")


def _tabbed(table: list[list[str]], path: Path) -> None:
    lines = ["\t".join(t.replace("\n", " ") for t in line) for line in table]
    path.write_text("\n".join(lines), "utf-8")


def _docx(table: list[list[str]], path: Path) -> None:
    """A Word document: a row with one text in its first cell is a paragraph, each run of
    other rows a table as wide as the grid."""
    import docx

    document = docx.Document()
    width = max(len(line) for line in table)
    rows: Any = None
    for line in table:
        texts = [text for text in line if text]
        if len(texts) == 1 and line[0]:
            document.add_paragraph(line[0])
            rows = None
        elif texts:
            rows = rows if rows is not None else document.add_table(rows=0, cols=width)
            for cell, text in zip(rows.add_row().cells, line, strict=False):
                cell.text = text
    document.save(str(path))


def _spaced_xlsx(table: list[list[str]], path: Path) -> None:
    """A blank spacer column after the third, header included."""
    _xlsx([[*line[:3], "", *line[3:]] for line in table], path)


WRITERS = {
    "csv": (_csv, ".csv"),
    "csv from column C, blank records between": (_moved_csv, ".csv"),
    "xlsx": (_xlsx, ".xlsx"),
    "untidy xlsx": (_untidy_xlsx, ".xlsx"),
    "markdown": (_markdown, ".md"),
    "tab-separated": (_tabbed, ".txt"),
    "docx": (_docx, ".docx"),
    "xlsx with a spacer column": (_spaced_xlsx, ".xlsx"),
}
# forms whose columns are found by their neighbours, which a spacer column moves
SPACER_MISREAD = {
    "ningjin_gaozhongzhuxuejin_2019_xiangmu.xlsx",  # 评价内容 over two label columns
    "zhongxian_shengzhu_diaochudaxian_2022_quyu.md",  # a header one cell short of its rows
}


@pytest.mark.parametrize("file", FILES)
def test_a_flat_copy_reads_the_same(file: str, tmp_path: Path) -> None:
    original = REGIONS / file
    if _repaired(original):
        pytest.skip("rows repaired in extracted text")
    table = _table(_grid(original))
    expected = _read(original)
    for number, (kind, (write, suffix)) in enumerate(WRITERS.items()):
        if write is _spaced_xlsx and file in SPACER_MISREAD:
            continue
        copy = tmp_path / f"{number}{suffix}"
        write(table, copy)
        assert _read(copy) == expected, kind
