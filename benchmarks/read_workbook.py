"""Speed of the workbook reader (``target_lint.readers.workbook.read_workbook``).

Run from the repository root with the project installed with its test extras (openpyxl)::

    .venv/bin/python benchmarks/read_workbook.py            # a table
    .venv/bin/python benchmarks/read_workbook.py --json     # the same figures as JSON

A generated workbook of ``--rows`` (default 5,000) indicator rows like the one in the tech
notes (§4): a title merged across A1:F1, a header row, 一级 merged in 60-row blocks and 二级 in
3–12-row blocks. Each figure is the median of ``--runs`` (default 7) in-process reads, timed with
``time.perf_counter``, after one warm-up read (imports):

* text values: every 指标值 is text (``≥95%``), so no number-format lookup happens;
* percent numbers: every 指标值 is a number in a ``0%`` or ``0.00%`` cell, so the reader reads
  ``xl/styles.xml`` and scans the sheet XML for the styled cells (the cost of format recovery);
* with ``--layout``, also: the whole path of a file, ``read_sheets`` (grid, then the layout
  recogniser, value memo warm after the warm-up read);
* with ``--floor``, also what any reader building this model pays before recognising
  anything: python-calamine's own read of the cells and merged ranges into Python lists, and
  making the model objects of the result (one ``Indicator`` with three cell ``Position``s per
  row, the garbage collector paused as ``read_sheets`` does).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from target_lint.readers import read_sheets
from target_lint.readers.workbook import read_workbook
from target_lint.sheet.model import Indicator, Position

SEED = 20260101
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "社会效益指标", "经济成本指标", "服务对象满意度")


def build(path: Path, rows: int, *, numbers: bool) -> int:
    """Write the test workbook; return its number of merged ranges."""
    rng = random.Random(SEED)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "2026年某项目绩效目标表"
    ws.merge_cells("A1:F1")
    for column, word in enumerate(
        ("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "备注"), start=1
    ):
        ws.cell(row=2, column=column, value=word)
    first, merges = 3, 1
    for block in range(0, rows, 60):
        top = first + block
        bottom = min(top + 59, first + rows - 1)
        ws.cell(row=top, column=1, value=LEVEL1[block // 60 % len(LEVEL1)])
        ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
        merges += 1
        start = top
        while start <= bottom:
            end = min(start + rng.randint(3, 12) - 1, bottom)
            ws.cell(row=start, column=2, value=LEVEL2[rng.randrange(len(LEVEL2))])
            if end > start:
                ws.merge_cells(start_row=start, start_column=2, end_row=end, end_column=2)
                merges += 1
            start = end + 1
    for index in range(rows):
        row = first + index
        ws.cell(row=row, column=3, value=f"指标{index}完成率")
        if numbers:
            cell = ws.cell(row=row, column=4, value=rng.randint(50, 100) / 100)
            cell.number_format = "0%" if index % 2 else "0.00%"
        else:
            ws.cell(row=row, column=4, value=f"≥{rng.randint(50, 100)}%")
        ws.cell(row=row, column=5, value="计划标准")
    wb.save(path)
    return merges


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def calamine_only(path: Path) -> None:
    """The cells and merged ranges of every worksheet, as python-calamine gives them."""
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        sheet.to_python()
        _ = sheet.merged_cell_ranges


def model_only(rows: int) -> None:
    """The model objects of ``rows`` indicator rows, without reading anything."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        made = []
        for row in range(3, rows + 3):
            cells = {
                key: Position(file="x.xlsx", sheet="Sheet1", row=row, column=c, ref=f"Sheet1!{k}")
                for key, c, k in (("name", 3, f"C{row}"), ("value", 4, f"D{row}"),
                                  ("basis", 5, f"E{row}"))
            }  # fmt: skip
            indicator = Indicator(
                level1="产出指标", level1_canonical="产出指标", level2="数量指标",
                level2_canonical="数量指标", name="指标完成率", value="≥95%",
                basis="计划标准", position=cells["value"], cells=cells,
            )  # fmt: skip
            made.append(indicator)
    finally:
        if collecting:
            gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--layout", action="store_true", help="also time read_layout")
    parser.add_argument("--floor", action="store_true", help="also time calamine and the model")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text_path, number_path = Path(tmp, "text.xlsx"), Path(tmp, "numbers.xlsx")
        merges = build(text_path, args.rows, numbers=False)
        build(number_path, args.rows, numbers=True)
        assert read_workbook(number_path)[0].rows[2].cells[3].text.endswith("%")
        figures = {
            "rows": args.rows,
            "merged_ranges": merges,
            "file_kb": round(text_path.stat().st_size / 1024),
            "text_values_ms": median_ms(lambda: read_workbook(text_path), args.runs),
            "percent_numbers_ms": median_ms(lambda: read_workbook(number_path), args.runs),
        }
        if args.layout:
            figures["with_layout_ms"] = median_ms(lambda: read_sheets(text_path), args.runs)
        if args.floor:
            figures["calamine_only_ms"] = median_ms(lambda: calamine_only(text_path), args.runs)
            figures["model_only_ms"] = median_ms(lambda: model_only(args.rows), args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{figures['rows']} rows, {figures['merged_ranges']} merged ranges, "
        f"{figures['file_kb']} KB; median of {args.runs}:"
    )
    for key in [key for key in figures if key.endswith("_ms")]:
        print(f"  {key.removesuffix('_ms').replace('_', ' '):<16} {figures[key]:8.1f} ms")


if __name__ == "__main__":
    main()
