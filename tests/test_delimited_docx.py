"""CSV/TSV and Word readers: the seed sheets laid out as exports read back to the same sheets.

The fixtures under tests/fixtures/ are built from the examples' readings by
tests/fixtures/build_text_tables.py (rerun it when a reading changes).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from target_lint.errors import InputError
from target_lint.readers import read_sheets
from target_lint.readers.delimited import read_delimited
from target_lint.readers.document import read_docx
from target_lint.readers.grid import Grid
from target_lint.readers.layout import read_layout
from target_lint.schema import dump
from target_lint.sheet.model import Indicator, Sheet

FIXTURES = Path(__file__).parent / "fixtures"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_text_tables", FIXTURES / "build_text_tables.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = _builder()
EXAMPLES: list[Path] = build.examples()
READERS: dict[str, Callable[[Path], list[Grid]]] = {"csv": read_delimited, "docx": read_docx}


def read(path: Path) -> list[Sheet]:
    reader = read_docx if path.suffix == ".docx" else read_delimited
    return [sheet for grid in reader(path) for sheet in read_layout(grid, strict=False)]


def fixture(example: Path, kind: str) -> Path:
    return FIXTURES / kind / f"{build.fixture_name(example)}.{kind}"


def indicators(sheet: Sheet) -> list[Any]:
    """What a reading must reproduce: per goal table, each row's labels, name, value, history."""
    return [
        (block.table, block.goal, [(i.level1, i.level2, i.name, i.value, i.history)
                                   for i in block.indicators])
        for block in sheet.goals
    ]  # fmt: skip


def metadata(sheet: Sheet) -> Any:
    return sheet.title, sheet.kind, dump(sheet.meta, exclude={"positions"})


def example_sheet(example: Path) -> Sheet:
    (only,) = read_sheets(example)
    return only


def one(path: Path) -> Sheet:
    sheets = read(path)
    assert len(sheets) == 1, path
    return sheets[0]


# ---- the fixtures ---------------------------------------------------------------------------


def test_fixtures_are_built_and_up_to_date(tmp_path: Path) -> None:
    """Also proves the build deterministic: the committed files come from another run."""
    written = build.build(tmp_path)
    assert len(written) == 2 * len(EXAMPLES) == 18
    for path in written:
        committed = FIXTURES / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is stale: run .venv/bin/python tests/fixtures/build_text_tables.py"
        )


@pytest.mark.parametrize("kind", ["csv", "docx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=build.fixture_name)
def test_fixture_reads_like_its_example(example: Path, kind: str) -> None:
    want, got = example_sheet(example), one(fixture(example, kind))
    assert indicators(got) == indicators(want)
    assert metadata(got) == metadata(want)


def test_csv_fixture_is_a_gb18030_excel_export() -> None:
    data = fixture(EXAMPLES[0], "csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gb18030")
    assert text.startswith("2026年清扫及城管工作经费项目绩效目标表,,,,,,,\r\n单位：万元,,,")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert {len(row) for row in rows} == {8}  # padded to the used range like an export
    assert rows[5][:2] == ["项目总预算", "1,311.13"]  # quoted: "1,311.13"


# ---- CSV: encodings, delimiters, positions ---------------------------------------------------

YINGJI = next(e for e in EXAMPLES if e.stem == "yingji-paizi")
ZHIHUI = next(e for e in EXAMPLES if e.stem == "01-zhihui-chengshi")


def records(example: Path = YINGJI) -> list[list[str]]:
    return build.csv_records(build.plan(example_sheet(example)))  # type: ignore[no-any-return]


def positions(sheet: Sheet) -> list[Any]:
    return [(i.position.ref, sorted((k, p.ref) for k, p in i.cells.items()))
            for i in sheet.indicators]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_give_the_same_sheet(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    build.write_csv(records(), path, encoding=encoding)
    got, want = one(path), one(fixture(YINGJI, "csv"))
    assert indicators(got) == indicators(want)
    assert metadata(got) == metadata(want)
    assert positions(got) == positions(want)


@pytest.mark.parametrize(("delimiter", "suffix"), [(";", ".csv"), ("\t", ".tsv"), ("\t", ".csv")])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = tmp_path / f"sheet{suffix}"
    build.write_csv(records(), path, encoding="utf-8-sig", delimiter=delimiter)
    got, want = one(path), one(fixture(YINGJI, "csv"))
    assert indicators(got) == indicators(want)
    assert metadata(got) == metadata(want)


def test_semicolon_file_keeps_decimal_and_thousands_commas(tmp_path: Path) -> None:
    qingsao = next(e for e in EXAMPLES if e.stem == "qingsao-chengguan")
    path = tmp_path / "semicolon.csv"
    build.write_csv(records(qingsao), path, encoding="utf-8", delimiter=";")
    assert "1,311.13" in path.read_text(encoding="utf-8")  # unquoted: a comma is not special
    sheet = one(path)
    assert sheet.meta.fields["total_budget"] == "1,311.13"
    assert indicators(sheet) == indicators(example_sheet(qingsao))


def test_full_width_comma_is_text_not_a_delimiter() -> None:
    sheet = one(fixture(YINGJI, "csv"))
    names = [i.name for i in sheet.indicators]
    assert "防洪排涝，保障了辖区内企业正常运转" in names


def test_csv_positions_are_line_and_field() -> None:
    path = fixture(YINGJI, "csv")
    lines = path.read_bytes().decode("gb18030").splitlines()
    for ind in one(path).indicators:
        for name, pos in ind.cells.items():
            record = next(csv.reader([lines[pos.row - 1]]))
            assert pos.ref == f"{pos.row}:{pos.column}"
            assert pos.column is not None
            assert record[pos.column - 1] == _text(ind, name), (name, pos.ref)


def test_a_record_ends_at_its_last_filled_field(tmp_path: Path) -> None:
    """Excel and WPS write every record as wide as the table: a title is still one cell, and
    a lone 一级 label (效益指标, nothing under it) does not end the table."""
    path = tmp_path / "wide.csv"
    path.write_text(
        "2020年度项目绩效自评表,,,,\n"
        "一级指标,二级指标,三级指标,年初目标值,实际完成值\n"
        "产出指标,质量指标,监测数据必须合格,100%,100%\n"
        "效益指标,,,,\n"
        "满意度指标,服务对象满意度指标,整编资料审核,98%,98%\n",
        encoding="utf-8",
    )
    [grid] = read_delimited(path)
    assert [len(row.cells) for row in grid.rows] == [1, 5, 5, 1, 5]
    sheet = one(path)
    assert sheet.title == "2020年度项目绩效自评表"
    assert [(i.name, i.position.ref) for i in sheet.indicators] == [
        ("监测数据必须合格", "3:4"),
        ("整编资料审核", "5:4"),
    ]
    assert [(row.level1, row.position.ref) for row in sheet.goals[0].unfilled] == [
        ("效益指标", "4:1")
    ]


def test_record_with_embedded_newlines_is_numbered_by_its_first_line(tmp_path: Path) -> None:
    rows = records(ZHIHUI)  # no goal column: the name is field 3
    first = next(i for i, r in enumerate(rows) if r[2] == "上云委办局规模")
    rows[first][2] = "上云委办局\n规模"
    rows[first - 2][1] += "\r\n（第二段）\r\n（第三段）"  # the goal text, two lines earlier
    path = tmp_path / "multiline.csv"
    build.write_csv(rows, path, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    sheet = one(path)
    wrapped, after = sheet.indicators[0], sheet.indicators[1]
    assert wrapped.name == "上云委办局\n规模"
    assert wrapped.position.row == first + 1 + 2  # two extra lines in the goal text above
    assert lines[wrapped.position.row - 1].startswith('产出指标,数量指标,"上云委办局')
    assert after.position.row == wrapped.position.row + 2
    assert lines[after.position.row - 1].startswith(",,鄂汇办高频事项上线数量,")
    assert sheet.meta.goals["年度目标"].endswith("（第二段）\n（第三段）")


def test_utf16_tab_separated_unicode_text(tmp_path: Path) -> None:
    """Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated."""
    path = tmp_path / "unicode.tsv"
    build.write_csv(records(), path, encoding="utf-16", delimiter="\t")
    assert indicators(one(path)) == indicators(one(fixture(YINGJI, "csv")))


# ---- Word: merged cells, paragraphs, positions -----------------------------------------------


def test_docx_rows_are_paragraphs_and_table_rows_in_order() -> None:
    (grid,) = read_docx(fixture(YINGJI, "docx"))
    texts = [[c.text for c in row.cells] for row in grid.rows]
    assert texts[0] == ["2026年应急排渍抢修项目绩效目标表"]
    assert texts[1] == ["单位：万元"]
    assert texts[2][:2] == ["项目名称", "应急排渍抢修"]
    assert [row.number for row in grid.rows] == list(range(1, len(grid.rows) + 1))
    section = texts.index(["长期绩效目标表"])  # a title row merged across the table: one cell
    assert grid.rows[section].cells[0].column == 1
    goal = texts.index(["长期目标1", texts[section - 2][1]])  # goal text merged over 3 columns
    assert [c.column for c in grid.rows[goal].cells] == [1, 2]


def test_docx_vertical_merges_repeat_horizontal_merges_do_not() -> None:
    (grid,) = read_docx(fixture(YINGJI, "docx"))
    rows = [[c.text for c in row.cells] for row in grid.rows]
    head = ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]
    long_term = rows.index(head)
    assert rows[long_term + 1][:3] == ["长期目标1", "成本指标", "经济成本指标"]
    assert rows[long_term + 2][:3] == ["长期目标1", "产出指标", "数量指标"]  # merged down
    assert rows[long_term + 3][:4] == ["长期目标1", "产出指标", "数量指标", "维护应急车辆"]
    annual = rows.index(head, long_term + 1)
    assert [c.column for c in grid.rows[annual].cells] == [1, 2, 3, 4, 5, 8]  # 指标值: 5–7
    sub = ["前年", "上年", "预计当年实现"]
    assert rows[annual + 1] == [*head[:4], *sub, "指标值确定依据"]  # merged down from above
    number = grid.rows[long_term + 2].number  # the grid knows which cells continue a merge
    assert (number, 1) in grid.merged_down and (number, 2) not in grid.merged_down  # 产出指标
    assert {(number + 1, 1), (number + 1, 2), (number + 1, 3)} <= grid.merged_down
    assert (number + 1, 4) not in grid.merged_down and (number - 1, 1) not in grid.merged_down


def test_docx_positions_point_at_the_grid_cell() -> None:
    import docx
    from docx.table import Table

    path = fixture(YINGJI, "docx")
    document = docx.Document(str(path))
    located: list[Callable[[int], str]] = []  # document row → text at a grid column
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for r in range(len(block.rows)):
                located.append(lambda c, t=block, r=r: t.cell(r, c - 1).text)
        elif block.text.strip():
            located.append(lambda c, text=block.text: text if c == 1 else "")
    sheet = one(path)
    assert len(sheet.indicators) == 18
    for ind in sheet.indicators:
        for name, pos in ind.cells.items():
            assert pos.column is not None
            assert pos.ref == f"{pos.row}:{pos.column}"
            assert located[pos.row - 1](pos.column) == _text(ind, name), (name, pos.ref)


def test_docx_grid_before_keeps_columns(tmp_path: Path) -> None:
    """A row that starts late (w:gridBefore) keeps its cells in their grid columns."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["一级指标", "二级指标", "三级指标"]):
        table.cell(0, c).text = text
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    tr.tc_lst[0].clear_content()
    tr.tc_lst[0].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>数量指标</w:t></w:r></w:p>"))
    path = tmp_path / "grid-before.docx"
    document.save(str(path))
    (grid,) = read_docx(path)
    assert [(c.column, c.text) for c in grid.rows[1].cells] == [(2, "数量指标")]  # to its last text


# ---- bad input --------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)

BAD_CSV = {
    "empty.csv": (b"", "empty file"),
    "blank.csv": (b" \r\n\r\n", "empty file"),
    "commas.csv": (b",,,\r\n,,,\r\n", "every field is empty"),
    "nul.csv": (b"\x00\x01\x02\x03garbage", "binary content, not CSV text"),
    "controls.csv": (b"\x01\x02\x03\x04\x05\x06\x07abc" * 20, "binary content"),
    "workbook.csv": (None, "an Excel or Word file (zip package)"),
    "legacy.csv": (_OLE, "legacy Office file"),
    "report.csv": (b"%PDF-1.7\n", "a PDF file"),
    "undecodable.csv": (
        "一级指标,二级指标\n产出指标,数量指标\n".encode("gb18030") + b"\xff\xfe,x\n",
        "line 3: undecodable bytes (ff fe 2c 78)",
    ),
    "quote.csv": (
        '一级指标,二级指标\n"产出指标,数量指标\n满意度指标,x\n'.encode(),
        'line 2: a quoted field (") is never closed',
    ),
    "fullwidth.csv": (
        "一级指标，二级指标，三级指标\n产出指标，数量指标，x\n".encode(),
        "the full-width comma ， does not separate fields",
    ),
}

BAD_DOCX = {
    "empty.docx": (b"", "empty file"),
    "text.docx": ("一级指标,二级指标\n".encode(), "not a Word document (.docx is a zip package)"),
    "legacy.docx": (_OLE, "Word 97-2003 (.doc)"),
    "locked.docx": (_OLE + "EncryptedPackage".encode("utf-16-le"), "password protected"),
    "workbook.docx": (None, "an Excel workbook, not a Word document"),
    "archive.docx": (_zip({"a.txt": b"hi"}), "a zip archive, not a Word document (no "),
}


def _workbook() -> bytes:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _corrupt_docx() -> bytes:
    data = fixture(YINGJI, "docx").read_bytes()
    return data[: len(data) // 2]


def _broken_xml_docx() -> bytes:
    package = zipfile.ZipFile(fixture(YINGJI, "docx"))
    entries = {name: package.read(name) for name in package.namelist()}
    entries["word/document.xml"] = entries["word/document.xml"][:500]
    return _zip(entries)


@pytest.mark.parametrize(("name", "case"), BAD_CSV.items(), ids=list(BAD_CSV))
def test_bad_csv_is_one_clear_error(
    tmp_path: Path, name: str, case: tuple[bytes | None, str]
) -> None:
    data, message = case
    path = tmp_path / name
    path.write_bytes(_workbook() if data is None else data)
    _assert_one_line_error(path, message)


@pytest.mark.parametrize(
    ("name", "case"),
    [*BAD_DOCX.items(),
     ("truncated.docx", (b"", "the zip package is damaged")),
     ("broken.docx", (b"", "corrupt Word document"))],
    ids=[*BAD_DOCX, "truncated.docx", "broken.docx"],
)  # fmt: skip
def test_bad_docx_is_one_clear_error(
    tmp_path: Path, name: str, case: tuple[bytes | None, str]
) -> None:
    data, message = case
    if name == "truncated.docx":
        data = _corrupt_docx()
    elif name == "broken.docx":
        data = _broken_xml_docx()
    elif data is None:
        data = _workbook()
    path = tmp_path / name
    path.write_bytes(data)
    _assert_one_line_error(path, message)


def _assert_one_line_error(path: Path, message: str) -> None:
    reader = read_docx if path.suffix == ".docx" else read_delimited
    with pytest.raises(InputError) as caught:
        reader(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: "), text
    assert message in text, text
    assert "\n" not in text and "Traceback" not in text


def test_python_docx_is_imported_only_when_a_docx_is_read() -> None:
    code = (
        "import sys\n"
        "import target_lint.readers.document, target_lint.readers.delimited\n"
        "print('docx' in sys.modules, 'lxml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _text(ind: Indicator, name: str) -> str:
    fields = {"name": ind.name, "value": ind.value, "level1": ind.level1, "level2": ind.level2}
    return fields.get(name) or ind.history.get(name) or (ind.basis or "")


def test_docx_table_inside_a_content_control_is_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "一级指标", "二级指标"
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    table._tbl.addprevious(sdt)
    sdt[0].append(table._tbl)
    document.add_paragraph("后记")
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    (grid,) = read_docx(path)
    assert [[c.text for c in row.cells] for row in grid.rows] == [
        ["前言"],
        ["一级指标", "二级指标"],
        ["后记"],
    ]
