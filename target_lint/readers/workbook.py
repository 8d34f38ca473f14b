"""Reader for Excel workbooks (.xlsx, .xlsm, .xls): one grid per worksheet, cells as shown.

python-calamine reads values and merged ranges. Merged cells become what a reader of the table
means: a range over several rows (a 一级/二级 label) gives its text to every filled row it spans,
in its first column; a range within one row (a title, a header over value columns) keeps its
text in the top-left cell only.

calamine drops number formats, so numbers are shown as Excel shows them in a General cell
(``30.0`` → ``30``, ``274.65999999999997`` → ``274.66``). For .xlsx/.xlsm the formats that change
what a number looks like (``0%``, ``0.00``, ``#,##0.00"万元"``) are read from ``xl/styles.xml``
and the ``s=`` attributes of the sheet's numeric cells, and applied: 0.95 in a ``0%`` cell is
``95%``. That costs nothing for workbooks without such formats; .xls files keep General.

Every worksheet with a filled cell becomes a grid, hidden ones included; chart sheets do not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from target_lint.errors import InputError
from target_lint.readers.grid import Cell, Grid, Row
from target_lint.readers.limits import MAX_BYTES, megabytes

if TYPE_CHECKING:
    import zipfile
    from xml.etree.ElementTree import Element

    from python_calamine import CalamineWorkbook

Value = int | float | str | bool | time | date | datetime | timedelta

_MAX_EXPANSION = 20  # the parts of an .xlsx may unpack to at most 20 × max_bytes (zip bombs)
_MAX_CELLS = 2_000_000  # rows × columns of one worksheet, counted to its last filled cell
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx
_ZIP = b"PK"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PASSWORD_HINT = "remove the password in Excel: 文件 → 信息 → 保护工作簿 → 用密码进行加密"

# Built-in number formats that change how a number looks (ECMA-376 §18.8.30).
_BUILTIN_FORMATS = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
}


def read_workbook(path: Path, *, max_bytes: int = MAX_BYTES) -> list[Grid]:
    """One grid per non-empty worksheet, rows and columns numbered as Excel shows them."""
    file = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            file,
            f"workbook is {megabytes(size)}, over the {megabytes(max_bytes)} limit",
            "remove unrelated sheets or split the workbook",
        )
    with path.open("rb") as stream:
        head = stream.read(8)
    if not head:
        raise InputError(file, "empty file (0 bytes)", "export the workbook again")
    if head.startswith(_OLE):
        if _ENCRYPTED in path.read_bytes():
            raise InputError(file, "the workbook is password-protected (encrypted)", _PASSWORD_HINT)
        return _read(path, None)
    if not head.startswith(_ZIP):
        raise _not_a_workbook(path)
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(file, archive, max_bytes)
            return _read(path, archive)
    # a damaged directory or entry: BadZipFile; a garbled version or compression field:
    # NotImplementedError; damaged compressed data: zlib.error or EOFError
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError) as error:
        raise InputError(file, f"damaged workbook: {error}", "export or save it again") from error


def _read(path: Path, archive: zipfile.ZipFile | None) -> list[Grid]:
    import python_calamine as calamine

    file = str(path)
    formats = (
        _Formats(archive)
        if archive is not None and "xl/workbook.xml" in archive.NameToInfo
        else None
    )
    comments = _tolerant_comments(archive) if archive is not None else {}
    matches = (archive is not None) == (path.suffix.lower() != ".xls")
    stream: IO[bytes] | None = None
    try:
        if matches:
            book = calamine.CalamineWorkbook.from_path(path)
        else:  # an .xls saved as .xlsx or the other way round: let calamine look at the content
            stream = path.open("rb")
            book = calamine.CalamineWorkbook.from_filelike(stream)
        with book:
            grids = _grids(file, book, formats, comments)
    except calamine.PasswordError as error:
        raise InputError(
            file, "the workbook is password-protected (encrypted)", _PASSWORD_HINT
        ) from error
    except calamine.CalamineError as error:
        raise InputError(file, f"damaged workbook: {error}", "export or save it again") from error
    finally:
        if stream is not None:
            stream.close()
    if not grids:
        raise InputError(file, "the workbook has no filled cells", "export the sheet again")
    return grids


def _grids(
    file: str,
    book: CalamineWorkbook,
    formats: _Formats | None,
    comments: dict[str, dict[tuple[int, int], str]],
) -> list[Grid]:
    from python_calamine import CalamineError, PasswordError, SheetTypeEnum

    grids = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # chart and dialog sheets hold no cells
        try:
            sheet = book.get_sheet_by_name(meta.name)
            end = sheet.end or (0, 0)
            if (end[0] + 1) * (end[1] + 1) > _MAX_CELLS:
                raise InputError(
                    file,
                    f"worksheet {meta.name!r} spans {end[0] + 1} rows × {end[1] + 1} columns, "
                    f"over the {_MAX_CELLS:,} cell limit",
                    "delete stray cells far from the table (Ctrl+End shows the last one)",
                )
            values = sheet.to_python(skip_empty_area=False)
        except CalamineError as error:
            if isinstance(error, PasswordError):
                raise
            raise InputError(
                file, f"damaged worksheet {meta.name!r}: {error}", "export or save it again"
            ) from error
        texts, numbers = _texts(values)
        if numbers and formats is not None:
            styled = formats.cells(meta.name)
            for r, c, number in numbers:
                if code := styled.get((r, c)):
                    texts[r][c] = _number(number, code)
        rows, merged_down = _rows(texts, sheet.merged_cell_ranges or [])
        if rows:
            notes = comments.get(meta.name, {})
            grid = Grid(file, meta.name, tuple(rows), comments=notes, merged_down=merged_down)
            grids.append(grid)
    return grids


def _rows(
    texts: list[list[str]], merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[list[Row], frozenset[tuple[int, int]]]:
    """Filled rows, merged ranges resolved (0-based inclusive ranges, as calamine gives them),
    and the (row, column) of the cells, 1-based, that took a merged cell's text from above.

    A row's cells run from column A to its last filled cell, so a line of running text (a
    title, a note under a table) is a row of one cell, as in a text file.
    """
    height = len(texts)
    fills: list[tuple[int, int, str]] = []
    for (top, left), (bottom, right) in merged:
        if top >= height:
            continue
        text = texts[top][left] if left < len(texts[top]) else ""
        for r in range(top, min(bottom, height - 1) + 1):
            row = texts[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if (r, c) != (top, left):
                    row[c] = ""  # writers may leave stale values under a merge
            if r > top and text:
                fills.append((r, left, text))
    filled = [any(row) for row in texts]
    merged_down = set()
    for r, c, text in fills:
        if filled[r]:  # a label spans a blank row: leave the row blank
            texts[r][c] = text
            merged_down.add((r + 1, c + 1))
    width = max(map(len, texts), default=0)
    empty = [Cell("", c + 1) for c in range(width)]  # immutable, so rows can share them
    rows = []
    for r, row in enumerate(texts):
        if filled[r]:
            while not row[-1]:
                row.pop()  # a row ends at its last filled cell: a lone note is one cell
            cells = tuple([Cell(text, c + 1) if text else empty[c] for c, text in enumerate(row)])
            rows.append(Row(r + 1, cells))
    return rows, frozenset(merged_down)


def _texts(values: list[list[Value]]) -> tuple[list[list[str]], list[tuple[int, int, float]]]:
    """Each value as General shows it, and the numbers with their 0-based row and column."""
    texts, numbers = [], []
    for r, row in enumerate(values):
        texts.append([value.strip() if type(value) is str else _text(value) for value in row])
        numbers += [(r, c, v) for c, v in enumerate(row) if type(v) is float or type(v) is int]
    return texts, numbers


# --- input checks -------------------------------------------------------------------------


def _check_archive(file: str, archive: zipfile.ZipFile, max_bytes: int) -> None:
    names = archive.NameToInfo
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip archive"
        raise InputError(file, f"not an Excel workbook but {what}", "save the table as .xlsx")
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max_bytes * _MAX_EXPANSION:
        raise InputError(
            file,
            f"workbook unpacks to {megabytes(unpacked)}, over the "
            f"{megabytes(max_bytes * _MAX_EXPANSION)} limit",
            "remove unrelated sheets or split the workbook",
        )


def _not_a_workbook(path: Path) -> InputError:
    start = path.read_bytes()[:4096]
    file = str(path)
    if b"\x00" not in start:
        lower = start.lower()
        if b"<html" in lower or b"<table" in lower:
            return InputError(
                file, "not an Excel workbook but a web page (HTML)", "open it and save as .xlsx"
            )
        return InputError(
            file,
            "not an Excel workbook but plain text (CSV or tab-separated?)",
            "save it from Excel as .xlsx, or name it .txt or .tsv",
        )
    return InputError(file, "not an Excel workbook (unknown content)", "save it as .xlsx")


# --- values as shown ----------------------------------------------------------------------


def _text(value: Value) -> str:
    """The text Excel shows for a cell value in a cell of format General (dates as ISO)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _general(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, time):
        return value.isoformat("seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    minutes, seconds = divmod(int(value.total_seconds()), 60)  # a duration: [h]:mm:ss
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


def _general(value: float) -> str:
    """A number as a General cell shows it: integers without ``.0``, 15 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}".replace("e", "E")


@dataclass(frozen=True)
class _Section:
    """One ``;``-separated part of a number format: literal text around one number."""

    prefix: str
    suffix: str
    decimals: int
    thousands: bool
    scale: int  # multiply by 100 per %, divide by 1000 per trailing comma
    number: bool = True  # False: the section is text only (``"-"`` for zero)


def _number(value: float, code: str) -> str:
    sections = _sections(code)
    if not sections:
        return _general(value)
    sign = ""
    section = sections[0]
    if value < 0 and len(sections) > 1:
        section, value = sections[1], -value
    elif value < 0:
        sign, value = "-", -value
    if value == 0 and len(sections) > 2:
        section = sections[2]
    if not section.number:
        return f"{section.prefix}{section.suffix}"
    digits = _digits(abs(value) * 10.0**section.scale, section.decimals, section.thousands)
    if not digits.strip("0.,"):
        sign = ""  # -0.001 in 0.00 shows 0.00
    return f"{sign}{section.prefix}{digits}{section.suffix}"


def _digits(value: float, decimals: int, thousands: bool) -> str:
    """A non-negative number with a fixed number of decimals, rounded half up as Excel does."""
    text = f"{value:.15g}"  # no float noise: 0.023 × 100 is 2.3, not 2.3000000000000003
    whole, _, fraction = text.partition(".")
    if "e" not in text and len(fraction) <= decimals:  # exact: pad, no rounding
        whole = f"{int(whole):,}" if thousands else whole
        return whole + ("." + fraction.ljust(decimals, "0") if decimals else "")
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,f}" if thousands else f"{rounded:f}"


@functools.lru_cache(maxsize=256)
def _sections(code: str) -> tuple[_Section, ...] | None:
    """The sections of a number format, or None for formats shown as General here.

    Dates, times, fractions and scientific notation are left to General (calamine turns date
    cells into dates itself).
    """
    sections = []
    for index, part in enumerate(_split_sections(code)[:3]):
        section = _section(part, first=index == 0)
        if section is None:
            return None
        sections.append(section)
    return tuple(sections)


def _split_sections(code: str) -> list[str]:
    parts, current, quoted, index = [], "", False, 0
    while index < len(code):
        char = code[index]
        if char == '"':
            quoted = not quoted
        elif char == "\\" and not quoted:
            current += code[index : index + 2]
            index += 2
            continue
        elif char == ";" and not quoted:
            parts.append(current)
            current = ""
            index += 1
            continue
        current += char
        index += 1
    return [*parts, current]


def _section(part: str, *, first: bool) -> _Section | None:
    if part.strip().lower() in ("", "general", "@"):
        return None
    before: list[str] = []
    after: list[str] = []
    decimals, scale, thousands = 0, 0, False
    started = in_fraction = False
    pending_commas = 0
    index = 0
    while index < len(part):
        char = part[index]
        literal = ""
        if char == '"':
            end = part.find('"', index + 1)
            end = len(part) if end < 0 else end
            literal = part[index + 1 : end]
            index = end
        elif char == "\\":
            literal = part[index + 1 : index + 2]
            index += 1
        elif char == "[":
            end = part.find("]", index)
            end = len(part) if end < 0 else end
            inner = part[index + 1 : end]
            if inner.startswith("$"):  # [$¥-804]: a currency symbol and a locale
                literal = inner[1:].split("-")[0]
            index = end
        elif char in "_*":
            index += 1  # padding and fill characters take no text
        elif char in "0#?":
            if after:  # literal text between digits: a pattern this reader does not render
                return None
            if pending_commas:
                thousands, pending_commas = True, 0
            decimals += in_fraction
            started = True
        elif char == "." and started and not after:
            in_fraction = True
        elif char == "," and started and not after:
            pending_commas += 1
        elif char == "%":
            scale += 2
            literal = "%"
        elif char.isascii() and char.isalpha():
            return None  # dates, times, E+ scientific notation, text placeholders
        elif char == "/":
            return None  # fractions
        else:
            literal = char
        if literal:
            (after if started else before).append(literal)
        index += 1
    if not started:  # text only: fine for the negative and zero sections
        return None if first else _Section("".join(before), "", 0, False, 0, number=False)
    scale -= 3 * pending_commas
    return _Section("".join(before), "".join(after), decimals, thousands, scale)


# --- number formats of an .xlsx -----------------------------------------------------------


class _Formats:
    """The number formats of an .xlsx: which cells show their numbers differently from General."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self._styles: dict[str, str] | None = None  # style index → format code
        self._parts: dict[str, str] | None = None

    def cells(self, sheet: str) -> dict[tuple[int, int], str]:
        """Format codes by (row, column), 0-based, for the styled cells of one worksheet."""
        styles = self._style_codes()
        part = self._part_of(sheet) if styles else None
        if not styles or part is None or part not in self.archive.NameToInfo:
            return {}
        ids = b"|".join(key.encode() for key in styles) if len(styles) <= 64 else rb"\d+"
        data = self.archive.read(part)
        found = {}
        # each s="3" of a wanted style, then the tag around it: <c r="D7" s="3" t="n"> (a row
        # has styles too: <row r="7" s="3">); attribute values hold no "<"
        for style in re.finditer(rb's="(' + ids + rb')"', data):
            if data[style.start() - 1] not in b" \t\r\n":
                continue  # the end of another attribute's name (ids="3")
            start = data.rfind(b"<", 0, style.start())
            tag = data[start : data.find(b">", style.end())]
            where = _CELL_REF.search(tag) if _CELL_TAG.match(tag) else None
            if where and (code := styles.get(style.group(1).decode())):
                found[(int(where.group(2)) - 1, _column_index(where.group(1)))] = code
        return found

    def _style_codes(self) -> dict[str, str]:
        if self._styles is None:
            self._styles = _tolerant(_style_codes, self.archive)
        return self._styles

    def _part_of(self, sheet: str) -> str | None:
        """The worksheet's part; the only one there is without reading the workbook's parts
        (most exports hold one worksheet)."""
        worksheets = [n for n in self.archive.NameToInfo if _WORKSHEET_PART.fullmatch(n)]
        if len(worksheets) == 1:
            return worksheets[0]
        if self._parts is None:
            self._parts = _tolerant(_sheet_parts, self.archive)
        return self._parts.get(sheet)


def _tolerant(
    read: Callable[[zipfile.ZipFile], dict[str, str]], archive: zipfile.ZipFile
) -> dict[str, str]:
    """What ``read`` finds, or nothing when a part calamine could read is odd to us."""
    try:
        return read(archive)
    except ValueError:  # not UTF-8, a number that is none
        return {}


@functools.lru_cache(maxsize=1024)
def _column_index(letters: bytes) -> int:
    """0-based column of ``b"D"`` (3) or ``b"AA"`` (26)."""
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return column - 1


def _style_codes(archive: zipfile.ZipFile) -> dict[str, str]:
    """Cell style index → number format code, for formats that change how numbers look."""
    if "xl/styles.xml" not in archive.NameToInfo:
        return {}
    return _styles_in(archive.read("xl/styles.xml"))


@functools.lru_cache(maxsize=64)
def _styles_in(data: bytes) -> dict[str, str]:
    """The style codes of one styles.xml; memoised, for the workbooks one system exports
    share it. The dict is shared: read it, do not change it."""
    xml = _xml_text(data)
    codes = dict(_BUILTIN_FORMATS)
    for fmt in _elements(xml, "numFmt"):
        number = fmt.get("numFmtId", "")
        if number.isdigit():
            codes[int(number)] = fmt.get("formatCode", "")
    styles = {}
    section = _CELL_XFS.search(xml)
    for index, xf in enumerate(_elements(section.group(1), "xf") if section else []):
        number = xf.get("numFmtId", "0")
        code = codes.get(int(number)) if number.isdigit() else None
        if code and _sections(code):
            styles[str(index)] = code
    return styles


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its part in the archive (``xl/worksheets/sheet1.xml``)."""
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in archive.NameToInfo:
        return {}
    return _parts_in(archive.read(rels_name), archive.read("xl/workbook.xml"))


@functools.lru_cache(maxsize=64)
def _parts_in(rels: bytes, book: bytes) -> dict[str, str]:
    """The worksheet parts named by one workbook.xml and its rels; memoised like the styles."""
    import posixpath

    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in _elements(_xml_text(rels), "Relationship")
    }
    parts = {}
    for sheet in _elements(_xml_text(book), "sheet"):
        rel = next((v for k, v in sheet.items() if k.endswith(":id")), None)
        target = targets.get(rel)
        if target:
            part = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(part)
    return parts


_WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
# The few attributes read from workbook.xml, its rels and styles.xml are found by pattern:
# an XML parser costs more to import (~13 ms) than these small parts take to scan.
_CELL_XFS = re.compile(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_text(data: bytes) -> str:
    """A part of the archive as text, without XML comments."""
    return _COMMENT.sub("", data.decode("utf-8"))


def _elements(xml: str, name: str) -> list[dict[str, str]]:
    """The attributes of each ``<name …>`` (or ``<prefix:name …>``) start tag."""
    tags = re.finditer(rf"<(?:\w+:)?{name}(?=[\s/>])([^>]*)>", xml)
    return [
        {m.group(1): _unescape(m.group(2) or m.group(3) or "") for m in _ATTRIBUTE.finditer(tag)}
        for tag in (t.group(1) for t in tags)
    ]


def _unescape(text: str) -> str:
    """An attribute value with XML's character and entity references replaced (calamine,
    which reads the workbook first, refuses references to no character)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    hexadecimal, decimal, name = match.groups()
    if name:
        return _NAMED_ENTITIES[name]
    return chr(int(hexadecimal, 16) if hexadecimal else int(decimal))


# --- cell comments of an .xlsx ------------------------------------------------------------


def _tolerant_comments(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Cell comments by worksheet name, then (row, column), 1-based; nothing when the workbook
    has no comment part (most have none: then only the part names are looked at)."""
    if not any("comment" in name.lower() for name in archive.NameToInfo):
        return {}
    from xml.etree.ElementTree import ParseError

    try:
        return _comments(archive)
    except (ParseError, ValueError, KeyError):
        return {}


def _comments(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """The legacy comments part of each worksheet (Excel also writes one for threaded
    comments, holding their text)."""
    import posixpath
    from xml.etree import ElementTree

    found: dict[str, dict[tuple[int, int], str]] = {}
    for sheet, part in _sheet_parts(archive).items():
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in archive.NameToInfo:
            continue
        for rel in ElementTree.fromstring(archive.read(rels)).iter():
            if not rel.get("Type", "").endswith("/comments"):
                continue
            target = rel.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            target = posixpath.normpath(target)
            if target in archive.NameToInfo:
                found[sheet] = _comment_texts(ElementTree.fromstring(archive.read(target)))
    return found


def _comment_texts(root: Element) -> dict[tuple[int, int], str]:
    texts = {}
    for comment in root.iterfind("{*}commentList/{*}comment"):
        where = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", comment.get("ref", "").split(":")[0])
        body = comment.find("{*}text")
        if where is None or body is None:
            continue
        runs = [body.find("{*}t"), *(run.find("{*}t") for run in body.iterfind("{*}r"))]
        text = "".join(t.text or "" for t in runs if t is not None).strip()
        if text:
            column = _column_index(where.group(1).encode()) + 1
            texts[(int(where.group(2)), column)] = text
    return texts
