"""The workbook reader: fixtures built from the seed sheets read back as the seeds do, cells
shown as Excel shows them, merged cells resolved, bad files refused with one clear line."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from target_lint import read_sheets
from target_lint.errors import InputError
from target_lint.readers.grid import Grid
from target_lint.readers.layout import read_layout
from target_lint.readers.workbook import read_workbook
from target_lint.schema import dump
from target_lint.sheet.model import Position, Sheet

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "xlsx"


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_workbooks", ROOT / "tests" / "fixtures" / "build_workbooks.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


BUILD = _load_builder()
PLANS = [
    (name, worksheet, examples)
    for name, plan in BUILD.FIXTURES.items()
    for worksheet, examples in plan
]


def read(path: Path) -> list[Sheet]:
    """Sheets of a workbook, through read_sheets once .xlsx is wired into READERS."""
    from target_lint.readers import READERS

    if path.suffix.lower() in READERS:
        return read_sheets(path)
    return [sheet for grid in read_workbook(path) for sheet in read_layout(grid, strict=False)]


def by_worksheet(path: Path) -> dict[str | None, list[Sheet]]:
    sheets: dict[str | None, list[Sheet]] = {}
    for sheet in read(path):
        sheets.setdefault(sheet.worksheet, []).append(sheet)
    return sheets


def summary(sheet: Sheet) -> dict[str, Any]:
    """What must survive the trip through a workbook: everything but positions and notes."""
    return {
        "title": sheet.title,
        "kind": sheet.kind,
        "meta": dump(sheet.meta, exclude={"positions"}),
        "blocks": [
            (block.table, block.goal, block.title, block.history_labels, block.has_basis_column)
            for block in sheet.goals
        ],
        "indicators": [
            (i.level1, i.level2, i.name, i.value, i.history, i.basis) for i in sheet.indicators
        ],
    }


def seeds(examples: list[str]) -> list[Sheet]:
    return [sheet for example in examples for sheet in read_sheets(ROOT / "examples" / example)]


# --- fixtures read back as their seeds ------------------------------------------------------


def test_every_fixture_is_built() -> None:
    assert {p.name for p in FIXTURES.glob("*.xlsx")} == set(BUILD.FIXTURES)
    assert len(list((ROOT / "examples").glob("*/*.*"))) == 9
    assert (FIXTURES / BUILD.XLS_FIXTURE).is_file()


@pytest.mark.parametrize(("name", "worksheet", "examples"), PLANS)
def test_fixture_reads_as_its_seed(name: str, worksheet: str, examples: list[str]) -> None:
    got = by_worksheet(FIXTURES / name)[worksheet]
    want = seeds(examples)
    stale = (
        f"{name} differs from its seed: if the seed's reading changed on purpose, run "
        "python tests/fixtures/build_workbooks.py"
    )
    assert [summary(sheet) for sheet in got] == [summary(sheet) for sheet in want], stale
    assert all(sheet.worksheet == worksheet for sheet in got)


def test_workbook_with_several_worksheets() -> None:
    sheets = by_worksheet(FIXTURES / "shiyan-2025-all.xlsx")
    assert list(sheets) == [f"项目{n}" for n in range(1, 7)]
    assert [len(s) for s in sheets.values()] == [1] * 6


def test_two_sheets_stacked_in_one_worksheet() -> None:
    first, second = by_worksheet(FIXTURES / "hanyang-stacked.xlsx")["两个项目"]
    assert first.meta.project_name == "清扫及城管工作经费"
    assert second.meta.project_name == "应急排渍抢修"
    assert first.indicators[-1].position.row < second.position.row
    assert second.meta.positions["project_name"].ref.startswith("两个项目!B")


def test_legacy_xls_reads_like_its_seed_except_percent_formats() -> None:
    """.xls gets no number-format recovery: 0.95 in a 0% cell reads 0.95 (documented)."""
    got = summary(by_worksheet(FIXTURES / BUILD.XLS_FIXTURE)["Sheet1"][0])
    want = summary(seeds(["hanyang-2026/yuanlin-lvhuadui.txt"])[0])
    assert got["meta"] == want["meta"]
    assert got["blocks"] == want["blocks"]
    percent = {"95%": "0.95", "100%": "1"}
    expected = [
        (
            *row[:3],
            percent.get(row[3], row[3]),
            {k: percent.get(v, v) for k, v in row[4].items()},
            row[5],
        )
        for row in want["indicators"]
    ]
    assert got["indicators"] == expected
    assert expected != want["indicators"]


# --- positions point at the cells -----------------------------------------------------------


def cell_at(ws: Worksheet, position: Position) -> Any:
    """The value shown at a position: a covered cell of a merge shows its top-left value."""
    assert position.column is not None
    cell = ws.cell(row=position.row, column=position.column)
    if isinstance(cell, MergedCell):
        merged = next(r for r in ws.merged_cells.ranges if cell.coordinate in r)
        return ws.cell(row=merged.min_row, column=merged.min_col).value
    return cell.value


def written(text: str) -> Any:
    """The value the builder writes for a text (a number for 95%, 3000, 1,311.13)."""
    return BUILD.cell_value(text)[0]


@pytest.mark.parametrize("name", sorted(BUILD.FIXTURES))
def test_positions_point_at_the_cells(name: str) -> None:
    book = load_workbook(FIXTURES / name)
    checked = indicators = 0
    for sheet in read(FIXTURES / name):
        indicators += len(sheet.indicators)
        assert sheet.worksheet is not None
        ws = book[sheet.worksheet]
        for field, position in sheet.meta.positions.items():
            assert cell_at(ws, position) == written(sheet.meta.fields[field])
        for indicator in sheet.indicators:
            texts = {
                "level1": indicator.level1,
                "level2": indicator.level2,
                "name": indicator.name,
                "value": indicator.value,
                "basis": indicator.basis,
                **indicator.history,
            }
            for field, position in indicator.cells.items():
                letter = get_column_letter(position.column or 1)
                assert position.ref == f"{sheet.worksheet}!{letter}{position.row}"
                assert position.sheet == sheet.worksheet
                assert cell_at(ws, position) == written(texts[field] or ""), (field, position.ref)
                checked += 1
    assert indicators and checked >= 3 * indicators  # at least level1, name and value


def test_position_example() -> None:
    sheet = read(FIXTURES / "01-zhihui-chengshi.xlsx")[0]
    first = sheet.indicators[0]
    assert first.name == "上云委办局规模"
    assert first.cells["name"].ref == "Sheet1!C8"
    assert first.cells["value"].ref == "Sheet1!D8"
    assert sheet.meta.positions["total_budget"].ref == "Sheet1!B4"


# --- merged cells ---------------------------------------------------------------------------


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def texts(grid: Grid) -> dict[int, list[str]]:
    return {row.number: [cell.text for cell in row.cells] for row in grid.rows}


def test_merged_cells(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效"
    # data starts at C3: positions must stay absolute (calamine's offsets pitfall)
    ws["C3"] = "2026年某项目绩效目标表"
    ws.merge_cells("C3:F3")  # a title: top-left only
    ws["C4"], ws["D4"], ws["E4"], ws["F4"] = "一级指标", "二级指标", "三级指标", "指标值"
    ws["C5"], ws["D5"] = "产出指标", "数量指标"
    ws.merge_cells("C5:C9")  # 一级 over five rows, one of them blank
    ws.merge_cells("D5:D6")
    for row, name in ((5, "甲"), (6, "乙"), (7, "丙"), (9, "丁")):
        ws.cell(row=row, column=5, value=name)
    ws["D7"] = "质量指标"
    ws["C11"] = "块"
    ws.merge_cells("C11:D12")  # a block: top-left, and down its first column
    ws["E12"] = "x"
    ws["D14"] = "横"
    ws.merge_cells("D14:F14")
    ws["B16"], ws["C16"] = "尾", "y"
    ws.merge_cells("B16:B19")  # past the last filled row
    [grid] = read_workbook(save(wb, tmp_path / "merged.xlsx"))
    rows = texts(grid)
    assert grid.worksheet == "绩效"
    assert rows[3] == ["", "", "2026年某项目绩效目标表"]  # a row ends at its last filled cell
    assert [rows[n][2] for n in (5, 6, 7, 9)] == ["产出指标"] * 4
    assert [rows[n][3] for n in (5, 6, 7, 9)] == ["数量指标", "数量指标", "质量指标", ""]
    assert 8 not in rows  # a blank row under a merged label stays blank
    assert rows[11] == ["", "", "块"]
    assert rows[12] == ["", "", "块", "", "x"]
    assert rows[14] == ["", "", "", "横"]
    assert rows[16] == ["", "尾", "y"]
    assert max(rows) == 16
    position = grid.position(grid.rows[0], grid.rows[0].filled()[0])
    assert position.ref == "绩效!C3"
    # the cells that took their text from a merged cell above: not the title's or 横's
    # (merged across), not the blank row's, not the top cells themselves
    assert grid.merged_down == {(6, 3), (7, 3), (9, 3), (6, 4), (12, 3)}


def test_a_note_under_the_table_is_no_indicator(tmp_path: Path) -> None:
    book = load_workbook(FIXTURES / "01-zhihui-chengshi.xlsx")
    ws = book["Sheet1"]
    ws.cell(row=ws.max_row + 1, column=1, value="注：指标值为预期当年实现值。")
    [sheet] = read(save(book, tmp_path / "note.xlsx"))
    assert summary(sheet) == summary(seeds(["shiyan-2025/01-zhihui-chengshi.md"])[0])


def test_merged_labels_apply_to_every_row() -> None:
    """In the fixtures every indicator row carries its 一级/二级 from the merged cells."""
    sheet = read(FIXTURES / "qingsao-chengguan.xlsx")[0]
    output = [i for i in sheet.indicators if i.level1 == "产出指标"]
    assert len(output) == 10
    assert all(i.level2 in ("数量指标", "质量指标", "时效指标") for i in output)
    book = load_workbook(FIXTURES / "qingsao-chengguan.xlsx")
    covered = [i for i in output if isinstance(cell_at_raw(book, i.cells["level1"]), MergedCell)]
    assert covered  # the label was written once, in the top cell of its merge


def cell_at_raw(book: Any, position: Position) -> Any:
    return book[position.sheet].cell(row=position.row, column=position.column)


def test_empty_and_chart_sheets_are_skipped(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "空"
    wb.create_sheet("数据")["B2"] = "一级指标"
    wb.create_chartsheet("图")
    grids = read_workbook(save(wb, tmp_path / "sheets.xlsx"))
    assert [grid.worksheet for grid in grids] == ["数据"]
    assert [(row.number, [c.column for c in row.cells]) for row in grids[0].rows] == [(2, [1, 2])]


# --- values as shown ------------------------------------------------------------------------

SHOWN = [
    (30.0, None, "30"),
    (30, None, "30"),
    (274.65999999999997, None, "274.66"),
    (0.1 + 0.2, None, "0.3"),
    (3014989.88, None, "3014989.88"),
    (1e20, None, "1E+20"),
    (-0.5, None, "-0.5"),
    (0.95, "0%", "95%"),
    (1, "0%", "100%"),
    (0.023, "0.00%", "2.30%"),
    (0.955, "0%", "96%"),
    (-0.05, "0.0%", "-5.0%"),
    (1311.13, "#,##0.00", "1,311.13"),
    (3000, "0.00", "3000.00"),
    (2.675, "0.00", "2.68"),
    (3157.97, '#,##0.00"万元"', "3,157.97万元"),
    (12, '0"个"', "12个"),
    (-5, "#,##0.00;(#,##0.00)", "(5.00)"),
    (0, '0.0%;-0.0%;"-"', "-"),
    (5, "[$¥-804]#,##0", "¥5"),
    (1234567, "#,##0,", "1,235"),
    (0.5, "0.00E+00", "0.5"),  # scientific notation: shown as General
    (0.95, "@", "0.95"),
    (date(2026, 6, 30), None, "2026-06-30"),
    (datetime(2026, 6, 30), "yyyy-mm-dd", "2026-06-30"),
    (datetime(2026, 6, 30, 12, 30), None, "2026-06-30 12:30"),
    (True, None, "TRUE"),
    ("  ≥95% ", None, "≥95%"),
    ("=100%", None, "=100%"),
]


def test_values_as_shown(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for row, (value, number_format, _) in enumerate(SHOWN, start=1):
        cell = ws.cell(row=row, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if number_format:
            cell.number_format = number_format
    [grid] = read_workbook(save(wb, tmp_path / "values.xlsx"))
    got = {row.number: row.cells[1].text for row in grid.rows}
    assert got == {row: shown for row, (_, _, shown) in enumerate(SHOWN, start=1)}


def test_formats_from_prefixed_parts_with_comments_and_references(tmp_path: Path) -> None:
    """Writers other than Excel prefix their elements (``<x:xf>``), quote attributes with ',
    leave comments; a format code holds character references (``&#19975;`` for 万)."""
    wb = Workbook()
    wb.active.title = "表&1"
    wb.active["B2"] = 0.955
    wb.active["B2"].number_format = "0.0%"
    wb.active["B3"] = 35
    wb.active["B3"].number_format = '0"万元"'
    plain = save(wb, tmp_path / "plain.xlsx")

    def odd(styles: str) -> str:
        styles = styles.replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?", "<?")
        styles = styles.replace('xmlns="', 'xmlns:x="').replace(
            'formatCode="0&quot;万元&quot;"', "formatCode='0&quot;&#19975;&#x5143;&quot;'"
        )
        return styles.replace("<x:cellXfs", '<!-- <x:xf numFmtId="10"/> --><x:cellXfs')

    [grid] = read_workbook(with_styles(plain, tmp_path / "odd.xlsx", odd))
    assert grid.worksheet == "表&1"
    assert texts(grid) == {2: ["", "95.5%"], 3: ["", "35万元"]}

    def bogus(styles: str) -> str:  # a reference to no character: refused in one line
        return styles.replace("0&quot;万元&quot;", "0&#x110000;")

    assert "damaged workbook" in refused(with_styles(plain, tmp_path / "bogus.xlsx", bogus))


def with_styles(source: Path, target: Path, edit: Callable[[str], str]) -> Path:
    """A copy of a workbook with its styles.xml edited."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/styles.xml"] = edit(parts["xl/styles.xml"].decode()).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_formats_of_each_worksheet(tmp_path: Path) -> None:
    """With several worksheets each one's styled cells are found through the workbook's parts."""
    wb = Workbook()
    first = wb.active
    first.title = "项目1"
    first["A1"], first["A1"].number_format = 0.9, "0%"
    second = wb.create_sheet("项目2")
    second["B2"], second["B2"].number_format = 0.25, "0.0%"
    second["A1"] = 0.9  # General: shown as written
    grids = read_workbook(save(wb, tmp_path / "two.xlsx"))
    assert [(g.worksheet, texts(g)) for g in grids] == [
        ("项目1", {1: ["90%"]}),
        ("项目2", {1: ["0.9"], 2: ["", "25.0%"]}),
    ]


def test_formats_in_a_fixture() -> None:
    """Numbers written as numbers in the fixtures read back as the seed's text."""
    sheet = read(FIXTURES / "yuanlin-lvhuadui.xlsx")[0]
    rate = next(i for i in sheet.indicators if i.name == "市局第三方发现问题整改率")
    assert rate.value == "95%"
    sheet = read(FIXTURES / "qingsao-chengguan.xlsx")[0]
    assert sheet.meta.fields["total_budget"] == "1,311.13"
    assert sheet.meta.fields["start_year"] == "2023"


# --- bad input ------------------------------------------------------------------------------


def refused(path: Path, **options: Any) -> str:
    with pytest.raises(InputError) as caught:
        read_workbook(path, **options)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def fixture_bytes(name: str = "01-zhihui-chengshi.xlsx") -> bytes:
    return (FIXTURES / name).read_bytes()


def test_encrypted_workbook(tmp_path: Path) -> None:
    """Excel saves a password-protected .xlsx as a compound file with an EncryptedPackage."""
    path = tmp_path / "加密.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le") + bytes(64))
    assert "password-protected" in refused(path)


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(fixture_bytes()[:2000])
    assert "damaged workbook" in refused(path)


def test_garbled_zip_version(tmp_path: Path) -> None:
    """A byte flipped in the central directory's 'version needed' field: Python's zip
    module raises NotImplementedError, which is a damaged workbook too."""
    data = bytearray(fixture_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = b"\xff\x00"  # version 25.5
    path = tmp_path / "garbled.xlsx"
    path.write_bytes(bytes(data))
    assert "damaged workbook: zip file version 25.5" in refused(path)


def test_damaged_worksheet(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(fixture_bytes()))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    assert "damaged worksheet 'Sheet1'" in refused(path)


def test_empty_workbook(tmp_path: Path) -> None:
    assert "no filled cells" in refused(save(Workbook(), tmp_path / "empty.xlsx"))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "zero.xlsx"
    path.write_bytes(b"")
    assert "empty file" in refused(path)


def test_text_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    path.write_text("一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训场次,≥36 场次\n")
    assert "plain text" in refused(path)


def test_web_page_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>一级指标</td></tr></table></body></html>")
    assert "web page" in refused(path)


def test_word_document_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "Word document" in refused(path)


def test_size_limit(tmp_path: Path) -> None:
    message = refused(FIXTURES / "01-zhihui-chengshi.xlsx", max_bytes=4096)
    assert "workbook is 5 KB, over the 4 KB limit" in message
    path = tmp_path / "big.xlsx"
    path.write_bytes(bytes(1024 * 1024 + 1))
    assert "workbook is 1 MB, over the 1 MB limit" in refused(path, max_bytes=1024 * 1024)


def test_cell_limit(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "一级指标"
    wb.active["ZZ3000"] = "x"  # 3,000 rows × 702 columns
    message = refused(save(wb, tmp_path / "stray.xlsx"))
    assert (
        "worksheet 'Sheet' spans 3000 rows × 702 columns, over the 2,000,000 cell limit" in message
    )


def test_unpacked_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(2_000_000))
    assert path.stat().st_size < 10_000
    assert "unpacks to" in refused(path, max_bytes=10_000)


def test_xls_saved_as_xlsx_is_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.xlsx"
    path.write_bytes((FIXTURES / BUILD.XLS_FIXTURE).read_bytes())
    assert read_workbook(path)[0].worksheet == "Sheet1"


def test_importing_the_reader_loads_no_heavy_module() -> None:
    code = (
        "import sys, target_lint.readers.workbook\n"
        "print([m for m in ('python_calamine', 'openpyxl') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_reading_formats_loads_no_xml_parser() -> None:
    """Number formats are found without an XML parser (~13 ms to import); only a workbook with
    cell comments needs one."""
    code = (
        "import sys\n"
        "from target_lint.readers.workbook import read_workbook\n"
        f"read_workbook(__import__('pathlib').Path({str(FIXTURES / 'qingsao-chengguan.xlsx')!r}))\n"
        "print('xml.etree.ElementTree' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
