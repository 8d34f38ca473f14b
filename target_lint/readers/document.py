"""Reader for Word documents (.docx): every table and the text between them, as one grid.

A target sheet in Word is usually a title paragraph (``XXX项目绩效目标申报表``), a unit line
(``单位：万元``) and one or more tables (metadata, indicators). They are read in document order
into ONE grid so that the layout recogniser sees title, metadata and indicators together:

- every non-empty paragraph outside a table is a one-cell row;
- every table row is a row; its cells keep their layout-grid column (``Cell.column``, 1-based,
  counting the grid columns a row skips with ``w:gridBefore``).

Merged cells: a horizontally merged cell (one ``w:tc`` spanning grid columns, which python-docx
repeats in ``row.cells``) is one cell at its first column, so a title spanning the table is one
cell; a vertically merged cell is repeated in every row it covers (a merged 一级 label applies
to each row), as python-docx does, but without raising on a continuation with nothing above.
A password-protected .docx is an OLE file holding an ``EncryptedPackage`` stream.

Positions: ``Row.number`` counts the rows of the document from 1 (non-empty paragraphs and
table rows alike, in order; empty paragraphs are not counted); ``Cell.char`` is the grid
column, so a position reads ``17:3``: the 17th row of the document, column 3.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from target_lint.errors import InputError
from target_lint.readers.grid import Cell, Grid, Row, to_last_filled

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_TableRow = tuple[tuple[Cell, ...], list[int]]  # a table row's cells, its continued columns


def read_docx(path: Path) -> list[Grid]:
    """The paragraphs and tables of a .docx file as one grid; InputError when it is not one."""
    document = _open(path)
    rows: list[Row] = []
    merged_down: set[tuple[int, int]] = set()
    for block in _blocks(document):
        if isinstance(block, list):  # a table's rows
            for cells, continued in block:
                rows.append(Row(len(rows) + 1, cells))
                merged_down |= {(len(rows), column) for column in continued}
        elif text := block.text.strip():
            rows.append(Row(len(rows) + 1, (Cell(text, 1, 1),)))
    return [Grid(str(path), None, tuple(rows), merged_down=frozenset(merged_down))]


def _open(path: Path) -> Document:
    name = str(path)
    with path.open("rb") as file:
        head = file.read(8)
    if not head:
        raise InputError(name, "empty file", "expected a Word document saved as .docx")
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes():
            raise InputError(
                name, "the document is password protected", "remove the password and save again"
            )
        raise InputError(name, "a Word 97-2003 (.doc) or other legacy file, not .docx",
                         "save it as .docx in Word or WPS")  # fmt: skip
    if not head.startswith(b"PK"):
        raise InputError(name, "not a Word document (.docx is a zip package)",
                         "save it as .docx in Word or WPS")  # fmt: skip

    import docx  # python-docx: ~0.1 s to import, so only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(name)
    except (zipfile.BadZipFile, PackageNotFoundError) as error:
        raise InputError(name, "corrupt Word document: the zip package is damaged",
                         "open it in Word or WPS and save it again") from error  # fmt: skip
    except KeyError as error:  # "There is no item named '…' in the archive"
        part = str(error).split("named ")[-1].split(" in the")[0].strip("'\"")
        raise InputError(name, f"a zip archive, not a Word document (no {part})",
                         "save it as .docx in Word or WPS") from error  # fmt: skip
    except ValueError as error:  # a package of another kind: "... content type is ..."
        raise InputError(name, _other_package(str(error)), "check the file extension") from error
    except Exception as error:  # broken XML in the package (lxml.etree.XMLSyntaxError)
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise InputError(name, f"corrupt Word document: {reason}",
                         "open it in Word or WPS and save it again") from error  # fmt: skip


def _other_package(message: str) -> str:
    for marker, what in (
        ("spreadsheetml", "an Excel workbook"),
        ("presentationml", "a PowerPoint file"),
    ):
        if marker in message:
            return f"{what}, not a Word document"
    content_type = message.rpartition("content type is ")[2].strip("'\" ") or "unknown"
    return f"not a Word document (content type {content_type})"


def _blocks(document: Document) -> Iterator[Paragraph | list[_TableRow]]:
    """Paragraphs and tables (as rows of cells) of the body in order, looking into content
    controls (``w:sdt``) that wrap them."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    parent = document._body  # the block container python-docx gives paragraphs and tables
    pending = list(body.iterchildren())
    while pending:
        element = pending.pop(0)
        if element.tag == qn("w:p"):
            yield Paragraph(element, parent)
        elif element.tag == qn("w:tbl"):
            yield _table_rows(Table(element, parent))
        elif element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                pending[:0] = list(content.iterchildren())


def _table_rows(table: Table) -> list[_TableRow]:
    """Each ``w:tc`` once at its first grid column (horizontal merges are one cell); a vertical
    continuation (``vMerge="continue"``) repeats the text of the cell above it in that column
    (blank when there is none, where python-docx would raise; not into a row otherwise blank).
    Each row comes with the columns of its continuations."""
    from docx.table import _Cell

    rows = []
    above: dict[int, str] = {}  # grid column → text of the last cell that started there
    for tr in table._tbl.tr_lst:
        cells: list[Cell] = []
        continued: list[int] = []
        column = tr.grid_before + 1
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = above.get(column, "")
                if text:
                    continued.append(column)
            else:
                text = above[column] = _Cell(tc, table).text.strip()
            cells.append(Cell(text, column, column))
            column += tc.grid_span
        if all(not c.text or c.column in continued for c in cells):
            # a merged label spans a blank row: the row stays blank, as in a workbook
            cells, continued = [Cell("", c.column, c.char) for c in cells], []
        rows.append((to_last_filled(cells), continued))
    return rows
